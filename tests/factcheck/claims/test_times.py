"""When events happen: weekdays resolved against the publication date by the tense of their verb, and days
carried by a "when" clause. Sentences written for these tests; the paper is dated Friday 13 March 2026."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.claims import TimeClaim
from tests.factcheck.claims.test_extract import claims_of, only

FRIDAY = date(2026, 3, 13)


def day_of(sentence: str) -> str | None:
    (claims,) = claims_of(sentence, published=FRIDAY)
    (time,) = only(claims, TimeClaim)
    assert isinstance(time, TimeClaim)
    return time.date


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Leaders met Ms Vasko in Strenna on Saturday.", "2026-03-07"),  # past: the Saturday before
        ("Delegates have met on Thursday.", "2026-03-12"),
        ("Leaders will meet Ms Vasko in Strenna on Saturday.", "2026-03-14"),  # future: the next one
        ("The talks are set to resume on Wednesday.", "2026-03-18"),
        ("The delegates meet on Saturday.", "2026-03-14"),  # no tense to go by: the nearest Saturday
        ("The delegates meet on Wednesday.", "2026-03-11"),
    ],
)
def test_weekdays_resolve_by_tense(sentence: str, expected: str) -> None:
    assert day_of(sentence) == expected


def test_a_day_carried_by_a_when_clause() -> None:
    (claims,) = claims_of("The crisis began on Tuesday when delegates met in Strenna.", published=FRIDAY)
    (time,) = only(claims, TimeClaim)
    assert isinstance(time, TimeClaim)
    assert (time.event, time.date) == ("meeting", "2026-03-10")
