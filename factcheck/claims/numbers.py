"""Amounts in news prose: a number, its qualifier and unit, as an interval with character offsets.

"more than 12,000" -> (12000, inf); "roughly 1,000-kilometre (620-mile)" -> one length of about 1,000 km;
"tens of thousands" -> [10000, 99999]; "between 40 and 50" -> [40, 50]; "three other" -> 3. Stated figures
that look rounded ("12,000") are read with half their rounding unit of slack, capped at 5%, because outlets
round differently; plain small numbers ("63") are exact.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from factcheck.claims.lexicon import MONTH_FORMS, NUMBER_WORDS
from factcheck.claims.wordnet import changes_magnitude

# -- intervals ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def contains(self, other: Interval) -> bool:
        return self.low <= other.low and other.high <= self.high


# -- units --------------------------------------------------------------------------------------------
# unit word -> (dimension, canonical unit, factor to canonical)
_UNITS: dict[str, tuple[str, str, float]] = {}
for _names, _dimension, _canonical, _factor in [
    (("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"), "length", "km", 1.0),
    (("mile", "miles", "mi"), "length", "km", 1.609344),
    (("m", "metre", "metres", "meter", "meters"), "length", "km", 0.001),
    (("ft", "foot", "feet"), "length", "km", 0.0003048),
    (("percent", "per cent", "%", "pc"), "percent", "%", 1.0),
    # a difference between two shares (a margin, a swing): never a share itself
    (("percentage point", "percentage points"), "points", "percentage points", 1.0),
    (("minute", "minutes"), "duration", "day", 1 / 1440),
    (("hour", "hours", "hr", "hrs"), "duration", "day", 1 / 24),
    (("day", "days"), "duration", "day", 1.0),
    (("week", "weeks"), "duration", "day", 7.0),
    (("month", "months"), "duration", "day", 30.4375),
    (("year", "years"), "duration", "day", 365.25),
    (("decade", "decades"), "duration", "day", 3652.5),
    (("sq km", "square kilometres", "square kilometers", "km2"), "area", "km2", 1.0),
    (("square miles", "sq miles", "sq mi"), "area", "km2", 2.589988),
    (("hectare", "hectares"), "area", "km2", 0.01),
    (("tonne", "tonnes", "ton", "tons"), "mass", "t", 1.0),
    (("kg", "kilogram", "kilograms", "kilogramme", "kilogrammes"), "mass", "t", 0.001),
    (("dollar", "dollars", "$", "usd"), "money", "USD", 1.0),
    (("euro", "euros", "€", "eur"), "money", "EUR", 1.0),
    (("pound", "pounds", "£", "gbp"), "money", "GBP", 1.0),
]:
    for _name in _names:
        _UNITS[_name] = (_dimension, _canonical, _factor)

#: Every word a unit is written with ("km", "percentage", "points"), for readers of a parse.
UNIT_WORDS: frozenset[str] = frozenset(word for name in _UNITS for word in name.split())

_SMALL = NUMBER_WORDS
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
#: What a scale word or its abbreviation multiplies by ("million", "bn", "k").
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 10**12,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "k": 1_000,
}
# Vague magnitudes, longest first so "tens of thousands" wins over "thousands".
_VAGUE: list[tuple[str, float, float]] = [
    ("hundreds of thousands", 100_000, 999_999),
    ("tens of thousands", 10_000, 99_999),
    ("tens of millions", 10_000_000, 99_999_999),
    ("hundreds of millions", 100_000_000, 999_999_999),
    ("a few hundred", 200, 499),
    ("several hundred", 300, 999),
    ("a few thousand", 2_000, 4_999),
    ("several thousand", 3_000, 9_999),
    ("a few dozen", 24, 60),
    ("dozens", 24, 99),
    ("scores", 40, 99),
    ("hundreds", 200, 999),
    ("thousands", 2_000, 9_999),
    ("millions", 2_000_000, 9_999_999),
    ("a handful", 3, 6),
    ("several", 3, 9),
    ("a few", 2, 5),
    ("a couple of", 2, 3),
]

_DIGITS = r"(?<![A-Za-z\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![eE]\d)"
_WORD = "|".join(sorted([*_SMALL, *_TENS], key=len, reverse=True))
_SPELLED = (
    rf"(?:(?:{_WORD})(?:[- ](?:{_WORD}))?(?:\s+(?:hundred|thousand|million|billion|dozen)"
    rf"(?:\s+(?:and\s+)?(?:{_WORD})(?:-(?:{_WORD}))?)?)?)"
)
_SCALE = r"(?:\s*(?:hundred|thousand|million|billion|trillion|bn|mn|m|k)\b)"
# "an hour", "a minute": one of the unit ("for over an hour"); longer units after "a" are mostly windows or
# relative times ("a day later", "a year ago"), not lengths of something, unless "within" or "for" says so.
_NUMBER = (
    rf"(?:(?:{_DIGITS}){_SCALE}?|\ba\s+(?:hundred|thousand|million|billion|dozen)\b|\b{_SPELLED}\b(?!-year-old)"
    rf"|(?<!half )\ban?(?=\s+(?:hour|minute)\b)"
    # "within a year", "for a month": one of a longer unit is a length only after these
    rf"|(?:(?<=\bwithin )|(?<=\bfor ))a(?=\s+(?:week|month|year|decade)\b))"
)
_UNIT_WORDS = "|".join(sorted((re.escape(u) for u in _UNITS if u not in {"$", "€", "£", "%"}), key=len, reverse=True))
_UNIT = rf"(?:\s*(?:-\s*)?(?:{_UNIT_WORDS})\b|\s*%)"
_CURRENCY = r"[$€£]"
_QUALIFIERS: dict[str, str] = {
    "more than": "lower",
    "over": "lower",
    "at least": "lower_incl",
    "upwards of": "lower",
    "in excess of": "lower",
    "well over": "lower",
    "just over": "lower",
    "no fewer than": "lower_incl",
    "no less than": "lower_incl",
    "fewer than": "upper",
    "less than": "upper",
    "under": "upper",
    "up to": "upper_incl",
    "at most": "upper_incl",
    "no more than": "upper_incl",
    "as many as": "upper_incl",
    "just under": "upper",
    "nearly": "approx_below",
    "almost": "approx_below",
    "close to": "approx_below",
    "about": "approx",
    "around": "approx",
    "roughly": "approx",
    "approximately": "approx",
    "some": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "around about": "approx",
    "exactly": "exact",
}
_QUALIFIER = "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))
_AMOUNT = re.compile(
    rf"(?:\b(?P<qual>{_QUALIFIER})\s+)?(?:"
    rf"(?:\bbetween\s+(?P<cur2>{_CURRENCY})?(?P<blo>{_NUMBER})\s+and\s+(?P=cur2)?(?P<bhi>{_NUMBER}))"
    rf"|(?:(?:\bfrom\s+)?(?P<cur3>{_CURRENCY})?(?P<flo>{_NUMBER})(?P<lounit>{_UNIT})?\s+to\s+(?P=cur3)?(?P<fhi>{_NUMBER}))"
    rf"|(?:(?P<cur4>{_CURRENCY})?(?P<dlo>{_DIGITS})\s*[-\u2013]\s*(?P=cur4)?(?P<dhi>{_DIGITS})(?![\d,]))"
    rf"|(?:(?P<cur1>{_CURRENCY})?(?P<num>{_NUMBER}))"
    rf")(?P<unit>{_UNIT})?",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(r"\b(?:" + "|".join(re.escape(v) for v, _, _ in _VAGUE) + r")\b", re.IGNORECASE)
# What every match of _AMOUNT holds, one test per branch of _NUMBER: a digit, a number word where a word starts,
# "a hundred" and the like, "an hour" / "a minute". Three news sentences in four have none of these, and this test
# costs a sixth of _AMOUNT's scan (tests/factcheck/claims/test_numbers_properties.py checks it is never stricter).
_MAY_HOLD_AMOUNT = re.compile(
    rf"\d|\b(?:{_WORD}|hundred|thousand|million|billion|dozen)|hour|minute"
    r"|\b(?:within|for) a (?:week|month|year|decade)",
    re.IGNORECASE,
)
# A month by its name or its abbreviation ("Jan.", "Sept."), as a whole word: "separate", "marathons" and "mayors"
# start like one and are none
_MONTHS = r"\b(?:" + "|".join(sorted(MONTH_FORMS, key=len, reverse=True)) + r")\b\.?"
_NOT_AN_AMOUNT_AFTER = re.compile(r"\s*(?:[ap]\.?m\b\.?|:\d|\s*(?:st|nd|rd|th)\b|/\d|" + _MONTHS + r"(?![a-z]))", re.I)
_NOT_AN_AMOUNT_BEFORE = re.compile(
    r"(?:(?:" + _MONTHS + r"|\b(?:no|number|page|article|resolution))\s*|[:/]|\d[.,])$", re.I
)


@dataclass(frozen=True)
class Amount:
    """A figure found in a sentence. ``start``/``end`` are offsets into the text searched."""

    text: str
    start: int
    end: int
    interval: Interval
    anchor: float | None  # the stated number, in canonical units (None for vague magnitudes)
    qualifier: str  # exact, approx, lower, upper, range, vague
    dimension: str | None = None  # length, duration, percent, area, mass, money; None for counts
    unit: str | None = None  # canonical unit of the interval
    # how much something changed ("rose 5 percent", "fell by $2 million"), not a level it stands at: a change is
    # compared with changes only
    change: bool = False

    @property
    def is_count(self) -> bool:
        return self.dimension is None


def parse_number(text: str) -> float | None:
    """'12,000' -> 12000; '1.2 million' -> 1200000; 'twenty-five' -> 25; 'three hundred' -> 300.

    None when ``text`` is not a number, or one too large for a float.
    """
    cleaned = text.strip().lower().replace(",", "")
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(hundred|thousand|million|billion|trillion|bn|mn|m|k)?", cleaned)
    if match:
        value = float(match.group(1)) * SCALES.get(match.group(2) or "", 1)
        # Past ~1.8e308 a float is infinite: no figure in prose is that large, and inf breaks the arithmetic.
        return value if math.isfinite(value) else None
    words = re.split(r"[\s-]+", cleaned)
    total, current = 0.0, 0.0
    seen = False
    for word in words:
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current = 1
        elif word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "dozen":  # "a dozen", "two dozen": a count of twelves, qualified as any figure is
            current = max(current, 1) * 12
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def _rounding_slack(value: float, digits: str) -> float:
    """Half the rounding unit the written digits imply, capped at 5% of the value: '12,000' -> 500 (trailing
    zeros), '43 million' -> 500,000 and '3.6 billion' -> 50 million (the last digit before a scale word)."""
    match = re.fullmatch(
        r"(\d[\d,]*)(?:\.(\d+))?\s*(hundred|thousand|million|billion|trillion|bn|mn|m|k)?", digits.strip().lower()
    )
    if match is None:
        return 0.0
    whole, decimals, scale = match.groups()
    if scale is not None:
        unit = SCALES[scale] * 10.0 ** -len(decimals or "")
        return float(min(0.5 * unit, 0.05 * value))
    plain = whole.replace(",", "")
    zeros = len(plain) - len(plain.rstrip("0"))
    if decimals is not None or zeros == 0 or value < 100:
        return 0.0
    return float(min(0.5 * 10.0**zeros, 0.05 * value))


def _interval(value: float, qualifier: str, slack: float) -> Interval:
    if qualifier in {"lower", "lower_incl"}:
        return Interval(value if qualifier == "lower_incl" else math.nextafter(value, math.inf), math.inf)
    if qualifier in {"upper", "upper_incl"}:
        return Interval(0.0, value if qualifier == "upper_incl" else math.nextafter(value, -math.inf))
    if qualifier == "approx":
        return Interval(value * 0.9, value * 1.1)
    if qualifier == "approx_below":
        return Interval(value * 0.9, value)
    # An amount is never negative: slack below zero ("0 years" read to half a year) stops at zero. The top is open,
    # as rounding is: "12,000" covers 11,500 up to but not 12,500, which is "13,000", so the two never meet.
    high = math.nextafter(value + slack, -math.inf) if slack else value
    return Interval(max(0.0, value - slack) if value >= 0 else value - slack, high)


def written_unit(text: str) -> tuple[str, float] | None:
    """The unit word a figure is written in and its factor to the canonical unit ('about 30 minutes' ->
    ('minutes', 1/1440)); None when it has none."""
    words = re.findall(r"[a-z]+", text.lower())
    for word in reversed(words):
        if word in _UNITS:
            return word, _UNITS[word][2]
    return None


def _unit(raw: str | None, currency: str | None) -> tuple[str | None, str | None, float]:
    key = (raw or "").strip().lstrip("-").strip().lower()
    if not key and currency:
        key = currency
    if not key:
        return None, None, 1.0
    dimension, canonical, factor = _UNITS[key]
    return dimension, canonical, factor


def find_amounts(text: str) -> list[Amount]:
    """Every figure in ``text``, left to right, with a parenthesised conversion merged into its figure."""
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for match in _VAGUE_RE.finditer(text):
        phrase = match.group(0).lower()
        low, high = next((lo, hi) for v, lo, hi in _VAGUE if v == phrase)
        found.append(Amount(match.group(0), match.start(), match.end(), Interval(low, high), None, "vague"))
        taken.append((match.start(), match.end()))
    for match in _AMOUNT.finditer(text) if _MAY_HOLD_AMOUNT.search(text) else ():
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        change_to = _change_then_level(text, match)
        if change_to is not None:
            # "rose 5 percent to 45 percent": how much it changed, then the level it reached; never one range
            spans = ((match.start(), change_to[0], True), (change_to[1], match.end(), False))
            found.extend(
                replace(a, change=change)
                for lo, hi, change in spans
                for m in _AMOUNT.finditer(text, lo, hi)
                if (a := _amount(text, m))
            )
            continue
        amount = _amount(text, match)
        if amount is not None:
            found.append(replace(amount, change=True) if _after_change(text, match.start()) else amount)
    found.sort(key=lambda a: a.start)
    return _merge_conversions(text, found)


_TO = re.compile(r"\s+to\s+", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+(?:by\s+)?$", re.IGNORECASE)  # "rose 5 percent", "rose by 5 percent"


def _after_change(text: str, start: int) -> bool:
    """Whether the figure at ``start`` is how much something changed: right after a verb of changing amount
    (WordNet: a kind of "change magnitude" in an attested sense taking no object: rose, fell, grew, climbed ...), or
    after "by" following one ("rose 5 percent", "fell by $2 million"; not "rose to 45 percent", "raised $200,000")."""
    before = _WORD_BEFORE.search(text, 0, start)
    return before is not None and changes_magnitude(before.group(1))


def _change_then_level(text: str, match: re.Match[str]) -> tuple[int, int] | None:
    """Where "X to Y" follows a verb of changing amount (``_after_change``), has no "from" and writes each side as a
    figure of its own, the offsets of its "to": X is how much it changed and Y the level it reached. "from X to Y",
    and "X to Y" after any other word, stay a range."""
    if match.group("flo") is None or re.match(r"(?:\w+\s+)?from\b", match.group(0), re.IGNORECASE):
        return None
    # each side a figure of its own ("5 percent to 45 percent", "$3 million to $40 million"); "rose 2 to 3 percent"
    # and "rose $2 to $3 billion" are one range of the change
    low, high = match.group("flo").lower(), match.group("fhi").lower()
    scaled_alike = bool(_SCALE_AT_END.search(low)) or not _SCALE_AT_END.search(high)
    if match.group("lounit") is None and not (match.group("cur3") and scaled_alike):
        return None
    if not _after_change(text, match.start()):
        return None
    to = _TO.search(text, match.start("flo"), match.start("fhi"))
    return None if to is None else (to.start(), to.end())


def _amount(text: str, match: re.Match[str]) -> Amount | None:
    if _NOT_AN_AMOUNT_AFTER.match(text, match.end()) or _NOT_AN_AMOUNT_BEFORE.search(text, 0, match.start()):
        return None
    qualifier_text = (match.group("qual") or "").lower()
    qualifier = _QUALIFIERS.get(qualifier_text, "exact")
    unit_raw = match.group("unit") or match.group("lounit")
    currency = next((match.group(g) for g in ("cur1", "cur2", "cur3", "cur4") if match.group(g)), None)
    dimension, unit, factor = _unit(unit_raw, currency)
    if match.group("num") is not None:
        number_text = match.group("num")
        value = parse_number(number_text)
        if value is None or not math.isfinite(value * factor) or _looks_like_year(number_text, dimension):
            return None
        slack = _rounding_slack(value, number_text) * factor
        if dimension == "duration" and factor >= 7:
            # "two years ago" is not a day count: whole weeks, months and years are read to half a unit
            slack = max(slack, 0.5 * factor)
        interval = _interval(value * factor, qualifier, slack)
        if interval.low > interval.high:  # "fewer than 0": nothing factcheck compares is below zero
            return None
        label = "exact" if qualifier == "exact" else qualifier.split("_")[0]
        return Amount(match.group(0), match.start(), match.end(), interval, value * factor, label, dimension, unit)
    low_text, high_text = next(
        (match.group(a), match.group(b)) for a, b in (("blo", "bhi"), ("flo", "fhi"), ("dlo", "dhi")) if match.group(a)
    )
    low, high = parse_number(low_text), parse_number(high_text)
    if low is not None and high is not None:
        low = _scaled_like(low, low_text, high_text)
        if match.group("blo") and high < low:
            low, high = high, low  # "between 50 and 40" is the same span; "from 50 to 40" is a fall, no range
    if low is None or high is None or high < low or not math.isfinite(high * factor):
        return None
    if _looks_like_year(low_text, dimension):
        return None
    return Amount(
        match.group(0),
        match.start(),
        match.end(),
        Interval(low * factor, high * factor),
        None,
        "range",
        dimension,
        unit,
    )


_SCALE_AT_END = re.compile(r"(hundred|thousand|million|billion|trillion|bn|mn|m|k)\s*$")


def _scaled_like(low: float, low_text: str, high_text: str) -> float:
    """'between $19 and $22 million', '3 to 4 billion': a bare low end shares the high end's scale word when it
    is below the high end's number ('between 500 and 2 million' keeps its 500)."""
    scale = _SCALE_AT_END.search(high_text.strip().lower())
    bare = _SCALE_AT_END.search(low_text.strip().lower()) is None
    mantissa = parse_number(high_text.strip()[: scale.start()]) if scale is not None else None
    if scale is None or not bare or mantissa is None or low > mantissa:
        return low
    return low * (parse_number(f"1 {scale.group(1)}") or 1.0)


def _looks_like_year(number_text: str, dimension: str | None) -> bool:
    return dimension is None and re.fullmatch(r"(19|20)\d\d", number_text.strip()) is not None


def _merge_conversions(text: str, amounts: list[Amount]) -> list[Amount]:
    """'1,000-kilometre (620-mile)': the parenthesised figure restates the first, it is not another fact."""
    merged: list[Amount] = []
    for amount in amounts:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and amount.dimension is not None
            and amount.dimension == previous.dimension
            and re.fullmatch(r"\s*\(\s*", text[previous.end : amount.start])
        ):
            close = text.find(")", amount.end)
            end = close + 1 if close != -1 and not text[amount.end : close].strip() else amount.end
            merged[-1] = Amount(
                text[previous.start : end],
                previous.start,
                end,
                previous.interval,
                previous.anchor,
                previous.qualifier,
                previous.dimension,
                previous.unit,
            )
            continue
        merged.append(amount)
    return merged
