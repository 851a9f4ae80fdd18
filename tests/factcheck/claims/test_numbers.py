"""Figures with qualifiers and units become intervals."""

from __future__ import annotations

import math

import pytest

from factcheck.claims.numbers import find_amounts, parse_number


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier", "dimension"),
    [
        ("more than 12,000 civilians", 12_000, math.inf, "lower", None),
        ("at least five civilians", 5, math.inf, "lower", None),
        ("fewer than 30 people", 0, 30, "upper", None),
        ("about 5,000 people", 4_500, 5_500, "approx", None),
        ("tens of thousands of soldiers", 10_000, 99_999, "vague", None),
        ("dozens of villages", 24, 99, "vague", None),
        # a dozen is twelve, qualified as any figure ("about two dozen" is no "about two")
        ("a dozen people", 12, 12, "exact", None),
        ("about a dozen people", 10.8, 13.2, "approx", None),
        ("about two dozen people", 21.6, 26.4, "approx", None),
        ("between 40 and 50 people", 40, 50, "range", None),
        ("between 50 and 40 people", 40, 50, "range", None),  # the same span written high to low
        # a bare low end shares the high end's scale word, unless it is above the high end's number
        ("between $19 and $22 million", 19_000_000, 22_000_000, "range", "money"),
        ("3 to 4 billion people", 3_000_000_000, 4_000_000_000, "range", None),
        ("between two and three million people", 2_000_000, 3_000_000, "range", None),
        ("between 500 and 2 million people", 500, 2_000_000, "range", None),
        ("five hundred and eighty-four people", 584, 584, "exact", None),
        ("40-50 people", 40, 50, "range", None),
        ("twenty-five people", 25, 25, "exact", None),
        ("63 people", 63, 63, "exact", None),
        ("12,000 people", 11_500, 12_500, "exact", None),  # rounded figures carry half their rounding unit
        ("$43 million", 42_500_000, 43_500_000, "exact", "money"),  # to the last digit before a scale word
        ("3.6 billion people", 3_550_000_000, 3_650_000_000, "exact", None),
        ("a 30-day ceasefire", 30, 30, "exact", "duration"),
        ("5% of the vote", 5, 5, "exact", "percent"),
        # a margin or a swing between two shares is not a share
        ("won by 36 percentage points", 36, 36, "exact", "points"),
        ("a swing of about 0.5 percentage point", 0.45, 0.55, "approx", "points"),
        # durations in days: "an hour" is one hour, minutes are a unit
        ("for over an hour", 1 / 24, math.inf, "lower", "duration"),
        ("about 30 minutes", 30 / 1440 * 0.9, 30 / 1440 * 1.1, "approx", "duration"),
        # one of a longer unit is a length after "within" or "for" (read to half a unit, as "two years" is)
        ("secure the border within a year", 365.25 / 2, 365.25 * 1.5, "exact", "duration"),
        ("suspended the accounts for a week", 3.5, 10.5, "exact", "duration"),
    ],
)
def test_intervals(text: str, low: float, high: float, qualifier: str, dimension: str | None) -> None:
    (amount,) = find_amounts(text)
    assert amount.interval.low == pytest.approx(low, rel=1e-6)
    if math.isfinite(high):
        assert amount.interval.high == pytest.approx(high, rel=1e-6)
    else:
        assert amount.interval.high == high
    assert (amount.qualifier, amount.dimension) == (qualifier, dimension)
    assert text[amount.start : amount.end] == amount.text


def test_a_conversion_in_parentheses_is_one_length() -> None:
    text = "the roughly 1,000-kilometre (620-mile) front line"
    (amount,) = find_amounts(text)
    assert amount.text == "roughly 1,000-kilometre (620-mile)"
    assert (amount.anchor, amount.unit, amount.interval.low, amount.interval.high) == (1000, "km", 900, 1100)
    (miles,) = find_amounts("a 620-mile front")
    assert miles.anchor == pytest.approx(997.8, abs=0.1)


@pytest.mark.parametrize(
    "text",
    [
        "at 10am on Friday",
        "10 a.m. Friday",
        "since March 1",
        "since 2022",
        "May 15, 2025",
        "the 10:30 train",
        "on Sept. 5",
        "5 Dec. 2020",
        "due Feb 3",
    ],
)
def test_times_dates_and_years_are_not_figures(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,000", 12000),
        ("1.2 million", 1_200_000),
        ("three hundred", 300),
        ("twenty-five", 25),
        ("a thousand", 1000),
        ("5bn", 5e9),
        ("banana", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_vague_hundreds_and_thousands() -> None:
    (amount,) = find_amounts("only a few hundred soldiers")
    assert (amount.text, amount.interval.low, amount.interval.high) == ("a few hundred", 200, 499)


@pytest.mark.parametrize("text", ["half an hour", "a day later", "a year ago", "an apple", "in a year", "for a day"])
def test_one_of_a_longer_unit_or_half_of_one_is_no_figure(text: str) -> None:
    # "a day later", "a year ago": a window or a relative time, not the length of anything
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # a verb of changing amount, then each side a figure of its own: how much it changed, then the level reached
        ("Velmar's jobless rate rose 5 percent to 45 percent.", [(5, 5), (45, 45)]),
        ("The rate rose by 5 percent to 45 percent last year.", [(5, 5), (45, 45)]),
        ("Revenue fell $2 million to $30 million.", [(1_900_000, 2_100_000), (29_500_000, 30_500_000)]),
        # one range: after "from", after a verb that changes no amount, or a change told as a range
        ("The rate rose from 5 percent to 45 percent.", [(5, 45)]),
        ("Paid by 5 percent to 45 percent of voters.", [(5, 45)]),
        ("Prices climbed 2.5 to 3 percent, analysts said.", [(2.5, 3)]),
        ("Costs rose $2 to $3 billion.", [(2_000_000_000, 3_000_000_000)]),
        ("The drive takes 3 to 4 hours.", [(0.125, 4 / 24)]),
    ],
)
def test_a_change_and_the_level_it_reached_are_two_figures(text: str, figures: list[tuple[float, float]]) -> None:
    found = [v for a in find_amounts(text) for v in (a.interval.low, a.interval.high)]
    assert found == pytest.approx([v for pair in figures for v in pair], rel=1e-6)


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        ("The rate rose 5 percent to 45 percent.", [True, False]),
        ("The rate rose by 5 percent last year.", [True]),
        ("Prices climbed 2.5 to 3 percent.", [True]),
        ("The rate rose to 45 percent.", [False]),
        ("The rate stood at 45 percent.", [False]),
        ("Ivo Petrak won 45 percent of the vote.", [False]),
        # "raise" increases something named as its object: the figure is what was raised
        ("Ana Vasko raised $200,000 for her campaign.", [False]),
        # a verb commonest as an extent measures: the figure is a length, not a change of one
        ("The front line stretches some 1,000 miles.", [False]),
    ],
)
def test_how_much_something_changed_is_marked_as_a_change(text: str, changes: list[bool]) -> None:
    assert [a.change for a in find_amounts(text)] == changes
