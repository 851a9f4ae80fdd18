"""Whom a pronoun subject means, read in order through an article written for these tests."""

from __future__ import annotations

from factcheck.claims.acts import Act
from factcheck.claims.model import StatementClaim
from factcheck.claims.referents import Referent, spelled_out
from tests.factcheck.claims.test_extract import claims_of, only


def statements(*sentences: str) -> list[StatementClaim]:
    found = [only(c, StatementClaim)[0] for c in claims_of(*sentences)]
    assert all(isinstance(s, StatementClaim) for s in found)
    return found  # type: ignore[return-value]


def test_a_pronoun_subject_is_the_person_last_named_as_a_subject() -> None:
    first, second, third = statements(
        "Ivo Petrak resigned as mayor of Strenna on Monday.",
        "He was the third mayor to leave office early.",
        "He endorsed Marek Vasko for the post.",
    )
    assert first.referent == ""
    assert second.referent == "Ivo Petrak"
    assert second.text[second.referent_start : second.referent_end] == "He"
    assert "person:" + "petrak" in second.terms  # the statement names him
    assert third.referent == "Ivo Petrak"  # two sentences on, still the subject of the story
    (act,) = map(Act.decode, third.acts)
    assert (act.doer_text, act.verb, act.target_text) == ("Ivo Petrak", "endorse", "Marek Vasko")


def test_no_referent_against_the_honorific_or_too_far_back() -> None:
    _, other_gender = statements("Mrs. Varga opened the fair.", "He praised the organisers.")
    assert other_gender.referent == ""
    *_, far = statements(
        "Ivo Petrak resigned on Monday.",
        "The council met on Tuesday.",
        "The budget was approved.",
        "A new date was set.",
        "He left the city.",
    )
    assert far.referent == ""


def test_the_sentence_spelled_out_for_the_verifier() -> None:
    text = "He was the third mayor to leave office early."
    assert spelled_out(text, Referent("Ivo Petrak", 0, 2)) == "Ivo Petrak was the third mayor to leave office early."
    assert spelled_out(text, None) == text
