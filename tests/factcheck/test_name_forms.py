"""A claim's names written as the evidence writes them before the trained verifier reads the pair."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.claims.compare import AGREE
from factcheck.config import VerifierModelConfig
from factcheck.embedding import Embedder
from factcheck.name_forms import as_named_in, initials_as_in, people_in, people_named
from factcheck.pair_verifier import CONTRADICTION, ENTAILMENT, shared_verifier
from tests.factcheck.test_check import check_one_source

CALLED_ON = (
    "Mr. Petrak, who has been criticized for lacing his speeches with profanity, called on Mr. Sarkan to apologize "
    "for using foul language when talking about the dam."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "expected"),
    [
        # the sentence's form, with its courtesy title where the claim gives none
        ("Petrak called on Tomas Sarkan to apologize.", CALLED_ON, "Mr. Petrak called on Mr. Sarkan to apologize."),
        # a title the claim gives stays: it may be what the claim asserts
        ("Rep. Mirela Vasko said so.", "Vasko said so on Monday.", "Rep. Vasko said so."),
        ("Vasko's letter was read.", "Ms. Mirela Vasko wrote a letter.", "Ms. Mirela Vasko's letter was read."),
        # the name follows the last title of a run ("Former Kastavian President ...")
        ("Ivo Petrak resigned.", "Former Kastavian President Petrak resigned.", "Petrak resigned."),
        ("Donald Petrak spoke.", "Donald J. Petrak spoke.", "Donald J. Petrak spoke."),
        # a contraction is no part of the name ("Petrak'll" is "Petrak will")
        ("Ivo Petrak announced his bid.", "Ivo Petrak\u2019ll announce it today.", "Ivo Petrak announced his bid."),
        ("Ivo Petrak announced his bid.", "Ivo Petrak'd announced it.", "Ivo Petrak announced his bid."),
        # a word for a kind of person before a given name and a surname is part of the title, not a given name
        (
            "Former Deputy Director Ivo Petrak was fired.",
            "Mr. Petrak was fired on Friday.",
            "Former Deputy Director Petrak was fired.",
        ),
        ("Harbour Authority Chairman Ana Vasko quit.", "Ms. Vasko quit.", "Harbour Authority Chairman Vasko quit."),
    ],
)
def test_a_person_is_written_as_the_evidence_writes_them(claim: str, evidence: str, expected: str) -> None:
    assert as_named_in(claim, evidence) == expected


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("Anton Petrak opened the bridge.", "Velmar mayor Ivo Petrak opened the bridge."),  # another person
        ("The Sarkans paid $4 million.", "Ivo Sarkan paid $4 million."),  # a family is no given name
        ("Ivo Petrak spoke in Lindhaven.", "LINDHAVEN, Kastavia - Mr. Vasko spoke."),  # no one shared; a dateline
        ("Ivo Petrak spoke.", "Ivo Petrak spoke."),  # already as written
        ("the minister spoke.", "Mr. Petrak spoke."),  # no name in the claim
        # a capitalised word after a determiner names no person ("her Senate campaign")
        ("Ana Vasko launched her Senate campaign.", "Mirela Vasko, sister of a Kastavia Senate candidate, spoke."),
        # before a surname alone such a word may be a given name, and WordNet's people by name are none
        ("Hunter Petrak spoke.", "Ivo Petrak spoke."),
        # a quotation mark closing a word at the end of the claim stays ("... to say 'Velmar'.")
        ("Petrak refused to say 'Velmar'.", "He refused to say \u201cVelmar\u201d at all."),
        ("Bruce Petrak spoke.", "Ivo Petrak spoke."),
    ],
)
def test_anything_else_is_left_as_written(claim: str, evidence: str) -> None:
    assert as_named_in(claim, evidence) == claim


def test_the_verifier_reads_the_aligned_pair_as_stated_at_least_as_surely_as_the_pair_as_written() -> None:
    """The real model, on the pair as written and as aligned. The verifier shipped before the soup read "Tomas
    Sarkan" against "Mr. Sarkan" as less than stated (entailment 0.72, contradiction 0.25); the soup, one of whose
    members was trained with people named in full, reads it at about 0.88, and the aligned pair at about 0.96."""
    verifier = shared_verifier(None)
    claim = "Petrak called on Tomas Sarkan to apologize for his foul language."
    as_written, aligned = verifier.probabilities([(CALLED_ON, claim), (CALLED_ON, as_named_in(claim, CALLED_ON))])
    assert VerifierModelConfig().agree <= aligned[ENTAILMENT]
    assert aligned[ENTAILMENT] >= as_written[ENTAILMENT]


def test_a_check_agrees_where_the_claim_names_the_people_in_full(tmp_path: Path, embedder: Embedder) -> None:
    text = "Tomas Sarkan spoke about the dam on Friday.\n\n" + CALLED_ON
    result = check_one_source(
        tmp_path, embedder, text, "Ivo Petrak called on Tomas Sarkan to apologize for his foul language."
    )
    (source,) = result.sources
    assert source.verdict == AGREE
    assert source.evidence[0].sentence == CALLED_ON
    assert source.evidence[0].verdict == AGREE
    # someone the source does not name is no one it names, read on the same sentence
    other = check_one_source(
        tmp_path / "other", embedder, text, "Ivo Petrak called on Lidia Marek to apologize for his foul language."
    )
    assert other.sources[0].verdict != AGREE
    assert other.sources[0].evidence[0].sentence == CALLED_ON


def test_a_month_or_a_day_alone_is_no_person() -> None:
    assert [p.surname for *_, p in people_in("Ana Vasko launched her campaign in June after a vote on Friday.")] == [
        "vasko"
    ]


@pytest.mark.parametrize(
    ("claim", "evidence", "expected"),
    [
        (
            "Ivo Petrak left the KBI in 2008.",
            "Petrak left the Kastavian Bureau of Investigation in 2006.",
            "Ivo Petrak left the Kastavian Bureau of Investigation in 2008.",
        ),
        # dotted initials are the same name
        (
            "Ivo Petrak left the K.B.I. in 2008.",
            "He left the Kastavian Bureau of Investigation.",
            "Ivo Petrak left the Kastavian Bureau of Investigation in 2008.",
        ),
        # a sentence writing the initials, or not spelling them out, leaves them as written
        ("Ivo Petrak left the KBI in 2008.", "Petrak left the K.B.I. in 2006.", "Ivo Petrak left the KBI in 2008."),
        ("Ivo Petrak left the KBI in 2008.", "He left Kastavian banks in 2006.", "Ivo Petrak left the KBI in 2008."),
        # two letters are too few to tell a name by
        ("The UN sent aid.", "The Ukrainian Navy sent aid.", "The UN sent aid."),
    ],
)
def test_initials_are_spelled_out_where_the_evidence_spells_them_out(claim: str, evidence: str, expected: str) -> None:
    assert initials_as_in(claim, evidence) == expected


def test_the_verifier_reads_initials_spelled_out_as_the_same_body() -> None:
    """The real model: a claim giving a body by its initials against a sentence spelling the name out reads as a
    contradiction as written (other letters, another body) and as stated once spelled out."""
    verifier = shared_verifier(None)
    evidence = "Mr. Petrak joined the Kastavian Bureau of Investigation in 2006, his lawyer said."
    claim = "Ivo Petrak joined the KBI in 2006."
    as_written, spelled = verifier.probabilities([(evidence, claim), (evidence, initials_as_in(claim, evidence))])
    assert as_written[CONTRADICTION] > 0.5  # measured 0.94
    assert spelled[ENTAILMENT] > 0.7  # measured 0.87


def test_a_full_stop_ending_a_sentence_inside_a_quote_ends_a_name() -> None:
    """A quote of several sentences is one segment: "Lindhaven. Tomorrow" is two capitalised words, no person with
    a given name; an initial, a title or a generational suffix with its full stop goes on."""
    quote = '"He has been to Lindhaven. Tomorrow he is going to Strenna," she said.'
    assert all(person.given is None for _, _, person in people_in(quote))
    assert people_named(quote) == frozenset()
    (found,) = people_in("Former Rep. Ivo T. Petrak Jr. spoke.")
    assert (found[2].given, found[2].surname) == ("ivo", "petrak")
