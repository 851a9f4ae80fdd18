"""The verdict stage, pluggable by name: the default ``typed`` verifier compares typed claims and falls back to
meaning similarity with polarity and key-term checks. A local NLI cross-encoder can be registered as another
verifier (``register_verifier``) without touching retrieval or aggregation.

Thresholds of the free-form fallback, and how they were chosen, are in docs/evaluation.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

from factcheck.claims.compare import AGREE, CONFLICT, Judgement, compare
from factcheck.claims.model import Claim, PlaceClaim, StatementClaim, TimeClaim
from factcheck.errors import ConfigError

#: A restatement: at least this similar, same polarity, and every name and number of the claim present.
FREE_FORM_AGREE_SIMILARITY = 0.80
#: ... and at least this share of the claim's other content words (lemmas) in the source sentence.
FREE_FORM_COVERAGE = 0.6
#: A denial: at least this similar, opposite polarity, same main verb, same people.
FREE_FORM_NEGATION_SIMILARITY = 0.60
#: Places and times are compared only between sentences about the same event, at least this similar.
EVENT_SIMILARITY = 0.30
#: ... and a conflicting place or time needs sentences at least this similar, with the same names in them.
EVENT_CONFLICT_SIMILARITY = 0.45
_OTHER_OCCASION = frozenset({"next", "previous", "earlier", "later", "second", "third", "round", "last"})
_WEEKDAY_NAMES = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_ANCHOR_PREFIXES = ("num:", "name:", "person:", "place:", "party:")


class Verifier(Protocol):
    def judge(
        self,
        claim_text: str,
        parts: Sequence[Claim],
        statements: Sequence[StatementClaim],
        sentence: str,
        sentence_claims: Sequence[Claim],
        similarity: float,
    ) -> list[Judgement]:
        """Judgements of the claim against one source sentence (empty when nothing is comparable)."""
        ...


class TypedVerifier:
    def judge(
        self,
        claim_text: str,
        parts: Sequence[Claim],
        statements: Sequence[StatementClaim],
        sentence: str,
        sentence_claims: Sequence[Claim],
        similarity: float,
    ) -> list[Judgement]:
        evidence_statement = next((c for c in sentence_claims if isinstance(c, StatementClaim)), None)
        judgements = [
            judgement
            for part in parts
            for evidence in sentence_claims
            if (judgement := compare(part, evidence, similarity=similarity, event_similarity=EVENT_SIMILARITY))
            and same_event(judgement, statements, evidence_statement, similarity)
        ]
        if evidence_statement is not None:
            for statement in statements:
                free = free_form(statement, evidence_statement, similarity)
                if free is not None:
                    judgements.append(free)
        order = {CONFLICT: 0, AGREE: 1}
        return sorted(judgements, key=lambda j: order.get(j.verdict, 2))


def same_event(
    judgement: Judgement, statements: Sequence[StatementClaim], evidence: StatementClaim | None, similarity: float
) -> bool:
    """A conflict needs the same story: sentences at least EVENT_CONFLICT_SIMILARITY alike (a corpus holds many
    events, and "40 people killed" in one is no contradiction of "12 killed" in another). A place or time
    conflict also needs the same people and parties named."""
    if judgement.verdict != CONFLICT:
        return True
    if similarity < EVENT_CONFLICT_SIMILARITY:
        return False
    if not isinstance(judgement.claim, PlaceClaim | TimeClaim):
        return True
    if evidence is None:
        return False
    claim_terms = {t for s in statements for t in s.terms}
    evidence_terms = set(evidence.terms)
    people = {t for t in claim_terms if t.startswith("person:")}
    names = {t for t in claim_terms if t.startswith("name:") and t[5:] not in _WEEKDAY_NAMES}
    evidence_names = {t for t in evidence_terms if t.startswith("name:") and t[5:] not in _WEEKDAY_NAMES}
    if not people <= evidence_terms:
        return False  # someone else's meeting
    marks = {t for t in claim_terms if t in _OTHER_OCCASION or _is_year(t)}
    if not marks <= evidence_terms or {t for t in evidence_terms if _is_year(t)} - marks:
        return False  # "the next round", "the 2022 talks": another occasion, on either side
    # Named organisations must meet when both sentences name any (countries are often only the place).
    return not (names and evidence_names and not names & evidence_names)


def _is_year(term: str) -> bool:
    return term.startswith("num:") and len(term) == 8 and term[4:6] in {"19", "20"}


def free_form(claim: StatementClaim, evidence: StatementClaim, similarity: float) -> Judgement | None:
    """Meaning similarity plus polarity and key terms; stays silent (None) rather than guess."""
    claim_anchors = {t for t in claim.terms if t.startswith(_ANCHOR_PREFIXES)}
    evidence_terms = set(evidence.terms)
    people = {t for t in claim_anchors if t.startswith("person:")}
    if claim.negated != evidence.negated:
        same_event = claim.verb and (claim.verb == evidence.verb or claim.verb in evidence_terms)
        if similarity >= FREE_FORM_NEGATION_SIMILARITY and same_event and people <= evidence_terms:
            said = "does not" if evidence.negated else "does"
            return Judgement(
                CONFLICT,
                f"source says the opposite: it {said} {claim.verb} (similarity {similarity:.2f})",
                None,
                evidence,
            )
        return None
    content = {t for t in claim.terms if ":" not in t}
    covered = len(content & evidence_terms) / len(content) if content else 1.0
    quotes = _quotes(claim.text)
    if quotes and similarity >= FREE_FORM_NEGATION_SIMILARITY and people <= evidence_terms:
        evidence_text = _plain(evidence.text)
        if all(_plain(q) in evidence_text for q in quotes):
            return Judgement(
                AGREE,
                f"source has the same words: \u201c{quotes[0]}\u201d (similarity {similarity:.2f})",
                None,
                evidence,
            )
    if _negators(claim.text) and not _negators(evidence.text):
        return None  # "a member, but not the head": a negation in the claim that the source never makes
    # Places may be written as "the city" in the source; names, people and figures may not go missing.
    places = {t for t in claim_anchors if t.startswith("place:")}
    other_places = {t for t in evidence_terms if t.startswith("place:")} - places
    required = claim_anchors - places if not other_places else claim_anchors
    if similarity >= FREE_FORM_AGREE_SIMILARITY and required <= evidence_terms and covered >= FREE_FORM_COVERAGE:
        return Judgement(
            AGREE, f"source restates the claim (similarity {similarity:.2f}, same names and figures)", None, evidence
        )
    return None


_QUOTED = re.compile(r"[\"\u201c\u2018']([^\"\u201d\u2019']{3,200})[\"\u201d\u2019']")


def _quotes(text: str) -> list[str]:
    """Quoted phrases of two words or more: the surest key terms a claim can carry."""
    return [q.strip() for q in _QUOTED.findall(text) if len(q.split()) >= 2]


_NEGATOR = re.compile(r"\b(?:not|no|never|none|neither|nor|without)\b|n't\b", re.IGNORECASE)


def _negators(text: str) -> bool:
    return _NEGATOR.search(text) is not None


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


_VERIFIERS: dict[str, Callable[[], Verifier]] = {"typed": TypedVerifier}


def register_verifier(name: str, factory: Callable[[], Verifier]) -> None:
    _VERIFIERS[name] = factory


def create_verifier(name: str) -> Verifier:
    try:
        return _VERIFIERS[name]()
    except KeyError:
        raise ConfigError(f"unknown verifier {name!r}; choose one of {', '.join(sorted(_VERIFIERS))}") from None
