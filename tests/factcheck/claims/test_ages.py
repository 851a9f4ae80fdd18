"""Ages of named people: read in the forms news uses, compared only for the same person."""

from __future__ import annotations

import pytest

from factcheck.claims import compare, create_extractor
from factcheck.claims.model import QuantityClaim

EXTRACTOR = create_extractor("spacy")


def ages(sentence: str) -> list[str]:
    (claims,) = EXTRACTOR.extract([sentence])
    return [c.describe() for c in claims if isinstance(c, QuantityClaim) and c.counted == "age"]


def verdicts(claim: str, source: str) -> set[str]:
    (a,), (b,) = EXTRACTOR.extract([claim]), EXTRACTOR.extract([source])
    return {j.verdict for x in a for y in b if (j := compare(x, y)) is not None}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Maria Roal, 54, announced her candidacy on Monday.", ["Maria Roal aged 54"]),
        ("Maria Roal is 54 years old.", ["Maria Roal aged 54"]),
        # "at 54" opening the clause: the age of its subject; a clock time or a share is none
        ("At 54, Maria Roal became the oldest mayor of Velmar.", ["Maria Roal aged 54"]),
        ("At age 54, Ms. Roal became the oldest mayor of Velmar.", ["Roal aged 54"]),
        ("At 10 a.m., Maria Roal opened the session.", []),
        ("At 54 percent, Velmar's turnout was the highest.", []),
        ("The 54-year-old Roal announced her candidacy.", ["Roal aged 54"]),
        ("She is a 54-year-old lawyer, Maria Roal, from the coast.", ["Maria Roal aged 54"]),
        # a surname alone that the tagger reads as a common noun and the entity recogniser as an organisation
        ("Wagner is 54 years old.", ["Wagner aged 54"]),
        # a bare number "be" says of a named person; not a rank, a share or a number said of a thing
        ("Maria Roal is 54.", ["Maria Roal aged 54"]),
        ("Maria Roal was 54 when she ran for the Velmar council.", ["Maria Roal aged 54"]),
        # a relative clause on the name: "who" is the person
        ("Maria Roal, who is 54, announced her candidacy.", ["Maria Roal aged 54"]),
        ("Roal, who is 54 years old, announced her candidacy.", ["Roal aged 54"]),
        ("Maria Roal was one of 12 candidates in Velmar.", []),
        ("Maria Roal was 1 of 12 candidates in Velmar.", []),
        ("The Velmar turnout was 54 percent.", []),
        ("The Velmar council's budget deficit is 54.", []),
        # no age: a number word, a count of other things, a distance beside a name
        ("Not a one defended Roal.", []),
        ("Roal met 54 delegates on Monday.", []),
        ("The town of Lauten, 16 miles away, flooded.", []),
    ],
)
def test_ages_read(sentence: str, expected: list[str]) -> None:
    assert ages(sentence) == expected


def test_one_persons_ages_agree_and_conflict() -> None:
    assert verdicts("Maria Roal is 54 years old.", "Roal, 54, announced her candidacy.") == {"agree"}
    assert verdicts("Maria Roal is 51 years old.", "Roal, 54, announced her candidacy.") == {"conflict"}
    # a year apart: a birthday may fall between two articles, so neither confirms nor rules out
    assert verdicts("Maria Roal is 53 years old.", "Roal, 54, announced her candidacy.") == {"unverified"}
    assert verdicts("Wagner is 48 years old.", "Mila Wagner, 46, runs the harbour office.") == {"conflict"}


def test_another_person_of_the_same_surname_is_not_compared() -> None:
    assert ages("Maria Roal is 54 years old.") and ages("Jonas Roal, 58, announced his candidacy.")
    assert verdicts("Maria Roal is 54 years old.", "Jonas Roal, 58, announced his candidacy.") == set()


def test_the_age_of_someone_unnamed_is_no_figure() -> None:
    """ "a 15-year-old girl ..., and a six-year-old girl": two people told apart by their ages, no figure to
    compare (read as one, the two girls would conflict)."""
    sentence = "Cases include a 15-year-old girl attacked in Velmar in May, and a 6-year-old girl attacked in July."
    (claims,) = EXTRACTOR.extract([sentence])
    assert [c for c in claims if isinstance(c, QuantityClaim)] == []
    assert {c.kind for c in claims} >= {"time"}  # the sentence was read


def test_an_age_after_its_verb_is_that_happenings() -> None:
    """ "moved to the mainland at age 13": the age at a happening, however long ago, is no age of the person now."""
    moved = "Maria Roal moved with her mother to Velmar at age 13."
    (figure,) = [c for c in EXTRACTOR.extract([moved])[0] if isinstance(c, QuantityClaim)]
    assert (figure.amount.anchor, figure.event, figure.group) == (13.0, "move", None)
    assert ages("Maria Roal, 46, ran for the Velmar council.") == ["Maria Roal aged 46"]
    assert verdicts("Maria Roal, 46, ran for the Velmar council.", moved) == set()


def test_the_age_of_whoever_the_sentence_quotes_is_the_writers() -> None:
    """ "said Ana Vasko, 22, a student": the age describes the speaker, it is not something she said (the reason read
    "source says Vasko aged 22, according to Ana Vasko"); an age in what someone else says stays theirs."""
    (quoted,) = [
        c
        for c in EXTRACTOR.extract(['"This is how it should be," said Ana Vasko, 22, a student.'])[0]
        if isinstance(c, QuantityClaim)
    ]
    assert quoted.describe() == "Ana Vasko aged 22" and quoted.attribution is None
    (reported,) = [
        c
        for c in EXTRACTOR.extract(["Mayor Ivo Petrak said Ana Vasko, 22, was arrested."])[0]
        if isinstance(c, QuantityClaim)
    ]
    assert reported.attribution is not None and reported.attribution.key == "person:petrak"
