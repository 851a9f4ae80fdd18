"""Typed claims: what a sentence asserts, each with the span of words that carries it.

Every claim knows its *slot* (what it is about: the thing counted, the role, the group, the event) and its
*value*. Two claims are compared only when their slots match; see :mod:`factcheck.claims.compare`.
Offsets are relative to the sentence the claim was found in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

from factcheck.claims.names import PersonName, fold_key
from factcheck.claims.numbers import Amount, Interval


@dataclass(frozen=True)
class Attribution:
    """Who asserts the claim ("according to the UN", "Peskov said"); ``key`` is normalized for matching."""

    text: str
    key: str


@dataclass(frozen=True)
class Claim:
    kind: ClassVar[str] = "claim"
    start: int
    end: int
    text: str
    attribution: Attribution | None = None
    negated: bool = False

    def to_json(self) -> str:
        return json.dumps({"kind": self.kind, **asdict(self)}, default=_json_default)

    def describe(self) -> str:
        """The value in words, for reasons: 'more than 12,000 Ukrainian civilians killed'."""
        return self.text


#: What a figure counts when it says how long an event lasted, whoever took part ("they met for over an hour").
DURATION = "duration"
#: What a figure counts when it says how often an event happened ("appeared three times", "was arrested twice").
TIMES = "times"


@dataclass(frozen=True)
class QuantityClaim(Claim):
    kind: ClassVar[str] = "quantity"
    amount: Amount = field(default=None)  # type: ignore[assignment]
    counted: str | None = None  # normalized head noun: "civilians", "people", "line", "ceasefire"
    modifiers: tuple[str, ...] = ()  # normalized adjectives: ("ukrain",), ("senior",)
    event: str | None = None  # "killed", "evacuated", "missing", "include", ...
    scope: str = "unknown"  # "daily", "cumulative" or "unknown"
    group: str | None = None  # the group whose members are counted ("three other senior officials" of whom)
    counted_text: str | None = None  # as written: "Ukrainian civilians"

    def describe(self) -> str:
        """'more than 12,000 Ukrainian civilians killed'; 'Ana Roal aged 54'."""
        if self.counted == "age" and self.amount.dimension == "age":
            return f"{self.counted_text} aged {self.amount.text}"
        if self.counted == DURATION:
            return f"{self.event or 'lasted'} for {self.amount.text}"
        if self.counted == "tally" and self.amount.dimension == "tally":  # "a 97-1 tally (senate)"
            return f"a {self.amount.text} tally" + (f" ({self.group})" if self.group else "")
        if self.counted == "shares" and self.amount.dimension == "shares":  # "Romney 47 percent, Obama 45 percent"
            return self.amount.text
        if self.counted == TIMES:  # "appear three times", "appear twice"
            times = "" if self.amount.text.lower() in ("twice", "thrice") else " times"
            return f"{self.event} {self.amount.text}{times}"
        counts = self.amount.dimension is None  # for measures the verb is style ("runs", "stretches")
        noun_says_it = (self.counted_text or "").lower().startswith(("death", "dead", "casualt", "fatalit"))
        event = f" {self.event}" if counts and self.event and not noun_says_it else ""
        return f"{self.amount.text} {self.counted_text or self.counted or ''}{event}".replace("  ", " ").strip()


@dataclass(frozen=True)
class RoleClaim(Claim):
    kind: ClassVar[str] = "role"
    person: PersonName = field(default=None)  # type: ignore[assignment]
    role: str = ""  # normalized: "defence minister", "spokesman", "secretary of state"
    party: str | None = None  # party key of the role ("ukraine", "russia") when stated or implied by the sentence
    # The organisation the post belongs to, as written, where the sentence names one ("Human Rights Campaign")
    body: str | None = None
    # Read from a title before the name ("President Obama"): it names the person; it is not news of its own.
    titled: bool = False

    def describe(self) -> str:
        return f"{self.role} {self.person.display}"


@dataclass(frozen=True)
class AffiliationClaim(Claim):
    """The political party a named person belongs to ("GOP Gov. Rick Scott", "Cummings, Democrat of Maryland")."""

    kind: ClassVar[str] = "affiliation"
    person: PersonName = field(default=None)  # type: ignore[assignment]
    party: str = ""  # WordNet synset of the party ("n08263113": Republican Party, GOP), or "independent"
    party_name: str = ""  # in words: "Republican Party"
    party_text: str = ""  # as written: "GOP", "a Republican", "(R)"
    # "" (belongs now), "former" (left it: "a former Republican", "ex-Democrat"), or "past" (the party of a post
    # held before: "Former Democratic Sen. Joe Lieberman")
    tenure: str = ""
    event: str | None = None  # "won the mayoralty as a Republican": the party under which something was done
    region: str | None = None  # the state represented ("Democrat of Maryland"), folded, when a gazetteer knows it
    region_text: str = ""
    titled: bool = False  # read from the words before the name ("Republican Sen. X"), as a title
    predicate: bool = False  # what the sentence says of the person ("X is a registered Republican"), not a description

    def describe(self) -> str:
        party = "an independent" if self.party == INDEPENDENT else self.party_name
        region = f" of {self.region_text}" if self.region_text else ""
        return f"{self.person.display} ({party}{region})"


#: The party key of someone who belongs to none ("an independent", "(I)").
INDEPENDENT = "independent"


@dataclass(frozen=True)
class GroupClaim(Claim):
    kind: ClassVar[str] = "group"
    group: str = ""  # "<party> delegation"
    relation: str = "head"  # "head" or "member"
    person: PersonName | None = None
    holder_text: str = ""  # who, as written ("defence minister Rustem Umerov")
    group_text: str = ""  # the group, as written ("the Kastavian delegation")

    def describe(self) -> str:
        verb = "heads" if self.relation == "head" else "is a member of"
        group = (self.group_text or self.group).removeprefix("the ").removeprefix("The ")
        article = "" if "'s " in group or "\u2019s " in group else "the "
        return f"{self.holder_text} {verb} {article}{group}"


@dataclass(frozen=True)
class PlaceClaim(Claim):
    kind: ClassVar[str] = "place"
    event: str = ""  # "talks"
    place: str = ""  # as written: "Istanbul"
    place_key: str = ""
    is_country: bool = False
    embedded: bool = False  # attached deep inside the sentence ("accepted an offer of a meeting in Turkey")
    # who the event brings together, when the sentence says: ("executive",) for "a meeting with business
    # executives", ("minister", "nato") for "a Nato foreign ministers meeting"
    participants: tuple[str, ...] = ()
    # the keys under which wordings of the event meet (WordNet synsets: "v00965871"; or "travel"); see
    # factcheck.claims.occasions
    event_keys: tuple[str, ...] = ()


#: The event of a day or time attached to a reporting verb ("Peskov said on Wednesday"): when something was said.
STATEMENT = "statement"


def same_event(a: PlaceClaim | TimeClaim, b: PlaceClaim | TimeClaim) -> bool:
    """Whether two places or times are of one event: their keys meet (claims stored without keys compare by
    the event's word)."""
    if a.event_keys and b.event_keys:
        return not set(a.event_keys).isdisjoint(b.event_keys)
    return a.event == b.event


@dataclass(frozen=True)
class TimeClaim(Claim):
    kind: ClassVar[str] = "time"
    event: str = ""
    weekday: int | None = None  # Monday = 0
    minutes: int | None = None  # clock time, minutes after midnight
    date: str | None = None  # resolved against the publication date, ISO
    month_day: str | None = None  # "05-16", when the day is known with or without the year
    year: int | None = None  # as written ("in 2010", "13 March 2014"), never inferred from the publication date
    month: int | None = None  # January = 1, with a written year ("in March 2014")
    embedded: bool = False
    event_keys: tuple[str, ...] = ()  # as for places
    until: int | None = None  # the last year of a period ("from 2006 to 2012"), whose first is ``year``
    day_part: str | None = None  # "morning", "evening", "late" ... beside a day (``lexicon.DAY_PARTS``)
    decade: int | None = None  # "in the 1960s", "in the mid-1980s": the decade's first year, no year written


#: Prefixes of the terms that name someone or something, or give a figure ("person:putyn", "num:12000").
ANCHOR_PREFIXES = ("num:", "name:", "person:", "place:", "party:")


@dataclass(frozen=True)
class StatementClaim(Claim):
    """The sentence as a whole: its main verb, polarity and key terms, for the free-form fallback."""

    kind: ClassVar[str] = "statement"
    verb: str = ""
    terms: tuple[str, ...] = ()  # normalized content words, names by surname key, numbers as digits
    # Stances the sentence takes, as "<kind>:<+ or ->:<words>:<takers>:<start>:<end>" ("Putin spurned an offer"
    # is "accept:-:spurned:putyn:6:13"); see factcheck.claims.stances.
    stances: tuple[str, ...] = ()
    # Who did what to whom, as "<verb>|<doer key>|<doer>|<object key>|<object>|..." (factcheck.claims.acts).
    acts: tuple[str, ...] = ()
    # The person a pronoun subject refers to ("He was the fourth person charged"), and the pronoun's offsets
    # (factcheck.claims.referents); "" and -1 when the sentence has none.
    referent: str = ""
    referent_start: int = -1
    referent_end: int = -1
    complement: str = ""  # the adjective of a copular main verb ("surprised" in "he was not surprised")
    # the main verb passive with no doer given ("a photo was sent from his account"): it does not say who did it
    agentless: bool = False
    # the speaker a sentence goes on quoting without naming them (factcheck.claims.quoted); "" when it names its own
    quoted_by: str = ""
    # the organisations it names, as the entity recogniser reads them and as written ("Greater Tucson Tea Party",
    # "NBC News"; no "the", no possessive): values another sentence may give otherwise (factcheck.restated_names)
    bodies: tuple[str, ...] = ()
    # who does the main verb's act: a named person as the terms key them ("person:<surname>"), a place, country or
    # party as "party:<key>"; "" for a pronoun, a common noun or no subject
    doer: str = ""


CLAIM_TYPES: dict[str, type[Claim]] = {
    cls.kind: cls
    for cls in (QuantityClaim, RoleClaim, AffiliationClaim, GroupClaim, PlaceClaim, TimeClaim, StatementClaim)
}


def statement_of(claims: Iterable[Claim]) -> StatementClaim | None:
    """The whole-sentence reading among a sentence's claims (every extracted sentence has one)."""
    return next((c for c in claims if isinstance(c, StatementClaim)), None)


def said_on(claim: Claim) -> bool:
    """Whether a claim is the day or time of a saying ("Peskov said on Wednesday"), not of what was said."""
    return isinstance(claim, TimeClaim) and claim.event == STATEMENT


def slot_keys(claim: Claim) -> list[str]:
    """Index keys under which a claim is stored, so comparable claims are found without scanning."""
    if isinstance(claim, QuantityClaim):
        return [f"quantity:{claim.amount.dimension or 'count'}:{claim.counted}"] if claim.counted else []
    if isinstance(claim, RoleClaim):
        return [f"role:{claim.role}", f"person:{fold_key(claim.person.surname)}"]
    if isinstance(claim, AffiliationClaim):
        return [f"affiliation:{fold_key(claim.person.surname)}"]
    if isinstance(claim, GroupClaim):
        return [f"group:{claim.group}"]
    if said_on(claim):
        return []  # the day of a saying: compared only between restatements, which are found by meaning
    if isinstance(claim, TimeClaim) and claim.until is not None and not claim.event:
        return ["time:period"]  # a post held from one year to another names no event
    if isinstance(claim, PlaceClaim | TimeClaim):
        return [f"{claim.kind}:{key}" for key in claim.event_keys] or [f"{claim.kind}:{claim.event}"]
    return []


@lru_cache(maxsize=16384)  # claims are frozen: a check reads the same stored claims again and again
def claim_from_json(payload: str) -> Claim:
    data: dict[str, Any] = json.loads(payload)
    cls = CLAIM_TYPES[data.pop("kind")]
    if data.get("attribution"):
        data["attribution"] = Attribution(**data["attribution"])
    if data.get("person"):
        data["person"] = PersonName(**data["person"])
    if data.get("amount"):
        amount = dict(data["amount"])
        amount["interval"] = Interval(**amount["interval"])  # json reads Infinity back as float("inf")
        data["amount"] = Amount(**amount)
    for key in ("modifiers", "terms", "stances", "acts", "participants", "event_keys", "bodies"):
        if key in data:
            data[key] = tuple(data[key])
    return cls(**data)


def _json_default(value: object) -> object:
    raise TypeError(f"cannot serialise {type(value).__name__}")
