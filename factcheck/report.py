"""The batch consistency report: which facts the sources agree on, contradict, or only one reports.

Every typed claim of every selected source (figures, roles, group heads and members, places, times) is a
candidate. Claims are compared only with claims filed under the same slot in *other* sources, and, when a
slot is crowded, only between sentences that are near neighbours in the vector index, so the work grows
with the number of sentences rather than with its square. Comparable claims are joined into topics; a
topic is ``conflict`` when two of its sources disagree, ``agree`` when two or more sources speak of it
without disagreeing, and ``single_source`` otherwise.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import combinations

import numpy as np

from factcheck.claims.compare import AGREE, CONFLICT, Judgement, compare
from factcheck.claims.model import (
    STATEMENT,
    Claim,
    GroupClaim,
    PlaceClaim,
    QuantityClaim,
    RoleClaim,
    StatementClaim,
    TimeClaim,
    slot_keys,
)
from factcheck.claims.occasions import event_verb
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
AGREE_TOPIC, CONFLICT_TOPIC, SINGLE_SOURCE = "agree", "conflict", "single_source"


@dataclass(frozen=True)
class TopicClaim:
    source_id: str
    text: str  # the claim's words
    start: int  # offsets in the source text
    end: int
    value: str  # the claim in words ("more than 12,000 Ukrainian civilians killed")
    sentence: str
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class Topic:
    id: str
    kind: str
    label: str
    status: str
    claims: tuple[TopicClaim, ...]
    reason: str


@dataclass(frozen=True)
class Report:
    id: str
    created_at: str
    status: str
    sources: tuple[str, ...]
    topics: tuple[Topic, ...]

    @property
    def summary(self) -> dict[str, int]:
        counts = {AGREE_TOPIC: 0, CONFLICT_TOPIC: 0, SINGLE_SOURCE: 0}
        for topic in self.topics:
            counts[topic.status] += 1
        return {"topics": len(self.topics), **counts}


@dataclass
class _Item:
    sentence: Sentence
    claim: Claim
    statement: StatementClaim | None


Progress = Callable[[str, int, int], None]


def build_report(
    corpus: Corpus,
    source_ids: Sequence[str] | None = None,
    *,
    progress: Progress | None = None,
    missing_ok: bool = False,
    focus: frozenset[str] | None = None,
) -> Report:
    """Compare every source with every other one, slot by slot.

    Each source is read whole (sentences, claims and vectors at one moment), so a source another thread deletes
    meanwhile is either entirely in the report or not at all: left out of a report over all sources (or when
    ``missing_ok``), an error for a report that names it. With ``focus``, only pairs of claims that involve one of
    those sources are compared (what new sources bring, ``factcheck.arrival``).
    """
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
    sources = read
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        for slot in slot_keys(item.claim):
            if not slot.startswith("person:"):  # a person is compared through roles, not as a slot alone
                buckets[slot].append(index)
    stories = group_stories(corpus, sources, missing_ok=True, contents=contents)
    story_of = {source_id: n for n, members in enumerate(stories) for source_id in members}
    neighbours = _neighbours(corpus, items, buckets, row, vectors)
    similarity = _similarities(items, row, vectors)
    model = corpus.config.verifier_model
    parent = list(range(len(items)))
    conflicts: list[tuple[int, int, Judgement]] = []
    agreements: dict[tuple[int, int], Judgement] = {}
    done = 0
    judged: set[tuple[int, int]] = set()  # a pair filed under several slots (event keys) is judged once
    for members in buckets.values():
        for a, b in _pairs(members, items, neighbours):
            if (a, b) in judged:
                continue
            judged.add((a, b))
            source_a, source_b = items[a].sentence.source_id, items[b].sentence.source_id
            if story_of[source_a] != story_of[source_b]:
                continue  # facts of different stories are never one topic
            if focus is not None and not focus & {source_a, source_b}:
                continue
            judgement = _judge(items[a], items[b], similarity(a, b))
            if judgement is None:
                continue
            if (
                judgement.verdict == CONFLICT
                and model.enabled
                and withdrawn(items[a].sentence, items[b].sentence, model)
            ):
                continue
            _union(parent, a, b)
            if judgement.verdict == CONFLICT:
                conflicts.append((a, b, judgement))
            elif judgement.verdict == AGREE:
                agreements[(a, b)] = judgement
        done += 1
        if progress is not None:
            progress("compare", done, len(buckets))
    conflicts = _both_told(items, conflicts, agreements)
    topics = _topics(items, parent, conflicts, agreements)
    if model.enabled:
        typed_pairs = {(items[a].sentence.id, items[b].sentence.id) for a, b, _ in conflicts}
        for number, story in enumerate(stories, start=1):
            if len(story) > 1 and (focus is None or not focus.isdisjoint(story)):
                whole = [sentences_with_vectors(contents[m]) for m in story]
                found = pair_conflicts([s for s, _ in whole], [v for _, v in whole], model)
                topics += [
                    pair_topic(c)
                    for c in found
                    if not typed_pairs & {(c.first.id, c.second.id), (c.second.id, c.first.id)}
                    and (focus is None or not focus.isdisjoint((c.first.source_id, c.second.source_id)))
                ]
            if progress is not None:
                progress("verify", number, len(stories))
        topics = numbered(topics)
    return Report(
        id=uuid.uuid4().hex[:12],
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        status="done",
        sources=tuple(sources),
        topics=tuple(topics),
    )


def _read(
    corpus: Corpus, sources: list[str], progress: Progress | None
) -> tuple[list[str], list[_Item], dict[int, int], np.ndarray, dict[str, SourceContent]]:
    """The sources still stored, their claims as items, the vectors of the items' sentences (by row), and what
    was read of each source (for story grouping and the verifier's sentence pairs)."""
    read: list[str] = []
    contents: dict[str, SourceContent] = {}
    items: list[_Item] = []
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
                statement = next((c for c in found if isinstance(c, StatementClaim)), None)
                for claim in found:
                    if isinstance(claim, StatementClaim) or getattr(claim, "embedded", False):
                        continue
                    if isinstance(claim, TimeClaim) and claim.event == STATEMENT:
                        continue  # the day of a saying is no fact of its own to report
                    items.append(_Item(sentence, claim, statement))
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
    corpus: Corpus, items: list[_Item], buckets: dict[str, list[int]], row: dict[int, int], vectors: np.ndarray
) -> dict[int, set[int]]:
    """For sentences in crowded slots: their nearest sentences in the index (ids)."""
    crowded = sorted(
        {items[i].sentence.id for members in buckets.values() if len(members) > CROWDED_SLOT for i in members}
        & set(row)
    )
    if not crowded:
        return {}
    _, found = corpus.nearest(vectors[[row[i] for i in crowded]], NEIGHBOURS)
    return {i: {int(x) for x in hits if x >= 0} for i, hits in zip(crowded, found, strict=True)}


def _similarities(items: list[_Item], row: dict[int, int], vectors: np.ndarray) -> Callable[[int, int], float]:
    def similarity(a: int, b: int) -> float:
        x, y = row.get(items[a].sentence.id), row.get(items[b].sentence.id)
        return 0.0 if x is None or y is None else float(np.dot(vectors[x], vectors[y]))

    return similarity


def _pairs(members: list[int], items: list[_Item], neighbours: dict[int, set[int]]) -> list[tuple[int, int]]:
    """Pairs of members from different sources; in a crowded slot only pairs where one is the other's neighbour.

    A crowded slot's pairs come from the neighbour lists (members x neighbours, not members squared), so the
    work grows with the corpus rather than with its square.
    """
    if len(members) <= CROWDED_SLOT:
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


def _judge(a: _Item, b: _Item, similarity: float) -> Judgement | None:
    """Symmetric: a conflict either way is a conflict; agreement needs no conflict either way."""
    first = compare(a.claim, b.claim, similarity=similarity, event_similarity=EVENT_SIMILARITY)
    second = compare(b.claim, a.claim, similarity=similarity, event_similarity=EVENT_SIMILARITY)
    judgements = [j for j in (first, second) if j is not None]
    if not judgements:
        return None
    conflict = next((j for j in judgements if j.verdict == CONFLICT), None)
    if conflict is not None:
        statements = [a.statement] if a.statement is not None else []
        if not same_event(conflict, statements, b.statement, similarity):
            return None
        return conflict
    if similarity < EVENT_SIMILARITY:
        return None  # same slot, different stories: "governor" of one article is not the other's
    return next((j for j in judgements if j.verdict == AGREE), judgements[0])


def _both_told(
    items: list[_Item], conflicts: list[tuple[int, int, Judgement]], agreements: dict[tuple[int, int], Judgement]
) -> list[tuple[int, int, Judgement]]:
    """Conflicts between two sources that each state both values ("$71 million" in one sentence, "$12 million"
    in another, in both articles) are no disagreement: each value of one source is stated by the other too."""
    told: set[tuple[int, str]] = set()  # (item, a source that states what the item states)
    for a, b in agreements:
        # The same value, not only a compatible one: "X heads the delegation" agrees with "the delegation
        # includes X", yet a source saying the latter does not say who heads it.
        if type(items[a].claim) is type(items[b].claim) and items[a].claim.describe() == items[b].claim.describe():
            told.add((a, items[b].sentence.source_id))
            told.add((b, items[a].sentence.source_id))
    return [
        (a, b, judgement)
        for a, b, judgement in conflicts
        if not ((a, items[b].sentence.source_id) in told and (b, items[a].sentence.source_id) in told)
    ]


def _union(parent: list[int], a: int, b: int) -> None:
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)


def _find(parent: list[int], a: int) -> int:
    while parent[a] != a:
        parent[a] = parent[parent[a]]
        a = parent[a]
    return a


def _topics(
    items: list[_Item],
    parent: list[int],
    conflicts: list[tuple[int, int, Judgement]],
    agreements: dict[tuple[int, int], Judgement],
) -> list[Topic]:
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(items)):
        groups[_find(parent, index)].append(index)
    conflict_by_root: dict[int, list[tuple[int, int, Judgement]]] = defaultdict(list)
    for a, b, judgement in conflicts:
        conflict_by_root[_find(parent, a)].append((a, b, judgement))
    topics = []
    for root, members in groups.items():
        sources = {items[i].sentence.source_id for i in members}
        first = items[members[0]].claim
        if root not in conflict_by_root and all(getattr(items[i].claim, "titled", False) for i in members):
            continue  # "President Obama" in every article names him; it is no fact the sources report
        if root in conflict_by_root:
            status, reason = CONFLICT_TOPIC, _conflict_reason(items, conflict_by_root[root])
        elif len(sources) > 1:
            status, reason = AGREE_TOPIC, _agree_reason(items, members, sources)
        else:
            status, reason = SINGLE_SOURCE, f"only {next(iter(sources))} reports it"
        claims = tuple(
            _topic_claim(items[i])
            for i in sorted(members, key=lambda i: (items[i].sentence.source_id, items[i].sentence.start))
        )
        topics.append(
            Topic(id="", kind=first.kind, label=topic_label(first), status=status, claims=claims, reason=reason)
        )
    return numbered(topics)


def numbered(topics: list[Topic]) -> list[Topic]:
    """Conflicts first, then facts more sources share; ids in that order."""
    order = {CONFLICT_TOPIC: 0, AGREE_TOPIC: 1, SINGLE_SOURCE: 2}
    topics = sorted(topics, key=lambda t: (order[t.status], -len({c.source_id for c in t.claims}), t.label))
    return [Topic(f"t{n}", t.kind, t.label, t.status, t.claims, t.reason) for n, t in enumerate(topics, start=1)]


def pair_topic(conflict: PairConflict) -> Topic:
    """A contradiction the verifier read between two sentences: both sentences, the words that differ."""
    claims = []
    for sentence, words in ((conflict.first, conflict.first_words), (conflict.second, conflict.second_words)):
        start, end = words if words is not None else (0, len(sentence.text))
        claims.append(
            TopicClaim(
                source_id=sentence.source_id,
                text=sentence.text[start:end],
                start=sentence.start + start,
                end=sentence.start + end,
                value=sentence.text[start:end],
                sentence=sentence.text,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
            )
        )
    label = (
        " / ".join(f"\u201c{c.value}\u201d" for c in claims)
        if conflict.first_words and conflict.second_words
        else ("what the sources say happened")
    )
    return Topic("", STATEMENT, label, CONFLICT_TOPIC, tuple(claims), f"sources disagree: {conflict.reason}")


def _topic_claim(item: _Item) -> TopicClaim:
    sentence, claim = item.sentence, item.claim
    return TopicClaim(
        source_id=sentence.source_id,
        text=claim.text,
        start=sentence.start + claim.start,
        end=sentence.start + claim.end,
        value=claim.describe(),
        sentence=sentence.text,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
    )


def _conflict_reason(items: list[_Item], pairs: list[tuple[int, int, Judgement]]) -> str:
    values: dict[str, str] = {}
    for a, b, _ in pairs:
        for index in (a, b):
            item = items[index]
            values.setdefault(item.sentence.source_id, item.claim.describe())
    return "sources disagree: " + "; ".join(f"{source} says {value}" for source, value in sorted(values.items()))


def _agree_reason(items: list[_Item], members: list[int], sources: set[str]) -> str:
    values: dict[str, str] = {}
    for index in members:
        values.setdefault(items[index].sentence.source_id, items[index].claim.describe())
    listed = "; ".join(f"{source}: {value}" for source, value in sorted(values.items()))
    return f"{len(sources)} sources agree ({listed})"


def topic_label(claim: Claim) -> str:
    """What the topic is about, in words."""
    if isinstance(claim, QuantityClaim):
        what = claim.counted_text or claim.counted or "figure"
        event = f" {claim.event}" if claim.event and claim.amount.dimension is None else ""
        window = " in one day" if claim.scope == "daily" else ""
        measure = f" ({claim.amount.dimension})" if claim.amount.dimension else ""
        return f"{what}{event}{window}{measure}"
    if isinstance(claim, RoleClaim):
        party = f" ({claim.party})" if claim.party else ""
        return f"{claim.role}{party}: who holds it"
    if isinstance(claim, GroupClaim):
        group = (claim.group_text or claim.group).removeprefix("the ").removeprefix("The ")
        article = "" if "'s " in group or "\u2019s " in group else "the "
        return f"{'head' if claim.relation == 'head' else 'members'} of {article}{group}"
    if isinstance(claim, PlaceClaim | TimeClaim):
        if claim.event == "travel":
            return "where the journey goes" if isinstance(claim, PlaceClaim) else "when the journey happens"
        where = "where" if isinstance(claim, PlaceClaim) else "when"
        return f"{where} the {claim.event} {event_verb(claim.event, 'takes', 'take')} place"
    return claim.text
