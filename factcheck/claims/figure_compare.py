"""Typed comparison of two figures (``QuantityClaim``): the same count, measure, sum, age or tally, or nothing.

Two figures are compared only when they count the same thing in the same window for the same group (the slot);
then their intervals decide: one inside the other agrees, apart conflicts, overlapping leaves it open. Who gave
the figure is checked by the caller (``factcheck.claims.compare``).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from factcheck.claims import wordnet
from factcheck.claims.ages import AGE, BIRTHDAY_SLACK
from factcheck.claims.judgement import AGREE, CONFLICT, UNVERIFIED, Judgement, said_by
from factcheck.claims.lexicon import ADDED_WORDS
from factcheck.claims.model import DURATION, TIMES, QuantityClaim
from factcheck.claims.names import person_name, same_person
from factcheck.claims.numbers import SCALES, Amount, Interval, written_unit
from factcheck.claims.occasions import FRAMING_VERBS, JOURNEY, SUPPORT_VERBS, same_happening, verb_occasion
from factcheck.claims.side_shares import SHARES
from factcheck.claims.syntax import RATE_PERIODS, same_attribution
from factcheck.claims.tallies import TALLY, pair_of

# Figures restated after a unit conversion or rounded differently ("620 miles" for 1,000 km): anchors closer
# than this are the same figure.
_SAME_FIGURE = 0.02
_LOOSELY_NAMED = frozenset({"length", "area"})
#: Measures (not counts) named by different nouns are compared only between sentences at least this similar.
MEASURE_SIMILARITY = 0.60


def compare_figures(claim: QuantityClaim, evidence: QuantityClaim, similarity: float) -> Judgement | None:
    """A figure of the claim against one of a source, given by the same speaker (or neither)."""
    return _own_voice(claim, _quantities(claim, evidence, similarity))


def _quantities(claim: QuantityClaim, evidence: QuantityClaim, similarity: float) -> Judgement | None:
    a, b = claim.amount, evidence.amount
    if a.dimension != b.dimension or claim.negated != evidence.negated:
        return None
    if a.dimension == SHARES:
        return _side_shares(claim, evidence)
    # Lengths and areas are named loosely ("stretch", "area", "floodwater"); accept another noun only between
    # sentences about the same thing. Durations and sums of money are not: "three days after the plea" and
    # "more than two years of investigation", "$750,000 in campaign cash" and "a $43,000 watch" are other facts.
    if not _same_slot(claim, evidence, close=similarity >= MEASURE_SIMILARITY) and (
        a.dimension not in _LOOSELY_NAMED or similarity < MEASURE_SIMILARITY or claim.scope != evidence.scope
    ):
        return None
    said = f"claim says {claim.describe()}; source says {_amount_text(evidence, a)}{said_by(evidence)}"
    if a.dimension == TALLY:
        return _tallies(claim, evidence)
    if a.dimension == AGE:
        return _ages(
            claim, evidence, f"claim says {claim.describe()}; source says {evidence.describe()}{said_by(evidence)}"
        )
    if other_bounds(claim, evidence) and not round_bound(a):
        # "at least 454" / "at least 544", "as many as 1.6 million" / "as many as 1.5 million": a bound given to its
        # last digit is a count someone reported, and another figure for it is another count
        return Judgement(CONFLICT, said + ": two figures for one bound", claim, evidence)
    if _ceiling_and_count(claim, evidence):
        return Judgement(CONFLICT, said + ": two figures for one count", claim, evidence)
    if _rates_of_other_periods(claim, evidence):
        return _yearly(claim, evidence, said)
    if a.interval.contains(b.interval) or (_same_figure(a, b) and a.interval.overlaps(b.interval)):
        return Judgement(AGREE, said, claim, evidence)
    if (scale := _cut_to_its_scale(a, b) or _cut_to_its_scale(b, a)) is not None:
        return Judgement(AGREE, f"{said}: one figure, written once to the whole {scale}", claim, evidence)
    if not a.interval.overlaps(b.interval):
        return Judgement(CONFLICT, said, claim, evidence)
    return Judgement(UNVERIFIED, said + ", which neither confirms nor rules out the claim", claim, evidence)


def _own_voice(claim: QuantityClaim, judgement: Judgement | None) -> Judgement | None:
    """A figure the claim puts in someone's mouth ("12,000 killed, the UN says") against another that a source
    gives in its own words: still a discrepancy a desk wants to see (an outlet's toll against the UN's), but the
    source has not reported the speaker, and the reason says so."""
    if judgement is None or judgement.verdict != CONFLICT or claim.attribution is None:
        return judgement
    if judgement.evidence is None or judgement.evidence.attribution is not None:
        return judgement
    reason = f"{judgement.reason}, in its own words (not as what {claim.attribution.text} said)"
    return Judgement(CONFLICT, reason, judgement.claim, judgement.evidence)


def _tallies(claim: QuantityClaim, evidence: QuantityClaim) -> Judgement | None:
    """The same pair agrees wherever it stands; another pair conflicts only for the same named body."""
    said = f"claim says {claim.describe()}; source says {evidence.describe()}{said_by(evidence)}"
    if claim.amount.anchor == evidence.amount.anchor:
        return Judgement(AGREE, said, claim, evidence)
    if claim.group is not None and claim.group == evidence.group:
        return Judgement(CONFLICT, said, claim, evidence)
    return None


def _side_shares(claim: QuantityClaim, evidence: QuantityClaim) -> Judgement | None:
    """The shares of the same two sides: the same agree; the same two numbers held by the other sides conflict
    wherever they stand; other numbers conflict only for the same named poll in the same place (or none)."""
    if claim.group != evidence.group:
        return None
    said = f"claim says {claim.describe()}; source says {evidence.describe()}{said_by(evidence)}"
    if claim.amount.anchor == evidence.amount.anchor:
        return Judgement(AGREE, said, claim, evidence)
    swapped = sorted(pair_of(claim)) == sorted(pair_of(evidence))
    same_poll = claim.modifiers == evidence.modifiers and any(m.startswith("poll:") for m in claim.modifiers)
    if swapped or same_poll:
        return Judgement(CONFLICT, said, claim, evidence)
    return None


def _ages(claim: QuantityClaim, evidence: QuantityClaim, said: str) -> Judgement | None:
    """One person's age (the slot already holds the surname): equal agrees; a year apart may be a birthday
    between the two articles; further apart conflicts."""
    a, b = person_name(claim.counted_text or ""), person_name(evidence.counted_text or "")
    if a is None or b is None or not same_person(a, b):
        return None  # another person of the same surname
    gap = abs((claim.amount.anchor or 0.0) - (evidence.amount.anchor or 0.0))
    if gap == 0:
        return Judgement(AGREE, said, claim, evidence)
    if gap <= BIRTHDAY_SLACK:
        return Judgement(UNVERIFIED, said + ", a year apart: a birthday may fall between the two", claim, evidence)
    return Judgement(CONFLICT, said, claim, evidence)


def _same_slot(a: QuantityClaim, b: QuantityClaim, close: bool = False) -> bool:
    """Whether two figures count the same thing; ``close``: their sentences are close in meaning."""
    if a.counted is None or b.counted is None:
        return False
    if a.counted != b.counted and not _duration_of_one_act(a, b) and not _one_thing_named_twice(a.counted, b.counted):
        return False
    if counts_of_other_events(a, b, any_verb=True):
        return False
    if a.amount.change != b.amount.change:
        return False  # "rose 5 percent" is no level of the rate, and "rose to 45 percent" no change of it
    if a.counted == b.counted == DURATION and not same_happening(a.event, b.event):
        return False  # how long they met is not how long they waited
    if a.group and b.group and a.group != b.group:
        return False  # Dravenia's "three other officials" are not Kastavia's
    if _added(a) != _added(b):
        return False  # "two more debates" are what remains of "three debates", not another count of them
    if not set(a.modifiers) <= set(b.modifiers) and not (close and _named_shorter(a, b)):
        # "senior officials" are not "lower-level officials"; and a source counting soldiers "on both sides"
        # says nothing of Russian soldiers alone. A source may be more specific than the claim, not less.
        return False
    # A daily toll and a cumulative one are different facts; an unstated window reads as cumulative.
    return (a.scope == "daily") == (b.scope == "daily")


def _one_thing_named_twice(a: str, b: str) -> bool:
    """Two nouns for one counted thing, one naming the other in its commonest sense ("$250,000 in donations" /
    "$250,000 in contributions"); not the kinds of figure the slot keys by a word of its own (how long, how often)."""
    if not (a.isalpha() and b.isalpha()) or {a, b} & {DURATION, TIMES}:
        return False
    # two forms of one word are one noun read twice, one of them as part of a name ("Wal-Mart Stores"): not so
    forms = set(wordnet.lemmas(a, "n")) & set(wordnet.lemmas(b, "n"))
    return not forms and wordnet.commonest_synonyms(a, b)


def _duration_of_one_act(a: QuantityClaim, b: QuantityClaim) -> bool:
    """How long one act lasted, told once by its verb and once by its noun: "suspended for 60 days" and "a 90-day
    suspension" (the noun derived from the verb in WordNet). A journey's legs are not the journey ("travelled for
    three days" in one city of "a two-week trip")."""
    for verb_side, noun_side in ((a, b), (b, a)):
        verb, noun = verb_side.event, noun_side.counted
        if verb_side.counted != DURATION or not verb or noun in (None, DURATION):
            continue
        occasion = verb_occasion(verb)
        if occasion is None or JOURNEY in occasion.keys:
            continue
        return noun_side.amount.dimension == "duration" and wordnet.derived_from(noun or "", verb)
    return False


def counts_of_other_events(a: QuantityClaim, b: QuantityClaim, *, any_verb: bool = False) -> bool:
    """Two counts of different happenings: what happened to people, which outlets always name ("40 killed" /
    "1,200 evacuated"), or with ``any_verb`` any two verbs the counts were read with ("held 60,000 emails" /
    "deleted 30,000 emails"). What happened matters for counts; for measures the verb is style ("runs",
    "stretches")."""
    if a.amount.dimension is not None or a.event == b.event:
        return False
    if not _light(a.event) and not _light(b.event) and same_happening(a.event, b.event):
        return False  # one happening however spelled or worded, as WordNet joins it ("legalized" / "legalised")
    return bool(any_verb and a.event and b.event) or _events_unlike(a, b)


def _light(verb: str | None) -> bool:
    """A support or framing verb ("take", "have", "hold"): WordNet joins their many senses, no happening of theirs
    ("would take 55 votes" / "had the 41 votes")."""
    return bool(verb) and any(lemma in SUPPORT_VERBS | FRAMING_VERBS for lemma in wordnet.lemmas(verb or "", "v"))


def _named_shorter(a: QuantityClaim, b: QuantityClaim) -> bool:
    """A measure, a sum or a span of one thing that the source names without the claim's qualifier, for the same
    happening: "the wall would cost $8 billion" against "the border wall would cost $12 billion", "33 years of
    returns" against "23 years of tax returns". A count is not: "20 officials" may hold "12 senior officials"."""
    return a.amount.dimension is not None and not b.modifiers and a.event is not None and a.event == b.event


def another_count(claim: QuantityClaim, evidence: QuantityClaim, written: Collection[str] = ()) -> bool:
    """The claim's figure in a sentence, but counting something else: another speaker's figure, another group's
    members, the denied figure, a daily toll for a cumulative one, a rate of another period ("1.43 million cables
    every month" / "every year"), or another kind of thing ("five civilians" for
    "five soldiers"; not "five town-hall-style meetings" for "five town hall meetings", nor "votes" for
    "confirmation votes": a noun that is the other's synonym or kind names the same thing). ``written``: the
    lemmas of the evidence sentence, where known."""
    a, b = claim.amount, evidence.amount
    if a.dimension != b.dimension or not _same_figure(a, b):
        return False
    if same_attribution(claim.attribution, evidence.attribution) is False:
        return True
    if (claim.group and evidence.group and claim.group != evidence.group) or claim.negated != evidence.negated:
        return True
    if (claim.scope == "daily") != (evidence.scope == "daily") or _rates_of_other_periods(claim, evidence):
        return True  # a daily toll for a cumulative one; the same figure a month and a year are two rates
    counted = {claim.counted, evidence.counted}
    if None in counted or DURATION in counted or len(counted) == 1:
        return False
    if a.dimension == "money" and claim.counted in written:
        # a sum is named by what it pays for or by who asks for it: "a demand for $5.7 billion in funding for a
        # wall" tells the sum of "$5.7 billion for a border wall" under another noun, and writes the wall too
        return False
    x, y = claim.counted or "", evidence.counted or ""
    return not (wordnet.synonyms(x, y, "n") or wordnet.kind_of(x, y))


def _events_unlike(a: QuantityClaim, b: QuantityClaim) -> bool:
    """One figure says what happened (killed, evacuated) and the other says nothing: "four Americans killed" and
    "millions of Americans" are not one count. Only the events that outlets always name are held to this."""
    return bool({a.event, b.event} & _NAMED_EVENTS)


_NAMED_EVENTS = frozenset({"killed", "injured", "evacuated", "displaced", "missing", "detained", "rescued"})


def _added(claim: QuantityClaim) -> bool:
    """Whether the figure counts only some on top of others ("two more", "three other", "500 additional")."""
    words = set((claim.counted_text or "").lower().split()) | set(claim.modifiers)
    return bool(words & ADDED_WORDS)


def other_bounds(a: QuantityClaim, b: QuantityClaim) -> bool:
    """Two bounds of one side at different figures over the same stretch of time ("as many as 1.5 million" / "up to
    1.6 million", "more than 40" / "more than 60"): each outlet gives the figure it bounds, and they give two. A
    report sets outlets side by side, and two figures for one bound are a discrepancy to show; a check does so where
    the claim's bound is told to its last digit (``round_bound``), while a weaker bound leaves a round threshold open
    ("more than 1,200" leaves "more than 5,000" open). A count since a date may be of less than one with no window
    ("at least 40 since March 1")."""
    x, y = a.amount, b.amount
    bounds = x.qualifier == y.qualifier and x.qualifier in {"lower", "upper"}
    return bounds and a.scope == b.scope and not _same_figure(x, y)


def _rates_of_other_periods(a: QuantityClaim, b: QuantityClaim) -> bool:
    return a.scope in RATE_PERIODS and b.scope in RATE_PERIODS and a.scope != b.scope


def _yearly(claim: QuantityClaim, evidence: QuantityClaim, said: str) -> Judgement:
    """Two rates of other periods compared as yearly ones ("1.43 million cables every month" / "every year": another
    figure; "100 a month" / "1,200 every year": the same)."""
    x, y = (_per_year(c.amount.interval, c.scope) for c in (claim, evidence))
    said += f" ({claim.scope} against {evidence.scope})"
    if x.overlaps(y):
        return Judgement(AGREE, said, claim, evidence)
    return Judgement(CONFLICT, said, claim, evidence)


def _per_year(interval: Interval, scope: str) -> Interval:
    factor = RATE_PERIODS[scope]
    return Interval(interval.low * factor, interval.high * factor)


def _ceiling_and_count(a: QuantityClaim, b: QuantityClaim) -> bool:
    """A ceiling given to its last digit against an exact count of the same thing ("as many as 1.6 million women" /
    "1.5 million women"): "as many as" reports the count at its estimate, so the outlets give two figures. A round
    ceiling ("up to 10 inches") leaves any count below it open."""
    x, y = a.amount, b.amount
    ceiling = x if x.qualifier == "upper" else y
    if {x.qualifier, y.qualifier} != {"upper", "exact"} or a.scope != b.scope or round_bound(ceiling):
        return False
    return not _same_figure(x, y)


def round_bound(amount: Amount) -> bool:
    """Whether a bound is a round threshold ("more than 5,000", "at least 20", "more than two dozen"), which a
    weaker bound of a source leaves open, rather than a figure given to its last digit ("at least 454", "as many as
    1.6 million", "at least 14")."""
    text = amount.text.lower()
    if _SCALE_WORD.search(text):
        return False  # "1.6 million": told to its last digit before the scale
    if "dozen" in text:
        return True
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if digits is not None:
        written = digits.group(0).replace(",", "")
        if "." in written:
            return False
        number = float(written)
    elif amount.dimension is None and amount.anchor is not None:
        number = amount.anchor  # a number word: "at least twenty"
    else:
        return True  # a measure in words: not read, so the interval decides as before
    return number >= 10 and number % 10 == 0


_SCALE_WORD = re.compile(r"\b(?:thousand|million|billion|trillion|bn|mn)\b|\d(?:m|bn|k)\b")


def _cut_to_its_scale(short: Amount, full: Amount) -> str | None:
    """The scale word ("million") when ``short`` is ``full`` cut to a whole number of it ("$43 million" for
    "$43,885,310" or "$43.8 million"): news writes a sum as the millions it reached as often as the nearest million.
    Only for two digits or more of the scale ("$5 million" for $5.9 million is another figure) and a ``full`` figure
    told more finely (two whole figures of one scale are two figures: "$141 million" / "$139 million")."""
    if short.qualifier != "exact" or full.qualifier != "exact" or short.anchor is None or full.anchor is None:
        return None
    if short.dimension not in (None, "money"):
        return None  # "m" after a length is metres, no scale
    word = _whole_scale(short)
    if word is None or _whole_scale(full) is not None:
        return None
    scale = SCALES[word]
    whole = round(short.anchor / scale)
    return word if whole >= 10 and whole * scale <= full.anchor < (whole + 1) * scale else None


def _whole_scale(amount: Amount) -> str | None:
    """The scale word of a figure told as a whole number of it ("$141 million": "million"; "$43.8 million": None)."""
    text = amount.text.lower()
    if re.search(r"\d\.\d", text):
        return None
    return next((word for word in re.findall(r"[a-z]+", text) if word in SCALES), None)


def _same_figure(a: Amount, b: Amount) -> bool:
    if a.anchor is None or b.anchor is None:
        return a.qualifier == b.qualifier == "vague" and a.interval == b.interval
    return abs(a.anchor - b.anchor) <= _SAME_FIGURE * max(abs(a.anchor), abs(b.anchor))


def _amount_text(evidence: QuantityClaim, claim: Amount) -> str:
    """The source's figure in its words, with the conversion when units differ ('620-mile (about 998 km)')."""
    amount = evidence.amount
    text = evidence.describe()
    if amount.dimension == "duration":
        # in the unit the claim is written in ("over an hour (about 60 minutes)"), not in days
        claim_unit, own_unit = written_unit(claim.text), written_unit(amount.text)
        if claim_unit is None or own_unit is None or claim_unit[1] == own_unit[1] or amount.anchor is None:
            return text
        return f"{text} (about {amount.anchor / claim_unit[1]:,.0f} {claim_unit[0]})"
    written = amount.text.lower()
    if amount.unit and amount.anchor is not None and claim.unit == amount.unit and amount.unit not in written:
        return f"{text} (about {amount.anchor:,.0f} {amount.unit})"
    return text
