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


def test_a_subject_describing_one_person_refers_to_the_subject_just_named() -> None:
    _, described, _, farther = statements(
        "Ivo Petrak refused to quit the race on Monday.",
        "The Republican congressman is facing a 5 p.m. deadline to withdraw.",
        "Ivo Petrak spoke to reporters.",
        "The crowd cheered.",
    )
    assert described.referent == "Ivo Petrak"
    assert described.text[described.referent_start : described.referent_end] == "The Republican congressman"
    assert "person:petrak" in described.terms
    assert spelled_out(
        described.text, Referent(described.referent, described.referent_start, described.referent_end)
    ) == ("Republican congressman Ivo Petrak is facing a 5 p.m. deadline to withdraw.")
    assert farther.referent == ""  # no person noun
    _, acted = statements("Ivo Petrak refused to quit the race on Monday.", "The congressman endorsed Marek Vasko.")
    (act,) = map(Act.decode, acted.acts)
    assert (act.doer_text, act.verb, act.target_text) == ("Ivo Petrak", "endorse", "Marek Vasko")


def test_a_description_that_may_mean_someone_else_refers_to_no_one() -> None:
    for sentence in (
        "The congressman from Strenna said nothing.",  # which congressman the phrase after it says
        "The Velmar spokesman denied it.",  # whose spokesman the name says
        "The senators denied it.",  # more than one
    ):
        _, other = statements("Ivo Petrak refused to quit the race on Monday.", sentence)
        assert other.referent == "", sentence
    # only right after the sentence that names the person
    *_, far = statements(
        "Ivo Petrak refused to quit the race on Monday.", "The council met on Tuesday.", "The congressman left."
    )
    assert far.referent == ""


def test_the_one_other_person_named_where_the_subject_is_ruled_out_by_an_honorific() -> None:
    """ "Mr. Petrak had been accused ... by Ana Vasko, his former aide. She sued him in 2014": "she" cannot be Mr.
    Petrak, and Ana Vasko is the one other person that sentence names. With two others, or the other ruled out by an
    honorific as well, nobody is chosen."""
    _, sued, repay = statements(
        "It was known for several years that Mr. Petrak had been accused of sexual harassment by Ana Vasko, his "
        "former communications director.",
        "She sued him in 2014, claiming that he had fired her.",
        "He said he would repay the money.",
    )
    assert sued.referent == "Ana Vasko" and sued.text[sued.referent_start : sued.referent_end] == "She"
    assert repay.referent == "Petrak"
    _, two = statements(
        "Mr. Petrak had been accused by Ana Vasko and Mara Quist of harassment.", "She sued him in 2014."
    )
    assert two.referent == ""
    _, ruled_out = statements("Mr. Petrak had been accused by Mr. Brenko of harassment.", "She sued him in 2014.")
    assert ruled_out.referent == ""
