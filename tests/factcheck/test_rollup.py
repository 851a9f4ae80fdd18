"""How judgements of a claim's parts add up to a source's verdict and to the overall verdict."""

from __future__ import annotations

import pytest

from factcheck.source_verdicts import _descriptive, overall, roll_up
from tests.factcheck.claims.test_extract import claims_of

A, C, U = "agree", "conflict", "unverified"


@pytest.mark.parametrize(
    ("parts", "per_part", "free_form", "covered", "expected"),
    [
        (1, {0: {A}}, set(), True, A),
        (1, {0: {C}}, set(), True, C),
        (1, {0: {A, C}}, set(), True, "mixed"),  # the source itself says both
        (2, {0: {A}, 1: {C}}, set(), True, C),  # one part contradicted: the claim does not hold
        (2, {0: {A}}, set(), True, U),  # one part confirmed, the other not spoken of
        (1, {0: {U}}, set(), True, U),
        (1, {0: {A}}, {C}, False, C),  # details agree but the sentence as a whole is denied
        (1, {0: {A}}, set(), False, U),  # details agree around an assertion nothing confirms
        (0, {}, {A}, False, A),  # free text restated
        (0, {}, {C}, False, C),  # free text denied
        (1, {}, {A}, False, U),  # typed parts found nothing: a restatement by similarity alone is not enough
    ],
)
def test_source_roll_up(
    parts: int, per_part: dict[int, set[str]], free_form: set[str], covered: bool, expected: str
) -> None:
    assert roll_up(parts, per_part, free_form, covered) == expected


def test_descriptive_roles_need_no_confirmation() -> None:
    # "led by its foreign minister, X": the group part agrees, the role part found nothing to compare
    assert roll_up(2, {1: {A}}, set(), True, descriptive_parts=[True, False]) == A
    # ... but a contradicted role still counts
    assert roll_up(2, {0: {C}, 1: {A}}, set(), True, descriptive_parts=[True, False]) == C


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [([A, U], A), ([C, U], C), ([A, C], "mixed"), (["mixed", U], "mixed"), ([U, U], U), ([], U)],
)
def test_overall(verdicts: list[str], expected: str) -> None:
    assert overall(verdicts) == expected


def test_a_persons_party_describes_them() -> None:
    # "Lieberman was the Democratic nominee": a source that never gives his party leaves it to the sentence
    assert roll_up(1, {}, {A}, False, descriptive_parts=[True]) == A
    assert roll_up(1, {}, set(), False, descriptive_parts=[True]) == U
    # ... the same party alone, without the sentence agreeing, confirms nothing of the rest
    assert roll_up(1, {0: {A}}, set(), False, close_enough=True, descriptive_parts=[True]) == U
    assert roll_up(1, {0: {A}}, {A}, False, descriptive_parts=[True]) == A
    # ... and another party contradicts it
    assert roll_up(1, {0: {C}}, set(), False, descriptive_parts=[True]) == C
    # a party that is all the claim says ("X is a registered Republican") is confirmed by the same party
    assert roll_up(1, {0: {A}}, set(), False, close_enough=True, descriptive_parts=[False]) == A


def test_a_title_before_the_name_of_someone_who_did_something_describes_them() -> None:
    """ "FBI Director Ivo Petrak personally ordered the firing": a source naming Petrak director confirms who he is,
    not the order; "Ivo Petrak is the FBI director" is the post itself."""

    def described(claim: str) -> list[bool]:
        (claims,) = claims_of(claim)
        parts = [c for c in claims if c.kind != "statement"]
        statements = [c for c in claims if c.kind == "statement"]
        assert parts, claim  # the post was read
        return _descriptive(parts, statements)  # type: ignore[arg-type]

    assert described("KBI Director Ivo Petrak personally ordered the firing of Ana Vasko.") == [True]
    assert described("Ivo Petrak is the KBI director.") == [False]
    # or who is something else: the title names him, the church is the news
    assert described("Velmar Gov. Ivo Petrak is a Baptist.") == [True]
    # described only, the post agreeing leaves the order to the sentence as a whole
    assert roll_up(1, {0: {A}}, set(), False, close_enough=True, descriptive_parts=[True]) == U
