"""When an event happens: 'waiting ... at 10am on Friday', 'met on Saturday 10 May', 'said on Wednesday'.

Days and clock times are resolved against the source's publication date, by the tense of the verb they date;
the event is found as for places (:mod:`factcheck.claims.events`), and a day attached to a reporting verb is
the day of the saying (``STATEMENT``), not of what was said.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from factcheck.claims.events import embedded_at, event_for, is_saying, journey_keys, tense_of
from factcheck.claims.lexicon import DAY_PART_NAMES, MONTHS, RELATIVE_DAYS, WEEKDAYS
from factcheck.claims.model import STATEMENT, Attribution, TimeClaim
from factcheck.claims.occasions import FRAMING_VERBS, SUPPORT_VERBS, Occasion
from factcheck.claims.syntax import is_negated

_SAID = Occasion(STATEMENT, frozenset())
_WEEKDAYS = list(WEEKDAYS)
_CLOCK = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])|\b(\d{1,2}):(\d{2})\b|\b(noon|midday|midnight)\b",
    re.IGNORECASE,
)


def time_claims(sentence: Span, attribution: Attribution | None, published: date | None) -> list[TimeClaim]:
    claims: list[TimeClaim] = []
    text = sentence.text
    clocks = list(_CLOCK.finditer(text))
    for index, match in enumerate(clocks):
        minutes = _minutes(match)
        if minutes is None or (index > 0 and _converted(text, clocks[index - 1], match)):
            continue
        token = next((t for t in sentence if t.idx - sentence.start_char >= match.start()), None)
        if token is None:
            continue
        event, node = _event_at(token, (sentence.start_char + match.start(), sentence.start_char + match.end()))
        if event is None:
            continue
        weekday, day_end = _weekday_near(text, match.start(), match.end())
        start, end = match.start(), max(match.end(), day_end)
        resolved = _resolve(weekday, published, tense_of(token)) if weekday is not None else None
        if weekday is None and (relative := _relative_near(text, match.start(), match.end(), published)) is not None:
            resolved, start, end = relative
            weekday = resolved.weekday()
        claims.append(
            TimeClaim(
                start=start,
                end=end,
                text=text[start:end],
                attribution=attribution,
                negated=is_negated(node),
                event=event.label,
                weekday=weekday,
                minutes=minutes,
                date=resolved.isoformat() if resolved else None,
                month_day=resolved.strftime("%m-%d") if resolved else None,
                embedded=embedded_at(token.head.head if token.head.dep_ == "prep" else token.head),
                event_keys=journey_keys(node) if event.is_journey else tuple(sorted(event.keys)),
            )
        )
    claims += day_claims(sentence, attribution, published, [(c.start, c.end) for c in claims])
    return claims + period_claims(sentence, attribution)


# A period of years: "from 2006 to 2012", "between 2007 and 2014", "from 2007 through 2014", "1989-2013".
_PERIOD = re.compile(
    r"\b(?:(from|between)\s+)?(1[89]\d\d|20\d\d)\s*(?:[-\u2013\u2014]|\s(?:to|until|till|through|thru|and)\s)\s*"
    r"(1[89]\d\d|20\d\d)\b(?![-\u2013/]?\d)"
)


def period_claims(sentence: Span, attribution: Attribution | None) -> list[TimeClaim]:
    """Periods of years ("was president of Mexico from 2006 to 2012", "served in the Senate from 1989-2013"): the
    first year and the last, with the event they date when one is named (a post held says none)."""
    claims: list[TimeClaim] = []
    text = sentence.text
    for match in _PERIOD.finditer(text):
        opener, first, last = match.group(1), int(match.group(2)), int(match.group(3))
        if last <= first or (opener is None and match.group(0).split()[-2:-1] == ["and"]):
            continue  # not a period ("2014 and 2016" are two years)
        token = next((t for t in sentence if t.idx - sentence.start_char >= match.start()), None)
        if token is None:
            continue
        node = _clause_of(token)
        event = event_for(node) if node.lemma_ != "be" else None  # "was president from ...": a state, no event
        claims.append(
            TimeClaim(
                start=match.start(),
                end=match.end(),
                text=match.group(0),
                attribution=attribution,
                negated=is_negated(node),
                event=event.label if event is not None else "",
                year=first,
                until=last,
                embedded=embedded_at(node),
                event_keys=tuple(sorted(event.keys)) if event is not None and not event.is_journey else (),
            )
        )
    return claims


def _converted(text: str, before: re.Match[str], clock: re.Match[str]) -> bool:
    """A clock time in parentheses right after another, in another zone ("10:00 local time (08:00 GMT)"): the same
    moment told again, as a length converted into other units is, never a time of its own."""
    between = text[before.end() : clock.start()]
    return re.fullmatch(r"[\s\w.]{0,20}\(\s*", between) is not None and "," not in between


def _clause_of(token: Token) -> Token:
    """The verb (or copula) of the clause a word stands in: the period of "who was president from 2006 to 2012"
    is the relative clause's, not the main verb's."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


def _event_at(token: Token, expression: tuple[int, int]) -> tuple[Occasion | None, Token]:
    """The event a time expression dates, and the token where it was found (a saying, at a reporting verb). The
    search goes up from the expression (whose own words, "afternoon", "am", name no event) through the verbs
    that only frame an event ("are set to hold", "are due to begin"), and stops at any other verb: the day of
    "expected to produce a deal by Sunday" is the producing's, not the talks'."""
    node = token
    for _ in range(7):
        # "10:00 local time": the clock's own noun names no event, as its own words do not
        own_noun = node.lemma_.lower() == "time" and node.pos_ == "NOUN" and node.i != token.i
        if not expression[0] <= node.idx < expression[1] and not own_noun:
            if is_saying(node):
                return _SAID, node  # "Peskov said on Wednesday": the day of the saying, not of what was said
            event = event_for(node)
            when = _when_clause(node)
            # "began on Saturday when European leaders met": the meeting's day too
            at_once = event_for(when) if when is not None else None
            if event is not None:
                return (event | at_once if at_once is not None else event), node
            if when is not None and at_once is not None:
                return at_once, when
            if node.pos_ == "VERB" and node.lemma_.lower() not in FRAMING_VERBS | SUPPORT_VERBS:
                return None, node
            if node.pos_ in {"VERB", "AUX"} and node.dep_ == "relcl":
                # "The chain, which began in 1946, is based in Atlanta": the clause's time is none of the main verb's
                return None, node
            if node.dep_ in _REPORTED and is_saying(node.head):
                # "said Wednesday the event is still scheduled for Thursday morning": a day of what was said
                return None, node
            cleft = _cleft_clause(node)
            if cleft is not None:
                node = cleft  # "It was on Wednesday that the spokesman told reporters": the telling's day
                continue
        if node.head.i == node.i:
            break
        node = node.head
    return None, node


def _cleft_clause(verb: Token) -> Token | None:
    """The clause a cleft sentence ("It was on Wednesday that ...", "It was last Tuesday when ...") puts its time in
    front of: the time is that clause's, the "be" framing it says nothing happened."""
    if verb.lemma_.lower() != "be" or not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.children):
        return None
    framed = (
        child
        for child in verb.children
        if child.dep_ in ("ccomp", "advcl")
        and child.i > verb.i
        and any(c.dep_ in ("mark", "advmod") and c.lower_ in ("that", "when") for c in child.children)
    )
    return next(framed, None)


#: The clause a verb of saying reports (what was said, not the saying).
_REPORTED = frozenset({"ccomp", "parataxis"})


def _when_clause(verb: Token) -> Token | None:
    """The verb of a clause opened by "when" on ``verb`` ("began on Saturday when leaders met")."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ == "when" for c in child.children):
            return child
    return None


_MONTH_NAMES = list(MONTHS)
# A month as written in a date: its name, or the abbreviation news style gives it before a day ("Dec. 29", "Sept.
# 4", "Jan 5"); "May" and "June" are never shortened, and a three-letter word alone ("mar") is no month.
_MONTH_WRITTEN = (
    r"(?:" + "|".join(_MONTH_NAMES) + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.(?=\s*\d)"
    r"|(?:jan|feb|apr|aug|sept?|oct|nov|dec)(?=\s+\d))"
)
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTH_NAMES) + r")\b(?:,?\s+(\d{4}))?", re.I)
_MONTH_DAY = re.compile(r"\b(" + _MONTH_WRITTEN + r")\s*(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", re.I)


def _month_number(written: str) -> int:
    """January = 1, from a month's name or its abbreviation ("Dec." = 12, "Sept." = 9)."""
    return next(n for n, name in enumerate(_MONTH_NAMES, 1) if name.startswith(written.lower().rstrip(".")[:3]))


def day_claims(
    sentence: Span, attribution: Attribution | None, published: date | None, taken: list[tuple[int, int]]
) -> list[TimeClaim]:
    """Days without a clock time: 'begin on Saturday', 'meet on 13 March 2026', 'on Saturday 10 May'."""
    claims: list[TimeClaim] = []
    for entity in sentence.ents:
        # a day with its part is sometimes tagged a time as a whole ("on Friday night")
        if entity.label_ != "DATE" and not (entity.label_ == "TIME" and written_weekday(entity.text) is not None):
            continue
        start, end = entity.start_char - sentence.start_char, entity.end_char - sentence.start_char
        if any(s < end and start < e for s, e in taken):
            continue
        text = entity.text
        if len(_MONTH_DAY.findall(text)) + len(_DAY_MONTH.findall(text)) > 1:
            continue  # "held Oct. 16 and Oct. 22": the times of several happenings, none of them the one
        weekday = written_weekday(text)
        month_day, full = _calendar_day(text, published)
        # "began in the 1940s": a decade dates the event as a year alone does ("1990's" told whole)
        found = _decade(entity) if month_day is None and weekday is None else None
        decade, end = (found[0], found[1] - sentence.start_char) if found is not None else (None, end)
        year, month = _written_year(text) if decade is None else (None, None)
        if year is None and month_day is None and weekday is None and _month_alone(entity):
            month = _MONTH_NAMES.index(entity.text.strip().lower()) + 1  # "declared her candidacy in July"
        elif (
            decade is None and weekday is None and month_day is None and (year is None or not _when_it_happened(entity))
        ):
            if year is not None and (named := _thing_of_a_year(entity)) is not None:
                claims.append(_year_of_thing(entity, sentence, attribution, year, named))
            continue
        if entity.root.head.lower_ in {"by", "until", "till", "since", "before", "after", "from", "into"}:
            continue  # a deadline or a window, not when the event happens
        event, node = _event_at(entity.root, (entity.start_char, entity.end_char))
        if event is None:
            continue
        if full is None and weekday is not None:
            full = _resolve(weekday, published, tense_of(entity.root))
        if month_day is None and full is not None:
            month_day = full.strftime("%m-%d")
        day_part, end = _day_part(text, sentence.text, end) if weekday is not None or month_day else (None, end)
        if day_part is None and weekday is not None:
            day_part = _part_beside(entity.root)
        claims.append(
            TimeClaim(
                start=start,
                end=end,
                text=sentence.text[start:end],
                attribution=attribution,
                negated=is_negated(node),
                event=event.label,
                weekday=weekday if weekday is not None else (full.weekday() if full else None),
                day_part=day_part,
                minutes=None,
                date=full.isoformat() if full else None,
                month_day=month_day,
                year=year,
                month=month,
                decade=decade,
                embedded=embedded_at(entity.root.head.head if entity.root.head.dep_ == "prep" else entity.root.head),
                event_keys=journey_keys(node) if event.is_journey else tuple(sorted(event.keys)),
            )
        )
    return claims


# A year as written ("2010", "March 2014", "13 March 2014"); a decade ("the 1990s") or a span ("2010-11") is no
# one year. Only years in the range news reports events in are read: "1000" is a figure.
_YEAR = re.compile(r"(?<![\d,.$-])\b(1[89]\d\d|20\d\d)\b(?!s\b|['\u2019]s\b|\s*[-\u2013/]\s*\d)")
_MONTH_YEAR = re.compile(r"\b(" + "|".join(_MONTH_NAMES) + r")\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(\d{4})\b", re.I)
# What a year alone may carry and still be the time of an event: "2010", "March 2014", "early 2010". The same
# words after "in" or "during" date something in a sentence (``dated_years``).
_YEAR_PHRASE = r"(?:(?:early|late|mid)[- ])?(?:(?:" + "|".join(_MONTH_NAMES) + r")\s+)?(\d{4})"
_PLAIN_YEAR = re.compile(rf"^{_YEAR_PHRASE}$", re.I)
_DATED_YEAR = re.compile(rf"\b(?:in|during)\s+{_YEAR_PHRASE}\b", re.I)


@lru_cache(maxsize=16384)
def dated_years(text: str) -> frozenset[int]:
    """Years a sentence uses to date something ("joined in 1996", "named deputy in March 2016"), as opposed to
    years that name one occasion among several ("the 2022 talks"); the first and last years of a period ("was
    president from 2006 to 2012") date it too."""
    periods = {int(match.group(n)) for match in _PERIOD.finditer(text) for n in (2, 3)}
    return frozenset({int(match.group(1)) for match in _DATED_YEAR.finditer(text)} | periods)


def written_weekday(text: str) -> int | None:
    """The day of the week a time expression names (Monday = 0), if it names one."""
    return next((i for i, name in enumerate(_WEEKDAYS) if re.search(rf"\b{name}\b", text, re.I)), None)


def _written_year(text: str) -> tuple[int | None, int | None]:
    """The year a date expression writes out, and its month when it names one (January = 1)."""
    years = {match.group(1) for match in _YEAR.finditer(text)}
    if len(years) != 1:
        return None, None  # none, or a range of years ("between 2010 and 2012")
    year = int(years.pop())
    month = _MONTH_YEAR.search(text)
    if month is None or int(month.group(2)) != year:
        return year, None
    return year, _MONTH_NAMES.index(month.group(1).lower()) + 1


def _thing_of_a_year(entity: Span) -> Token | None:
    """The thing a year before a noun says which one it is ("a 1976 law", "the 1996 act"): a detail of the sentence
    that another outlet may give otherwise, never a time of what happens in it."""
    root = entity.root
    if _PLAIN_YEAR.match(entity.text.strip()) is None or root.dep_ not in {"nummod", "compound", "nmod", "amod"}:
        return None
    head = root.head
    return head if head.pos_ == "NOUN" and head.i > root.i and event_for(head) is None else None


def _year_of_thing(entity: Span, sentence: Span, attribution: Attribution | None, year: int, thing: Token) -> TimeClaim:
    """A year that names which thing a noun means, kept as a detail (``embedded``): only a restatement of the claim
    with another year reads it (``factcheck.restated``); no typed slot or report topic compares it."""
    start, end = entity.start_char - sentence.start_char, entity.end_char - sentence.start_char
    return TimeClaim(
        start=start,
        end=end,
        text=sentence.text[start:end],
        attribution=attribution,
        event=thing.lemma_.lower(),
        year=year,
        embedded=True,
    )


# A decade, with the part of it a writer gives ("the 1960s", "the mid-1980s", "the early '90s" is not read).
_DECADE = re.compile(r"^(?:the\s+)?(?:(?:early|mid|late)[- ])?(1[89]\d0|20\d0)['\u2019]?s$", re.I)


def _decade(entity: Span) -> tuple[int, int] | None:
    """The decade a time adverbial dates an event in ("began in the 1940s", "worked there in the mid-1970s"): its
    first year, and where its words end in the document (past an "'s" the recogniser leaves out: "the 1990's").
    Not a window ("since the 1990s") nor a modifier ("1960s music")."""
    text, end = entity.text.strip(), entity.end_char
    after = entity.doc[entity.end] if entity.end < len(entity.doc) else None
    if after is not None and after.text in {"'s", "\u2019s"} and after.idx == entity.end_char:
        text, end = text + "s", end + len(after.text)
    match = _DECADE.match(text)
    if match is None or not _after_in_or_during(entity.root):
        return None
    return int(match.group(1)), end


def _after_in_or_during(root: Token) -> bool:
    """Whether a time expression is what "in" or "during" takes: a time adverbial, dating what happens."""
    return root.dep_ == "pobj" and root.head.lower_ in {"in", "during"}


def _when_it_happened(entity: Span) -> bool:
    """Whether a year without a day dates an event: a time adverbial ("In 2010, the dams were opened", "opened in
    March 2014"), not a modifier of a noun ("the 2016 campaign" names one campaign among others) nor a window
    ("in the 12 months to March 2014")."""
    root = entity.root
    return _PLAIN_YEAR.match(entity.text.strip()) is not None and _after_in_or_during(root)


def _month_alone(entity: Span) -> bool:
    """Whether a month without a day or year dates an event as a time adverbial ("was held in February", "declared
    in July"), as a year alone does (``_when_it_happened``), or as the word before an event noun ("a January
    fundraiser", as "the Tuesday vote" dates the vote; the noun must name an event or where one took place);
    "May" read as a month only when capitalised."""
    text = entity.text.strip()
    root = entity.root
    return (
        text.lower() in _MONTH_NAMES
        and text[:1].isupper()
        and (
            _after_in_or_during(root)
            or (
                root.dep_ in {"compound", "nmod", "npadvmod"}
                and root.head.pos_ == "NOUN"
                and root.head.i > root.i
                # an event, or the occasion of one ("made the remarks at a January fundraiser"); not a thing an
                # act is done to ("wore a January coat": the wearing is not dated)
                and (
                    event_for(root.head) is not None
                    or (root.head.dep_ == "pobj" and root.head.head.lower_ in {"at", "during", "in"})
                )
            )
        )
    )


def _calendar_day(text: str, published: date | None) -> tuple[str | None, date | None]:
    match = _DAY_MONTH.search(text)
    day_month = (int(match.group(1)), match.group(2), match.group(3)) if match else None
    if day_month is None and (match := _MONTH_DAY.search(text)):
        day_month = (int(match.group(2)), match.group(1), match.group(3))
    if day_month is None:
        return None, None
    day, month_name, year = day_month
    month = _month_number(month_name)
    try:
        date(2000, month, day)  # a leap year: 29 February is a day, 31 February is not
    except ValueError:
        return None, None
    year_number = int(year) if year else (published.year if published else None)
    try:
        full = date(year_number, month, day) if year_number else None
        return f"{month:02d}-{day:02d}", full
    except ValueError:
        return None, None


def _minutes(match: re.Match[str]) -> int | None:
    if match.group(6):
        return {"noon": 720, "midday": 720, "midnight": 0}[match.group(6).lower()]
    if match.group(4):
        hour, minute = int(match.group(4)), int(match.group(5))
    else:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        pm = match.group(3).lower().startswith("p")
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if pm else 0)
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute


# A part of the day written right after a day ("Thursday evening", "Friday early morning"), or "early" / "late"
# before it ("late Friday"): a stretch of the clock the event falls in (``lexicon.DAY_PARTS``).
_PART_AFTER = re.compile(r"\s+(?:(?:early|late)[- ])?(" + "|".join(sorted(DAY_PART_NAMES)) + r")\b", re.IGNORECASE)
_PART_BEFORE = re.compile(r"^(early|late)\s", re.IGNORECASE)


def _day_part(day: str, sentence: str, end: int) -> tuple[str | None, int]:
    """The part of the day a written day gives, and the end of the words that give it in the sentence."""
    after = _PART_AFTER.match(sentence, end)
    if after is not None:
        return after.group(1).lower(), after.end()
    within = _PART_AFTER.search(day)  # "Friday night" tagged as one entity
    if within is not None:
        return within.group(1).lower(), end
    before = _PART_BEFORE.match(day)
    return (before.group(1).lower(), end) if before is not None else (None, end)


def _part_beside(day: Token) -> str | None:
    """The part of the day a phrase beside a written day gives ("resign Thursday in an early-morning tweet", "spoke
    on Tuesday in the evening", "during a late-night session"): a phrase opened by "in", "during" or "at" on the
    verb the day belongs to, whose noun is a part of the day or is qualified by one."""
    verb = day.head.head if day.dep_ == "pobj" and day.head.dep_ == "prep" else day.head
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "during", "at"}:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            words = [noun, *(c for c in noun.children if c.dep_ in {"amod", "compound"})]
            named = [w.lower_ for w in words if w.lower_ in DAY_PART_NAMES]
            if named:
                return named[0]
    return None


def _weekday_near(text: str, start: int, end: int) -> tuple[int | None, int]:
    """A weekday written just after ('10am on Friday', past its zone and a conversion: '10:00 local time (08:00
    GMT) on Thursday') or just before ('Friday at 10am') a clock time."""
    # Only the zone abbreviation is case-sensitive ("GMT", never the word "on"): the rest reads any case.
    zone = r"(?:(?i:local\s+time)\s*|[A-Z]{2,4}\b\s*)?(?:\([^()]{0,30}\)\s*)?"
    after = re.match(r"\s*" + zone + r"(?i:on\s+|,\s*)?(\w+day)\b", text[end:])
    if after and after.group(1).lower() in _WEEKDAYS:
        return _WEEKDAYS.index(after.group(1).lower()), end + after.end()
    before = re.search(r"\b(\w+day)\s*(?:,\s*)?(?:at\s+)?$", text[:start], re.IGNORECASE)
    if before and before.group(1).lower() in _WEEKDAYS:
        return _WEEKDAYS.index(before.group(1).lower()), end
    return None, end


def _relative_near(text: str, start: int, end: int, published: date | None) -> tuple[date, int, int] | None:
    """A day named from the publication date just after ('11am today') or just before ('today at 11am') a clock
    time: its date, and where the words giving the day and the time start and end."""
    if published is None:
        return None
    words = "|".join(RELATIVE_DAYS)
    after = re.match(rf"\s*(?:,\s*)?({words})\b", text[end:], re.IGNORECASE)
    before = re.search(rf"\b({words})\s*(?:,\s*)?(?:at\s+)?$", text[:start], re.IGNORECASE)
    found = after or before
    if found is None:
        return None
    day = published + timedelta(days=RELATIVE_DAYS[found.group(1).lower()])
    return (day, start, end + found.end()) if found is after else (day, found.start(), end)


def _resolve(weekday: int, published: date | None, tense: str | None = None) -> date | None:
    """The date of a weekday named in an article: the last such day for what already happened ("met on
    Saturday" in a Friday paper is six days before), the next one for what is to
    come ("will meet on Saturday"), and otherwise the nearest ("Friday" in a Thursday paper is the next day)."""
    if published is None:
        return None
    ahead = (weekday - published.weekday()) % 7
    if tense == "past":
        return published - timedelta(days=(7 - ahead) % 7)
    if tense == "future":
        return published + timedelta(days=ahead)
    return published + timedelta(days=ahead if ahead <= 3 else ahead - 7)
