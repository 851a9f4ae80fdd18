"""A source sentence that states the claim with one value changed: the claim's day, year, figure or place replaced by
the sentence's own makes a claim the sentence states ("Mayor Ivo Petrak addressed the city council on Monday" against
"Mayor Ivo Petrak told the city council on Tuesday evening ..."; "a 30-day moratorium" against "a 45-day
moratorium", whatever verb each uses).

Typed comparison compares a figure or a day only within a slot it recognises (the same counted thing, the same
event as WordNet names it), and real outlets word one fact in many ways ("addressed the council" / "told the
council"). This reading asks the trained verifier the question the slot stands for: is the sentence about the
same fact? It substitutes the sentence's value for the claim's and reads whether the sentence then states the
claim. The verifier judges a near-restatement far better than a contradiction, and the typed values decide what
differs, so the reason names the two values.

Two values are read more cautiously: a place the sentence only names ("set to be held in Glendale, Ariz.", where
the typed reading places no event) and another person it names in place of the claim's, in an article that never
names the claim's person ("left for Democratic state Rep. Drew Gattine" against "... Rep. Jeff McCabe"). Each
conflicts only where the verifier also reads the claim as written as contradicted by the sentence: it reads "played
in Phoenix" as stated by a sentence about hotels in Phoenix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factcheck.claims import wordnet
from factcheck.claims.compare import as_told, other_hours
from factcheck.claims.figure_compare import counts_of_other_events
from factcheck.claims.gazetteer import APART, SAME, is_known_place, place_relation
from factcheck.claims.judgement import said_by
from factcheck.claims.model import (
    DURATION,
    STATEMENT,
    TIMES,
    Claim,
    PlaceClaim,
    QuantityClaim,
    StatementClaim,
    TimeClaim,
    statement_of,
)
from factcheck.claims.names import party_key
from factcheck.claims.occasions import JOURNEY
from factcheck.claims.syntax import same_attribution
from factcheck.claims.times import written_weekday
from factcheck.restated_names import other_bodies, other_people
from factcheck.restated_spans import other_values
from factcheck.restated_words import opposite_words, other_ranks
from factcheck.substitution import Substitution, names_met


def _placed_by(time: TimeClaim) -> tuple[str, ...]:
    """The fields a time is told by, as written: a clock time, a day of the week (its date is worked out from the
    publication date, which a claim has not), a day of a month, a month of a year, a year; a period by its first and
    last years."""
    if time.until:
        return ("year", "until")  # a period against a period: "from 1967 until 1979" / "from 1966 to 1978"
    if time.minutes is not None:
        return ("minutes",)
    if written_weekday(time.text) is not None:
        return ("weekday",)
    if time.month_day is not None:
        return ("month_day", "year") if time.year is not None else ("month_day",)
    if time.month is not None:  # a month alone is told against a month alone
        return ("month", "year") if time.year is not None else ("month",)
    if time.decade is not None:
        return ("decade",)  # "in the 1960s" / "in the 1940s"
    return ("year",) if time.year is not None else ()


@dataclass(frozen=True)
class Restatement:
    """A sentence that states the rewritten claim: it gives the fact with another value."""

    substitution: Substitution
    entailment: float  # the verifier's P(entailment) of the rewritten claim by the sentence

    @property
    def reason(self) -> str:
        part, value = self.substitution.part, self.substitution.value
        # a day is the outlet's to tell, even in a sentence quoting someone ("told the council on Tuesday")
        speaker = said_by(value) if isinstance(value, QuantityClaim) else ""
        told = as_told(value) if isinstance(value, TimeClaim) else value.text
        return f"claim says {part.text}; source says {told}{speaker}, and otherwise states the claim"


def _counts_another_beside(part: Claim, value: Claim, claims: Sequence[Claim]) -> bool:
    """Whether a sentence's figure counts something other than the claim's, in a sentence that writes the claim's
    counted thing apart from it ("carry just one device for my work and for my personal emails instead of two": no
    count of emails). Where the sentence never writes the claim's noun, its figure may count the thing in other words
    ("a steel barrier" for "the wall"): the verifier reads that."""
    if not isinstance(part, QuantityClaim) or not isinstance(value, QuantityClaim) or not part.counted:
        return False
    if part.amount.dimension == "money" and wordnet.names_money(part.counted):
        return False  # "$20 million in road money": the claim says only that it is money, which the sentence's is
    statement = statement_of(claims)
    if part.counted in value.modifiers:
        return False  # "a $4.5 million settlement payment" for "a $3.5 million settlement": one noun phrase
    return value.counted != part.counted and statement is not None and part.counted in statement.terms


def told_alike(a: Claim, b: Claim) -> bool:
    """Two values of one kind told with the same precision: two figures of one dimension and unit, two times told
    by the same fields (a weekday against a weekday, a year against a year), or two places of one level (two
    countries, or two places below a country) for journeys alike."""
    if isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim):
        x, y = a.amount, b.amount
        # a daily toll never answers a cumulative one
        scopes_differ = "unknown" not in (a.scope, b.scope) and a.scope != b.scope
        # how long an event lasted, or how often it happened, against another such figure only: "35 days into the
        # shutdown" is not told otherwise by "reopen the government for three weeks"
        kinds_differ = bool({a.counted, b.counted} & {DURATION, TIMES}) and a.counted != b.counted
        # and a count of what happened to people never restates another happening's ("1,200 evacuated" for "died");
        # other verbs are the verifier's to read in the rewritten claim
        return (
            x.dimension == y.dimension
            and x.unit == y.unit
            and not scopes_differ
            and not kinds_differ
            and not counts_of_other_events(a, b)
            and x.change == y.change
        )
    if isinstance(a, TimeClaim) and isinstance(b, TimeClaim):
        # the day something was said is told against another day of saying, not the day of what the sentence
        # reports beside it ("told the Post after the summary was released Sunday")
        if a.event == STATEMENT and b.event != STATEMENT:
            return False
        return bool(_placed_by(a)) and _placed_by(a) == _placed_by(b)
    if isinstance(a, PlaceClaim) and isinstance(b, PlaceClaim):
        return a.is_country == b.is_country and (JOURNEY in a.event_keys) == (JOURNEY in b.event_keys)
    return False


def _pairable(part: Claim, value: Claim, claims: Sequence[Claim]) -> bool:
    """Whether a sentence's value may stand for the claim's: told alike, another value, counting the same thing."""
    return told_alike(part, value) and not same_value(part, value) and not _counts_another_beside(part, value, claims)


def same_value(a: Claim, b: Claim) -> bool:
    """Whether two values told alike may be the same (a place the data cannot tell apart from the claim's may be)."""
    if isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim):
        return a.amount.interval.overlaps(b.amount.interval)
    if isinstance(a, PlaceClaim) and isinstance(b, PlaceClaim):
        if a.place_key == b.place_key or a.is_country:
            return a.place_key == b.place_key
        return place_relation(a.place, b.place) != APART
    # the same day told at hours that cannot meet ("Saturday evening" / "Saturday morning") is another time
    return (
        isinstance(a, TimeClaim)
        and isinstance(b, TimeClaim)
        and all(getattr(a, f) == getattr(b, f) for f in _placed_by(a))
        and not other_hours(a, b)
    )


# A run of capitalised words after a preposition of place ("in Glendale", "through New Hampshire"): a place a
# sentence names may be one; a name standing alone ("Elizabeth", "Mo") or a possessive ("Massachusetts' first
# black senator") names no place something happened.
_PLACE_PHRASE = re.compile(r"\b(?:in|at|near|through|outside|across) ([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)")


def _gives_its_own(part: Claim, alike: Sequence[Claim], named: Sequence[PlaceClaim], claims: Sequence[Claim]) -> bool:
    """Whether a sentence also gives the claim's own value: told alike, a place it names that is the claim's, or the
    claim's place name written where the typed reading placed no event ("Born ... in Puerto Rico, X moved to the
    mainland U.S.": inside a clause it leaves)."""
    if any(same_value(part, c) for c in alike) or any(_same_place(part, c) for c in named):
        return True
    if not isinstance(part, PlaceClaim) or (evidence := statement_of(claims)) is None:
        return False
    return re.search(rf"\b{re.escape(part.place)}\b", evidence.text, re.IGNORECASE) is not None


def _named_places(part: PlaceClaim, claims: Sequence[Claim]) -> list[PlaceClaim]:
    """Places below a country that a sentence names without the typed reading placing an event there ("with the
    Super Bowl set to be held in Glendale, Ariz.", "married her partner ... in Washington, DC last year", inside a
    clause the typed reading leaves): each a value the claim's place may be replaced by, written with the claim's
    preposition. The verifier reads whether the rewritten claim is what the sentence states; a name the data does
    not know as a place is none."""
    evidence = statement_of(claims)
    if part.is_country or evidence is None or not part.text.endswith(part.place):
        return []
    typed = {c.place_key for c in claims if isinstance(c, PlaceClaim)}
    found = []
    for match in _PLACE_PHRASE.finditer(evidence.text):
        name = match.group(1).rstrip(".")
        key = party_key(name, capitals=False)
        if key in typed or not is_known_place(name):
            continue
        typed.add(key)
        found.append(
            PlaceClaim(
                start=match.start(1),
                end=match.start(1) + len(name),
                text=part.text[: len(part.text) - len(part.place)] + name,
                attribution=evidence.attribution,
                negated=evidence.negated,
                event=part.event,
                place=name,
                place_key=key,
                event_keys=part.event_keys,
            )
        )
    return found


def _same_place(a: Claim, b: PlaceClaim) -> bool:
    return isinstance(a, PlaceClaim) and (a.place_key == b.place_key or place_relation(a.place, b.place) == SAME)


def substitutions(
    claim: str,
    parts: Sequence[Claim],
    statements: Sequence[StatementClaim],
    candidates: Sequence[tuple[int, Sequence[Claim]]],
    in_article: Callable[[int, str], bool] | None = None,
    article_writes: Callable[[int, str], bool | None] | None = None,
    *,
    by_words: bool = True,
) -> list[Substitution]:
    """The rewritten claims to read, for candidate sentences given as (index, typed claims): each figure, time or
    place of the claim replaced by one the sentence gives told alike and different (a place the gazetteer puts
    apart from the claim's: another city, or a city outside the claimed state), in its own voice or the claim's
    speaker's, asserted or denied alike. A sentence that also gives the claim's own value is left out: it may tell
    two facts of one kind ("the Senate voted on Wednesday, the House on Thursday"); so is one that does not give
    the claim's names, itself or, for a name that is context, in its article (``in_article(index, name)``). Where
    the articles are known (``article_writes(index, word)``: whether a candidate's article writes a word), each
    person or organisation of the claim may be replaced by another a sentence names (``factcheck.restated_names``).
    ``by_words``: also the figure, time or place a sentence gives where the claim gives its own, found by the words
    around each (``factcheck.restated_spans``)."""
    found: list[Substitution] = []
    claim_terms = {t for statement in statements for t in statement.terms}
    for part in parts:
        if not isinstance(part, (QuantityClaim, TimeClaim, PlaceClaim)) or claim[part.start : part.end] != part.text:
            continue  # only values the claim's text shows where they were read (its first sentence)
        for index, claims in candidates:
            if not names_met(claim_terms, claims, index, in_article, part):
                continue
            alike = [
                c
                for c in claims
                if type(c) is type(part) and told_alike(part, c) and not _counts_another_beside(part, c, claims)
            ]
            named = _named_places(part, claims) if isinstance(part, PlaceClaim) else []
            if _gives_its_own(part, alike, named, claims):
                continue
            # a place only named is read only when the data puts it apart from the claim's
            named = [c for c in named if not same_value(part, c)]
            for value in [*alike, *named]:
                if value.negated != part.negated or same_attribution(part.attribution, value.attribution) is False:
                    continue
                # a part of the day told beside the day goes with it ("Thursday in an early-morning tweet")
                told = value.text
                if isinstance(value, TimeClaim) and value.day_part and value.day_part not in told.lower():
                    told = f"{told} {value.day_part}"
                rewritten = claim[: part.start] + told + claim[part.end :]
                found.append(Substitution(index, part, value, rewritten, contradicted_only=value in named))
    if by_words:
        statement = statements[0] if statements else None
        read = {s.index for s in found}  # a sentence the typed values were read in is not paired again
        found += other_values(
            claim, parts, statement, claim_terms, [c for c in candidates if c[0] not in read], in_article, _pairable
        )
    found += other_ranks(claim, claim_terms, candidates, in_article)
    found += opposite_words(claim, claim_terms, candidates, in_article)
    if article_writes is not None:
        verbs = {statement.verb for statement in statements if statement.verb}
        found += other_people(claim, claim_terms, verbs, candidates, in_article, article_writes)
        bodies = [body for statement in statements for body in statement.bodies]
        found += other_bodies(claim, bodies, claim_terms, candidates, in_article, article_writes)
    return found
