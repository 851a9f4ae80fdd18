"""Typed comparison of two claims: agree, conflict or unverified, with a reason that names the values.

Claims are compared only when they speak of the same slot (same thing counted in the same time window and
attribution, same role, same group, same event); otherwise :func:`compare` returns None. A wrong conflict costs
more than a missed one, so every rule that could produce a conflict asks for the slot to match exactly.
"""

from __future__ import annotations

from factcheck.claims import wordnet
from factcheck.claims.affiliation_compare import compare_affiliations
from factcheck.claims.ages import AGE, BIRTHDAY_SLACK
from factcheck.claims.gazetteer import HOLDS, INSIDE, SAME, countries_containing, lies_in, place_relation
from factcheck.claims.judgement import AGREE as AGREE
from factcheck.claims.judgement import CONFLICT as CONFLICT
from factcheck.claims.judgement import UNVERIFIED as UNVERIFIED
from factcheck.claims.judgement import Judgement as Judgement
from factcheck.claims.judgement import said_by as said_by
from factcheck.claims.lexicon import MONTHS, PAST_TENURE, TEMPORARY_TENURE, TENURE_WORDS, WEEKDAYS
from factcheck.claims.model import (
    DURATION,
    STATEMENT,
    AffiliationClaim,
    Claim,
    GroupClaim,
    PlaceClaim,
    QuantityClaim,
    RoleClaim,
    TimeClaim,
    same_event,
)
from factcheck.claims.names import person_name, same_person
from factcheck.claims.numbers import Amount, written_unit
from factcheck.claims.occasions import event_verb, same_happening
from factcheck.claims.people import SINGLE_HOLDER_POSTS
from factcheck.claims.syntax import same_attribution
from factcheck.claims.tallies import TALLY

# Figures restated after a unit conversion or rounded differently ("620 miles" for 1,000 km): anchors closer
# than this are the same figure.
_SAME_FIGURE = 0.02
#: Sentences at least this similar say the same thing in other words (with the same names and figures).
RESTATEMENT_SIMILARITY = 0.80
#: Sentences at least this similar state the same fact: above every pair stating different facts in the
#: calibration (maximum 0.67, docs/evaluation.md).
SAME_FACT_SIMILARITY = 0.70
#: The day of a saying agrees between sentences of the same speaker at least this similar (above the 99th
#: percentile of sentences stating different facts, docs/evaluation.md); it conflicts only between sentences
#: stating the same fact (SAME_FACT_SIMILARITY).
STATEMENT_SIMILARITY = 0.60
_LOOSELY_NAMED = frozenset({"length", "area"})
#: Measures (not counts) named by different nouns are compared only between sentences at least this similar.
MEASURE_SIMILARITY = 0.60
_WEEKDAYS = [day.capitalize() for day in WEEKDAYS]
_MONTHS = [month.capitalize() for month in MONTHS]


def compare(
    claim: Claim, evidence: Claim, *, similarity: float = 1.0, event_similarity: float = 0.5
) -> Judgement | None:
    """Compare a part of the checked claim with a claim found in a source sentence."""
    if type(claim) is not type(evidence):
        return None
    # Who said it matters for figures and titles (one party's toll is not another's); a meeting's place or
    # time, or a delegation's head, is the same fact whoever announced it.
    attributed_differently = same_attribution(claim.attribution, evidence.attribution) is False
    if isinstance(claim, QuantityClaim) and isinstance(evidence, QuantityClaim):
        return None if attributed_differently else _own_voice(claim, _quantities(claim, evidence, similarity))
    if isinstance(claim, RoleClaim) and isinstance(evidence, RoleClaim):
        return None if attributed_differently else _roles(claim, evidence)
    if isinstance(claim, GroupClaim) and isinstance(evidence, GroupClaim):
        return _groups(claim, evidence)
    if isinstance(claim, AffiliationClaim) and isinstance(evidence, AffiliationClaim):
        return compare_affiliations(claim, evidence)  # a person's party, whoever says it
    if similarity < event_similarity:  # places and times need the sentences to be about the same event
        return None
    if isinstance(claim, TimeClaim) and isinstance(evidence, TimeClaim) and claim.event == STATEMENT:
        return _statement_times(claim, evidence, similarity)
    if isinstance(claim, PlaceClaim) and isinstance(evidence, PlaceClaim):
        return _places(claim, evidence)
    if isinstance(claim, TimeClaim) and isinstance(evidence, TimeClaim):
        return _times(claim, evidence)
    return None


def _quantities(claim: QuantityClaim, evidence: QuantityClaim, similarity: float) -> Judgement | None:
    a, b = claim.amount, evidence.amount
    if a.dimension != b.dimension or claim.negated != evidence.negated:
        return None
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
    if a.interval.contains(b.interval) or (_same_figure(a, b) and a.interval.overlaps(b.interval)):
        return Judgement(AGREE, said, claim, evidence)
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
    if a.counted is None or b.counted is None or a.counted != b.counted:
        return False
    # What happened matters for counts (killed, evacuated); for measures the verb is style ("runs", "stretches").
    if a.amount.dimension is None and a.event != b.event and ((a.event and b.event) or _events_unlike(a, b)):
        return False
    if a.counted == DURATION and not same_happening(a.event, b.event):
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


def _named_shorter(a: QuantityClaim, b: QuantityClaim) -> bool:
    """A measure, a sum or a span of one thing that the source names without the claim's qualifier, for the same
    happening: "the wall would cost $8 billion" against "the border wall would cost $12 billion", "33 years of
    returns" against "23 years of tax returns". A count is not: "20 officials" may hold "12 senior officials"."""
    return a.amount.dimension is not None and not b.modifiers and a.event is not None and a.event == b.event


def another_count(claim: QuantityClaim, evidence: QuantityClaim) -> bool:
    """The claim's figure in a sentence, but counting something else: another speaker's figure, another group's
    members, the denied figure, a daily toll for a cumulative one, or another kind of thing ("five civilians" for
    "five soldiers"; not "five town-hall-style meetings" for "five town hall meetings", nor "votes" for
    "confirmation votes": a noun that is the other's synonym or kind names the same thing)."""
    a, b = claim.amount, evidence.amount
    if a.dimension != b.dimension or not _same_figure(a, b):
        return False
    if same_attribution(claim.attribution, evidence.attribution) is False:
        return True
    if (claim.group and evidence.group and claim.group != evidence.group) or claim.negated != evidence.negated:
        return True
    if (claim.scope == "daily") != (evidence.scope == "daily"):
        return True
    counted = {claim.counted, evidence.counted}
    if None in counted or DURATION in counted or len(counted) == 1:
        return False
    x, y = claim.counted or "", evidence.counted or ""
    return not (wordnet.synonyms(x, y, "n") or wordnet.kind_of(x, y))


def _events_unlike(a: QuantityClaim, b: QuantityClaim) -> bool:
    """One figure says what happened (killed, evacuated) and the other says nothing: "four Americans killed" and
    "millions of Americans" are not one count. Only the events that outlets always name are held to this."""
    return bool({a.event, b.event} & _NAMED_EVENTS)


_NAMED_EVENTS = frozenset({"killed", "injured", "evacuated", "displaced", "missing", "detained", "rescued"})
_ADDED = frozenset({"more", "other", "additional", "further", "remaining", "another", "extra"})


def _added(claim: QuantityClaim) -> bool:
    """Whether the figure counts only some on top of others ("two more", "three other", "500 additional")."""
    words = set((claim.counted_text or "").lower().split()) | set(claim.modifiers)
    return bool(words & _ADDED)


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


def _roles(claim: RoleClaim, evidence: RoleClaim) -> Judgement | None:
    parties_differ = claim.party is not None and evidence.party is not None and claim.party != evidence.party
    said = f"claim says {claim.person.display} is {claim.role}; source says {evidence.role} {evidence.person.display}"
    claim_tenure, evidence_tenure = _tenure(claim.role), _tenure(evidence.role)
    if claim_tenure != evidence_tenure:
        bare_claim, bare_evidence = _without_tenure(claim.role), _without_tenure(evidence.role)
        if (
            not same_person(claim.person, evidence.person)
            or parties_differ
            or not _same_role(bare_claim, bare_evidence)
        ):
            return None
        if claim_tenure == "" and evidence_tenure == "past":  # "X is prime minister" / "former prime minister X"
            return Judgement(CONFLICT, said + said_by(evidence), claim, evidence)
        return None  # an acting post, or a former post the source still gives: not decisive either way
    if same_person(claim.person, evidence.person):
        if parties_differ:
            return None
        if _same_role(claim.role, evidence.role):
            return Judgement(AGREE, said + said_by(evidence), claim, evidence)
        if _role_head(claim.role) == _role_head(evidence.role) is not None and _other_post(claim.role, evidence.role):
            return Judgement(CONFLICT, said + said_by(evidence), claim, evidence)
        return None
    if _same_role(claim.role, evidence.role) and claim.role == evidence.role and not parties_differ:
        if claim.party is None or evidence.party is None:
            return None  # "foreign minister" of which country? Not decisive.
        if _role_head(claim.role) not in SINGLE_HOLDER_POSTS or claim_tenure == "past":
            return None  # a client has several lawyers, a president several advisers, a country former presidents
        said = (
            f"claim says the {claim.role} is {claim.person.display}; source says the {evidence.role} is "
            f"{evidence.person.display}{said_by(evidence)}"
        )
        return Judgement(CONFLICT, said, claim, evidence)
    return None


def _tenure(role: str) -> str:
    words = set(role.split())
    return "past" if words & PAST_TENURE else "temporary" if words & TEMPORARY_TENURE else ""


def _without_tenure(role: str) -> str:
    return " ".join(w for w in role.split() if w not in TENURE_WORDS)


def _same_role(a: str, b: str) -> bool:
    a, b = _without_tenure(a), _without_tenure(b)  # "former 2000 ... nominee": the tenure is compared apart
    if (
        a == b
        or (a.endswith(" " + b) and not a.startswith("deputy"))
        or (b.endswith(" " + a) and not b.startswith("deputy"))
    ):
        return True
    # The same post under another name ("lawyer" / "attorney", WordNet synonyms), the words before it as above.
    *rest_a, head_a = a.split()
    *rest_b, head_b = b.split()
    if head_a == head_b or not wordnet.synonyms(head_a, head_b, "n"):
        return False
    shorter, longer = sorted((rest_a, rest_b), key=len)
    return longer[len(longer) - len(shorter) :] == shorter and "deputy" not in longer[: len(longer) - len(shorter)]


# Words that tell one post from another of the same kind: the portfolio of a minister, the rank of a deputy.
# Other words in a title are style or abbreviation ("RNC chairman", "Republican National Committee chairman";
# "outgoing senior economic adviser", "outgoing White House economic adviser") and never make a conflict.
_POST_WORDS = frozenset(
    "foreign defence defense interior finance justice health education economy economic trade energy agriculture "
    "culture transport labour labor environment home treasury intelligence security prime deputy vice assistant "
    "first second chief general state".split()
)


def _other_post(a: str, b: str) -> bool:
    """Whether two titles with the same head name different posts ("deputy foreign minister" and "foreign
    minister", "defence minister" and "interior minister"), not the same post in other words."""
    words_a, words_b = set(a.split()) & _POST_WORDS, set(b.split()) & _POST_WORDS
    if {"deputy", "vice", "assistant"} & (words_a ^ words_b):
        return True  # one is the other's deputy
    only_a, only_b = set(a.split()) - set(b.split()), set(b.split()) - set(a.split())
    if any(wordnet.antonyms(x, y) for x in only_a for y in only_b):
        return True  # "majority leader" / "minority leader", "senior" / "junior" partner: opposite posts
    # Different portfolios; a title that only leaves one out ("minister", "foreign minister") is not decisive.
    return not (words_a <= words_b or words_b <= words_a)


def _role_head(role: str) -> str | None:
    words = role.split()
    return words[-1] if words else None


def _groups(claim: GroupClaim, evidence: GroupClaim) -> Judgement | None:
    if claim.group != evidence.group or claim.person is None or evidence.person is None:
        return None
    same = same_person(claim.person, evidence.person)
    said = (
        f"claim says {claim.person.display} {_relation(claim)} the {_group_words(claim)}; source says "
        f"{evidence.holder_text} {_relation(evidence)} it{said_by(evidence)}"
    )
    if claim.negated != evidence.negated:
        return Judgement(CONFLICT, said, claim, evidence) if same else None
    if claim.relation == "head" and evidence.relation == "head":
        return Judgement(AGREE if same else CONFLICT, said, claim, evidence)
    if claim.relation == "member" and same:
        return Judgement(AGREE, said, claim, evidence)  # the head is a member too
    return None


def _relation(claim: GroupClaim) -> str:
    verb = "heads" if claim.relation == "head" else "is in"
    return f"does not {verb.removesuffix('s') if verb == 'heads' else 'belong to'}" if claim.negated else verb


def _group_words(claim: GroupClaim) -> str:
    if claim.group_text:
        return claim.group_text.removeprefix("the ").removeprefix("The ")
    side, noun = claim.group.rsplit(" ", 1)
    return f"{side.title()} {noun}"


def _places(claim: PlaceClaim, evidence: PlaceClaim) -> Judgement | None:
    if not same_event(claim, evidence):
        return None
    if claim.participants and evidence.participants and not set(claim.participants) & set(evidence.participants):
        return None  # "a meeting with business executives" is not "a Nato foreign ministers meeting"
    is_are = event_verb(claim.event, "is", "are")
    what = "the journey goes" if claim.event == "travel" else f"the {claim.event} {is_are}"
    said = f"claim says {what} {claim.text}; source says {evidence.text}{said_by(evidence)}"
    if claim.negated != evidence.negated:
        if claim.place_key != evidence.place_key:
            return None
        denial = "it does not happen" if evidence.negated else "it happens"
        return Judgement(CONFLICT, f"{said}, where {denial}", claim, evidence)
    if claim.place_key == evidence.place_key:
        return Judgement(AGREE, said, claim, evidence)
    if claim.is_country != evidence.is_country:
        # A city in the claimed country confirms it ("in Turkey" / "in Istanbul"); a city elsewhere contradicts
        # it; a country where the claim names a city says less, and an unknown place decides nothing.
        if not claim.is_country:
            return None
        inside = lies_in(evidence.place, claim.place)
        if inside is None:
            return None
        if inside:
            return Judgement(AGREE, f"{said}, which is in {claim.place}", claim, evidence)
        return Judgement(CONFLICT, f"{said}, which is not in {claim.place}", claim, evidence)
    if not claim.is_country and bool(countries_containing(claim.place)) != bool(countries_containing(evidence.place)):
        return None  # a city against a building or district the gazetteer does not know: one may hold the other
    relation = None if claim.is_country else place_relation(claim.place, evidence.place)
    if relation == SAME:
        return Judgement(AGREE, said, claim, evidence)  # one state, abbreviated in one ("N.J.", "New Jersey")
    if relation == HOLDS:
        # a city in the claimed state confirms it ("in Ohio" / "in Cleveland"); the state where the claim names
        # one of its cities says less
        return Judgement(AGREE, f"{said}, which is in {claim.place}", claim, evidence)
    if relation == INSIDE:
        return None
    return Judgement(CONFLICT, said, claim, evidence)


def _times(claim: TimeClaim, evidence: TimeClaim) -> Judgement | None:
    if (claim.until is None) != (evidence.until is None):
        return None  # a period and one year: "in 2010" may fall within "from 2006 to 2012", or be another event
    if claim.until is not None:
        return _periods(claim, evidence)
    if not same_event(claim, evidence) or claim.negated != evidence.negated:
        return None
    resolved = f" ({evidence.date})" if evidence.date else ""
    said = f"claim says {_when(claim)}; source says {evidence.text}{resolved}{said_by(evidence)}"
    finer = [(claim.weekday, evidence.weekday), (claim.minutes, evidence.minutes)]
    checks = [
        *finer,
        (claim.month_day, evidence.month_day),
        (claim.date, evidence.date),
        # Years only as written on both sides: a year inferred from the publication date is a guess.
        (claim.year, evidence.year),
        (claim.month, evidence.month if evidence.year == claim.year else None),
    ]
    compared = [(a, b) for a, b in checks if a is not None and b is not None]
    if not compared:
        return None
    if any(a != b for a, b in compared):
        return Judgement(CONFLICT, said, claim, evidence)
    if any(a is not None and b is None for a, b in finer):  # weekday, clock: the claim says more
        return Judgement(UNVERIFIED, said + ", which does not give the time the claim gives", claim, evidence)
    return Judgement(AGREE, said, claim, evidence)


def _periods(claim: TimeClaim, evidence: TimeClaim) -> Judgement | None:
    """Two periods of years in sentences about the same thing: the same first and last year agree; one of them
    the same and the other not is the same period told otherwise ("from 2006 to 2010" against "from 2006 to
    2012"); neither the same is another period. A post held names no event, so the event's word is compared only
    where both sentences name one."""
    if claim.negated != evidence.negated or (claim.event and evidence.event and not same_event(claim, evidence)):
        return None
    said = f"claim says {_when(claim)}; source says {evidence.text}{said_by(evidence)}"
    same_first, same_last = claim.year == evidence.year, claim.until == evidence.until
    if same_first and same_last:
        return Judgement(AGREE, said, claim, evidence)
    if same_first or same_last:
        return Judgement(CONFLICT, said, claim, evidence)
    return None


def _statement_times(claim: TimeClaim, evidence: TimeClaim, similarity: float) -> Judgement | None:
    """When something was said, compared only for the same speaker. The same day agrees between sentences about
    the same thing (``STATEMENT_SIMILARITY``); another day conflicts only between sentences that state the same
    fact (``SAME_FACT_SIMILARITY``): a spokesman speaks every day, and "said on Tuesday" in one sentence is no
    contradiction of "said on Wednesday" in another that is merely alike."""
    if evidence.event != STATEMENT or same_attribution(claim.attribution, evidence.attribution) is not True:
        return None
    if similarity < STATEMENT_SIMILARITY:
        return None
    judgement = _times(claim, evidence)
    if judgement is not None and judgement.verdict == CONFLICT and similarity < SAME_FACT_SIMILARITY:
        return None
    return judgement


def _when(claim: TimeClaim) -> str:
    parts = []
    if claim.minutes is not None:
        parts.append(f"{claim.minutes // 60:02d}:{claim.minutes % 60:02d}")
    if claim.weekday is not None:
        parts.append(f"on {_WEEKDAYS[claim.weekday]}")
    if claim.month_day is not None:
        parts.append(claim.date or claim.month_day)
    elif claim.until is not None:
        parts.append(f"from {claim.year} to {claim.until}")
    elif claim.year is not None:
        parts.append(f"in {_MONTHS[claim.month - 1]} {claim.year}" if claim.month else f"in {claim.year}")
    return " ".join(parts) or claim.text
