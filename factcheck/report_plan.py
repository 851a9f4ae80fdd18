"""The first two stages of a consistency report (``factcheck.report``): the plan, and judging its partitions.

A report is built in three stages, so that the costly middle one can run elsewhere (``factcheck.engines``):

1. **plan** (the driver, here): read the sources, file their claims by slot, group the sources into stories, find
   the neighbours of sentences in crowded slots, and list the candidate pairs of claims the report judges, each
   once, in the order it judges them (pairs across stories and, with ``focus``, pairs outside the focus are left
   out here). :func:`partitions` cuts them by story, and a large story into blocks.
2. **judge** (anywhere: this process or a Ray actor): :func:`judge` is a pure function of one partition, the items
   its pairs name, the pairs, and the verifier's configuration. It returns the typed judgements that stand after the
   trained verifier's veto and, for a story of several sources, the verifier's own conflicts between close
   sentences of the story.
3. **merge** (the driver, ``factcheck.report``): topics from the judgements, in the plan's order.

Everything a partition holds is a frozen dataclass of the library or a numpy array, so it pickles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

import numpy as np

from factcheck.claims.compare import AGREE, CONFLICT, Judgement, compare
from factcheck.claims.figure_compare import other_bounds
from factcheck.claims.model import STATEMENT, Claim, QuantityClaim, StatementClaim, said_on, slot_keys, statement_of
from factcheck.config import VerifierModelConfig
from factcheck.corpus import Corpus
from factcheck.errors import InvalidInputError, NotFoundError
from factcheck.records import Sentence
from factcheck.report_pairs import PairConflict, pair_conflicts, sentences_with_vectors, withdrawn
from factcheck.storage.base import SourceContent
from factcheck.stories import group_stories
from factcheck.verify import EVENT_SIMILARITY, same_event

#: Slots with more claims than this are compared only between nearest-neighbour sentences.
CROWDED_SLOT = 40
NEIGHBOURS = 20

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Item:
    """One typed claim of a source, with its sentence and the sentence's statement (who said it)."""

    sentence: Sentence
    claim: Claim
    statement: StatementClaim | None


@dataclass(frozen=True)
class Candidate:
    """A pair of items (indices in :attr:`Plan.items`) to judge."""

    order: int  # its place in the order the report judges pairs: the merge follows it, wherever it was judged
    story: int
    a: int
    b: int
    similarity: float  # cosine of the two sentences


@dataclass(frozen=True)
class StoryText:
    """What the trained verifier reads of a story: each source's sentences and their vectors (one row each)."""

    story: int
    sentences: tuple[list[Sentence], ...]
    vectors: tuple[np.ndarray, ...]


@dataclass(frozen=True)
class Plan:
    sources: list[str]  # the sources read, in the report's order
    items: list[Item]
    stories: list[tuple[str, ...]]
    candidates: list[Candidate]  # in judging order
    verify: list[int]  # the stories whose close sentence pairs the trained verifier reads, in story order
    contents: Mapping[str, SourceContent]


@dataclass(frozen=True)
class Partition:
    story: int
    pairs: tuple[Candidate, ...]
    items: Mapping[int, Item]  # the items the pairs name, by index in the plan
    text: StoryText | None  # the story, when this partition runs the verifier over it
    model: VerifierModelConfig


@dataclass(frozen=True)
class Judged:
    """What :func:`judge` returns for a partition."""

    story: int
    # (order, a, b, judgement) of every pair that stands: conflicts and agreements, and the other verdicts, which
    # still join the two claims into one topic.
    verdicts: tuple[tuple[int, int, int, Judgement], ...]
    pair_conflicts: tuple[PairConflict, ...] | None  # None: this partition did not read the story's sentences


def make_plan(
    corpus: Corpus,
    source_ids: Sequence[str] | None,
    *,
    progress: Progress | None = None,
    missing_ok: bool = False,
    focus: frozenset[str] | None = None,
    crowded_slot: int = CROWDED_SLOT,
) -> Plan:
    """Read the sources and list the pairs to judge (the checks and errors of ``build_report``)."""
    if source_ids is not None:
        sources = list(dict.fromkeys(source_ids))
        for source_id in sources if not missing_ok else ():
            corpus.get_source(source_id)
        if len(sources) < 1:
            raise InvalidInputError("a report needs at least one source")
    else:
        sources = corpus.source_ids()
    read, items, row, vectors, contents = _read(corpus, sources, progress)
    if source_ids is not None and not missing_ok and len(read) < len(sources):
        kept = set(read)
        gone = next(source_id for source_id in sources if source_id not in kept)
        raise NotFoundError(f"source {gone!r} was deleted while the report was being built")
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        for slot in _report_slots(item.claim):
            buckets[slot].append(index)
    stories = group_stories(corpus, read, missing_ok=True, contents=contents)
    story_of = {source_id: n for n, members in enumerate(stories) for source_id in members}
    neighbours = _neighbours(corpus, items, buckets, row, vectors, crowded_slot)
    similarity = _similarities(items, row, vectors)
    candidates: list[Candidate] = []
    judged: set[tuple[int, int]] = set()  # a pair filed under several slots (event keys) is judged once
    for members in buckets.values():
        for a, b in _pairs(members, items, neighbours, crowded_slot):
            if (a, b) in judged:
                continue
            judged.add((a, b))
            source_a, source_b = items[a].sentence.source_id, items[b].sentence.source_id
            if story_of[source_a] != story_of[source_b]:
                continue  # facts of different stories are never one topic
            if focus is not None and not focus & {source_a, source_b}:
                continue
            candidates.append(Candidate(len(candidates), story_of[source_a], a, b, similarity(a, b)))
    verify = [
        number
        for number, story in enumerate(stories)
        if len(story) > 1 and (focus is None or not focus.isdisjoint(story))
    ]
    return Plan(read, items, stories, candidates, verify, contents)


def partitions(plan: Plan, model: VerifierModelConfig, max_pairs: int | None = None) -> list[Partition]:
    """The plan's pairs by story, a story's cut into blocks of at most ``max_pairs`` (None: one block), with the
    verifier's reading of the story in its only block, or in a partition of its own when the story has several
    (it is the costliest part of a story: on a block of its own it runs beside the typed judging)."""
    by_story: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in plan.candidates:
        by_story[candidate.story].append(candidate)
    verify = set(plan.verify) if model.enabled else set()
    found: list[Partition] = []
    for story in sorted(by_story.keys() | verify):
        pairs = by_story.get(story, [])
        size = max_pairs or max(1, len(pairs))
        blocks = [pairs[start : start + size] for start in range(0, len(pairs), size)]
        text = _story_text(plan, story) if story in verify else None
        if text is not None and len(blocks) > 1:
            found.append(Partition(story, (), {}, text, model))
            text = None
        for number, block in enumerate(blocks):
            items = {i: plan.items[i] for pair in block for i in (pair.a, pair.b)}
            found.append(Partition(story, tuple(block), items, text if number == 0 else None, model))
        if not blocks and text is not None:
            found.append(Partition(story, (), {}, text, model))
    return found


def judge(partition: Partition) -> Judged:
    """Judge a partition's pairs (a typed conflict the verifier does not see is withdrawn) and, with the story's
    text, read its close sentence pairs with the verifier. Pure: the same partition gives the same result
    anywhere."""
    model = partition.model
    verdicts = []
    for pair in partition.pairs:
        a, b = partition.items[pair.a], partition.items[pair.b]
        judgement = _judge(a, b, pair.similarity)
        if judgement is None:
            continue
        if judgement.verdict == CONFLICT and model.enabled and withdrawn(a.sentence, b.sentence, model):
            continue
        verdicts.append((pair.order, pair.a, pair.b, judgement))
    found = None
    if partition.text is not None:
        text = partition.text
        found = tuple(pair_conflicts(text.sentences, text.vectors, model))
    return Judged(partition.story, tuple(verdicts), found)


def _story_text(plan: Plan, story: int) -> StoryText:
    whole = [sentences_with_vectors(plan.contents[member]) for member in plan.stories[story]]
    return StoryText(story, tuple(s for s, _ in whole), tuple(v for _, v in whole))


def _read(
    corpus: Corpus, sources: list[str], progress: Progress | None
) -> tuple[list[str], list[Item], dict[int, int], np.ndarray, dict[str, SourceContent]]:
    """The sources still stored, their claims as items, the vectors of the items' sentences (by row), and what
    was read of each source (for story grouping and the verifier's sentence pairs)."""
    read: list[str] = []
    contents: dict[str, SourceContent] = {}
    items: list[Item] = []
    id_parts: list[np.ndarray] = []
    vector_parts: list[np.ndarray] = []
    for number, source_id in enumerate(sources, start=1):
        content = corpus._storage.source_content(source_id)
        if content is not None:
            read.append(source_id)
            contents[source_id] = content
            first = len(items)
            for sentence in content.sentences:
                found = content.claims.get(sentence.id, [])
                statement = statement_of(found)
                sayings = sum(map(said_on, found))
                for claim in found:
                    if isinstance(claim, StatementClaim) or getattr(claim, "embedded", False):
                        continue
                    if sayings > 1 and said_on(claim):
                        continue  # "X reported Wednesday ..., while Y reported Thursday": whose day is whose is unread
                    items.append(Item(sentence, claim, statement))
            used = np.isin(content.vector_ids, [item.sentence.id for item in items[first:]])
            if used.any():
                id_parts.append(content.vector_ids[used])
                vector_parts.append(content.vectors[used])
        if progress is not None:
            progress("read", number, len(sources))
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, dtype=np.int64)
    vectors = np.concatenate(vector_parts) if vector_parts else np.zeros((0, 0), dtype=np.float32)
    return read, items, {int(i): n for n, i in enumerate(ids.tolist())}, vectors, contents


def _neighbours(
    corpus: Corpus,
    items: list[Item],
    buckets: dict[str, list[int]],
    row: dict[int, int],
    vectors: np.ndarray,
    crowded_slot: int,
) -> dict[int, set[int]]:
    """For sentences in crowded slots: their nearest sentences in the index (ids)."""
    crowded = sorted(
        {items[i].sentence.id for members in buckets.values() if len(members) > crowded_slot for i in members}
        & set(row)
    )
    if not crowded:
        return {}
    _, found = corpus.nearest(vectors[[row[i] for i in crowded]], NEIGHBOURS)
    return {i: {int(x) for x in hits if x >= 0} for i, hits in zip(crowded, found, strict=True)}


def _similarities(items: list[Item], row: dict[int, int], vectors: np.ndarray) -> Callable[[int, int], float]:
    def similarity(a: int, b: int) -> float:
        x, y = row.get(items[a].sentence.id), row.get(items[b].sentence.id)
        return 0.0 if x is None or y is None else float(np.dot(vectors[x], vectors[y]))

    return similarity


def _pairs(
    members: list[int], items: list[Item], neighbours: dict[int, set[int]], crowded_slot: int = CROWDED_SLOT
) -> list[tuple[int, int]]:
    """Pairs of members from different sources; in a crowded slot only pairs where one is the other's neighbour.

    A crowded slot's pairs come from the neighbour lists (members x neighbours, not members squared), so the
    work grows with the corpus rather than with its square.
    """
    if len(members) <= crowded_slot:
        candidates: Iterable[tuple[int, int]] = combinations(members, 2)
    else:
        by_sentence: dict[int, list[int]] = defaultdict(list)
        for member in members:
            by_sentence[items[member].sentence.id].append(member)
        found = {
            (min(a, b), max(a, b))
            for a in members
            for near in neighbours.get(items[a].sentence.id, ())
            for b in by_sentence.get(near, ())
        }
        candidates = sorted(found)  # members are ascending: the order combinations() would give
    return [(a, b) for a, b in candidates if items[a].sentence.source_id != items[b].sentence.source_id]


#: The one slot of the days things were said on (``compare`` reads them only for one speaker and one fact).
_SAID_ON = f"time:{STATEMENT}"


def _report_slots(claim: Claim) -> list[str]:
    """The slots a claim is compared under: its own (a person's slot holds the posts sources give them), and for
    the day of a saying, which has none (a check finds restatements by meaning), the report's own."""
    if said_on(claim):
        return [_SAID_ON]
    return slot_keys(claim)


def _judge(a: Item, b: Item, similarity: float) -> Judgement | None:
    """Symmetric: a conflict either way is a conflict; agreement needs no conflict either way. Two sources giving
    one day for a saying is no fact worth a topic; giving two days for it is ("announced Tuesday" / "announced
    Thursday" that he is bowing out)."""
    first = compare(a.claim, b.claim, similarity=similarity, event_similarity=EVENT_SIMILARITY)
    second = compare(b.claim, a.claim, similarity=similarity, event_similarity=EVENT_SIMILARITY)
    judgements = [j for j in (first, second) if j is not None]
    if not judgements:
        return None
    if isinstance(a.claim, QuantityClaim) and isinstance(b.claim, QuantityClaim) and other_bounds(a.claim, b.claim):
        # one slot, two figures for its bound: the outlets differ, though neither rules the other out
        judgements = [replace(judgements[0], verdict=CONFLICT)]
    conflict = next((j for j in judgements if j.verdict == CONFLICT), None)
    if conflict is not None:
        statements = [a.statement] if a.statement is not None else []
        if not same_event(conflict, statements, b.statement, similarity):
            return None
        return conflict
    if similarity < EVENT_SIMILARITY:
        return None  # same slot, different stories: "governor" of one article is not the other's
    if said_on(a.claim) or said_on(b.claim):
        return None  # one day for a saying: no fact worth a topic
    return next((j for j in judgements if j.verdict == AGREE), judgements[0])
