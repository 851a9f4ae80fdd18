"""What a typed comparison answers: a verdict, the reason in words, and the two claims it compared."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.claims.model import Claim

AGREE, CONFLICT, UNVERIFIED = "agree", "conflict", "unverified"


@dataclass(frozen=True)
class Judgement:
    verdict: str
    reason: str
    claim: Claim | None  # the part of the checked claim that was compared (None for free-form)
    evidence: Claim | None  # the source's claim that decided it
    # a reading the trained verifier is known not to make (who did it and to whom, swapped): its confidence that the
    # sentence states the claim does not withdraw it
    firm: bool = False


def said_by(claim: Claim) -> str:
    """', according to X' for a claim someone is said to have made; '' otherwise."""
    return f", according to {claim.attribution.text}" if claim.attribution else ""
