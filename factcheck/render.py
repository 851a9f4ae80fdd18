"""Check results in words: a terminal rendering and a JSON-ready dictionary (the HTTP service uses it too)."""

from __future__ import annotations

from typing import Any

from factcheck.check import CheckResult
from factcheck.claims.model import (
    INDEPENDENT,
    AffiliationClaim,
    Claim,
    GroupClaim,
    PlaceClaim,
    QuantityClaim,
    RoleClaim,
    TimeClaim,
)
from factcheck.claims.occasions import event_verb
from factcheck.source_verdicts import Evidence

_MARKS = {"agree": "+", "conflict": "x", "mixed": "!", "unverified": "?"}


def describe_claim(claim: Claim) -> str:
    """One line a journalist can read: what factcheck understood the claim to say."""
    said = f", according to {claim.attribution.text}" if claim.attribution else ""
    negation = "not " if claim.negated else ""
    if isinstance(claim, QuantityClaim):
        what = " ".join(w for w in (*claim.modifiers, claim.counted or "", claim.event or "") if w)
        window = {"daily": " in one day", "cumulative": " in all"}.get(claim.scope, "")
        return f'figure "{claim.amount.text}": {negation}{what}{window}{said}'.rstrip(": ")
    if isinstance(claim, RoleClaim):
        party = f" ({claim.party})" if claim.party else ""
        return f"role: {claim.person.display} is {negation}{claim.role}{party}{said}"
    if isinstance(claim, AffiliationClaim):
        party = "no party (independent)" if claim.party == INDEPENDENT else f"the {claim.party_name}"
        when = {"former": "formerly ", "past": "in a past post "}.get(claim.tenure, "")
        done = f" when they {claim.event}" if claim.event else ""
        region = f", for {claim.region_text}" if claim.region_text else ""
        return f"party: {claim.person.display} {negation}{when}belongs to {party}{done}{region}{said}"
    if isinstance(claim, GroupClaim):
        relation = "heads" if claim.relation == "head" else "belongs to"
        person = claim.person.display if claim.person else claim.holder_text
        group = claim.group_text.removeprefix("the ").removeprefix("The ") or claim.group
        return f"group: {person} {negation}{relation} the {group}{said}"
    if isinstance(claim, PlaceClaim | TimeClaim):
        kind = "place" if isinstance(claim, PlaceClaim) else "time"
        happens = (
            event_verb(claim.event, "does not happen", "do not happen")
            if claim.negated
            else event_verb(claim.event, "happens", "happen")
        )
        return f"{kind}: the {claim.event} {happens} {claim.text}{said}"
    return claim.text


def claim_json(claim: Claim) -> dict[str, Any]:
    return {
        "kind": claim.kind,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "description": describe_claim(claim),
    }


def evidence_json(evidence: Evidence) -> dict[str, Any]:
    return {
        "sentence": evidence.sentence,
        "start": evidence.start,
        "end": evidence.end,
        "similarity": evidence.similarity,
        "verdict": evidence.verdict,
        "reason": evidence.reason,
        "highlight": (
            None
            if evidence.highlight_start is None
            else {"start": evidence.highlight_start, "end": evidence.highlight_end}
        ),
    }


def result_json(result: CheckResult) -> dict[str, Any]:
    return {
        "claim": {"text": result.claim, "parts": [claim_json(p) for p in result.parts]},
        "verdict": result.verdict,
        "sources": [
            {
                "source_id": s.source_id,
                "verdict": s.verdict,
                "reason": s.reason,
                "evidence": [evidence_json(e) for e in s.evidence],
            }
            for s in result.sources
        ],
        "unlisted_sources": result.unlisted_sources,
    }


def format_result(result: CheckResult, *, width: int = 100) -> str:
    counts = {v: sum(s.verdict == v for s in result.sources) for v in ("agree", "conflict", "mixed", "unverified")}
    lines = [f"Claim: {result.claim}"]
    if result.parts:
        lines += ["Read as:"] + [f"  - {describe_claim(p)}" for p in result.parts]
    else:
        lines.append("Read as: free text (no figure, role, party, group, place or time found); judged by meaning")
    summary = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    lines += [f"Verdict: {result.verdict.upper()} ({summary or 'no sources'})", ""]
    for source in result.sources:
        lines.append(f"[{_MARKS[source.verdict]}] {source.source_id}: {source.verdict}")
        if source.verdict == "unverified":
            lines.append(f"    {source.reason}")
        shown = [e for e in source.evidence if e.verdict != "unverified"] or list(source.evidence[:1])
        for evidence in shown:
            lines.append(f"    {_MARKS[evidence.verdict]} {_highlighted(evidence, width)}")
            lines.append(
                f"      {evidence.reason} [chars {evidence.start}-{evidence.end}, similarity {evidence.similarity:.2f}]"
            )
    if result.unlisted_sources:
        lines.append(
            f"({result.unlisted_sources:,} other sources have nothing near the claim or deciding it: "
            "unverified, not listed)"
        )
    return "\n".join(lines)


def _highlighted(evidence: Evidence, width: int) -> str:
    """The sentence with the deciding words between >> <<, shortened around them if long."""
    text = evidence.sentence
    if evidence.highlight_start is not None and evidence.highlight_end is not None:
        a, b = evidence.highlight_start - evidence.start, evidence.highlight_end - evidence.start
        text = f"{text[:a]}>>{text[a:b]}<<{text[b:]}"
        if len(text) > width:
            left = max(0, a - width // 3)
            text = ("..." if left else "") + text[left : left + width] + ("..." if left + width < len(text) else "")
    elif len(text) > width:
        text = text[: width - 3] + "..."
    return f'"{text}"'
