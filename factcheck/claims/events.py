"""Where and when an event happens: 'talks in Istanbul', 'waiting ... at 10am on Friday'.

Only events that outlets pin to a place or a time (talks, meetings, summits, ceasefires, votes) are read, so
that 'Zelensky flew to Ankara' and 'talks in Istanbul' are never taken for the same event.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

import pycountry
from spacy.tokens import Span, Token

from factcheck.claims.model import STATEMENT, Attribution, PlaceClaim, TimeClaim
from factcheck.claims.names import ascii_fold, party_key
from factcheck.claims.syntax import REPORTING_VERBS, is_negated

EVENT_WORDS = {
    "talk": "talks",
    "talks": "talks",
    "negotiation": "talks",
    "negotiations": "talks",
    "meeting": "talks",
    "meet": "talks",
    "summit": "talks",
    "session": "talks",
    "negotiate": "talks",
    "wait": "talks",
    "confer": "talks",
    "ceasefire": "ceasefire",
    "truce": "ceasefire",
    "vote": "vote",
    "election": "vote",
    "referendum": "vote",
    "attack": "attack",
    "strike": "attack",
    "explosion": "attack",
    "blast": "attack",
    # Journeys: who went where and when ("flew to Ankara on Thursday", "arrived on Wednesday").
    "fly": "travel",
    "arrive": "travel",
    "travel": "travel",
    "visit": "travel",
    "tour": "travel",
    "land": "travel",
    # A river bursting its banks (read with its object: see _phrasal_event).
    "overflow": "flood",
}
_SPEECH_VERBS = REPORTING_VERBS | {"speak"}
_PLACE_NOUNS = frozenset({"city", "town", "capital", "village", "region", "province", "port", "resort", "district"})
_EVENT_VERBS = frozenset(
    {"meet", "negotiate", "wait", "confer", "vote", "attack", "strike", "fly", "arrive", "travel", "visit", "land"}
    | {"tour", "overflow"}
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_CLOCK = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])|\b(\d{1,2}):(\d{2})\b|\b(noon|midday|midnight)\b",
    re.IGNORECASE,
)
_EXTRA_COUNTRIES = {
    "turkey",
    "russia",
    "iran",
    "syria",
    "south korea",
    "north korea",
    "vietnam",
    "laos",
    "bolivia",
    "venezuela",
    "tanzania",
    "moldova",
    "czech republic",
    "britain",
    "england",
    "scotland",
    "wales",
    "palestine",
    "taiwan",
    "kosovo",
    "vatican",
}


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    names = set(_EXTRA_COUNTRIES)
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(ascii_fold(value).lower())
    return frozenset(names)


def is_country(name: str) -> bool:
    return ascii_fold(name).lower().removeprefix("the ") in _countries()


def place_claims(sentence: Span, attribution: Attribution | None) -> list[PlaceClaim]:
    claims: list[PlaceClaim] = []
    for entity in sentence.ents:
        if entity.label_ not in {"GPE", "LOC", "FAC"}:
            continue
        preposition = entity.root.head
        if preposition.lower_ == "of" and preposition.head.lemma_.lower() in _PLACE_NOUNS:
            preposition = preposition.head.head  # "in the Turkish city of Antalya"
        where = _where_clause(entity.root)
        if where is not None:  # "in Ankara, where he flew on Thursday": the place of the clause's event
            event, anchor = _event_for(where), where
            start, end = entity.start_char - sentence.start_char, where.idx + len(where) - sentence.start_char
        else:
            if preposition.dep_ != "prep" or preposition.lower_ not in {"in", "at", "to"}:
                continue
            event, anchor = _event_of_attachment(preposition.head)
            if (preposition.lower_ == "to") != (event == "travel"):
                continue  # journeys go "to" a place; talks happen "in" or "at" one
            start, end = preposition.idx - sentence.start_char, entity.end_char - sentence.start_char
        if event is None:
            continue
        claims.append(
            PlaceClaim(
                start=start,
                end=end,
                text=sentence.text[start:end],
                attribution=attribution,
                negated=is_negated(anchor),
                event=event,
                place=entity.text,
                place_key=party_key(entity.text),
                is_country=is_country(entity.text),
                embedded=_embedded(anchor),
                participants=_participants(anchor),
            )
        )
    return claims


# People named as what an event is "of" or is "with", when they come as a compound ("a Nato foreign ministers
# meeting"): they tell one meeting from another.
_PARTICIPANT_NOUNS = frozenset(
    "minister leader official executive diplomat envoy delegate delegation negotiator president lawmaker "
    "general commander ambassador representative adviser advisor".split()
)


def _participants(anchor: Token) -> tuple[str, ...]:
    found: set[str] = set()
    events = [anchor, *[c for c in anchor.children if c.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj"}]]
    for noun in events:
        if noun.pos_ != "NOUN" or EVENT_WORDS.get(noun.lemma_.lower()) is None:
            continue
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in {"with", "between", "among"}:
                for member in child.children:
                    if member.dep_ == "pobj":
                        found |= {_participant_key(t) for t in (member, *member.conjuncts)}
            elif child.dep_ in {"compound", "nmod"} and (
                child.pos_ == "PROPN" or child.lemma_.lower() in _PARTICIPANT_NOUNS
            ):
                found.add(_participant_key(child))
    return tuple(sorted(found))


def _participant_key(token: Token) -> str:
    return party_key(token.text) if token.pos_ == "PROPN" else token.lemma_.lower()


def _where_clause(place: Token) -> Token | None:
    """The verb of a relative clause opened by "where" on the place ("Ankara, where he flew on Thursday")."""
    for child in place.children:
        if child.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in child.children):
            return child
    return None


def _event_of_attachment(head: Token) -> tuple[str | None, Token]:
    """The event a place phrase attaches to, and the token that names it. A place may hang from the people at
    the event ("a meeting with business executives in Doha": the meeting is in Doha)."""
    event = _event_for(head)
    if event is None and head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.pos_ == "NOUN":
        meeting = head.head.head
        if (found := _event_for(meeting)) is not None:
            return found, meeting
    return event, head


def _phrasal_event(token: Token) -> str | None:
    """Verbs that name an event only with their particle or object: "sit down" (talks), "burst its banks".

    ("heading to Albania" is a journey too, but a person's journeys are not yet told apart: reading it made the
    day of one journey contradict the day of another.)
    """
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    if lemma == "sit" and any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
        return "talks"
    if lemma in {"burst", "breach", "break", "top"} and any(
        c.dep_ == "dobj" and c.lemma_.lower() in {"bank", "levee", "embankment", "dam"} for c in token.children
    ):
        return "flood"  # "the river burst its banks on Tuesday"
    return None


def _event_for(token: Token) -> str | None:
    """The event a place or time attaches to: the word itself, its object, or the object of its verb."""
    for candidate in [token, *[c for c in token.children if c.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj"}]]:
        if (phrasal := _phrasal_event(candidate)) is not None:
            return phrasal
        event = EVENT_WORDS.get(candidate.lemma_.lower()) or EVENT_WORDS.get(candidate.lower_)
        # "talks to journalists" is speaking, not negotiating: most event words count only as nouns.
        # ("the ceasefire talks open at 10am" is sometimes parsed with "talks" as the verb: no "to" follows it)
        misparsed_noun = candidate.lower_ == "talks" and not any(c.lower_ in {"to", "with"} for c in candidate.children)
        if event is not None and (
            candidate.pos_ != "VERB" or candidate.lemma_.lower() in _EVENT_VERBS or misparsed_noun
        ):
            return event
    if token.dep_ in {"xcomp", "advcl", "acl", "relcl"} and (
        token.head.pos_ != "VERB" or token.head.lemma_ in _EVENT_VERBS
    ):
        event = EVENT_WORDS.get(token.head.lemma_.lower())
        if event is None and token.dep_ == "relcl" and token.head.pos_ == "NOUN":
            # "a restart of peace negotiations that were held in Istanbul": the clause may hang from the noun
            # that the event word complements
            of = next((c for c in token.head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            event = EVENT_WORDS.get(noun.lemma_.lower()) if noun is not None and noun.pos_ == "NOUN" else None
        return event
    return None


def time_claims(sentence: Span, attribution: Attribution | None, published: date | None) -> list[TimeClaim]:
    claims: list[TimeClaim] = []
    text = sentence.text
    for match in _CLOCK.finditer(text):
        minutes = _minutes(match)
        if minutes is None:
            continue
        token = next((t for t in sentence if t.idx - sentence.start_char >= match.start()), None)
        if token is None:
            continue
        event, node = _event_at(token)
        if event is None:
            continue
        weekday, day_end = _weekday_near(text, match.start(), match.end())
        start, end = match.start(), max(match.end(), day_end)
        resolved = _resolve(weekday, published, _tense(token)) if weekday is not None else None
        claims.append(
            TimeClaim(
                start=start,
                end=end,
                text=text[start:end],
                attribution=attribution,
                negated=is_negated(node),
                event=event,
                weekday=weekday,
                minutes=minutes,
                date=resolved.isoformat() if resolved else None,
                month_day=resolved.strftime("%m-%d") if resolved else None,
                embedded=_embedded(token.head.head if token.head.dep_ == "prep" else token.head),
            )
        )
    return claims + day_claims(sentence, attribution, published, [(c.start, c.end) for c in claims])


# Verbs that only frame an event ("are set to hold", "are due to begin"): the search for the event goes on
# through them, and stops at any other verb ("expected to produce a deal by Sunday" is not the talks' day).
_FRAMING_VERBS = frozenset(
    "be set due schedule expect begin start open take hold meet wait resume continue plan sit get go come".split()
)


def _event_at(token: Token) -> tuple[str | None, Token]:
    """The event a time expression dates, and the token where it was found (a saying, at a reporting verb)."""
    node = token
    for _ in range(7):
        lemma = node.lemma_.lower()
        if node.pos_ == "VERB" and lemma in _SPEECH_VERBS:
            return STATEMENT, node  # "Peskov said on Wednesday": the day of the saying, not of what was said
        event = _event_for(node)
        if event is not None:
            return event, node
        when = _when_clause(node)
        if when is not None and (event := _event_for(when)) is not None:
            return event, when  # "began on Saturday when European leaders met": the meeting's day too
        if node.pos_ == "VERB" and lemma not in _FRAMING_VERBS and lemma not in EVENT_WORDS:
            return None, node
        if node.head.i == node.i:
            break
        node = node.head
    return None, node


def _when_clause(verb: Token) -> Token | None:
    """The verb of a clause opened by "when" on ``verb`` ("began on Saturday when leaders met")."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ == "when" for c in child.children):
            return child
    return None


def _embedded(attachment: Token) -> bool:
    """Deep inside the sentence: more than two steps below the root, not counting verb chains
    ('are set to hold', 'are due to begin') that only carry tense and mood."""
    depth, token = 0, attachment
    while token.head.i != token.i and depth < 10:
        if token.dep_ not in {"xcomp", "acomp", "aux", "auxpass", "ccomp"}:
            depth += 1
        token = token.head
    return depth > 2


_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTH_NAMES) + r")\b(?:,?\s+(\d{4}))?", re.I)
_MONTH_DAY = re.compile(r"\b(" + "|".join(_MONTH_NAMES) + r")\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", re.I)


def day_claims(
    sentence: Span, attribution: Attribution | None, published: date | None, taken: list[tuple[int, int]]
) -> list[TimeClaim]:
    """Days without a clock time: 'begin on Saturday', 'meet on 13 March 2026', 'on Saturday 10 May'."""
    claims: list[TimeClaim] = []
    for entity in sentence.ents:
        if entity.label_ != "DATE":
            continue
        start, end = entity.start_char - sentence.start_char, entity.end_char - sentence.start_char
        if any(s < end and start < e for s, e in taken):
            continue
        text = entity.text
        weekday = next((i for i, name in enumerate(_WEEKDAYS) if re.search(rf"\b{name}\b", text, re.I)), None)
        month_day, full = _calendar_day(text, published)
        if weekday is None and month_day is None:
            continue
        if entity.root.head.lower_ in {"by", "until", "till", "since", "before", "after", "from"}:
            continue  # a deadline or a window, not when the event happens
        event, node = _event_at(entity.root)
        if event is None:
            continue
        if full is None and weekday is not None:
            full = _resolve(weekday, published, _tense(entity.root))
        if month_day is None and full is not None:
            month_day = full.strftime("%m-%d")
        claims.append(
            TimeClaim(
                start=start,
                end=end,
                text=text,
                attribution=attribution,
                negated=is_negated(node),
                event=event,
                weekday=weekday if weekday is not None else (full.weekday() if full else None),
                minutes=None,
                date=full.isoformat() if full else None,
                month_day=month_day,
                embedded=_embedded(entity.root.head.head if entity.root.head.dep_ == "prep" else entity.root.head),
            )
        )
    return claims


def _calendar_day(text: str, published: date | None) -> tuple[str | None, date | None]:
    match = _DAY_MONTH.search(text)
    day_month = (int(match.group(1)), match.group(2), match.group(3)) if match else None
    if day_month is None and (match := _MONTH_DAY.search(text)):
        day_month = (int(match.group(2)), match.group(1), match.group(3))
    if day_month is None:
        return None, None
    day, month_name, year = day_month
    month = _MONTH_NAMES.index(month_name.lower()) + 1
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


def _weekday_near(text: str, start: int, end: int) -> tuple[int | None, int]:
    """A weekday written just after ('10am on Friday') or just before ('Friday at 10am') a clock time."""
    after = re.match(r"\s*(?:on\s+|,\s*)?(\w+day)\b", text[end:], re.IGNORECASE)
    if after and after.group(1).lower() in _WEEKDAYS:
        return _WEEKDAYS.index(after.group(1).lower()), end + after.end()
    before = re.search(r"\b(\w+day)\s*(?:,\s*)?(?:at\s+)?$", text[:start], re.IGNORECASE)
    if before and before.group(1).lower() in _WEEKDAYS:
        return _WEEKDAYS.index(before.group(1).lower()), end
    return None, end


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


# Verbs that put what they frame ahead in time, whatever their own tense ("were due to meet on Friday").
_AHEAD_VERBS = frozenset("set due schedule expect plan prepare intend aim hope".split())


def _tense(token: Token) -> str | None:
    """'past' or 'future' for the verb a date hangs from, when its form says so; None when it does not."""
    node = token
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            break
        node = node.head
    chain = [node]
    while chain[-1].dep_ in {"xcomp", "ccomp"} and chain[-1].head.i != chain[-1].i and len(chain) < 6:
        chain.append(chain[-1].head)
    if any(n.lemma_.lower() in _AHEAD_VERBS for n in chain):
        return "future"
    auxiliaries = [c for c in node.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "MD" and a.lemma_.lower() in {"will", "shall", "would"} for a in auxiliaries):
        return "future"
    if node.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_.lower() == "have" for a in auxiliaries):
        return "past"
    return None
