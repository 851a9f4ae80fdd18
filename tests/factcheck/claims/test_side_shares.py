"""The shares two named sides hold, told as a pair ("Petrak led Vasko 47 percent to 45 percent")."""

from __future__ import annotations

import pytest

from factcheck.claims.model import QuantityClaim
from tests.factcheck.claims.test_compare import typed, verdicts


def shares(sentence: str) -> list[str]:
    return [c.describe() for c in typed(sentence) if isinstance(c, QuantityClaim) and c.counted == "shares"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # each side's share in the order the sides are named, whichever leads
        (
            "A Strenna Daily poll showed Petrak edging Vasko, 46 percent to 45 percent.",
            ["Petrak 46 percent, Vasko 45 percent"],
        ),
        ("In Velmar, Vasko trailed Petrak 45% to 47%.", ["Vasko 45 percent, Petrak 47 percent"]),
        ("Brenko beat Petrak 55.5 percent to 44.5 percent.", ["Brenko 55.5 percent, Petrak 44.5 percent"]),
        # a change of one share, and a pair with one side named, hold no sides' shares
        ("Support for the plan fell from 52 to 45 percent.", []),
        ("The Petrak campaign said its candidate trailed 45 to 47 percent.", []),
        # sides that are no names: a body, and a name describing one
        (
            "A Strenna Daily poll found voters preferred a Velmar-led Congress over a Kastavian one, 46 to 41 percent.",
            [],
        ),
    ],
)
def test_side_shares_read(sentence: str, expected: list[str]) -> None:
    assert shares(sentence) == expected


def test_the_same_shares_agree_and_shares_swapped_between_the_sides_conflict() -> None:
    claim = "A Strenna Daily poll found Petrak ahead of Vasko, 49 percent to 44 percent."
    assert verdicts(claim, "Petrak led Vasko 49 percent to 44 percent.") == {"agree"}
    assert verdicts(
        claim, "A Strenna Daily poll released Monday shows Vasko leading Petrak, 49 percent to 44 percent."
    ) == {"conflict"}


def test_other_shares_conflict_only_for_the_same_named_poll_in_the_same_place() -> None:
    claim = "The latest Strenna Daily poll had Petrak ahead of Vasko 47 percent to 45 percent."
    assert verdicts(claim, "The latest Strenna Daily poll showed Petrak edging Vasko, 46 percent to 45 percent.") == {
        "conflict"
    }
    # a poll no one names, and the same poll in one place, may be other polls of the same race
    assert verdicts(claim, "Petrak edged Vasko 46 percent to 45 percent.") == set()
    assert (
        verdicts(claim, "A Strenna Daily poll in Velmar showed Petrak edging Vasko, 46 percent to 45 percent.") == set()
    )
