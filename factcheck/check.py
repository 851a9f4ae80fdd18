"""Checking one claim against the sources: agree / conflict / mixed / unverified, with evidence and reasons.

The claim is split into typed parts (figures, roles, groups, places, times). Candidate evidence comes from two
places: stored claims filed under the same slots (so "who heads the delegation" finds every head, however the
sentence is worded) and the sentences closest in meaning. Each part is judged against each candidate by the
verifier (typed comparison, then a free-form fallback); judgements are then rolled up per source and overall.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache

import numpy as np

from factcheck.claims import gazetteer, wordnet
from factcheck.claims.compare import AGREE, CONFLICT, SAME_FACT_SIMILARITY, UNVERIFIED, Judgement, another_count
from factcheck.claims.figures import event_word
from factcheck.claims.groups import GROUP_VERBS
from factcheck.claims.model import (
    AffiliationClaim,
    Claim,
    PlaceClaim,
    QuantityClaim,
    RoleClaim,
    StatementClaim,
    TimeClaim,
    slot_keys,
    statement_of,
)
from factcheck.claims.occasions import FRAMING_VERBS
from factcheck.claims.referents import Referent, spelled_out
from factcheck.config import DEFAULT_MAX_CLAIM_CHARS
from factcheck.contrast import figures_stated
from factcheck.corpus import Corpus
from factcheck.errors import InvalidInputError, NotFoundError
from factcheck.pair_verifier import shared_verifier
from factcheck.records import Sentence, validate_text
from factcheck.segment import Segmenter
from factcheck.together import stated_together
from factcheck.trained_verdict import Reading, TrainedReader, explain, merge
from factcheck.verify import EVENT_CONFLICT_SIMILARITY, Verifier, create_verifier

MIXED = "mixed"
DETAIL_AGREE_SIMILARITY = SAME_FACT_SIMILARITY
MAX_CLAIM_CHARS = DEFAULT_MAX_CLAIM_CHARS  # the default; Config.max_claim_chars is the limit applied
DEFAULT_TOP_K = 5
# A check of a whole corpus with more sources than this lists only the sources that hold a sentence among the
# nearest or a claim in one of the claim's slots; the others (nothing there is close) are counted, not listed.
EVERY_SOURCE_LIMIT = 20
# Slot matches beyond this many (a common slot in a large corpus) are judged only for the most similar
# sentences: the others belong to other stories.
SLOT_CANDIDATES = 300
# A check of the whole corpus looks for slot matches among this many sentences nearest the claim.
SLOT_SEARCH = 2000
# Checks whose verifier reading may run beside their typed comparison at once (more wait for a thread).
READING_THREADS = 4
# At most this many sentences per source get a second look by clause (each costs one short encode).
CLAUSE_LOOKS = 8


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


@dataclass(frozen=True)
class CheckResult:
    claim: str
    parts: tuple[Claim, ...]  # the typed readings of the claim (statements excluded)
    verdict: str
    sources: tuple[SourceVerdict, ...]
    unlisted_sources: int = 0  # sources checked but not listed: nothing in them is near the claim (unverified)


@dataclass
class _Candidate:
    sentence: Sentence
    similarity: float
    claims: list[Claim]
    slot_only: bool = False  # found by its slot alone, not among the sentences nearest the claim


def check_claim(
    corpus: Corpus,
    text: str,
    *,
    source_ids: Sequence[str] | None = None,
    top_k: int = DEFAULT_TOP_K,
    verifier: Verifier | None = None,
) -> CheckResult:
    """Check ``text`` against the corpus (or the named sources); every requested source gets a verdict."""
    claim_text = " ".join(validate_text(text, "the claim").split())
    if not claim_text:
        raise InvalidInputError("the claim is empty")
    limit = corpus.config.max_claim_chars
    if len(claim_text) > limit:
        raise InvalidInputError(f"the claim has {len(claim_text):,} characters; the limit is {limit:,}")
    if not 1 <= top_k <= corpus.config.max_top_k:
        raise InvalidInputError(f"top_k must be between 1 and {corpus.config.max_top_k}, got {top_k}")
    verifier = verifier or create_verifier(corpus.config.verifier)
    model_config = corpus.config.verifier_model
    reader = TrainedReader(model_config) if model_config.enabled else None
    restricted = source_ids is not None
    sources = list(dict.fromkeys(source_ids)) if source_ids is not None else corpus.source_ids()
    if restricted:
        for source_id in sources:
            corpus.get_source(source_id)  # NotFoundError for unknown ids

    # Claims are often typed without a final full stop; the parser reads a finished sentence more reliably.
    parse_text = claim_text if claim_text[-1] in ".!?\"'\u201d" else claim_text + "."
    sentences = [s.text for s in Segmenter().split(parse_text)] or [parse_text]
    extracted = corpus.extractor.extract(sentences)
    # A place or time buried in a subordinate phrase ("accepted an offer of a meeting in Turkey") is not what
    # the claim asserts; only the claim's own figures, roles, groups, places and times are checked as parts.
    parts = [
        c
        for claims in extracted
        for c in claims
        if not isinstance(c, StatementClaim) and not getattr(c, "embedded", False)
    ]
    statements = [c for claims in extracted for c in claims if isinstance(c, StatementClaim)]
    covered = all(_covered(statement, parts) for statement in statements)
    query = corpus.embedder.encode([claim_text])[0]

    candidates = _candidates(corpus, query, parts, sources, top_k, restricted=restricted)
    listed = sources if restricted or len(sources) <= EVERY_SOURCE_LIMIT else [s for s in sources if s in candidates]
    # nothing near the claim came from a source: its closest sentence is shown all the same
    found_in = [candidates.get(source_id) or _closest_in(corpus, query, source_id) for source_id in listed]
    # The trained verifier reads the candidates (its model runs outside the interpreter lock) while the typed
    # comparison judges them here: neither needs the other's answer until the verdicts are merged.
    reading = (
        _reading_threads().submit(
            reader.read,
            claim_text,
            [[(_read_alone(c.claims, c.sentence.text), c.similarity) for c in f] for f in found_in],
        )
        if reader
        else None
    )
    all_judged = []
    for found in found_in:
        judged = [
            (c, verifier.judge(claim_text, parts, statements, c.sentence.text, c.claims, c.similarity)) for c in found
        ]
        all_judged.append(_clause_second_look(corpus, query, verifier, claim_text, parts, statements, judged))
    readings = reading.result() if reading is not None else [[] for _ in all_judged]
    results, details_only = [], []
    for source_id, judged, read in zip(listed, all_judged, readings, strict=True):
        result, detail = _source_verdict(source_id, parts, judged, top_k, covered, statements, read, claim_text, reader)
        results.append(result)
        details_only.append(detail)
    if reader is not None and parts:
        results = _restated(results, all_judged, parts, statements, claim_text, reader, top_k)
        results = stated_together(results, details_only, claim_text, reader)
    unlisted = len(sources) - len(listed)
    if not restricted and len(sources) > EVERY_SOURCE_LIMIT:
        # A source found only by a slot match far from the claim is listed when that match decides something.
        shown = [r for r in results if r.verdict != UNVERIFIED or not all(c.slot_only for c in candidates[r.source_id])]
        unlisted += len(results) - len(shown)
        results = shown
    if source_ids is None:  # a source deleted while the check ran was not asked for: leave it out
        results = [r for r in results if r.evidence or corpus._storage.get_source(r.source_id) is not None]
    overall = _overall(r.verdict for r in results)
    return CheckResult(claim_text, tuple(parts), overall, tuple(results), unlisted)


@cache
def _reading_threads() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(READING_THREADS, thread_name_prefix="check-reading")


def prepare_checks(corpus: Corpus) -> None:
    """Load everything a check reads (the index, the claim extractor, the trained verifier, the place data), so
    that the first check of a service costs what every other one does."""
    corpus.index, corpus.extractor  # noqa: B018 (loaded on first access)
    if corpus.config.verifier_model.enabled:
        shared_verifier(corpus.config.verifier_model.model_dir)
    gazetteer.load()


def _candidates(
    corpus: Corpus, query: np.ndarray, parts: list[Claim], sources: list[str], top_k: int, *, restricted: bool
) -> dict[str, list[_Candidate]]:
    """Per source: the top-k sentences by meaning plus the sentences holding a claim in one of the parts' slots
    (the SLOT_CANDIDATES most similar of them).

    Without named sources the slot matches are looked for among the SLOT_SEARCH sentences nearest the claim: a
    common slot ("when talks begin", "who was killed") holds thousands of sentences of a large corpus, nearly all
    of other stories, and a corpus smaller than that is searched whole.
    """
    storage = corpus._storage
    by_meaning: dict[int, float] = {}
    slots = sorted({slot for part in parts for slot in slot_keys(part)})
    slot_only: dict[int, float] = {}
    if restricted:
        for source_id in sources:
            for hit in corpus.search_vector(query, top_k, source_ids=[source_id]):
                by_meaning[hit[0]] = hit[1]
        slotted = [i for i in storage.sentences_in_slots(slots, sources) if i not in by_meaning]
        if slotted:
            found_ids, vectors = storage.vectors(slotted)
            slot_only = dict(zip(found_ids.tolist(), (vectors @ query).tolist(), strict=True))
    else:
        pool = top_k * max(1, min(len(sources), EVERY_SOURCE_LIMIT))
        nearest = corpus.search_vector(query, max(pool, SLOT_SEARCH) if slots else pool)
        by_meaning = dict(nearest[:pool])
        further = dict(nearest[pool:])
        slot_only = {i: further[i] for i in storage.sentences_in_slots(slots, None, among=list(further))}
    kept = sorted(slot_only, key=lambda i: (-slot_only[i], i))[:SLOT_CANDIDATES]
    by_meaning.update((i, slot_only[i]) for i in kept)
    ids = sorted(by_meaning)
    rows = storage.sentences(ids)
    claims = storage.claims_of_sentences(ids)
    wanted = set(sources)
    grouped: dict[str, list[_Candidate]] = defaultdict(list)
    for sentence_id in ids:
        sentence = rows.get(sentence_id)
        if sentence is None or sentence.source_id not in wanted:
            continue  # deleted while the check ran
        grouped[sentence.source_id].append(
            _Candidate(sentence, float(by_meaning[sentence_id]), claims.get(sentence_id, []), sentence_id in slot_only)
        )
    for found in grouped.values():
        found.sort(key=lambda c: -c.similarity)
    return grouped


def _clause_second_look(
    corpus: Corpus,
    query: np.ndarray,
    verifier: Verifier,
    claim_text: str,
    parts: list[Claim],
    statements: list[StatementClaim],
    judged: list[tuple[_Candidate, list[Judgement]]],
) -> list[tuple[_Candidate, list[Judgement]]]:
    """Judge again, by the clause that holds it, a typed conflict held back only because the whole sentence is
    not similar enough to the claim.

    A sentence that carries several facts ("The war has killed ... civilians, according to the UN, and continues
    along the roughly 1,000-kilometre front line") is only loosely similar to a claim about one of them, so the
    same-story gate would hide a real contradiction. The clause around the contradicting figure, place or time
    is embedded and compared with the claim instead; the gate itself does not move.
    """
    pending: list[tuple[int, str]] = []
    for index, (candidate, judgements) in enumerate(judged):
        if candidate.similarity >= EVENT_CONFLICT_SIMILARITY or any(j.verdict == CONFLICT for j in judgements):
            continue
        if all(isinstance(c, StatementClaim) for c in candidate.claims):
            continue
        text = candidate.sentence.text
        would_be = verifier.judge(claim_text, parts, statements, text, candidate.claims, EVENT_CONFLICT_SIMILARITY)
        decisive = next(
            (j.evidence for j in would_be if j.verdict == CONFLICT and j.claim is not None and j.evidence is not None),
            None,
        )
        if decisive is not None and not isinstance(decisive, StatementClaim):
            pending.append((index, clause_around(text, decisive.start, decisive.end)))
    if not pending:
        return judged
    pending = sorted(pending, key=lambda p: -judged[p[0]][0].similarity)[:CLAUSE_LOOKS]
    vectors = corpus.embedder.encode([clause for _, clause in pending])
    result = list(judged)
    for (index, clause), vector in zip(pending, vectors, strict=True):
        candidate = judged[index][0]
        clause_similarity = float(np.dot(vector, query))
        if clause_similarity < EVENT_CONFLICT_SIMILARITY:
            continue
        note = f" (the clause \u201c{clause}\u201d is close to the claim: similarity {clause_similarity:.2f})"
        text = candidate.sentence.text
        again = verifier.judge(claim_text, parts, statements, text, candidate.claims, clause_similarity)
        result[index] = (candidate, [replace(j, reason=j.reason + note) if j.verdict == CONFLICT else j for j in again])
    return result


_CLAUSE_BOUNDARY = re.compile(r"[;:\u2013\u2014]|,(?!\d)|\s-\s")


def clause_around(sentence: str, start: int, end: int) -> str:
    """The stretch of the sentence between the punctuation around ``start:end`` (commas inside numbers are not
    boundaries, nor is anything inside the span itself)."""
    before = [m.end() for m in _CLAUSE_BOUNDARY.finditer(sentence, 0, start)]
    after = _CLAUSE_BOUNDARY.search(sentence, end)
    return sentence[before[-1] if before else 0 : after.start() if after else len(sentence)].strip(" .")


#: Verbs that only link a subject to what the typed parts state ("X is minister", "12 remain missing").
_COPULAS = frozenset({"be", "remain"})


def _covered(statement: StatementClaim, parts: list[Claim]) -> bool:
    """Whether the typed parts carry what the sentence asserts, or only details around another assertion: its
    verb links them (a copula), says who heads or belongs to a group, only frames an event whose place or time is a
    part ("the talks begin in Istanbul on Monday"), or is the event a part records ("12 people died"). A part
    that is all else ("interior minister X will miss the talks": the post) leaves the act to the verifier."""
    if not parts:
        return False
    verb = statement.verb
    if verb in _COPULAS or verb in GROUP_VERBS:
        return True
    if verb in FRAMING_VERBS and any(isinstance(p, PlaceClaim | TimeClaim) and p.event for p in parts):
        return True
    return any(_names_act(p, verb) for p in parts)


def _names_act(part: Claim, verb: str) -> bool:
    event = getattr(part, "event", None)
    if not event:
        return False
    if event in (verb, event_word(verb)):
        return True
    keys = getattr(part, "event_keys", ())
    return bool(keys) and any(wordnet.synset_id(sense) in keys for sense in wordnet.synsets(verb, "v"))


def _shares_main_verb(statements: Sequence[StatementClaim], claims: list[Claim]) -> bool:
    """The source sentence uses the claim's main verb ("urged ... to agree to a 30-day ceasefire")."""
    evidence = statement_of(claims)
    if evidence is None:
        return False
    words = set(evidence.terms) | {evidence.verb}
    return bool(statements) and all(s.verb and s.verb in words for s in statements)


def _read_alone(claims: Sequence[Claim], text: str) -> str:
    """A sentence as the verifier reads it, alone: its pronoun subject spelled out as the person it refers to
    ("He was the fourth person charged" -> "Michael Flynn was ..."; ``claims.referents``)."""
    statement = statement_of(claims)
    if statement is None or not statement.referent:
        return text
    return spelled_out(text, Referent(statement.referent, statement.referent_start, statement.referent_end))


def _states_figures(
    claim_text: str, parts: list[Claim], statements: Sequence[StatementClaim], sentence: str, claims: list[Claim]
) -> bool:
    """Whether a sentence states every figure of the claim in words (``contrast.figures_stated``) as a fact of
    its own: not as what someone said when the claim says it in its own voice ("contrasted that with what he said
    was the Clintons' tax rate: 30 percent"; a document or a body of officials is a source of record, a person
    is a party to the story), nor with the claim's verb put under another one ("pledged to repay
    the $84,000" for "has repaid the $84,000"), nor where the typed comparison reads the same figure as a count
    of something else (``compare.another_count``)."""
    if not figures_stated(sentence, claim_text):
        return False
    evidence = statement_of(claims)
    if evidence is not None and any(
        s.verb and s.verb != evidence.verb and s.verb in evidence.terms for s in statements
    ):
        return False
    figures = [p for p in parts if isinstance(p, QuantityClaim)]
    if any(another_count(f, c) for f in figures for c in claims if isinstance(c, QuantityClaim)):
        return False  # the typed comparison read the figure as a count of something else
    own_voice = all(f.attribution is None for f in figures)
    quoted = any(
        c.attribution is not None and c.attribution.key.startswith("person:")
        for c in claims
        if isinstance(c, (QuantityClaim, StatementClaim))
    )
    return not (own_voice and quoted)


def _source_verdict(
    source_id: str,
    parts: list[Claim],
    judged: list[tuple[_Candidate, list[Judgement]]],
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
    descriptive = _descriptive(parts)
    required = {i for i, d in enumerate(descriptive) if not d} or set(range(len(parts)))
    confirmed: set[int] = set()  # candidates whose typed judgements confirm every part that needs it
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
        if best is None and len(evidence) >= top_k:
            continue
        listed[index] = len(evidence)
        evidence.append(_evidence(source_id, candidate, best))
    # Typed details that agree carry a claim whose main verb they do not cover only when the agreeing
    # sentence is also close in meaning to the whole claim.
    close_enough = any(
        (c.similarity >= DETAIL_AGREE_SIMILARITY or _shares_main_verb(statements, c.claims))
        and any(j.verdict == AGREE and j.claim is not None for j in js)
        for c, js in judged
    )
    verdict = _roll_up(len(parts), per_part, free_form, covered, close_enough, descriptive)
    if reader is not None and verdict != MIXED:
        # A claim with typed parts (a figure, a role, a place, a time) is the typed comparison's to decide: where
        # it finds nothing comparable the answer stays unverified (another count, another speaker's figure, a
        # name without the post), and the verifier only overrules it with high confidence.
        typed_only = frozenset(range(len(judged))) if parts else frozenset()
        undecided = frozenset(
            i for i, (_, js) in enumerate(judged) if any(j.verdict == UNVERIFIED and j.claim is not None for j in js)
        )
        # read by the merge only where the typed verdict is unverified and the claim has typed parts, and only of
        # sentences the verifier read that the typed comparison left undecided (a check over many sources holds
        # thousands of candidates; the verifier reads a dozen)
        stated = frozenset(
            r.index
            for r in readings
            if verdict == UNVERIFIED
            and parts
            and r.index not in undecided
            and _states_figures(
                claim_text, parts, statements, judged[r.index][0].sentence.text, judged[r.index][0].claims
            )
        )
        merged = merge(
            verdict, readings, agreeing, conflicting, reader.config, typed_only, undecided, frozenset(confirmed), stated
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
    return SourceVerdict(source_id, verdict, kept, _source_reason(verdict, kept)), details_only


def _parts_confirmed(part_count: int, per_part: dict[int, set[str]], descriptive: list[bool]) -> bool:
    """Whether every typed part the roll-up weighs agrees and none conflicts."""
    weighed = _weighed(part_count, per_part, descriptive)
    return bool(weighed) and all(AGREE in s and CONFLICT not in s for s in weighed)


def _weighed(part_count: int, per_part: dict[int, set[str]], descriptive: list[bool]) -> list[set[str]]:
    """The verdicts of the typed parts a source's verdict weighs: a role named alongside another fact ("led by
    its foreign minister, X") describes; it need not be confirmed separately, but a contradicted role still
    counts."""
    return [per_part.get(i, set()) for i in range(part_count) if per_part.get(i) or not descriptive[i]]


def _restated(
    results: list[SourceVerdict],
    all_judged: list[list[tuple[_Candidate, list[Judgement]]]],
    parts: list[Claim],
    statements: Sequence[StatementClaim],
    claim_text: str,
    reader: TrainedReader,
    top_k: int,
) -> list[SourceVerdict]:
    """The verdicts, where a source left unverified has one of its closest sentences of the same story state the
    claim with another of its figures, times or places (``factcheck.restated``) turned to CONFLICT with that sentence as
    evidence. Every such source is read in one batch."""
    asked = [n for n, result in enumerate(results) if result.verdict == UNVERIFIED]
    candidates = []
    for n in asked:
        judged = all_judged[n]
        closest = sorted(range(len(judged)), key=lambda i: -judged[i][0].similarity)
        # a conflict needs the same story, as a typed one does
        chosen = [i for i in closest if judged[i][0].similarity >= EVENT_CONFLICT_SIMILARITY]
        candidates.append(
            [
                (i, _read_alone(judged[i][0].claims, judged[i][0].sentence.text), judged[i][0].claims)
                for i in chosen[: reader.config.candidates]
            ]
        )
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


def _descriptive(parts: Sequence[Claim]) -> list[bool]:
    """Which parts of a claim describe someone rather than say what happened.

    Who someone is beside what they did describes them (a post); a person's party does unless it is all the
    claim says ("X is a Republican"): a source that never gives it leaves the rest of the claim to be decided,
    one that gives another party contradicts it."""
    return [
        (isinstance(p, AffiliationClaim) and not (p.predicate and len(parts) == 1))
        or (isinstance(p, RoleClaim) and any(not isinstance(q, RoleClaim) for q in parts))
        for p in parts
    ]


def _source_reason(verdict: str, evidence: tuple[Evidence, ...]) -> str:
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
    closest = max(evidence, key=lambda e: e.similarity)
    return f"nothing in the source decides the claim; the closest sentence has similarity {closest.similarity:.2f}"


def _closest_in(corpus: Corpus, query: np.ndarray, source_id: str) -> list[_Candidate]:
    try:
        hits = corpus.search_vector(query, 1, source_ids=[source_id])
    except NotFoundError:
        return []  # deleted while the check ran
    rows = corpus._storage.sentences([sentence_id for sentence_id, _ in hits])
    claims = corpus._storage.claims_of_sentences(list(rows))
    return [_Candidate(rows[i], float(score), claims.get(i, [])) for i, score in hits if i in rows]


def _roll_up(
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


def _overall(verdicts: object) -> str:
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


def _evidence(source_id: str, candidate: _Candidate, judgement: Judgement | None) -> Evidence:
    """A candidate with its typed judgement (or none: close in meaning but not deciding)."""
    if judgement is None:
        reason = f"close in meaning (similarity {candidate.similarity:.2f}) but it does not decide the claim"
        return _evidence_entry(source_id, candidate, UNVERIFIED, reason, None)
    decisive = judgement.evidence
    words = None if decisive is None or isinstance(decisive, StatementClaim) else (decisive.start, decisive.end)
    return _evidence_entry(source_id, candidate, judgement.verdict, judgement.reason, words)


def _evidence_entry(
    source_id: str, candidate: _Candidate, verdict: str, reason: str, words: tuple[int, int] | None
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
