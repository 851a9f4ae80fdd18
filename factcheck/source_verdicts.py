"""One source's verdict on a claim: its typed judgements rolled up into agree / conflict / mixed / unverified,
the trained verifier's reading merged in (``factcheck.trained_verdict``), and the evidence and reason shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence, Set
from dataclasses import dataclass, replace

from factcheck.check_candidates import Candidate
from factcheck.claims.ages import AGE
from factcheck.claims.compare import AGREE, CONFLICT, SAME_FACT_SIMILARITY, UNVERIFIED, Judgement
from factcheck.claims.model import (
    AffiliationClaim,
    Claim,
    QuantityClaim,
    RoleClaim,
    StatementClaim,
    statement_of,
)
from factcheck.claims.quoted import read_with_speaker
from factcheck.claims.referents import Referent, spelled_out
from factcheck.closest_decides import closest_decides
from factcheck.restated import substitutions
from factcheck.restated_spans import names_another
from factcheck.sentence_tells import (
    another_body,
    counts_another,
    opposite_polarity,
    shares_main_verb,
    states_claim,
    told_aside,
)
from factcheck.trained_verdict import Reading, TrainedReader, explain, merge
from factcheck.verify import EVENT_CONFLICT_SIMILARITY

MIXED = "mixed"
DETAIL_AGREE_SIMILARITY = SAME_FACT_SIMILARITY


@dataclass(frozen=True)
class Evidence:
    source_id: str
    sentence: str
    start: int  # offsets of the sentence in the source text
    end: int
    similarity: float
    verdict: str
    reason: str
    highlight_start: int | None = None  # offsets (in the source text) of the words that decide it
    highlight_end: int | None = None


@dataclass(frozen=True)
class SourceVerdict:
    source_id: str
    verdict: str
    evidence: tuple[Evidence, ...]
    reason: str = ""  # one sentence for the source as a whole


def read_alone(claims: Sequence[Claim], text: str) -> str:
    """A sentence as the verifier reads it, alone: its pronoun subject spelled out as the person it refers to
    ("He was the fourth person charged" -> "Michael Flynn was ..."; ``claims.referents``), and a quotation running
    on from the sentence before read with its speaker ('Jim Manley said: "Senator Reid ..."'; ``claims.quoted``)."""
    statement = statement_of(claims)
    if statement is not None and statement.quoted_by:
        return read_with_speaker(text, statement.quoted_by)  # a quotation running on from the sentence before
    if statement is None or not statement.referent:
        return text
    return spelled_out(text, Referent(statement.referent, statement.referent_start, statement.referent_end))


def source_verdict(
    source_id: str,
    parts: list[Claim],
    judged: list[tuple[Candidate, list[Judgement]]],
    top_k: int,
    covered: bool,
    statements: Sequence[StatementClaim] = (),
    readings: Sequence[Reading] = (),
    claim_text: str = "",
    reader: TrainedReader | None = None,
) -> tuple[SourceVerdict, bool]:
    """The source's verdict, and whether it confirms the claim's typed parts but not what the claim says happened
    (every part confirmed, the main assertion not: ``factcheck.together`` may find the rest in another sentence)."""
    evidence: list[Evidence] = []
    listed: dict[int, int] = {}  # candidate index -> its place in ``evidence``
    per_part: dict[int, set[str]] = defaultdict(set)
    free_form: set[str] = set()
    agreeing: list[int] = []
    conflicting: list[int] = []
    descriptive = _descriptive(parts, statements)
    required = {i for i, d in enumerate(descriptive) if not d} or set(range(len(parts)))
    confirmed: set[int] = set()  # candidates whose typed judgements confirm every part that needs it
    undecided_reasons: set[str] = set()  # why the typed comparison found a part neither confirmed nor ruled out
    judged = closest_decides(parts, judged)
    for index, (candidate, judgements) in enumerate(judged):
        decisive = [j for j in judgements if j.verdict in (AGREE, CONFLICT)]
        if any(j.verdict == AGREE for j in decisive):
            agreeing.append(index)
        if any(j.verdict == CONFLICT for j in decisive):
            conflicting.append(index)
        elif parts and required <= {parts.index(j.claim) for j in decisive if j.claim is not None}:
            confirmed.add(index)
        for judgement in judgements:
            if judgement.claim is None:
                free_form.add(judgement.verdict)
            else:
                per_part[parts.index(judgement.claim)].add(judgement.verdict)
        best = decisive[0] if decisive else (judgements[0] if judgements else None)
        undecided_part = next((j for j in judgements if j.verdict == UNVERIFIED and j.claim is not None), None)
        if undecided_part is not None and all(j.verdict == AGREE and j.claim is None for j in decisive):
            # the sentence reads like the claim, but the typed comparison read the claim's fact there and found it
            # neither confirmed nor ruled out ("then the deputy director" for "is the director"): that decides
            best = undecided_part
        if best is None and len(evidence) >= top_k:
            continue
        listed[index] = len(evidence)
        evidence.append(_evidence(source_id, candidate, best))
        if best is not None and best.claim is not None and best.verdict == UNVERIFIED:
            undecided_reasons.add(best.reason)
    # A sentence naming another person, place or organisation where the claim names its own states another fact,
    # however close the rest: neither its agreeing typed detail nor the verifier's reading of it as stating the claim
    # carries the claim (the verifier overlooks a changed name; its reading of a contradiction stands)
    renamed = frozenset(i for i, (c, _) in enumerate(judged) if _names_another(claim_text, statements, c))
    # Typed details that agree carry a claim whose main verb they do not cover only when the agreeing
    # sentence is also close in meaning to the whole claim.
    close_enough = any(
        (c.similarity >= DETAIL_AGREE_SIMILARITY or shares_main_verb(statements, c.claims))
        and any(j.verdict == AGREE and j.claim is not None for j in js)
        and not another_body(statements, c.claims)
        and i not in renamed
        for i, (c, js) in enumerate(judged)
    )
    verdict = roll_up(len(parts), per_part, free_form, covered, close_enough, descriptive)
    readings = [replace(r, entailment=0.0) if r.index in renamed else r for r in readings]
    if reader is not None and verdict != MIXED:
        # A claim with typed parts (a figure, a role, a place, a time) is the typed comparison's to decide: where
        # it finds nothing comparable the answer stays unverified (another count, another speaker's figure, a
        # name without the post), and the verifier only overrules it with high confidence.
        typed_only = frozenset(range(len(judged))) if parts else frozenset()
        # A sentence giving the claim's figure as a count of something else ("five civilians" for "five
        # soldiers", another speaker's figure) has the very fact read and found another: undecided as well.
        figures = [p for p in parts if isinstance(p, QuantityClaim)]
        undecided = frozenset(
            i
            for i, (candidate, js) in enumerate(judged)
            if any(j.verdict == UNVERIFIED and j.claim is not None for j in js)
            or counts_another(figures, candidate.claims)
        )
        # A sentence that gives one of the claim's figures, times or places otherwise ("on Tuesday evening" for "on
        # Monday", of a happening the typed comparison does not match) tells another fact, however close the rest:
        # not the verifier's to agree on (it overlooks the detail); ``restated`` reads it as a conflict.
        if verdict == UNVERIFIED and parts:
            undecided |= {
                r.index
                for r in readings
                # a value found only by the words around it is read as a conflict only where the verifier also
                # reads the claim as contradicted: its mere presence leaves the verifier's agreement alone
                if substitutions(claim_text, parts, statements, [(r.index, judged[r.index][0].claims)], by_words=False)
            }
        # read by the merge only where the typed verdict is unverified and the claim has typed parts, and only of
        # sentences the verifier read that the typed comparison left undecided (a check over many sources holds
        # thousands of candidates; the verifier reads a dozen)
        stated = frozenset(
            r.index
            for r in readings
            if verdict == UNVERIFIED
            and parts
            and r.index not in undecided
            and states_claim(claim_text, parts, statements, judged[r.index][0])
        )
        # a conflict the verifier is known to misread (roles swapped) is not its to withdraw
        firm = any(j.firm and j.verdict == CONFLICT for _, js in judged for j in js)
        vetoable = [] if firm else conflicting
        opposed = frozenset(
            r.index
            for r in readings
            if r.index not in undecided and opposite_polarity(statements, judged[r.index][0].claims)
        )
        merged = merge(
            verdict,
            readings,
            agreeing,
            vetoable,
            reader.config,
            typed_only,
            undecided,
            frozenset(confirmed),
            stated,
            opposed,
        )
        if merged is not None:
            decision, changed = merged
            verdict = decision.verdict
            by_index = {r.index: r for r in readings}
            for index in changed:
                candidate = judged[index][0]
                reading = by_index.get(index, decision.reading)
                told = explain(replace(decision, reading=reading), claim_text, candidate.sentence.text)
                entry = _evidence_entry(source_id, candidate, told.verdict, told.reason, told.highlight)
                if index in listed:
                    evidence[listed[index]] = entry
                else:
                    listed[index] = len(evidence)
                    evidence.append(entry)
    order = {CONFLICT: 0, AGREE: 0, UNVERIFIED: 1}
    evidence.sort(key=lambda e: (order[e.verdict], -e.similarity))
    decisive_count = sum(e.verdict != UNVERIFIED for e in evidence)
    kept = tuple(evidence[: max(top_k, decisive_count)])
    details_only = verdict == UNVERIFIED and _parts_confirmed(len(parts), per_part, descriptive)
    reason = _source_reason(verdict, kept, undecided_reasons)
    return SourceVerdict(source_id, verdict, kept, reason), details_only


def _names_another(claim_text: str, statements: Sequence[StatementClaim], candidate: Candidate) -> bool:
    """Whether a candidate sentence names another person, place or organisation where the claim names its own
    (``restated_spans.names_another``)."""
    evidence = statement_of(candidate.claims)
    return evidence is not None and names_another(claim_text, statements[0] if statements else None, evidence)


def _parts_confirmed(part_count: int, per_part: dict[int, set[str]], descriptive: list[bool]) -> bool:
    """Whether every typed part the roll-up weighs agrees and none conflicts."""
    weighed = _weighed(part_count, per_part, descriptive)
    return bool(weighed) and all(AGREE in s and CONFLICT not in s for s in weighed)


def _weighed(part_count: int, per_part: dict[int, set[str]], descriptive: list[bool]) -> list[set[str]]:
    """The verdicts of the typed parts a source's verdict weighs: a role named alongside another fact ("led by
    its foreign minister, X") describes; it need not be confirmed separately, but a contradicted role still
    counts."""
    return [per_part.get(i, set()) for i in range(part_count) if per_part.get(i) or not descriptive[i]]


def restated(
    results: list[SourceVerdict],
    all_judged: list[list[tuple[Candidate, list[Judgement]]]],
    parts: list[Claim],
    statements: Sequence[StatementClaim],
    claim_text: str,
    reader: TrainedReader,
    top_k: int,
) -> list[SourceVerdict]:
    """The verdicts, where a source left unverified has one of its closest sentences of the same story state the
    claim with another of its figures, times, places or people (``factcheck.restated``) turned to CONFLICT with that
    sentence as evidence. Every such source is read in one batch, at most ``max_pairs`` sentences in all."""
    asked = [n for n, result in enumerate(results) if result.verdict == UNVERIFIED]
    chosen: dict[int, list[int]] = {}
    for n in asked:
        judged = all_judged[n]
        closest = sorted(range(len(judged)), key=lambda i: -judged[i][0].similarity)
        # a conflict needs the same story, as a typed one does
        chosen[n] = [i for i in closest if judged[i][0].similarity >= EVENT_CONFLICT_SIMILARITY][
            : reader.config.candidates
        ]
    # at most ``max_pairs`` sentences in one check, the closest first, as the verifier's first reading does: a check
    # over many sources reads the sources whose sentences come closest
    ranked = sorted(
        ((all_judged[n][i][0].similarity, n, i) for n in asked for i in chosen[n]), key=lambda r: (-r[0], r[1], r[2])
    )
    within = {(n, i) for _, n, i in ranked[: reader.config.max_pairs]}
    candidates = [
        [
            (i, read_alone(all_judged[n][i][0].claims, all_judged[n][i][0].sentence.text), all_judged[n][i][0].claims)
            for i in chosen[n]
            if (n, i) in within
        ]
        for n in asked
    ]
    updated = list(results)
    for n, found in zip(asked, reader.restatements(claim_text, parts, statements, candidates), strict=True):
        if found is None:
            continue
        source_id, value = results[n].source_id, found.substitution.value
        candidate = all_judged[n][found.substitution.index][0]
        entry = _evidence_entry(source_id, candidate, CONFLICT, found.reason, (value.start, value.end))
        others = [e for e in results[n].evidence if e.start != entry.start]
        kept = (entry, *others)[: max(top_k, 1)]
        updated[n] = SourceVerdict(source_id, CONFLICT, kept, _source_reason(CONFLICT, kept))
    return updated


def _descriptive(parts: Sequence[Claim], statements: Sequence[StatementClaim] = ()) -> list[bool]:
    """Which parts of a claim describe someone rather than say what happened.

    Who someone is beside what they did describes them: a post beside another part, or a title before the name of
    someone the claim says did something or is something ("FBI Director Christopher Wray personally ordered the
    firing", "Texas Gov. Rick Perry is a Baptist": a source naming him director or governor confirms who he is, not
    the order or his church); a person's party does unless it is all the claim says ("X is a Republican"): a source
    that never gives it leaves the rest of the claim to be decided, one that gives another party contradicts it. So
    does an age told aside ("CPAC attendee Ana Vasko, 22, is a student at ..."): a source giving her age confirms who
    she is, not where she studies."""
    says_more = any(statement.verb for statement in statements)  # a verb: what someone did, or "be" what they are
    return [
        (isinstance(p, AffiliationClaim) and not (p.predicate and len(parts) == 1))
        or (isinstance(p, RoleClaim) and (any(not isinstance(q, RoleClaim) for q in parts) or (p.titled and says_more)))
        or (isinstance(p, QuantityClaim) and p.counted == AGE and says_more and told_aside(p, statements))
        for p in parts
    ]


def _source_reason(verdict: str, evidence: tuple[Evidence, ...], undecided: Set[str] = frozenset()) -> str:
    """Why a source got its verdict, in words: the deciding sentence's reason; for one that decides nothing, what a
    typed comparison read and could not decide ("undecided": reasons of typed parts neither confirmed nor ruled
    out), or how close its closest sentence came."""
    agreeing = [e for e in evidence if e.verdict == AGREE]
    conflicting = [e for e in evidence if e.verdict == CONFLICT]
    if verdict == MIXED:
        # one sentence may both confirm and contradict (two figures for one thing): its contradiction is shown
        confirms = agreeing[0].reason if agreeing else "it confirms part of the claim"
        contradicts = conflicting[0].reason if conflicting else "it contradicts another part"
        return f"the source says both: {confirms}; but {contradicts}"
    if verdict in (AGREE, CONFLICT):
        primary, other = (agreeing, conflicting) if verdict == AGREE else (conflicting, agreeing)
        if primary or other:
            return (primary or other)[0].reason
    if not evidence:
        return "the source has no sentences"
    if agreeing:
        # A detail matches ("in Livingston") but no sentence says what the claim says happened there.
        return f"the source confirms only a detail ({agreeing[0].reason}); no sentence states the rest of the claim"
    read = next((e.reason for e in evidence if e.verdict == UNVERIFIED and e.reason in undecided), None)
    if read is not None:
        return f"the source does not decide the claim: {read}"
    closest = max(evidence, key=lambda e: e.similarity)
    return f"nothing in the source decides the claim; the closest sentence has similarity {closest.similarity:.2f}"


def roll_up(
    part_count: int,
    per_part: dict[int, set[str]],
    free_form: set[str],
    covered: bool,
    close_enough: bool = False,
    descriptive_parts: list[bool] | None = None,
) -> str:
    """A claim holds in a source when every typed part agrees; one part contradicted makes it a conflict.

    When the typed parts are only details around another assertion ("Putin will attend the talks in
    Istanbul"), their agreement is not enough: the free-form reading of the whole sentence must not object.
    """
    all_statuses = [per_part.get(i, set()) for i in range(part_count)]
    flags = descriptive_parts or [False] * part_count
    main_statuses = [st for st, descriptive in zip(all_statuses, flags, strict=True) if not descriptive]
    statuses = _weighed(part_count, per_part, flags)
    if any({AGREE, CONFLICT} <= s for s in statuses):
        return MIXED
    typed_conflict = any(CONFLICT in s for s in statuses)
    typed_agree = bool(statuses) and all(AGREE in s for s in statuses)
    if typed_agree and not main_statuses:
        # only descriptions agree ("former Democratic Sen. Joe Lieberman" for "Lieberman was the Democratic
        # nominee"): what the claim says of the person is for the whole sentence to confirm
        typed_agree = AGREE in free_form
    if typed_conflict:
        return MIXED if AGREE in free_form and not covered and not part_count else CONFLICT
    if typed_agree:
        if CONFLICT in free_form:  # the figures match but the sentence says the opposite ("fell to 3.2 percent")
            return CONFLICT
        if covered:
            return AGREE
        return AGREE if AGREE in free_form or close_enough else UNVERIFIED
    if CONFLICT in free_form and not any(AGREE in s for s in main_statuses):
        return MIXED if AGREE in free_form else CONFLICT
    if AGREE in free_form and not statuses:  # no typed part, or only descriptions no source sentence decides
        return AGREE
    return UNVERIFIED


def overall(verdicts: object) -> str:
    found = set(verdicts)  # type: ignore[call-overload]
    agree = bool(found & {AGREE, MIXED})
    conflict = bool(found & {CONFLICT, MIXED})
    if agree and conflict:
        return MIXED
    if conflict:
        return CONFLICT
    if agree:
        return AGREE
    return UNVERIFIED


def _evidence(source_id: str, candidate: Candidate, judgement: Judgement | None) -> Evidence:
    """A candidate with its typed judgement (or none: close in meaning but not deciding)."""
    if judgement is None:
        reason = f"close in meaning (similarity {candidate.similarity:.2f}) but it does not decide the claim"
        return _evidence_entry(source_id, candidate, UNVERIFIED, reason, None)
    decisive = judgement.evidence
    words = None if decisive is None or isinstance(decisive, StatementClaim) else (decisive.start, decisive.end)
    return _evidence_entry(source_id, candidate, judgement.verdict, judgement.reason, words)


def _evidence_entry(
    source_id: str, candidate: Candidate, verdict: str, reason: str, words: tuple[int, int] | None
) -> Evidence:
    """``words``: offsets in the sentence of the deciding words (typed claim or the verifier's changed words)."""
    sentence = candidate.sentence
    start, end = (sentence.start + words[0], sentence.start + words[1]) if words else (None, None)
    return Evidence(
        source_id,
        sentence.text,
        sentence.start,
        sentence.end,
        round(candidate.similarity, 4),
        verdict,
        reason,
        start,
        end,
    )
