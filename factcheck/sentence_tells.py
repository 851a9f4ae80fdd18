"""How a candidate sentence stands to a claim, beyond what the typed comparison decides: whether it states the
claim's figures or days as a fact of its own, tells the claim's act the other way round, counts one of its figures as
something else, or names another organisation; and which of the claim's parts only describe someone. Each answers
a question ``source_verdicts.source_verdict`` asks before it lets the trained verifier's reading decide."""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.check_candidates import Candidate
from factcheck.claims.figure_compare import another_count
from factcheck.claims.lexicon import WEAK_VERBS, same_verb
from factcheck.claims.model import Claim, QuantityClaim, StatementClaim, TimeClaim, statement_of
from factcheck.contrast import figures_stated
from factcheck.restated import same_value, told_alike
from factcheck.restated_names import may_be_one


def another_body(statements: Sequence[StatementClaim], claims: list[Claim]) -> bool:
    """Whether a sentence leaves out an organisation the claim names and names another ("served as enforcement chief
    at the Securities and Exchange Commission" against "... at the Federal Elections Commission"): its agreeing
    detail (a decade, a day) is of another fact."""
    evidence = statement_of(claims)
    ours = [body for statement in statements for body in statement.bodies]
    if evidence is None or not ours or not evidence.bodies:
        return False
    missing = [body for body in ours if not any(may_be_one(body, theirs) for theirs in evidence.bodies)]
    others = [theirs for theirs in evidence.bodies if not any(may_be_one(body, theirs) for body in ours)]
    return bool(missing) and bool(others)


def opposite_polarity(statements: Sequence[StatementClaim], claims: list[Claim]) -> bool:
    """Whether a sentence tells the claim's act with the other polarity, of the claim's people ("Braley refused to
    apologize" / "Braley apologized for the remarks")."""
    evidence = statement_of(claims)
    if evidence is None:
        return False
    theirs = {t for t in evidence.terms if t.startswith("person:")}
    return any(
        s.verb not in WEAK_VERBS
        and same_verb(s.verb, evidence.verb)
        and s.negated != evidence.negated
        and bool({t for t in s.terms if t.startswith("person:")} & theirs)
        for s in statements
    )


def shares_main_verb(statements: Sequence[StatementClaim], claims: list[Claim]) -> bool:
    """The source sentence uses the claim's main verb ("urged ... to agree to a 30-day ceasefire")."""
    evidence = statement_of(claims)
    if evidence is None:
        return False
    words = set(evidence.terms) | {evidence.verb}
    return bool(statements) and all(s.verb and s.verb in words for s in statements)


def states_figures(
    claim_text: str, parts: list[Claim], statements: Sequence[StatementClaim], sentence: str, claims: list[Claim]
) -> bool:
    """Whether a sentence states every figure of the claim in words (``contrast.figures_stated``) as a fact of
    its own: not as what someone said when the claim says it in its own voice ("contrasted that with what he said
    was the Clintons' tax rate: 30 percent"; a document or a body of officials is a source of record, a person
    is a party to the story), nor with the claim's verb put under another one ("pledged to repay
    the $84,000" for "has repaid the $84,000"). A sentence where the typed comparison reads the same figure as a
    count of something else is no candidate at all: ``source_verdict`` holds it undecided."""
    if not figures_stated(sentence, claim_text) or _verb_put_under(statements, claims):
        return False
    figures = [p for p in parts if isinstance(p, QuantityClaim)]
    own_voice = all(f.attribution is None for f in figures)
    quoted = any(
        c.attribution is not None and c.attribution.key.startswith("person:")
        for c in claims
        if isinstance(c, (QuantityClaim, StatementClaim))
    )
    return not (own_voice and quoted)


def states_days(parts: list[Claim], statements: Sequence[StatementClaim], sentence: str, claims: list[Claim]) -> bool:
    """Whether a sentence gives every time of the claim told alike and the same ("offered Democrats a deal on
    Saturday" for "presented his offer on Saturday"), and every figure in words, where the typed comparison did
    not take the two for one event: the verifier then reads the rest as for a sentence stating the claim's
    figures. Not with the claim's verb put under another one, as for figures."""
    times = [p for p in parts if isinstance(p, TimeClaim)]
    if not times or not all(any(told_alike(t, c) and same_value(t, c) for c in claims) for t in times):
        return False
    figures = [p for p in parts if isinstance(p, QuantityClaim)]
    if figures and not figures_stated(sentence, " ".join(f.text for f in figures)):
        return False
    return not _verb_put_under(statements, claims)


def states_claim(
    claim_text: str, parts: list[Claim], statements: Sequence[StatementClaim], candidate: Candidate
) -> bool:
    """Whether a candidate sentence states the claim's figures or days as a fact of its own."""
    sentence, claims = candidate.sentence.text, candidate.claims
    return states_figures(claim_text, parts, statements, sentence, claims) or states_days(
        parts, statements, sentence, claims
    )


def counts_another(figures: Sequence[QuantityClaim], claims: Sequence[Claim]) -> bool:
    """Whether the typed comparison reads one of the claim's figures in the sentence as a count of something else
    (``figure_compare.another_count``: "five civilians" for "five soldiers", another speaker's figure)."""
    evidence = statement_of(claims)
    written = frozenset(evidence.terms) if evidence is not None else frozenset()
    return any(another_count(f, c, written) for f in figures for c in claims if isinstance(c, QuantityClaim))


def _verb_put_under(statements: Sequence[StatementClaim], claims: Sequence[Claim]) -> bool:
    """Whether the sentence puts the claim's verb under another of its own ("pledged to repay" for "has repaid")."""
    evidence = statement_of(claims)
    return evidence is not None and any(
        s.verb and s.verb != evidence.verb and s.verb in evidence.terms for s in statements
    )


def told_aside(age: QuantityClaim, statements: Sequence[StatementClaim]) -> bool:
    """Whether an age is told beside its person rather than as what the claim says of them: set off by commas
    ("Ana Vasko, 22, is"), before the name ("the 22-year-old Vasko"), or leading the sentence ("At 22, Vasko won")."""
    for statement in statements:
        if not statement.start <= age.start < statement.end:
            continue
        before = statement.text[: age.start - statement.start].rstrip()
        after = statement.text[age.end - statement.start :]
        leads = re.search(r"\b(?:at|aged)$", before, re.IGNORECASE) is not None
        return before.endswith(",") or leads or after.startswith("-year-old")
    return False
