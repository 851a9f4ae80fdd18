"""Properties of figure parsing (hypothesis): never raises on any text, and keeps its invariants.

Invariants read off the code: ``parse_number`` gives None or a finite non-negative float and reads digits,
thousands separators and spelled-out numbers back to their value; every ``Amount`` of ``find_amounts`` is the
text at its offsets, amounts come left to right without overlapping, each interval is ``low <= high`` within
``[0, inf]`` and relates to the stated figure as its qualifier says.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.claims.numbers import _AMOUNT, _MAY_HOLD_AMOUNT, Amount, Interval, find_amounts, parse_number

QUALIFIERS = {"exact", "approx", "lower", "upper", "range", "vague"}
# Words the figure grammar knows, mixed with digits, punctuation and spaces: arbitrary text rarely spells a
# figure, this does, in every combination the regular expressions have to survive.
WORDS = (
    "more than|at least|fewer than|about|nearly|up to|between|and|from|to|some|an estimated|exactly|over|under|"
    "tens of thousands|dozens|a few|several hundred|a|one|twelve|twenty|ninety|hundred|thousand|million|bn|m|k|"
    "people|km|kilometre|miles|mile|%|per cent|percent|days|years|tonnes|$|€|£|dollars|March|May|am|p.m.|"
    "a.m.|st|th|No.|page|2024|1999|(|)|-|\u2013|,|.|:|/|12,000|1.5|63|0|007|1,000-kilometre|620-mile|10:30|"
    "1" + "0" * 400
).split("|")
figure_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.integers(0, 10**9).map(str), st.text(max_size=3)), max_size=14
).map(" ".join)
any_text = st.one_of(st.text(max_size=200), figure_text)


def words_for(n: int) -> str:
    """An independent spelling of 0 <= n < 1,000,000 in words, as news copy writes it."""
    small = (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
    tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()

    def below_hundred(k: int) -> str:
        if k < 20:
            return small[k]
        return tens[k // 10 - 2] + ("" if k % 10 == 0 else "-" + small[k % 10])

    def below_thousand(k: int) -> str:
        hundreds, rest = divmod(k, 100)
        if not hundreds:
            return below_hundred(rest)
        return f"{small[hundreds]} hundred" + ("" if rest == 0 else f" and {below_hundred(rest)}")

    thousands, rest = divmod(n, 1000)
    if not thousands:
        return below_thousand(rest)
    return f"{below_thousand(thousands)} thousand" + ("" if rest == 0 else f" {below_thousand(rest)}")


@settings(max_examples=500)
@given(any_text)
@example("1" + "0" * 400)  # regression: the rounding slack of a 401-digit figure overflowed (OverflowError)
@example("9" * 400 + " km")
def test_parse_number_never_raises_and_is_finite(text: str) -> None:
    value = parse_number(text)
    assert value is None or (math.isfinite(value) and value >= 0)


@settings(max_examples=300)
@given(st.integers(0, 2**53))
def test_digits_and_thousands_separators_read_back(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"  {n}  ") == n


@settings(max_examples=300)
@given(st.integers(0, 999_999))
def test_spelled_numbers_read_back(n: int) -> None:
    assert parse_number(words_for(n)) == n
    assert parse_number(words_for(n).upper()) == n


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_parse_number_ignores_case_and_outer_space(text: str) -> None:
    assert parse_number(f" {text.upper()}\t") == parse_number(text)


@settings(max_examples=500)
@given(any_text)
@example("the " + "1" + "0" * 400 + " people and 5 more")  # regression, as above, through find_amounts
@example("roughly 1,000-kilometre (620-mile) front, between 40 and 50 people, 40-50 km, from 5 to 3")
@example("under 0")  # regression: "fewer than 0" made an interval with high < low
def test_find_amounts_invariants(text: str) -> None:
    amounts = find_amounts(text)
    for amount in amounts:
        assert 0 <= amount.start < amount.end <= len(text)
        assert text[amount.start : amount.end] == amount.text
        check_interval(amount)
    for left, right in itertools.pairwise(amounts):
        assert left.end <= right.start, (left, right)


@settings(max_examples=1000)
@given(st.one_of(any_text, figure_text.map(str.upper), figure_text.map(str.title)))
@example("for an hour")
@example("A HUNDRED")
@example("\u0663\u0660 people")  # digits of another script are digits to both
def test_the_quick_test_lets_every_amount_through(text: str) -> None:
    """find_amounts scans a sentence with its full pattern only if the quick test finds something there: every text
    the full pattern finds a figure in passes the quick test."""
    if _AMOUNT.search(text) is not None:
        assert _MAY_HOLD_AMOUNT.search(text) is not None


def check_interval(amount: Amount) -> None:
    low, high = amount.interval.low, amount.interval.high
    assert 0 <= low <= high, amount  # NaN fails every comparison
    assert amount.qualifier in QUALIFIERS, amount
    assert (amount.dimension is None) == (amount.unit is None), amount
    assert (amount.anchor is None) == (amount.qualifier in {"range", "vague"}), amount
    if amount.anchor is None:
        return
    assert math.isfinite(amount.anchor) and amount.anchor >= 0, amount
    if amount.qualifier in {"exact", "approx"}:
        assert low <= amount.anchor <= high, amount
    elif amount.qualifier == "lower":  # "more than 5": above the figure, unbounded
        assert amount.anchor <= low and high == math.inf, amount
    else:  # "fewer than 5": from zero to the figure
        assert low == 0 and high <= amount.anchor, amount


intervals = st.tuples(st.floats(0, 1e6), st.floats(0, 1e6)).map(lambda pair: Interval(min(pair), max(pair)))


@settings(max_examples=300)
@given(intervals, intervals)
def test_interval_relations(a: Interval, b: Interval) -> None:
    assert a.overlaps(b) == b.overlaps(a)
    assert a.contains(a) and a.overlaps(a)
    if a.contains(b):
        assert a.overlaps(b)
    if a.contains(b) and b.contains(a):
        assert a == b


@pytest.mark.parametrize("text", ["1" + "0" * 400 + " people", "about 1" + "0" * 400, "between 1 and 1" + "0" * 400])
def test_figures_too_large_for_a_float_are_not_figures(text: str) -> None:
    """Regression: these raised OverflowError, a 500 on POST /v1/sources and /v1/claims/check."""
    assert find_amounts(text) == []


@pytest.mark.parametrize("text", ["under 0 people", "fewer than zero cases", "less than 0%"])
def test_nothing_is_fewer_than_zero(text: str) -> None:
    """Regression: "fewer than 0" was the empty interval [0, -5e-324], which conflicts with every figure."""
    assert find_amounts(text) == []
    (at_most,) = find_amounts("at most 0 people")
    assert (at_most.interval.low, at_most.interval.high) == (0, 0)
