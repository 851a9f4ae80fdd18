"""A source that states a claim across two sentences: one gives a detail of it, another the rest.

"The Senate voted 97-1 to override the veto": an article writes "the Senate voted on Wednesday to override his
veto" and, further down, "The final tally was 97-1". Typed comparison confirms the tally in the second sentence and
finds nothing of the override there, so the source confirms only a detail. Here the verifier reads the detail's
sentence joined with the source's closest other sentence, in the article's order, as one passage against the whole
claim (at most ``VerifierModelConfig.detailed_pairs`` passages a check); where it reads the passage as stating the
claim at P(entailment) >= ``VerifierModelConfig.agree_detailed``, the source agrees, and both sentences are its
evidence. A sentence that names people, none of them the claim's, tells what someone else did ("House Minority Leader
X tweeted about her opposition" and "Rep. Y showed her support ... when she tweeted"): the verifier reads the passage
as one telling and would lend Y's act to X, so it is not read as the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from factcheck.claims.compare import AGREE, UNVERIFIED
from factcheck.claims.model import statement_of
from factcheck.claims.names import fold_key
from factcheck.name_forms import people_named
from factcheck.verify import speaker_terms

if TYPE_CHECKING:
    from factcheck.check_candidates import Candidate
    from factcheck.claims.compare import Judgement
    from factcheck.claims.model import StatementClaim
    from factcheck.source_verdicts import Evidence, SourceVerdict
    from factcheck.trained_verdict import TrainedReader


_REST = "states the rest of the claim, read with the sentence that gives the detail"


def stated_together(
    results: Sequence[SourceVerdict],
    details_only: Sequence[bool],
    claim: str,
    reader: TrainedReader,
    all_judged: Sequence[Sequence[tuple[Candidate, list[Judgement]]]],
    statements: Sequence[StatementClaim],
) -> list[SourceVerdict]:
    """The verdicts, where a source that confirms every typed part of the claim but not what it says happened
    (``details_only``) states the rest in another of its closest sentences (module docstring) turned to AGREE.
    A source left unverified for another reason (a figure of another scope or speaker) is not read. Every such
    source is read in one batch. Each source's candidates (``all_judged``, in the order of ``results``) and the
    claim's statements tell a sentence naming only people the claim does not, which is not read as the rest."""
    ours = {t for statement in statements for t in statement.terms if t.startswith("person:")}
    asked = [
        (n, pair)
        for n, (result, detail) in enumerate(zip(results, details_only, strict=True))
        if detail
        and result.verdict == UNVERIFIED
        and (pair := _rest(result)) is not None
        and not _of_others(ours, pair[1], all_judged[n])
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


def _of_others(ours: set[str], rest: Evidence, judged: Sequence[tuple[Candidate, list[Judgement]]]) -> bool:
    """Whether the rest's sentence names people and none of the claim's: a name the entity recogniser reads as a
    person's and written as one (with a given name or a title: "Rep. Michele Bachmann", not "NBC" or "Lake Oren"
    alone), other than whoever the sentence credits it to ("..., President Obama said")."""
    candidate = next((c for c, _ in judged if c.sentence.start == rest.start), None)
    evidence = statement_of(candidate.claims) if candidate is not None else None
    if evidence is None:
        return False
    written = {"person:" + fold_key(surname) for surname in people_named(rest.sentence)}
    theirs = ({t for t in evidence.terms if t.startswith("person:")} & written) - speaker_terms(evidence)
    return bool(theirs) and not theirs & ours
