"""When events happen: weekdays resolved against the publication date by the tense of their verb, and days
carried by a "when" clause. Sentences written for these tests; the paper is dated Friday 13 March 2026."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.claims import TimeClaim, compare
from factcheck.claims.occasions import same_occasion, verb_occasion
from tests.factcheck.claims.test_compare import verdicts as compare_verdicts
from tests.factcheck.claims.test_extract import claims_of, only

FRIDAY = date(2026, 3, 13)


def day_of(sentence: str) -> str | None:
    (claims,) = claims_of(sentence, published=FRIDAY)
    (time,) = only(claims, TimeClaim)
    assert isinstance(time, TimeClaim)
    return time.date


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Leaders met Ms Vasko in Strenna on Saturday.", "2026-03-07"),  # past: the Saturday before
        ("Delegates have met on Thursday.", "2026-03-12"),
        ("Leaders will meet Ms Vasko in Strenna on Saturday.", "2026-03-14"),  # future: the next one
        ("The talks are set to resume on Wednesday.", "2026-03-18"),
        ("The delegates meet on Saturday.", "2026-03-14"),  # no tense to go by: the nearest Saturday
        ("The delegates meet on Wednesday.", "2026-03-11"),
    ],
)
def test_weekdays_resolve_by_tense(sentence: str, expected: str) -> None:
    assert day_of(sentence) == expected


def test_a_day_carried_by_a_when_clause() -> None:
    """ "The crisis began on Tuesday when delegates met": Tuesday dates the meeting, and the crisis's beginning."""
    (claims,) = claims_of("The crisis began on Tuesday when delegates met in Strenna.", published=FRIDAY)
    (time,) = only(claims, TimeClaim)
    assert isinstance(time, TimeClaim) and time.date == "2026-03-10"
    meeting = verb_occasion("meet")
    assert meeting is not None and same_occasion(time.event_keys, meeting.keys)


def test_a_when_clause_dates_its_happening_beside_an_event_of_its_own() -> None:
    """ "The manoeuvring began on Saturday when delegates met": an event noun of the main clause ("manoeuvring", a
    verbal noun) does not take the day away from the meeting the "when" clause tells."""
    told = "The diplomatic manoeuvring began on Saturday when delegates met Ivo Petrak in Strenna."
    (claims,) = claims_of(told, published=FRIDAY)
    assert [c.weekday for c in claims if isinstance(c, TimeClaim)] == [5]
    assert compare_verdicts("Delegates met Ivo Petrak in Strenna on Saturday.", told) == {"agree"}
    assert compare_verdicts("Delegates met Ivo Petrak in Strenna on Sunday.", told) == {"conflict"}


@pytest.mark.parametrize(
    ("sentence", "year", "month", "event"),
    [
        ("In 2019, the sluice gates were opened as well.", 2019, None, "opening"),
        ("The cooperative was founded in March 2004 by two weavers.", 2004, 3, "founding"),
        ("The mayor of Strenna was arrested on 2 May 2021 at her office.", 2021, 5, "arrest"),
        ("The old ferry terminal was built in early 1998.", 1998, None, "building"),
        # "the two": the people just named, no count, so the year is the founding's
        ("In 2009, when Varga was still mayor, the two founded a weaving school together.", 2009, None, "founding"),
    ],
)
def test_a_written_year_dates_its_event(sentence: str, year: int, month: int | None, event: str) -> None:
    (claims,) = claims_of(sentence, published=FRIDAY)
    (time,) = only(claims, TimeClaim)
    assert isinstance(time, TimeClaim)
    assert (time.year, time.month, time.event) == (year, month, event)


@pytest.mark.parametrize(
    ("sentence", "decade"),
    [
        ("The ferry terminal was built in the 1990s.", 1990),
        ("Ana Vasko and Ivo Petrak worked together at a Velmar bank in the mid-1980s.", 1980),
        ("In the 1990's, Ana Vasko served as chief of enforcement at the Velmar Securities Commission.", 1990),
    ],
)
def test_a_decade_dates_its_event_as_a_decade_not_a_year(sentence: str, decade: int) -> None:
    (claims,) = claims_of(sentence, published=FRIDAY)
    (time,) = only(claims, TimeClaim)
    assert isinstance(time, TimeClaim)
    assert (time.decade, time.year, time.until) == (decade, None, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "She won the 2016 race, and the 2012 campaign was close.",  # a year naming one race among others
        "The weavers have worked in Strenna since the 1990s.",  # since: a window, decades as years
        "Exports grew by 5 percent in the 12 months to March 2014.",  # a window
        "The weavers have worked in Strenna since 2001.",  # since: a window, not when it happened
    ],
)
def test_years_that_date_no_one_event_give_no_time(sentence: str) -> None:
    (claims,) = claims_of(sentence, published=FRIDAY)
    assert only(claims, TimeClaim) == []


@pytest.mark.parametrize(
    ("sentence", "first", "last", "event"),
    [
        ("The plant was closed between 2010 and 2012.", 2010, 2012, "closedown"),
        ("Ines Varga, who was mayor of Strenna from 2004 to 2011, opened the fair.", 2004, 2011, ""),
        ("Varga served on the council from 1995-2003, first as an independent.", 1995, 2003, None),
        ("From 2007 through 2014 the couple paid $4 million in taxes.", 2007, 2014, ""),
    ],
)
def test_a_period_of_years_is_one_time_with_its_first_and_last_year(
    sentence: str, first: int, last: int, event: str | None
) -> None:
    """A post held ("was mayor") names no event; an act does ("was closed")."""
    (claims,) = claims_of(sentence, published=FRIDAY)
    (period,) = only(claims, TimeClaim)
    assert isinstance(period, TimeClaim)
    assert (period.year, period.until) == (first, last)
    assert event is None or period.event == event


def test_periods_agree_on_both_years_and_conflict_on_one() -> None:
    from tests.factcheck.claims.test_compare import typed

    (claim,) = only(typed("Ines Varga was mayor of Strenna from 2004 to 2011."), TimeClaim)
    (same,) = only(typed("Varga, who was mayor of Strenna from 2004 until 2011, opened the fair."), TimeClaim)
    (longer,) = only(typed("Varga, who was mayor of Strenna from 2004 to 2013, opened the fair."), TimeClaim)
    (other,) = only(typed("Her rival led the city from 2012 to 2016."), TimeClaim)
    (year,) = only(typed("Varga was elected mayor of Strenna in 2004."), TimeClaim)
    agreed = compare(claim, same, similarity=0.9)
    assert agreed is not None and agreed.verdict == "agree"
    judged = compare(claim, longer, similarity=0.9)
    assert judged is not None and judged.verdict == "conflict"
    assert "from 2004 to 2011" in judged.reason and "from 2004 to 2013" in judged.reason
    assert compare(claim, other, similarity=0.9) is None  # neither year shared: another period
    assert compare(claim, year, similarity=0.9) is None  # one year may fall within a period
    assert all(
        isinstance(t, TimeClaim) and t.until is None for t in only(typed("She won in 2014 and 2016."), TimeClaim)
    )


def test_a_counted_subject_keeps_its_day_as_the_figures_scope() -> None:
    """ "Two weavers were arrested on Monday" tells a figure (two arrested, that day), not a day of its own; "the two
    were arrested on Monday" names people already met, and the day is the arrest's."""
    (counted,) = claims_of("Two weavers were arrested in Strenna on Monday.", published=FRIDAY)
    assert only(counted, TimeClaim) == []
    (named,) = claims_of(
        "Ines Varga and Ivo Petrak were questioned, and the two were arrested on Monday.", published=FRIDAY
    )
    (time,) = only(named, TimeClaim)
    assert isinstance(time, TimeClaim) and (time.event, time.weekday) == ("arrest", 0)


def test_another_year_for_the_same_event_conflicts_and_the_reason_gives_both() -> None:
    from tests.factcheck.claims.test_compare import typed

    claim = only(typed("In 2011, the sluice gates were opened as well, flooding 40 homes."), TimeClaim)[0]
    same = only(typed("In 2011 the sluice gates were opened again, flooding 40 homes."), TimeClaim)[0]
    other = only(typed("In 2010, the sluice gates were opened as well, flooding 40 homes."), TimeClaim)[0]
    month = only(typed("In March 2011, the sluice gates were opened as well."), TimeClaim)[0]
    assert isinstance(claim, TimeClaim) and isinstance(other, TimeClaim)
    judged = compare(claim, other, similarity=0.95)
    assert judged is not None and judged.verdict == "conflict"
    assert "in 2011" in judged.reason and "2010" in judged.reason
    agreed = compare(claim, same, similarity=0.95)
    assert agreed is not None and agreed.verdict == "agree"
    # A month the claim does not give is more detail, not another time.
    detailed = compare(claim, month, similarity=0.95)
    assert detailed is not None and detailed.verdict == "agree"


def test_a_gerund_takes_the_tense_of_the_verb_it_hangs_from() -> None:
    # The paper is dated Friday: "told reporters before leaving on Wednesday" is the Wednesday before.
    assert day_of("Mr Vrana told reporters before leaving on Wednesday that the talks would go on.") in (
        "2026-03-11",
        None,
    )
    (claims,) = claims_of("Mr Vrana spoke to reporters before flying to Strenna on Wednesday.", published=FRIDAY)
    (time,) = only(claims, TimeClaim)
    assert isinstance(time, TimeClaim) and time.date == "2026-03-11"


def test_an_act_told_by_its_object_is_the_act_its_noun_names() -> None:
    from tests.factcheck.claims.test_compare import typed

    claim = only(typed("Mara Quist filed her lawsuit against the port authority in 2019."), TimeClaim)[0]
    sued = only(typed("The port authority was sued by Mara Quist in 2017."), TimeClaim)[0]
    same = only(typed("Quist sued the port authority in 2019."), TimeClaim)[0]
    assert isinstance(claim, TimeClaim) and isinstance(sued, TimeClaim)
    judged = compare(claim, sued, similarity=0.8)
    assert judged is not None and judged.verdict == "conflict" and "2017" in judged.reason
    agreed = compare(claim, same, similarity=0.8)
    assert agreed is not None and agreed.verdict == "agree"
    # A noun that names no one act joins nothing: passing a bill is not signing it.
    passed = only(typed("The assembly passed the bill in 2019."), TimeClaim)[0]
    signed = only(typed("Vasko signed the bill in 2020."), TimeClaim)[0]
    assert passed.event_keys and signed.event_keys
    assert compare(passed, signed, similarity=0.8) is None


def test_a_part_of_the_day_beside_a_day_is_read_and_compared() -> None:
    """ "Thursday evening" and "Thursday morning" are one day at hours that cannot meet; "late Thursday" and
    "9 p.m. on Thursday" fall in the evening; a source giving the day alone does not give the claim's hour."""
    from tests.factcheck.claims.test_compare import typed

    def time_of(sentence: str) -> TimeClaim:
        (time,) = only(typed(sentence), TimeClaim)
        assert isinstance(time, TimeClaim)
        return time

    claim = time_of("Mayor Ivo Petrak addressed the council on Thursday evening.")
    assert (claim.text, claim.weekday, claim.day_part) == ("Thursday evening", 3, "evening")
    expected = {
        "Mayor Ivo Petrak addressed the council on Thursday morning.": "conflict",
        "Mayor Ivo Petrak addressed the council at 10am on Thursday.": "conflict",
        "Mayor Ivo Petrak addressed the council late Thursday.": "agree",
        "Mayor Ivo Petrak addressed the council at 9 p.m. on Thursday.": "agree",
        "Mayor Ivo Petrak addressed the council on Thursday.": "unverified",
    }
    for source, verdict in expected.items():
        judged = compare(claim, time_of(source), similarity=0.95)
        assert judged is not None and judged.verdict == verdict, source
    judged = compare(claim, time_of("Mayor Ivo Petrak addressed the council on Thursday morning."), similarity=0.95)
    assert judged is not None and "on Thursday evening" in judged.reason and "Thursday morning" in judged.reason


def test_a_day_named_from_the_publication_date_beside_a_clock_time() -> None:
    (claims,) = claims_of("Ms Vasko will make the announcement today at 11am in Strenna.", published=FRIDAY)
    (time,) = only(claims, TimeClaim)
    assert isinstance(time, TimeClaim)
    assert (time.text, time.date, time.weekday, time.minutes) == ("today at 11am", "2026-03-13", 4, 660)
    # alone, "today" dates nothing: too much is loosely told "today" to compare it
    (alone,) = claims_of("Ms Vasko will make the announcement today in Strenna.", published=FRIDAY)
    assert not only(alone, TimeClaim)


def test_a_day_with_its_part_read_whether_tagged_a_date_or_a_time() -> None:
    for sentence in (
        "Mayor Ivo Petrak signed it on Friday night, restoring normal operations at a series of city offices.",
        "Mayor Ivo Petrak signed the budget on Friday night.",
    ):
        (claims,) = claims_of(sentence, published=FRIDAY)
        (time,) = only(claims, TimeClaim)
        assert isinstance(time, TimeClaim)
        assert (time.text, time.weekday, time.day_part) == ("Friday night", 4, "night"), sentence


def test_a_part_of_the_day_told_in_a_phrase_beside_the_day() -> None:
    """ "resigned on Friday during a late-night session": the phrase on the day's verb gives its part of the day;
    a phrase without one ("in the city") gives none, and the reason shows the part the source gives."""
    from tests.factcheck.claims.test_compare import typed

    def time_of(sentence: str) -> TimeClaim:
        (time,) = only(typed(sentence), TimeClaim)
        assert isinstance(time, TimeClaim)
        return time

    expected = {
        "Mayor Ivo Petrak resigned on Friday during a late-night session of the Velmar council.": "night",
        "Mayor Ivo Petrak spoke on Tuesday in the evening at the town hall.": "evening",
        "Mayor Ivo Petrak called for the vote Thursday in an early-morning post on his blog.": "morning",
        "Mayor Ivo Petrak arrived on Monday in the city.": None,
    }
    for sentence, part in expected.items():
        time = time_of(sentence)
        assert time.weekday is not None and time.day_part == part, sentence
    claim = time_of("Mayor Ivo Petrak called for the vote on Thursday evening.")
    source = time_of("Mayor Ivo Petrak called for the vote Thursday in an early-morning post on his blog.")
    assert source.text == "Thursday"  # the words of the day; its part stands apart
    judged = compare(claim, source, similarity=0.95)
    assert judged is not None and judged.verdict == "conflict"
    assert "source says Thursday, in the morning" in judged.reason


def test_a_month_alone_dates_an_event_as_a_time_adverbial() -> None:
    """ "launched her campaign in June": a month without a day or year is the event's time, as a year alone is;
    "may" the verb is none."""
    (claims,) = claims_of("Ana Vasko launched her Velmar council campaign in June.", published=FRIDAY)
    (time,) = only(claims, TimeClaim)
    assert isinstance(time, TimeClaim)
    assert (time.text, time.month, time.year, time.month_day) == ("June", 6, None, None)
    (claims,) = claims_of("Ana Vasko may run for the Velmar council.", published=FRIDAY)
    assert not only(claims, TimeClaim)
    (claims,) = claims_of("In July, Ana Vasko launched her campaign for the Velmar council.", published=FRIDAY)
    (told,) = only(claims, TimeClaim)
    assert isinstance(told, TimeClaim)
    judged = compare(time, told, similarity=0.95)
    assert judged is not None and judged.verdict == "conflict"


def test_a_month_before_an_event_noun_dates_it() -> None:
    """ "at a January fundraiser": the month dates the fundraiser, as "the Tuesday vote" dates the vote, and a
    source that holds it in another month tells another time; a month before a noun naming no event dates nothing
    (not even the act done to it: "wore a January coat"), nor does a month after one ("the fundraiser May
    organised")."""
    (claims,) = claims_of("Ana Vasko made the remarks at a January fundraiser in Velmar.", published=FRIDAY)
    (time,) = only(claims, TimeClaim)
    assert isinstance(time, TimeClaim)
    assert (time.text, time.month, time.event) == ("January", 1, "fundraiser")
    (claims,) = claims_of("Ana Vasko made the remarks at a fundraiser held in February.", published=FRIDAY)
    (told,) = only(claims, TimeClaim)
    judged = compare(time, told, similarity=0.95)
    assert judged is not None and judged.verdict == "conflict"
    (claims,) = claims_of("The May primary in Velmar was close.", published=FRIDAY)
    (primary,) = only(claims, TimeClaim)
    assert isinstance(primary, TimeClaim) and (primary.month, primary.event) == (5, "primary")
    for sentence in ("Ana Vasko wore a January coat in Velmar.", "The fundraiser May Petrak organised was full."):
        (claims,) = claims_of(sentence, published=FRIDAY)
        assert not only(claims, TimeClaim), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The harbour board, which hosts the Velmar lecture, said Wednesday the event is still scheduled for Friday.",
        "The ministry said on Wednesday that it was due to start on Monday.",
    ],
)
def test_a_day_of_what_was_said_is_not_the_day_of_the_saying(sentence: str) -> None:
    # "scheduled for" and "due to" only frame an event; above them stands the reported clause, not the saying
    (claims,) = claims_of(sentence, published=FRIDAY)
    said = [c for c in only(claims, TimeClaim) if isinstance(c, TimeClaim) and c.event == "statement"]
    assert [c.text for c in said] == ["Wednesday"]


def test_a_clock_time_with_its_zone_dates_the_event_not_the_word_time() -> None:
    (claims,) = claims_of("The Velmar council meeting starts at 10:00 local time (08:00 GMT) on Thursday.")
    times = [c for c in claims if isinstance(c, TimeClaim)]
    # the time in parentheses is the same moment in another zone, told again
    assert [(t.text, t.event, t.weekday) for t in times if t.minutes is not None] == [
        ("10:00 local time (08:00 GMT) on Thursday", "meeting", 3)
    ]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The Velmar council meeting starts at 10am On Thursday.", "10am On Thursday"),
        ("The Velmar council meeting starts at 10:00 Local Time on Thursday.", "10:00 Local Time on Thursday"),
    ],
)
def test_the_weekday_after_a_clock_is_read_in_any_case(sentence: str, text: str) -> None:
    (claims,) = claims_of(sentence)
    times = [c for c in claims if isinstance(c, TimeClaim) and c.minutes is not None]
    # only a zone abbreviation ("GMT") must be capitals; the words around it are read however they are written
    assert [(t.text, t.weekday) for t in times] == [(text, 3)]


def test_a_verbal_noun_wordnet_lists_only_as_its_verb_is_that_act() -> None:
    """ "set the sentencing for June 28": "sentencing" is no noun in WordNet, but the act of its verb, "sentence"."""
    (claims,) = claims_of("The judge set Petrak's sentencing for June 28.")
    assert [(c.text, c.event) for c in claims if isinstance(c, TimeClaim)] == [("June 28", "sentence")]
    assert compare_verdicts(
        "Ivo Petrak will be sentenced on June 18.", "The judge set Petrak's sentencing for June 28."
    ) == {"conflict"}
    assert compare_verdicts(
        "Ivo Petrak will be sentenced on June 28.", "The judge set Petrak's sentencing for June 28."
    ) == {"agree"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Velmar debate had been scheduled for Dec. 29.", "2026-12-29"),  # news style abbreviates months
        ("The vote is set for Sept. 4.", "2026-09-04"),
        ("The Velmar debate had been scheduled for December 29.", "2026-12-29"),
    ],
)
def test_a_month_abbreviated_before_its_day_dates_the_event(sentence: str, expected: str) -> None:
    assert day_of(sentence) == expected


def test_a_date_written_with_an_abbreviated_month_is_compared_with_one_written_out() -> None:
    claim = "The Velmar debate had been scheduled for December 29."
    assert compare_verdicts(claim, "Though the Dec. 27 debate is sponsored by Velmar News, Petrak is its face.") == {
        "conflict"
    }


def test_dates_of_several_happenings_date_none_of_them() -> None:
    (claims,) = claims_of("The final debates will be held Oct. 16 and Oct. 22.", published=FRIDAY)
    assert only(claims, TimeClaim) == []
    (claims,) = claims_of("The final debate will be held Oct. 22.", published=FRIDAY)
    assert [t.text for t in only(claims, TimeClaim)] == ["Oct. 22"]


def test_the_day_something_was_said_is_not_the_day_of_what_it_tells_of() -> None:
    claim = "The Velmar debate had been scheduled for Dec. 29."
    said = "Petrak's statement on Tuesday that he was leaving the Velmar debate opened the door to more threats."
    assert compare_verdicts(claim, said) == set()
    assert compare_verdicts(claim, "The Velmar debate will now be held on Dec. 27.") == {"conflict"}


def test_a_year_that_says_which_thing_is_a_detail_no_time() -> None:
    """ "a 1986 law" names one law among others: kept as a detail a restatement may read, never a time of what
    the sentence tells (the law is not dated by "amends")."""
    (claims,) = claims_of("The bill amends a 1986 law that gives foreign countries immunity.", published=FRIDAY)
    (year,) = only(claims, TimeClaim)
    assert isinstance(year, TimeClaim)
    assert (year.text, year.year, year.event, year.embedded) == ("1986", 1986, "law", True)
    (claims,) = claims_of("The 2016 campaign was long.", published=FRIDAY)  # an event noun: one of several
    assert only(claims, TimeClaim) == []


def test_a_cleft_sentence_dates_the_clause_it_puts_its_time_before() -> None:
    """ "It was on Wednesday that ...": the time belongs to what the "that" or "when" clause tells, not to the "be"
    that frames it (before, the claim had no time and a source's "Thursday" was never set against it)."""
    claim = "It was on Wednesday that trade minister Ana Vasko told reporters the border would reopen."
    (claims,) = claims_of(claim, published=FRIDAY)
    (time,) = only(claims, TimeClaim)
    assert isinstance(time, TimeClaim)
    assert (time.text, time.event, time.weekday) == ("Wednesday", "statement", 2)
    source = "The border will reopen next month, trade minister Ana Vasko told reporters on Thursday."
    (told,) = claims_of(source, published=FRIDAY)
    (other_day,) = only(told, TimeClaim)
    judgement = compare(time, other_day, similarity=0.8)
    assert judgement is not None and judgement.verdict == "conflict"
    (told,) = claims_of("Ana Vasko told reporters on Wednesday that the border would reopen.", published=FRIDAY)
    (same_day,) = only(told, TimeClaim)
    judgement = compare(time, same_day, similarity=0.8)
    assert judgement is not None and judgement.verdict == "agree"
    (claims,) = claims_of("It was last Tuesday when the Velmar mayor resigned.", published=FRIDAY)
    assert [(t.text, t.event) for t in only(claims, TimeClaim)] == [("last Tuesday", "resignation")]
