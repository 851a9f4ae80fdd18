"""Events read with WordNet: which words name one, and under which keys two outlets' wordings of it meet.
Sentences written for these tests; the paper is dated Friday 13 March 2026."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.claims import PlaceClaim, TimeClaim, compare
from factcheck.claims.compare import CONFLICT
from factcheck.claims.model import STATEMENT, Claim, same_event
from factcheck.claims.occasions import JOURNEY, is_talks, noun_occasion, same_occasion, verb_occasion
from tests.factcheck.claims.test_extract import claims_of, only

FRIDAY = date(2026, 3, 13)


def one(claims: list[Claim], kind: type[Claim]) -> Claim:
    (found,) = only(claims, kind)
    return found


def times(*sentences: str) -> list[TimeClaim]:
    found = [one(claims, TimeClaim) for claims in claims_of(*sentences, published=FRIDAY)]
    assert all(isinstance(t, TimeClaim) for t in found)
    return found  # type: ignore[return-value]


def places(*sentences: str) -> list[PlaceClaim]:
    found = [one(claims, PlaceClaim) for claims in claims_of(*sentences)]
    assert all(isinstance(p, PlaceClaim) for p in found)
    return found  # type: ignore[return-value]


def test_a_support_verb_reads_its_event_noun() -> None:
    (time,) = times("The governor made her campaign announcement on Tuesday afternoon.")
    assert (time.event, time.date) == ("announcement", "2026-03-10")
    # the verb and the noun of one announcement meet
    (place,) = places("The governor announced her candidacy in Lindhaven.")
    assert same_event(time, place)


def test_an_announced_bid_and_an_announcement_meet_at_one_place() -> None:
    announced, made = places(
        "The senator announced her presidential bid in Strenna.",
        "The senator made a public announcement at her old school in Strenna.",
    )
    assert (announced.place, made.place) == ("Strenna", "Strenna")
    assert same_event(announced, made)
    assert compare(announced, made) is not None


def test_a_letter_sent_on_one_day_contradicts_a_letter_sent_on_another() -> None:
    claimed, reported = times(
        "The chairman sent his letter requesting testimony from the minister on Monday.",
        "The chairman made the request in a letter sent on Tuesday.",
    )
    assert (claimed.weekday, reported.weekday) == (0, 1)
    assert same_event(claimed, reported)
    judgement = compare(claimed, reported)
    assert judgement is not None and judgement.verdict == CONFLICT


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (noun_occasion("announcement"), verb_occasion("announce")),
        (noun_occasion("meeting"), verb_occasion("meet")),
        (noun_occasion("talks"), verb_occasion("meet")),  # the one join WordNet lacks
        (noun_occasion("negotiations"), noun_occasion("summit")),  # a summit is a kind of meeting
        (verb_occasion("confer"), noun_occasion("talks")),  # to confer is to hold a conference, a meeting
        (noun_occasion("vote"), verb_occasion("vote")),
        (verb_occasion("swear", "in"), verb_occasion("inaugurate")),  # a kind of inaugurating
        (verb_occasion("fly"), verb_occasion("arrive")),  # one journey
        (noun_occasion("trip"), verb_occasion("visit")),
    ],
)
def test_wordings_of_one_event_meet(a: object, b: object) -> None:
    assert a is not None and b is not None
    assert same_occasion(a.keys, b.keys)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (verb_occasion("fly"), noun_occasion("talks")),
        (verb_occasion("arrive"), verb_occasion("meet")),
        (verb_occasion("announce"), verb_occasion("resign")),
        (noun_occasion("press conference"), noun_occasion("talks")),
    ],
)
def test_other_events_do_not_meet(a: object, b: object) -> None:
    assert a is not None and b is not None
    assert not same_occasion(a.keys, b.keys)  # type: ignore[attr-defined]


def test_nouns_that_name_no_event() -> None:
    assert noun_occasion("home") is None
    assert noun_occasion("afternoon") is None
    assert noun_occasion("talks") is not None and is_talks(noun_occasion("talks"))  # type: ignore[arg-type]
    assert noun_occasion("trip") is not None and noun_occasion("trip").is_journey  # type: ignore[union-attr]


def test_a_journey_never_meets_talks() -> None:
    flew, talks = places("The envoy flew to Lindhaven.", "Talks were held in Strenna.")
    assert (flew.event, talks.event) == (JOURNEY, "talks")
    assert not same_event(flew, talks)
    assert compare(flew, talks) is None
    flew_day, talks_day = times("The envoy flew to Lindhaven on Thursday.", "Talks in Lindhaven began on Wednesday.")
    assert not same_event(flew_day, talks_day)


def test_one_persons_journeys_are_told_apart() -> None:
    """By where they go (the days of two journeys), and by whether they are made or still to come (their
    destinations)."""
    flew, heading, arrived = times(
        "The envoy flew to Lindhaven on Thursday.",
        "The envoy is heading to Strenna on Friday.",
        "The envoy arrived in Lindhaven on Wednesday.",
    )
    assert not same_event(flew, heading)
    assert same_event(flew, arrived)
    judgement = compare(flew, arrived)
    assert judgement is not None and judgement.verdict == CONFLICT
    went, going = places("The envoy flew to Lindhaven.", "The envoy is heading to Strenna.")
    assert not same_event(went, going)


def test_sayings_stay_statements_and_counts_stay_figures() -> None:
    (said,) = times("The governor announced on Tuesday that she would run.")
    assert said.event == STATEMENT and not said.event_keys
    (claims,) = claims_of("Mr Vrana told reporters in Strenna that the talks would go ahead.")
    assert not only(claims, PlaceClaim)  # where he said it is no event of its own
    (claims,) = claims_of("More than 300 people were evacuated from Velmar on Wednesday night.", published=FRIDAY)
    assert not only(claims, TimeClaim)  # the day of a count is the figure's scope


def test_the_place_of_a_thing_is_not_an_event() -> None:
    (claims,) = claims_of("The server was kept in a house that the family owns in Strenna.")
    assert all(p.event != "house" for p in only(claims, PlaceClaim))  # type: ignore[attr-defined]
    (claims,) = claims_of("Officials toured a plant in Velmar.")
    assert not only(claims, PlaceClaim)  # the plant is in Velmar; a tour goes "to" a place


def test_a_perfect_participle_tells_an_act_of_its_own_and_a_place_may_follow_how_long() -> None:
    """ "Having spent his life in Portugal, he worked in Strenna": two acts, two places (read as the working, the
    two places would be two places of one act); "worked for 2 years in Strenna" places the working, however the
    parser hangs "in Strenna" (from "years" when the figure is in digits)."""
    for figure in ("two", "2"):
        (claims,) = claims_of(f"Having spent most of his life in Portugal, he worked for {figure} years in Strenna.")
        found = {(p.place, p.event) for p in only(claims, PlaceClaim)}
        assert found == {("Portugal", "spending"), ("Strenna", "work")}, figure


def test_an_event_held_for_an_act_meets_that_act_named_alone() -> None:
    claim, alone, other = times(
        "The judge scheduled Petrak's sentencing hearing for June 18.",
        "The judge set the sentencing for June 28.",
        "The judge set a hearing on the appeal for June 28.",
    )
    assert same_event(claim, alone)  # the hearing is held for the sentencing
    assert same_event(claim, other)  # and is a hearing still
    signing, signed = times("The treaty's signing ceremony was held on Monday.", "The treaty was signed on Tuesday.")
    assert same_event(signing, signed)


def test_what_at_takes_is_a_happening_where_wordnet_files_one_sense_as_an_event() -> None:
    # "fund-raiser" is split by the tokenizer and written "fundraiser" in WordNet, whose first sense is a person
    claimed, reported = places(
        "Petrak made his Velmar remarks at a Republican fund-raiser in Strenna.",
        "When Mr. Petrak made the remarks, he was speaking to contributors at a fund-raiser in Lindhaven.",
    )
    assert (claimed.event, reported.event) == ("fundraiser", "fundraiser")
    assert compare(claimed, reported) is not None and compare(claimed, reported).verdict == CONFLICT  # type: ignore[union-attr]
