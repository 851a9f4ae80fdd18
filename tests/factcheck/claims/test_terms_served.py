"""How many terms a named person has served ("a six-term congressman"): read as a figure about that person, compared
only with the terms of the same person. Sentences written for these tests."""

from __future__ import annotations

import pytest

from factcheck.claims import compare, create_extractor
from factcheck.claims.model import QuantityClaim

EXTRACTOR = create_extractor("spacy")


def terms(sentence: str) -> list[tuple[str, str | None, float | None]]:
    (claims,) = EXTRACTOR.extract([sentence])
    return [(c.text, c.group, c.amount.anchor) for c in claims if isinstance(c, QuantityClaim) and c.counted == "term"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ivo Petrak is a six-term councillor.", [("six-term", "terms of petrak", 6.0)]),
        (
            "Mr. Petrak, a seven-term Velmar councillor, was seen on the video.",
            [("seven-term", "terms of petrak", 7.0)],
        ),
        (
            "A seven-term Velmar councillor, Ivo Petrak, was seen on the video.",
            [("seven-term", "terms of petrak", 7.0)],
        ),
        # no named person: not a count of anyone's terms
        ("A two-term limit applies to Velmar councillors.", []),
        ("Velmar councillors serve four-year terms.", []),
    ],
)
def test_terms_of_a_named_person(sentence: str, expected: list[tuple[str, str, float]]) -> None:
    assert terms(sentence) == expected


def test_terms_are_compared_for_the_same_person_only() -> None:
    def verdicts(claim: str, source: str) -> set[str]:
        (a,), (b,) = EXTRACTOR.extract([claim]), EXTRACTOR.extract([source])
        return {
            j.verdict for x in a for y in b if x.kind == "quantity" and (j := compare(x, y, similarity=0.8)) is not None
        }

    claim = "Ivo Petrak is a six-term councillor."
    assert verdicts(claim, "Mr. Petrak, a seven-term Velmar councillor, was seen on the video.") == {"conflict"}
    assert verdicts(claim, "Mr. Petrak, a six-term Velmar councillor, was seen on the video.") == {"agree"}
    assert verdicts(claim, "Ana Vasko, a seven-term Velmar councillor, was seen on the video.") == set()


def test_the_terms_of_a_described_subject_are_the_terms_of_the_person_just_named() -> None:
    _, described = EXTRACTOR.extract(
        ["Councillor Ivo Petrak refused to resign on Monday.", "The seven-term councillor apologized on Tuesday."]
    )
    found = [(c.text, c.group) for c in described if isinstance(c, QuantityClaim) and c.counted == "term"]
    assert found == [("seven-term", "terms of petrak")]
    # alone, the sentence names no one whose terms they are
    assert terms("The seven-term councillor apologized on Tuesday.") == []
