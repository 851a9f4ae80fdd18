"""Typed comparison of two claims: agree, conflict or unverified, with a reason that names the values.

Claims are compared only when they speak of the same slot (same thing counted in the same time window and
attribution, same role, same group, same event); otherwise :func:`compare` returns None. A wrong conflict costs
more than a missed one, so every rule that could produce a conflict asks for the slot to match exactly.
"""

from __future__ import annotations

from factcheck.claims import wordnet
from factcheck.claims.affiliation_compare import compare_affiliations
from factcheck.claims.figure_compare import compare_figures
from factcheck.claims.gazetteer import HOLDS, INSIDE, SAME, countries_containing, lies_in, place_relation
from factcheck.claims.judgement import AGREE as AGREE
from factcheck.claims.judgement import CONFLICT as CONFLICT
from factcheck.claims.judgement import UNVERIFIED as UNVERIFIED
from factcheck.claims.judgement import Judgement as Judgement
from factcheck.claims.judgement import said_by as said_by
from factcheck.claims.lexicon import (
    DAY_PART_NAMES,
    DAY_PARTS,
    MONTHS,
    WEEKDAYS,
    stretches_meet,
)
from factcheck.claims.model import (
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
from factcheck.claims.names import same_person
from factcheck.claims.occasions import event_verb
from factcheck.claims.role_compare import compare_roles
from factcheck.claims.syntax import same_attribution

#: Sentences at least this similar say the same thing in other words (with the same names and figures).
RESTATEMENT_SIMILARITY = 0.80
#: Sentences at least this similar state the same fact: above every pair stating different facts in the
#: calibration (maximum 0.67, docs/evaluation.md).
SAME_FACT_SIMILARITY = 0.70
#: The day of a saying agrees between sentences of the same speaker at least this similar (above the 99th
#: percentile of sentences stating different facts, docs/evaluation.md); it conflicts only between sentences
#: stating the same fact (SAME_FACT_SIMILARITY).
STATEMENT_SIMILARITY = 0.60
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
        return None if attributed_differently else compare_figures(claim, evidence, similarity)
    if isinstance(claim, RoleClaim) and isinstance(evidence, RoleClaim):
        return None if attributed_differently else compare_roles(claim, evidence)
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


def _voices_differ(claim: Claim, evidence: Claim) -> bool:
    """Whether the two are told in different voices: named speakers who differ, or a person's words on one side
    only ("Blumenthal said he had not served in Vietnam" against articles that had him serving there). A denial
    in one voice does not contradict an assertion in another: it is the story."""
    same = same_attribution(claim.attribution, evidence.attribution)
    if same is not None:
        return not same
    said = claim.attribution or evidence.attribution
    return said is not None and said.key.startswith("person:")


def _places(claim: PlaceClaim, evidence: PlaceClaim) -> Judgement | None:
    if not same_event(claim, evidence):
        return None
    if claim.participants and evidence.participants and not set(claim.participants) & set(evidence.participants):
        return None  # "a meeting with business executives" is not "a Nato foreign ministers meeting"
    is_are = event_verb(claim.event, "is", "are")
    what = "the journey goes" if claim.event == "travel" else f"the {claim.event} {is_are}"
    said = f"claim says {what} {claim.text}; source says {evidence.text}{said_by(evidence)}"
    if claim.negated != evidence.negated:
        if claim.place_key != evidence.place_key or _voices_differ(claim, evidence):
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
    if not claim.is_country and _holds(claim.place, evidence.place):
        # a building in the claimed city or building ("in Washington" / "at the White House", "at the White House"
        # / "in the Oval Office", which WordNet places there)
        return Judgement(AGREE, f"{said}, which is in {claim.place}", claim, evidence)
    if not claim.is_country and _holds(evidence.place, claim.place):
        return None  # the source names the place that holds the claimed building: it says less
    known = not claim.is_country and bool(countries_containing(claim.place))
    if not claim.is_country and known != bool(countries_containing(evidence.place)):
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
    if relation is None and known:
        return None  # both places known, but the data cannot tell whether one holds the other ("Toronto" / "Ontario")
    return Judgement(CONFLICT, said, claim, evidence)


def _holds(outer: str, inner: str) -> bool:
    """Whether WordNet places a named building in ``outer``, directly or through the building that holds it (the
    Oval Office in the White House, the White House in Washington), ``outer`` read by the gazetteer as well."""
    outer_name = outer.lower().removeprefix("the ")
    holders = wordnet.places_holding(inner)
    for holder in (*holders, *(h for held in holders for h in wordnet.places_holding(held))):
        if holder == outer_name or place_relation(outer, holder) in (SAME, HOLDS):
            return True
    return False


def _times(claim: TimeClaim, evidence: TimeClaim) -> Judgement | None:
    if (claim.until is None) != (evidence.until is None):
        return None  # a period and one year: "in 2010" may fall within "from 2006 to 2012", or be another event
    if claim.until is not None:
        return _periods(claim, evidence)
    if not same_event(claim, evidence) or claim.negated != evidence.negated:
        return None
    if (claim.event == STATEMENT) != (evidence.event == STATEMENT):
        return None  # the day something was said is not the day of the happening it tells of ("a statement on
        # Tuesday that he was bowing out of the debate" dates no debate), however WordNet joins the two words
    resolved = f" ({evidence.date})" if evidence.date else ""
    said = f"claim says {_when(claim)}; source says {as_told(evidence)}{resolved}{said_by(evidence)}"
    finer = [(claim.weekday, evidence.weekday), (claim.minutes, evidence.minutes)]
    checks = [
        *finer,
        (claim.month_day, evidence.month_day),
        (claim.date, evidence.date),
        # Years only as written on both sides: a year inferred from the publication date is a guess.
        (claim.year, evidence.year),
        (claim.month, evidence.month if evidence.year == claim.year else None),
        # a decade against a decade, or against a year written on the other side ("in the 1960s" / "in 1961")
        (_decade(claim), _decade(evidence)) if _told_in_decades(claim, evidence) else (None, None),
    ]
    compared = [(a, b) for a, b in checks if a is not None and b is not None]
    if not compared:
        return None
    if any(a != b for a, b in compared) or other_hours(claim, evidence):
        return Judgement(CONFLICT, said, claim, evidence)
    if any(a is not None and b is None for a, b in finer) or (_hours(claim) and not _hours(evidence)):
        # weekday, clock, part of the day: the claim says more
        return Judgement(UNVERIFIED, said + ", which does not give the time the claim gives", claim, evidence)
    return Judgement(AGREE, said, claim, evidence)


def _told_in_decades(claim: TimeClaim, evidence: TimeClaim) -> bool:
    return claim.decade is not None or evidence.decade is not None


def _decade(time: TimeClaim) -> int | None:
    return time.decade if time.decade is not None else (time.year // 10 * 10 if time.year is not None else None)


def _hours(time: TimeClaim) -> tuple[tuple[int, int], ...]:
    """The stretches of the clock a time gives: its clock time, or the part of the day written beside its day."""
    if time.minutes is not None:
        return ((time.minutes, time.minutes + 1),)
    return DAY_PARTS.get(time.day_part or "", ())


def other_hours(claim: TimeClaim, evidence: TimeClaim) -> bool:
    """The same day told at hours that cannot meet ("Thursday evening" / "Thursday morning", "at 11am" / "in the
    afternoon"); two clock times are compared as values above."""
    if claim.minutes is not None and evidence.minutes is not None:
        return False
    ours, theirs = _hours(claim), _hours(evidence)
    return bool(ours and theirs) and not stretches_meet(ours, theirs)


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


def _month_day(month_day: str) -> str:
    """ "04-30" -> "April 30"."""
    month, day = month_day.split("-")
    return f"{_MONTHS[int(month) - 1]} {int(day)}"


def as_told(time: TimeClaim) -> str:
    """A time's words, with the part of the day a phrase beside them gives ("Thursday, in the morning" for "Thursday
    in an early-morning tweet")."""
    part = time.day_part
    if part in DAY_PART_NAMES and part not in time.text.lower():
        return f"{time.text}, in the {part}"
    return time.text


def _when(claim: TimeClaim) -> str:
    parts = []
    if claim.minutes is not None:
        parts.append(f"{claim.minutes // 60:02d}:{claim.minutes % 60:02d}")
    part = claim.day_part if claim.minutes is None else None
    if claim.weekday is not None:
        day = f"on {_WEEKDAYS[claim.weekday]}"
        parts.append(day if part is None else f"{day} {part}" if part in DAY_PART_NAMES else f"{part} {day}")
    elif part is not None:
        parts.append(f"in the {part}" if part in DAY_PART_NAMES else part)
    if claim.month_day is not None:
        parts.append(claim.date or _month_day(claim.month_day))
    elif claim.until is not None:
        parts.append(f"from {claim.year} to {claim.until}")
    elif claim.year is not None:
        parts.append(f"in {_MONTHS[claim.month - 1]} {claim.year}" if claim.month else f"in {claim.year}")
    elif claim.decade is not None:
        parts.append(f"in the {claim.decade}s")
    return " ".join(parts) or claim.text
