"""Generated news articles for scale benchmarks: a fictional world, written by this project, seeded.

Each generated *event* (a flood, talks, an election, a strike ...) is covered by several outlets; every outlet
writes its own article from the same facts, with its own wording, its own choice of details and now and then
another figure, so the corpus has what real coverage has: agreeing and conflicting sources, typed claims
(figures with qualifiers, people in roles, delegation heads, places, dates) and plain background sentences.
Names are built from syllables so they belong to no real person or place.

The text is deterministic for a given seed and count: ``articles(seed=7, count=100)`` always returns the same
articles, so cached corpora built from it stay valid.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from factcheck import SourceInput

_SYLLABLES = "ka ri mo ten sa vel dor an ui ba lo mir zan tek ost ha len vo ras ne gul pe dra sin".split()
_OUTLETS = ["Northern Ledger", "Harbor Daily", "Radio Meridian", "The Upland Post", "Coastline Wire", "Civic Times"]
_EVENTS = ["floods", "earthquake", "wildfires", "landslide", "storm", "heatwave"]
_ROLES = ["defence minister", "foreign minister", "interior minister", "finance minister", "health minister"]
_BODIES = ["the Red Crescent", "the UN", "the health ministry", "the civil defence agency", "the regional governor"]
_QUALIFIERS = ["", "", "at least ", "more than ", "about ", "nearly ", "some "]
_MONTHS = "January February March April May June July August September October November December".split()
_FILLER = [
    "Residents of {city} said they had little warning before conditions worsened {when}.",
    "Schools in {region} remained closed while engineers inspected {n} buildings.",
    "Aid groups called for better coordination between the national and local authorities in {region}.",
    "Opposition politicians led by {person} criticised the government's response as slow.",
    "Prices for bread and fuel rose by {n} percent in the markets of {city}.",
    "Volunteers gathered at the {place} in {city} to hand out water and blankets.",
    "The government promised to publish a full account of its response within {n} weeks.",
    "Analysts at {org} said the crisis would weigh on the economy for the rest of the year.",
    "Several roads into {region} were blocked by debris and abandoned vehicles {when}.",
    "Local radio stations in {city} broadcast lists of shelters throughout the night.",
    "Officials in {region} warned that the figures could change as more information arrived.",
    "The last comparable disaster in {country} happened {n} years ago, {person} recalled.",
    "Hospitals in {city} asked for blood donations and cancelled routine operations.",
    "Insurance companies told {org} it was too early to estimate the cost of the damage.",
    "International observers from {org} are expected to arrive in {city} later in the week.",
    "Many families from {city} spent the night in their cars outside the town.",
    "{person}, a shopkeeper in {city}, said the water reached the first floor within an hour.",
    "The army sent {n} trucks with food and tents to {region} {when}.",
    "Power was cut to parts of {city} and repair crews worked {when} to restore it.",
    "Farmers in {region} said they had lost most of this season's harvest.",
    "{org} opened an appeal for donations to help families in {region}.",
    "The main railway line between {city} and the capital reopened {when}.",
    "{person} of {org} said the warning system had worked only in part.",
    "Teachers in {city} turned {n} classrooms into temporary shelters.",
]
_PLACES = ["central square", "football stadium", "old market", "main mosque", "cathedral", "bus station"]
_ORGS = ["the Civic Relief Fund", "the Upland Institute", "the Coastal Bank", "the Medical Union", "Hope Network"]
_WHENS = ["overnight", "on Sunday", "early on Monday", "late on Tuesday", "this week", "in the afternoon"]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


@dataclass(frozen=True)
class _Facts:
    """What happened, before any outlet words it."""

    event: str
    country: str
    region: str
    city: str
    talks_city: str
    day: date
    killed: int
    displaced: int
    body: str
    minister_role: str
    minister: str
    delegation_head: str
    delegation_size: int
    spokesman: str


def _facts(rng: random.Random, day: date) -> _Facts:
    person = lambda: f"{_word(rng, 2)} {_word(rng, 3)}"  # noqa: E731 - a local shorthand
    return _Facts(
        event=rng.choice(_EVENTS),
        country=_word(rng, 2) + "ia",
        region=_word(rng, 3),
        city=_word(rng, 2),
        talks_city=_word(rng, 2) + "grad",
        day=day,
        killed=rng.randint(3, 4000),
        displaced=rng.randint(500, 90000),
        body=rng.choice(_BODIES),
        minister_role=rng.choice(_ROLES),
        minister=person(),
        delegation_head=person(),
        delegation_size=rng.randint(3, 12),
        spokesman=person(),
    )


def _figure(rng: random.Random, value: int, *, drift: bool) -> str:
    if drift and rng.random() < 0.15:  # another outlet's figure now and then: a real conflict
        value = max(1, round(value * rng.choice([0.5, 0.8, 1.3, 2.0])))
    return f"{rng.choice(_QUALIFIERS)}{value:,}"


def _when(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"


def _article_sentences(rng: random.Random, f: _Facts, outlet_index: int) -> list[str]:
    drift = outlet_index > 0
    typed = [
        f"{_figure(rng, f.killed, drift=drift)} people have been killed in the {f.event} in {f.region}, "
        f"according to {f.body}.",
        f"The {f.event} struck the city of {f.city} in {f.country} on {_when(f.day)}.",
        f"{_figure(rng, f.displaced, drift=drift)} residents have been displaced since the {f.event} began.",
        f"{f.country}'s {f.minister_role} {f.minister} visited {f.city} on {_when(f.day + timedelta(days=1))}.",
        f"The delegation to the talks in {f.talks_city} is headed by {f.delegation_head}.",
        f"It also includes {f.delegation_size} senior officials from the ministries of finance and transport.",
        f'"We are doing everything we can," said government spokesman {f.spokesman}.',
        f"Talks on reconstruction aid will begin in {f.talks_city} at 10am on "
        f"{_when(f.day + timedelta(days=rng.randint(3, 9)))}.",
        f"At least {rng.randint(2, 40)} bridges were destroyed in {f.region}, officials said.",
        f"The disaster is the worst to hit {f.country} in {rng.randint(10, 80)} years.",
    ]
    chosen = rng.sample(typed, k=rng.randint(6, len(typed)))
    slots = {"city": f.city, "region": f.region, "country": f.country}
    for template in rng.sample(_FILLER, k=rng.randint(8, 14)):
        chosen.append(
            template.format(
                **slots,
                person=f"{_word(rng, 2)} {_word(rng, 3)}",
                n=rng.randint(2, 90),
                place=rng.choice(_PLACES),
                org=rng.choice(_ORGS),
                when=rng.choice(_WHENS),
            )
        )
    rng.shuffle(chosen)
    return [sentence[0].upper() + sentence[1:] for sentence in chosen]


def articles(
    *, seed: int, count: int, outlets_per_event: int = 3, start: date = date(2024, 1, 1)
) -> Iterator[SourceInput]:
    """``count`` generated articles, ``outlets_per_event`` per event, ids ``gen-<seed>-<n>``."""
    rng = random.Random(seed)
    produced = 0
    event_number = 0
    while produced < count:
        facts = _facts(rng, start + timedelta(days=event_number % 700))
        outlets = rng.sample(_OUTLETS, k=outlets_per_event)
        for outlet_index, outlet in enumerate(outlets):
            if produced >= count:
                return
            sentences = _article_sentences(rng, facts, outlet_index)
            paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
            yield SourceInput(
                id=f"gen-{seed}-{produced:06d}",
                text="\n\n".join(paragraphs),
                title=f"{facts.event.capitalize()} in {facts.region}",
                outlet=outlet,
                published_at=facts.day + timedelta(days=outlet_index),
                origin=f"generated (seed {seed}, event {event_number})",
            )
            produced += 1
        event_number += 1
