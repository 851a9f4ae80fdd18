"""Stances (accept / refuse, attend / stay away, confirm / deny) and the places of events, read with the real
spaCy pipeline from sentences written for these tests."""

from __future__ import annotations

import pytest

from factcheck.claims import PlaceClaim
from factcheck.claims.model import StatementClaim
from factcheck.claims.stances import stance_holders, stance_key, stance_span, stance_words
from tests.factcheck.claims.test_extract import claims_of, only


def stances(sentence: str) -> dict[str, tuple[str, set[str]]]:
    ((statement,),) = [only(c, StatementClaim) for c in claims_of(sentence)]
    assert isinstance(statement, StatementClaim)
    return {stance_key(s): (stance_words(s), stance_holders(s)) for s in statement.stances}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Dravenia accepted the Osterland proposal.", {"accept:+": ("accepted", {"dravenya"})}),
        ("Mr Haidarenko spurned an offer of direct talks.", {"accept:-": ("spurned", {"haydarenko"})}),
        ("Kastavia did not accept the offer.", {"accept:-": ("not accept", {"kastavya"})}),
        ("Kastavia turned down the offer.", {"accept:-": ("turned down", {"kastavya"})}),
        ("Kastavia was snubbed by Dravenia.", {"accept:-": ("snubbed", {"dravenya"})}),  # a passive's agent
        ("Dravenia ruled out any pause in the fighting.", {"accept:-": ("ruled out", {"dravenya"})}),
        ("Dravenia was ready to discuss a pause.", {"accept:+": ("ready", {"dravenya"})}),
        ("Dravenia was not ready to discuss a pause.", {"accept:-": ("not ready", {"dravenya"})}),
        ("Ms Vasko took part in the talks.", {"attend:+": ("took part", {"vasko"})}),
        ("Also absent from the talks were Ms Vasko and Mr Orlen.", {"attend:-": ("absent", {"vasko", "orlen"})}),
        (
            "Mr Orlen refused to attend the talks.",
            {"accept:-": ("refused", {"orlen"}), "attend:-": ("refused to attend", {"orlen"})},
        ),
        (
            "The ministry denied that Ms Vasko would attend.",
            {"confirm:-": ("denied", set()), "attend:-": ("denied ... attend", {"vasko"})},
        ),
    ],
)
def test_stances_read_opposite_words_and_negations(sentence: str, expected: dict[str, tuple[str, set[str]]]) -> None:
    assert stances(sentence) == expected


def test_stances_know_where_they_are_written() -> None:
    sentence = "Officials said Mr Orlen refused to attend the talks."
    ((statement,),) = [only(c, StatementClaim) for c in claims_of(sentence)]
    assert isinstance(statement, StatementClaim)
    spans = {stance_key(s): stance_span(s) for s in statement.stances}
    assert {key: sentence[a:b] for key, (a, b) in spans.items()} == {  # type: ignore[misc]
        "accept:-": "refused",
        "attend:-": "refused to attend",
    }


def test_double_negatives_and_negated_refusals_are_left_unread() -> None:
    """'Did not reject' is not an acceptance; 'did not refuse to attend' is not a decision either way."""
    assert stances("Kastavia did not reject the offer.") == {}
    assert stances("Mr Orlen did not refuse to attend.") == {}


def test_a_place_named_by_a_where_clause() -> None:
    (claims,) = claims_of("Ms Vasko spoke to reporters in Strenna, where she arrived on Tuesday.")
    (place,) = only(claims, PlaceClaim)
    assert (place.event, place.place) == ("travel", "Strenna")


def test_a_meeting_is_where_the_people_it_brings_together_are() -> None:
    (claims,) = claims_of("Mr Vrana spoke at a meeting with aid agencies in Velmar.")
    (place,) = only(claims, PlaceClaim)
    assert (place.event, place.place, place.participants) == ("meeting", "Velmar", ("agency",))


def test_participants_of_a_meeting_named_as_a_compound() -> None:
    (claims,) = claims_of("Ms Holmqvist was in Lindhaven, where she was attending a Nordic foreign ministers meeting.")
    (place,) = only(claims, PlaceClaim)
    assert place.place == "Lindhaven" and "minister" in place.participants


def test_a_relative_clause_on_the_noun_an_event_complements() -> None:
    (claims,) = claims_of("Officials called it a revival of peace negotiations that were held in Strenna in 2019.")
    (place,) = only(claims, PlaceClaim)
    assert (place.event, place.place) == ("negotiation", "Strenna")
