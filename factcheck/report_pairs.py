"""Conflicts no typed slot covers: close sentence pairs across the sources of one story, read by the trained
verifier.

Two outlets telling one story write many sentences about the same facts. For each sentence of one source its
nearest sentence in every other source of the story is taken when the two are at least ``report_similarity``
alike and not the same words; the verifier reads the pair both ways (each sentence as the evidence for the
other), and a contradiction either way at ``report_conflict`` or above is a conflict topic that shows both sentences
and the words that differ. The same reading withdraws a typed conflict whose sentences the verifier reads as
stating the same thing (``veto``), so a slot that mixes two facts ("the Brent low" and "the US crude low")
does not stand as a contradiction when the sentences do not contradict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.config import VerifierModelConfig
from factcheck.contrast import can_contradict, same_words
from factcheck.pair_verifier import CONTRADICTION, ENTAILMENT, shared_verifier
from factcheck.records import Sentence
from factcheck.storage.base import SourceContent
from factcheck.trained_verdict import Reading, TrainedDecision, explain

#: A source's sentences (in text order) and their vectors (one row each).
SourceSentences = tuple[list[Sentence], np.ndarray]


def sentences_with_vectors(content: SourceContent) -> SourceSentences:
    rows = {int(i): n for n, i in enumerate(content.vector_ids.tolist())}
    kept = [s for s in content.sentences if s.id in rows]
    vectors = content.vectors[[rows[s.id] for s in kept]] if kept else np.zeros((0, 1), dtype=np.float32)
    return kept, vectors


def withdrawn(first: Sentence, second: Sentence, config: VerifierModelConfig) -> bool:
    """A typed conflict the verifier does not see: it reads the sentences as stating one another (``veto``) or
    as not contradicting at all."""
    contradiction, entailment = read_pairs([(first, second, 1.0)], config)[0]
    return entailment >= config.veto or contradiction < config.report_keep_typed


@dataclass(frozen=True)
class PairConflict:
    first: Sentence
    second: Sentence
    similarity: float
    contradiction: float
    reason: str
    first_words: tuple[int, int] | None  # offsets in the sentence of the words that differ
    second_words: tuple[int, int] | None


def close_pairs(
    sentences: Sequence[Sequence[Sentence]], vectors: Sequence[np.ndarray], minimum: float
) -> list[tuple[Sentence, Sentence, float]]:
    """For every two sources (lists of sentences with their vectors): each sentence's nearest in the other source,
    at least ``minimum`` alike, with different words that could contradict, each unordered pair once. A source
    that writes the other's sentence itself does not disagree with it: two copies of a text that both hold
    "January 9" and "January 10" lines pair one's first with the other's second (another line nearer in words
    than the first's own, which the other wrote with a name shortened)."""
    found: dict[tuple[int, int], tuple[Sentence, Sentence, float]] = {}
    written = [{_plain(s.text) for s in source} for source in sentences]
    for i in range(len(sentences)):
        for j in range(len(sentences)):
            if i == j or not len(sentences[i]) or not len(sentences[j]):
                continue
            scores = vectors[i] @ vectors[j].T
            best = scores.argmax(axis=1)
            for row, column in enumerate(best.tolist()):
                score = float(scores[row, column])
                a, b = sentences[i][row], sentences[j][column]
                if score < minimum or same_words(a.text, b.text) or not can_contradict(a.text, b.text):
                    continue
                if _plain(b.text) in written[i] or _plain(a.text) in written[j]:
                    continue
                key = (min(a.id, b.id), max(a.id, b.id))
                found.setdefault(key, (a, b, score) if a.id < b.id else (b, a, score))
    return [found[key] for key in sorted(found)]


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def read_pairs(
    pairs: Sequence[tuple[Sentence, Sentence, float]], config: VerifierModelConfig
) -> list[tuple[float, float]]:
    """(max P(contradiction), min P(entailment)) of each pair, read both ways."""
    if not pairs:
        return []
    verifier = shared_verifier(config.model_dir)
    both = [(a.text, b.text) for a, b, _ in pairs] + [(b.text, a.text) for a, b, _ in pairs]
    rows = verifier.probabilities(both)
    n = len(pairs)
    return [
        (
            float(max(rows[k, CONTRADICTION], rows[n + k, CONTRADICTION])),
            float(min(rows[k, ENTAILMENT], rows[n + k, ENTAILMENT])),
        )
        for k in range(n)
    ]


def pair_conflicts(
    sentences: Sequence[Sequence[Sentence]], vectors: Sequence[np.ndarray], config: VerifierModelConfig
) -> list[PairConflict]:
    pairs = close_pairs(sentences, vectors, config.report_similarity)
    conflicts = []
    for (a, b, similarity), (contradiction, _) in zip(pairs, read_pairs(pairs, config), strict=True):
        if contradiction < config.report_conflict:
            continue
        reading = Reading(0, similarity, 0.0, contradiction)
        told_b = explain(TrainedDecision("conflict", reading), a.text, b.text, other="the other source")
        told_a = explain(TrainedDecision("conflict", reading), b.text, a.text, other="the other source")
        conflicts.append(
            PairConflict(a, b, similarity, contradiction, told_b.reason, told_a.highlight, told_b.highlight)
        )
    return conflicts
