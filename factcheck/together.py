"""A source that states a claim across two sentences: one gives a detail of it, another the rest.

"The Senate voted 97-1 to override the veto": an article writes "the Senate voted on Wednesday to override his
veto" and, further down, "The final tally was 97-1". Typed comparison confirms the tally in the second sentence and
finds nothing of the override there, so the source confirms only a detail. Here the verifier reads the detail's
sentence joined with the source's closest other sentence, in the article's order, as one passage against the whole
claim (at most ``VerifierModelConfig.detailed_pairs`` passages a check); where it reads the passage as stating the
claim at P(entailment) >= ``VerifierModelConfig.agree_detailed``, the source agrees, and both sentences are its
evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from factcheck.claims.compare import AGREE, UNVERIFIED

if TYPE_CHECKING:
    from factcheck.source_verdicts import Evidence, SourceVerdict
    from factcheck.trained_verdict import TrainedReader


_REST = "states the rest of the claim, read with the sentence that gives the detail"


def stated_together(
    results: Sequence[SourceVerdict], details_only: Sequence[bool], claim: str, reader: TrainedReader
) -> list[SourceVerdict]:
    """The verdicts, where a source that confirms every typed part of the claim but not what it says happened
    (``details_only``) states the rest in another of its closest sentences (module docstring) turned to AGREE.
    A source left unverified for another reason (a figure of another scope or speaker) is not read. Every such
    source is read in one batch."""
    asked = [
        (n, pair)
        for n, (result, detail) in enumerate(zip(results, details_only, strict=True))
        if detail and result.verdict == UNVERIFIED and (pair := _rest(result)) is not None
    ]
    passages = [" ".join(e.sentence for e in sorted(pair, key=lambda e: e.start)) for _, pair in asked]
    updated = list(results)
    for (n, pair), stated in zip(asked, reader.stated_together(claim, passages), strict=True):
        if not stated:
            continue
        detail, rest = pair
        result = updated[n]
        told_detail = replace(
            detail, reason=f"{detail.reason}, and another of its sentences states the rest of the claim"
        )
        told_rest = replace(rest, verdict=AGREE, reason=_REST)
        kept = (told_detail, told_rest, *(e for e in result.evidence if e.start not in (detail.start, rest.start)))
        updated[n] = replace(result, verdict=AGREE, evidence=kept, reason=told_detail.reason)
    return updated


def _rest(result: SourceVerdict) -> tuple[Evidence, Evidence] | None:
    """The sentence that confirms a detail of the claim (its typed agreement) and the closest other sentence of the
    source, if it has both."""
    detail = next((e for e in result.evidence if e.verdict == AGREE), None)
    others = [e for e in result.evidence if detail is not None and e.start != detail.start]
    if detail is None or not others:
        return None
    return detail, max(others, key=lambda e: e.similarity)
