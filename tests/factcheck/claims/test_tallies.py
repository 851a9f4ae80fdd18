"""Vote tallies and scores: one pair, compared as a pair; another pair conflicts only for the same body."""

from __future__ import annotations

import pytest

from factcheck.claims import compare, create_extractor
from factcheck.claims.model import QuantityClaim

EXTRACTOR = create_extractor("spacy")


def tallies(sentence: str) -> list[str]:
    (claims,) = EXTRACTOR.extract([sentence])
    return [c.describe() for c in claims if isinstance(c, QuantityClaim) and c.counted == "tally"]


def verdicts(claim: str, source: str) -> set[str]:
    (a,), (b,) = EXTRACTOR.extract([claim]), EXTRACTOR.extract([source])
    return {j.verdict for x in a for y in b if (j := compare(x, y)) is not None}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Veskian Senate voted 61-9 to approve the treaty.", ["a 61-9 tally (senate)"]),
        ("The final tally was 61-9.", ["a 61-9 tally"]),
        (
            "The assembly passed it 204-180 on Monday, after a 61-9 vote in the Veskian Senate.",
            ["a 204-180 tally (assembly)", "a 61-9 tally (senate)"],
        ),
        # a vote written with "to"
        ("The Veskian Senate approved the treaty by a vote of 61 to 9.", ["a 61-9 tally (senate)"]),
        # the vote the pair counts is in a phrase of the verb whose subject voted
        ("The Veskian Senate approved the treaty by a 61-9 vote.", ["a 61-9 tally (senate)"]),
        # a comma after the pair ends the phrase; a comma inside a figure does not
        (
            "The Veskian Senate approved the treaty by a vote of 61 to 19, with all but two members voting.",
            ["a 61-19 tally (senate)"],
        ),
        ("The assembly voted 204 to 180 on Monday.", ["a 204-180 tally (assembly)"]),
        ("It passed on a 7-to-2 vote.", ["a 7-2 tally"]),
        # ranges, years, shares and money are no tallies; nor two counts joined by "to" where no vote is named
        ("Between 40-50 people were hurt in 2019-2020.", []),
        ("Prices rose 20-30% to $3-4 million.", []),
        ("The toll fell from 9 to 7 after a recount of the votes.", []),
        ("The team won 3 to 1, a 3-to-1 ratio of goals.", []),
    ],
)
def test_tallies_read(sentence: str, expected: list[str]) -> None:
    assert tallies(sentence) == expected


def test_a_tally_agrees_wherever_it_stands_and_conflicts_only_for_the_same_body() -> None:
    claim = "The Veskian Senate voted 61-9 to approve the treaty."
    assert verdicts(claim, "The final tally was 61-9.") == {"agree"}
    assert verdicts(claim, "The Veskian Senate approved the treaty 62-8 on Monday.") == {"conflict"}
    # another body's vote in the same story, and a tally no body is named for, decide nothing
    assert verdicts(claim, "The assembly approved the treaty 204-180.") == set()
    assert verdicts(claim, "The final tally was 62-8.") == set()
    # the same pair written with "to" is the same tally
    written_with_to = "The Veskian Senate approved the treaty by a vote of {} to {}."
    assert verdicts(written_with_to.format(61, 9), "The Senate voted 61-9.") == {"agree"}
    assert verdicts(written_with_to.format(62, 8), "The Senate voted 61-9.") == {"conflict"}
