"""Conflicts on arrival: the facts of one source that contradict stored sources, told the moment it is stored.

A desk should not have to build a whole report to learn that a new article contradicts the others. This
reads the same topics a report would give, limited to the new source and the stored sources that tell its
story, and keeps the conflicts the new source takes part in.

The cost is bounded whatever the size of the corpus: the stored sources compared are found through the
vector index (the sources with the most sentences close in meaning to the new source's sentences, at most
``ArrivalConfig.max_sources`` of them), and the report is built over those alone (``docs/benchmarks.md``
measures it at 100k stored sentences).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.corpus import Corpus
from factcheck.errors import NotFoundError
from factcheck.report import CONFLICT_TOPIC, Topic, build_report
from factcheck.stories import StoryConfig


@dataclass(frozen=True)
class ArrivalConfig:
    # Stored sources compared with a new one, the closest first. A story is rarely told by more outlets than
    # this within a corpus, and the report over them costs about as much as a check per sentence.
    max_sources: int = 8
    # Neighbours looked up per sentence of the new source.
    neighbours: int = 10
    # A stored sentence counts for its source at this cosine or above: where one outlet's rewording of
    # another's sentence usually lands (the story grouping's neighbour threshold).
    similarity: float = StoryConfig().neighbour_similarity
    # Sources with fewer close sentences than this do not tell the same story.
    min_close_sentences: int = 2


@dataclass(frozen=True)
class ArrivalConflicts:
    source_id: str
    compared: tuple[str, ...]  # the stored sources it was compared with, closest first
    topics: tuple[Topic, ...]  # conflict topics the source takes part in


def closest_sources(corpus: Corpus, source_id: str, config: ArrivalConfig = ArrivalConfig()) -> list[str]:
    """The stored sources with the most sentences close in meaning to ``source_id``'s, most first."""
    content = corpus._storage.source_content(source_id)
    if content is None:
        raise NotFoundError(f"no source with id {source_id!r}")
    if len(content.vector_ids) == 0:
        return []
    # The source's own sentences come back too (they are stored); ask for enough to see past them.
    scores, ids = corpus.nearest(content.vectors, config.neighbours + min(len(content.vector_ids), 50))
    own = set(content.vector_ids.tolist())
    close = {int(i) for i, s in zip(ids.ravel(), scores.ravel(), strict=True) if i >= 0 and s >= config.similarity}
    sentences = corpus._storage.sentences(sorted(close - own))
    # Each sentence of the new source counts once per stored source, however many of its sentences are close.
    counts: Counter[str] = Counter()
    for row_ids, row_scores in zip(ids, scores, strict=True):
        found = {
            sentences[int(i)].source_id
            for i, s in zip(row_ids, row_scores, strict=True)
            if s >= config.similarity and int(i) in sentences
        }
        counts.update(found - {source_id})
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [other for other, n in ranked if n >= config.min_close_sentences][: config.max_sources]


def arrival_conflicts(corpus: Corpus, source_id: str, config: ArrivalConfig = ArrivalConfig()) -> ArrivalConflicts:
    """The conflict topics between ``source_id`` and the stored sources that tell its story."""
    (found,) = arrivals_conflicts(corpus, [source_id], config)
    return found


def arrivals_conflicts(
    corpus: Corpus, source_ids: Sequence[str], config: ArrivalConfig = ArrivalConfig()
) -> list[ArrivalConflicts]:
    """The same for several new sources at once (a batch ingest), in one report: a conflict between two of them,
    or between one of them and a stored source, is one topic, listed under each new source it involves."""
    new = list(dict.fromkeys(source_ids))
    closest = {source_id: closest_sources(corpus, source_id, config) for source_id in new}
    others = [s for found in closest.values() for s in found if s not in closest]
    if not others and len(new) < 2:
        return [ArrivalConflicts(source_id, (), ()) for source_id in new]
    report = build_report(corpus, [*new, *dict.fromkeys(others)], missing_ok=True, focus=frozenset(new))
    gone = [source_id for source_id in new if source_id not in report.sources]
    if gone:
        raise NotFoundError(f"source {gone[0]!r} was deleted while it was being compared")
    conflicts = [topic for topic in report.topics if topic.status == CONFLICT_TOPIC]
    return [
        ArrivalConflicts(
            source_id,
            tuple(s for s in closest[source_id] if s in report.sources),
            tuple(t for t in conflicts if any(c.source_id == source_id for c in t.claims)),
        )
        for source_id in new
    ]
