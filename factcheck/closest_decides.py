"""One typed part of a claim told both ways by one source: the sentence closest to the claim decides it.

A source often gives several values of one kind: the primary's date and the general election's, a candidate's
past service and a debate about it. The typed comparison reads each sentence on its own, so one source could
both confirm and contradict the same part ("The primary would be held on April 30" and "The June 25 special
election would be ..." against "the primary will take place on April 30"), and the verdict came out "mixed".
When the two verdicts come from different sentences, and one sentence is clearly closer in meaning to the claim
(by at least ``CLOSER_BY`` cosine similarity), that sentence tells the claim's fact and the other most likely
another fact of the same kind; its verdict on that part is set aside. A sentence that tells both values itself,
or two sentences about as close, leave the part mixed: the source may really say both.

Measured on the BASIL dev and seen splits only: of the seven "mixed" verdicts there (none expected), three became
the expected verdict (two agreements, one unverified), one became another wrong one and none a new error; seen
0.625 -> 0.633, dev unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from factcheck.check_candidates import Candidate
from factcheck.claims.compare import AGREE, CONFLICT, UNVERIFIED, Judgement
from factcheck.claims.model import Claim

#: How much closer in meaning (cosine similarity to the claim) one sentence must be to decide a part alone.
CLOSER_BY = 0.10


@dataclass(frozen=True)
class Vote:
    """One sentence's typed verdict on one part of the claim."""

    part: int  # the part's index among the claim's parts
    candidate: int  # the sentence's index among the source's candidates
    verdict: str  # AGREE or CONFLICT
    similarity: float  # the sentence's similarity to the claim


def outvoted(votes: Sequence[Vote]) -> list[Vote]:
    """The votes set aside: on each part that one source both confirms and contradicts in different sentences,
    those of the verdict whose closest sentence is at least ``CLOSER_BY`` further from the claim."""
    by_part: dict[int, list[Vote]] = defaultdict(list)
    for vote in votes:
        if vote.verdict in (AGREE, CONFLICT):
            by_part[vote.part].append(vote)
    lost: list[Vote] = []
    for part_votes in by_part.values():
        agreeing = [v for v in part_votes if v.verdict == AGREE]
        conflicting = [v for v in part_votes if v.verdict == CONFLICT]
        if not agreeing or not conflicting:
            continue
        if {v.candidate for v in agreeing} & {v.candidate for v in conflicting}:
            continue  # one sentence tells both values
        agree_at = max(v.similarity for v in agreeing)
        conflict_at = max(v.similarity for v in conflicting)
        if abs(agree_at - conflict_at) < CLOSER_BY:
            continue
        lost += conflicting if agree_at > conflict_at else agreeing
    return lost


def closest_decides(
    parts: list[Claim], judged: list[tuple[Candidate, list[Judgement]]]
) -> list[tuple[Candidate, list[Judgement]]]:
    """The judgements, with those on a part that a sentence closer to the claim tells otherwise set aside as
    another fact of the same kind (``factcheck.closest_decides``): unverified, and the reason says why."""
    votes = [
        Vote(parts.index(j.claim), index, j.verdict, candidate.similarity)
        for index, (candidate, judgements) in enumerate(judged)
        for j in judgements
        if j.claim is not None and j.verdict in (AGREE, CONFLICT)
    ]
    lost = {(v.part, v.candidate) for v in outvoted(votes)}
    if not lost:
        return judged
    aside = "; set aside: a sentence closer to the claim tells this part otherwise"
    return [
        (
            candidate,
            [
                replace(j, verdict=UNVERIFIED, reason=j.reason + aside)
                if j.claim is not None and (parts.index(j.claim), index) in lost
                else j
                for j in judgements
            ],
        )
        for index, (candidate, judgements) in enumerate(judged)
    ]
