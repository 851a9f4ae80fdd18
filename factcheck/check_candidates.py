"""Where a check looks for evidence: the sentences of each source nearest the claim in meaning, the sentences
holding a claim in one of its typed parts' slots, a second look by clause at a sentence too long to be near, and
one at a sentence that leaves the claim's people to its article.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from factcheck.claims.compare import AGREE, CONFLICT, Judgement
from factcheck.claims.model import (
    Claim,
    PlaceClaim,
    StatementClaim,
    TimeClaim,
    slot_keys,
    statement_of,
)
from factcheck.corpus import Corpus
from factcheck.errors import NotFoundError
from factcheck.records import Sentence
from factcheck.verify import EVENT_CONFLICT_SIMILARITY, Verifier

if TYPE_CHECKING:
    from factcheck.article_context import ArticleContext

# A check of a whole corpus with more sources than this lists only the sources that hold a sentence among the
# nearest or a claim in one of the claim's slots; the others (nothing there is close) are counted, not listed.
EVERY_SOURCE_LIMIT = 20
# Slot matches beyond this many (a common slot in a large corpus) are judged only for the most similar
# sentences: the others belong to other stories.
SLOT_CANDIDATES = 300
# A check of the whole corpus looks for slot matches among this many sentences nearest the claim.
SLOT_SEARCH = 2000
# At most this many sentences per source get a second look by clause (each costs one short encode).
CLAUSE_LOOKS = 8


@dataclass
class Candidate:
    sentence: Sentence
    similarity: float
    claims: list[Claim]
    slot_only: bool = False  # found by its slot alone, not among the sentences nearest the claim


def gather_candidates(
    corpus: Corpus, query: np.ndarray, parts: list[Claim], sources: list[str], top_k: int, *, restricted: bool
) -> dict[str, list[Candidate]]:
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
    grouped: dict[str, list[Candidate]] = defaultdict(list)
    for sentence_id in ids:
        sentence = rows.get(sentence_id)
        if sentence is None or sentence.source_id not in wanted:
            continue  # deleted while the check ran
        grouped[sentence.source_id].append(
            Candidate(sentence, float(by_meaning[sentence_id]), claims.get(sentence_id, []), sentence_id in slot_only)
        )
    for found in grouped.values():
        found.sort(key=lambda c: -c.similarity)
    return grouped


def clause_second_look(
    corpus: Corpus,
    query: np.ndarray,
    verifier: Verifier,
    claim_text: str,
    parts: list[Claim],
    statements: list[StatementClaim],
    judged: list[tuple[Candidate, list[Judgement]]],
) -> list[tuple[Candidate, list[Judgement]]]:
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


def context_second_look(
    verifier: Verifier,
    claim_text: str,
    parts: list[Claim],
    statements: list[StatementClaim],
    judged: list[tuple[Candidate, list[Judgement]]],
    context: ArticleContext,
) -> list[tuple[Candidate, list[Judgement]]]:
    """Judge again the claim's place and time in a sentence that names no one, where the claim's people are names
    its article leaves to context (``factcheck.article_context``): "Sentencing has been set for June 28" in an
    article about Jackson states when "Jackson's sentencing hearing" is. The same-story gate wants the claim's
    people in the sentence; here the article supplies them, as it does for the trained verifier. The claim's
    subject is never left so (who did it is what a claim asserts), nor is anyone in a sentence naming a person."""
    people = {t for s in statements for t in s.terms if t.startswith("person:")}
    if not people or not any(isinstance(p, PlaceClaim | TimeClaim) for p in parts):
        return judged
    result = list(judged)
    for index, (candidate, judgements) in enumerate(judged):
        evidence = statement_of(candidate.claims)
        if evidence is None or any(t.startswith("person:") for t in evidence.terms):
            continue
        if any(isinstance(j.claim, PlaceClaim | TimeClaim) and j.verdict in (AGREE, CONFLICT) for j in judgements):
            continue
        text = candidate.sentence.text
        named = context.people_left_to_article(text)
        left = people & set(named)
        if not left:
            continue
        read = [replace(s, terms=tuple(t for t in s.terms if t not in left)) for s in statements]
        note = f" (the sentence does not name {' or '.join(sorted(named[k] for k in left))}; its article does)"
        again = [
            replace(j, reason=j.reason + note)
            for j in verifier.judge(claim_text, parts, read, text, candidate.claims, candidate.similarity)
            if isinstance(j.claim, PlaceClaim | TimeClaim) and j.verdict in (AGREE, CONFLICT)
        ]
        if again:
            result[index] = (candidate, [*again, *judgements])
    return result


_CLAUSE_BOUNDARY = re.compile(r"[;:\u2013\u2014]|,(?!\d)|\s-\s")


def clause_around(sentence: str, start: int, end: int) -> str:
    """The stretch of the sentence between the punctuation around ``start:end`` (commas inside numbers are not
    boundaries, nor is anything inside the span itself)."""
    before = [m.end() for m in _CLAUSE_BOUNDARY.finditer(sentence, 0, start)]
    after = _CLAUSE_BOUNDARY.search(sentence, end)
    return sentence[before[-1] if before else 0 : after.start() if after else len(sentence)].strip(" .")


def closest_in(corpus: Corpus, query: np.ndarray, source_id: str) -> list[Candidate]:
    try:
        hits = corpus.search_vector(query, 1, source_ids=[source_id])
    except NotFoundError:
        return []  # deleted while the check ran
    rows = corpus._storage.sentences([sentence_id for sentence_id, _ in hits])
    claims = corpus._storage.claims_of_sentences(list(rows))
    return [Candidate(rows[i], float(score), claims.get(i, [])) for i, score in hits if i in rows]
