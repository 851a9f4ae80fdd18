"""Comparing the stances of two sentences: "Putin spurned the offer" against "Putin accepted the offer".

Two stances are compared only when they are of the same kind (accept, attend, confirm), taken by the same side
and about the same thing; then the same polarity agrees and the opposite one conflicts. The sentences must
also be alike in meaning (``STANCE_SIMILARITY``): the words say who and what, the similarity that it is the
same story.
"""

from __future__ import annotations

from factcheck.claims.compare import AGREE, CONFLICT, Judgement, said_by
from factcheck.claims.events import EVENT_WORDS
from factcheck.claims.model import ANCHOR_PREFIXES, Claim, StatementClaim
from factcheck.claims.names import speaker_keys
from factcheck.claims.stances import STANCE_WORDS, holder_key, stance_holders, stance_key, stance_span, stance_words

#: Sentences at least this alike (above the 99th percentile of sentences stating different facts; see
#: docs/evaluation.md) may decide each other's stances.
STANCE_SIMILARITY = 0.60

# What is offered or proposed, named by its kind: "a proposal to hold the talks in Velmar" and "a proposal for
# a corridor" share only the word "proposal", which says nothing of whether they are the same proposal.
_KINDS_OF_THING = frozenset("proposal offer plan suggestion bid idea request call deal initiative demand".split())


def compare_stances(claim: StatementClaim, evidence: StatementClaim, similarity: float) -> Judgement | None:
    if similarity < STANCE_SIMILARITY or not claim.stances or not evidence.stances:
        return None
    by_key = {stance_key(s): s for s in evidence.stances}
    for stance in claim.stances:
        key = stance_key(stance)
        opposite = key[:-1] + ("-" if key.endswith("+") else "+")
        same, other = by_key.get(key), by_key.get(opposite)
        if (same is None) == (other is None):
            continue  # the source takes neither stance, or both
        found = same or other
        assert found is not None
        holders = stance_holders(stance)
        if not _same_side(holders, stance_holders(found), evidence, claim.terms) or not _same_thing(
            claim, evidence, holders
        ):
            continue
        ours, theirs = stance_words(stance), stance_words(found)
        if same is not None:
            reason = f"claim says \u201c{ours}\u201d; source says \u201c{theirs}\u201d"
        else:
            reason = f"claim says \u201c{ours}\u201d; source says the opposite, \u201c{theirs}\u201d"
        span = stance_span(found)
        # the source's stance words are what decides: they are what the evidence highlights
        decisive = Claim(start=span[0], end=span[1], text=theirs) if span is not None else evidence
        reason += f" (similarity {similarity:.2f}){said_by(evidence)}"
        return Judgement(AGREE if same else CONFLICT, reason, None, decisive)
    return None


def _same_side(ours: set[str], theirs: set[str], evidence: StatementClaim, claim_terms: tuple[str, ...]) -> bool:
    """Who takes the stance in the source is who takes it in the claim, or the source's speaker for his own
    side ("Haidarenko said Dravenia was ready"); Dravenia rejecting Kastavia's proposal says nothing of whether
    Kastavia accepted one. A source that names no taker ("and will be absent") must name the claim's."""
    if not ours:
        # a taker the claim does not name ("the representatives were ready") is not whoever the source names
        # ("Putin spurned ..."), unless the claim names that one somewhere ("he was ready, Putin said")
        return all(named(holder, claim_terms) for holder in theirs)
    if theirs:
        speaker = {holder_key(evidence.attribution.key.removeprefix("person:"))} if evidence.attribution else set()
        return bool(ours & (theirs | speaker))
    return all(named(holder, evidence.terms) for holder in ours)


def _same_thing(claim: StatementClaim, evidence: StatementClaim, holders: set[str]) -> bool:
    """The same people, places and thing: every person and place the claim names (bar the stance's taker and
    the claim's speaker) is in the source, and they share a word for what is accepted or attended."""
    skip = (speaker_keys(claim.attribution.text) if claim.attribution else set()) | holders
    keys = [t.split(":", 1)[1] for t in claim.terms if t.startswith(("person:", "place:"))]
    if not all(named(key, evidence.terms) for key in keys if key not in skip):
        return False
    return bool(_things(claim) & _things(evidence))


def _things(statement: StatementClaim) -> set[str]:
    words = {t for t in statement.terms if not t.startswith(ANCHOR_PREFIXES)} - STANCE_WORDS - _KINDS_OF_THING
    return {EVENT_WORDS.get(word, word) for word in words - {statement.verb}}


def named(key: str, terms: tuple[str, ...]) -> bool:
    """Whether a name is among a sentence's terms, whatever the tagger called it (person, place or party) and
    however its key was cut ("dravenya" and "draven" are one name)."""
    for term in terms:
        if not term.startswith(ANCHOR_PREFIXES):
            continue
        other = term.split(":", 1)[1]
        if other == key or (min(len(other), len(key)) >= 5 and (other.startswith(key) or key.startswith(other))):
            return True
    return False
