"""The batch consistency report: which facts the sources agree on, contradict, or only one reports.

Every typed claim of every selected source (figures, roles, group heads and members, places, times) is a
candidate. Claims are compared only with claims filed under the same slot in *other* sources, and, when a
slot is crowded, only between sentences that are near neighbours in the vector index, so the work grows
with the number of sentences rather than with its square. Comparable claims are joined into topics; a
topic is ``conflict`` when two of its sources disagree, ``agree`` when two or more sources speak of it
without disagreeing, and ``single_source`` otherwise.

The report is built in three stages: plan the pairs to judge and judge them (``factcheck.report_plan``; an engine
of ``factcheck.engines`` runs the judging, in this process or on a Ray cluster), then merge the judgements into
topics (here).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from factcheck.claims.compare import AGREE, CONFLICT, Judgement
from factcheck.claims.model import (
    STATEMENT,
    AffiliationClaim,
    Claim,
    GroupClaim,
    PlaceClaim,
    QuantityClaim,
    RoleClaim,
    TimeClaim,
    said_on,
)
from factcheck.claims.occasions import event_verb
from factcheck.config import VerifierModelConfig
from factcheck.corpus import Corpus
from factcheck.engines.base import LocalReportEngine, ReportEngine
from factcheck.report_pairs import PairConflict

# CROWDED_SLOT and _pairs are this module's names too: callers and tests read and set them here.
from factcheck.report_plan import CROWDED_SLOT as CROWDED_SLOT
from factcheck.report_plan import Item, Judged, Plan, Progress, make_plan, partitions
from factcheck.report_plan import _pairs as _pairs

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


def build_report(
    corpus: Corpus,
    source_ids: Sequence[str] | None = None,
    *,
    progress: Progress | None = None,
    missing_ok: bool = False,
    focus: frozenset[str] | None = None,
    engine: ReportEngine | None = None,
) -> Report:
    """Compare every source with every other one, slot by slot.

    Each source is read whole (sentences, claims and vectors at one moment), so a source another thread deletes
    meanwhile is either entirely in the report or not at all: left out of a report over all sources (or when
    ``missing_ok``), an error for a report that names it. With ``focus``, only pairs of claims that involve one of
    those sources are compared (what new sources bring, ``factcheck.arrival``). ``engine`` judges the pairs
    (``factcheck.engines.base``: in this process by default, or on a Ray cluster); the report is the same.
    """
    # CROWDED_SLOT is read at call time, from this module, where callers and tests have always set it.
    plan = make_plan(
        corpus, source_ids, progress=progress, missing_ok=missing_ok, focus=focus, crowded_slot=CROWDED_SLOT
    )
    model = corpus.config.verifier_model
    engine = engine or LocalReportEngine()
    work = partitions(plan, model, engine.block_pairs)
    judged = []
    for done, result in enumerate(engine.judge(work), start=1):
        judged.append(result)
        if progress is not None:
            progress("compare", done, len(work))
    return Report(
        id=uuid.uuid4().hex[:12],
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        status="done",
        sources=tuple(plan.sources),
        topics=tuple(_merge(plan, judged, model, focus)),
    )


def _merge(
    plan: Plan, judged: Sequence[Judged], model: VerifierModelConfig, focus: frozenset[str] | None
) -> list[Topic]:
    """Topics from the partitions' judgements, taken in the plan's order whatever order they arrived in."""
    items = plan.items
    parent = list(range(len(items)))
    conflicts: list[tuple[int, int, Judgement]] = []
    agreements: dict[tuple[int, int], Judgement] = {}
    for _, a, b, judgement in sorted((v for j in judged for v in j.verdicts), key=lambda v: v[0]):
        _union(parent, a, b)
        if judgement.verdict == CONFLICT:
            conflicts.append((a, b, judgement))
        elif judgement.verdict == AGREE:
            agreements[(a, b)] = judgement
    conflicts = _both_told(items, conflicts, agreements)
    topics = _topics(items, parent, conflicts, agreements)
    if model.enabled:
        typed_pairs = {(items[a].sentence.id, items[b].sentence.id) for a, b, _ in conflicts}
        found = {j.story: j.pair_conflicts for j in judged if j.pair_conflicts is not None}
        for story in plan.verify:
            topics += [
                pair_topic(c)
                for c in found[story]
                if not typed_pairs & {(c.first.id, c.second.id), (c.second.id, c.first.id)}
                and (focus is None or not focus.isdisjoint((c.first.source_id, c.second.source_id)))
            ]
        topics = numbered(topics)
    return topics


def _both_told(
    items: list[Item], conflicts: list[tuple[int, int, Judgement]], agreements: dict[tuple[int, int], Judgement]
) -> list[tuple[int, int, Judgement]]:
    """Conflicts between two sources that each state both values ("$71 million" in one sentence, "$12 million"
    in another, in both articles) are no disagreement: each value of one source is stated by the other too; of
    figures, one source stating both is enough."""
    told: set[tuple[int, str]] = set()  # (item, a source that states what the item states)
    for a, b in agreements:
        # The same value, not only a compatible one: "X heads the delegation" agrees with "the delegation
        # includes X", yet a source saying the latter does not say who heads it.
        if _same_value(items[a].claim, items[b].claim):
            told.add((a, items[b].sentence.source_id))
            told.add((b, items[a].sentence.source_id))
    kept = []
    for a, b, judgement in conflicts:
        first, second = (a, items[b].sentence.source_id) in told, (b, items[a].sentence.source_id) in told
        # Figures: one source stating both is enough ("launched one airstrike" and "dozens of airstrikes" in the
        # first, "one airstrike" in the second): two figures one source tells of one slot are two facts to it,
        # and the other source, telling one of them, contradicts neither.
        figures = isinstance(items[a].claim, QuantityClaim) and isinstance(items[b].claim, QuantityClaim)
        if not (first and second) and not (figures and (first or second)):
            kept.append((a, b, judgement))
    return kept


def _same_value(a: Claim, b: Claim) -> bool:
    """One value told alike: a figure of the same amount and thing however written ("four airstrikes", "4
    airstrikes"), another claim in the same words."""
    if isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim):
        x, y = a.amount, b.amount
        return (a.counted, x.interval, x.qualifier, x.dimension) == (b.counted, y.interval, y.qualifier, y.dimension)
    return type(a) is type(b) and a.describe() == b.describe()


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
    items: list[Item],
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
        if root not in conflict_by_root and all(said_on(items[i].claim) for i in members):
            continue  # the day something was said is a topic only where sources give two
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


def _topic_claim(item: Item) -> TopicClaim:
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


def _conflict_reason(items: list[Item], pairs: list[tuple[int, int, Judgement]]) -> str:
    values: dict[str, str] = {}
    for a, b, _ in pairs:
        for index in (a, b):
            item = items[index]
            values.setdefault(item.sentence.source_id, item.claim.describe())
    return "sources disagree: " + "; ".join(f"{source} says {value}" for source, value in sorted(values.items()))


def _agree_reason(items: list[Item], members: list[int], sources: set[str]) -> str:
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
    if isinstance(claim, AffiliationClaim):
        return f"{claim.person.display}: which party"
    if isinstance(claim, GroupClaim):
        group = (claim.group_text or claim.group).removeprefix("the ").removeprefix("The ")
        article = "" if "'s " in group or "\u2019s " in group else "the "
        return f"{'head' if claim.relation == 'head' else 'members'} of {article}{group}"
    if said_on(claim):
        return f"when {claim.attribution.text} said it" if claim.attribution else "when it was said"
    if isinstance(claim, PlaceClaim | TimeClaim):
        if claim.event == "travel":
            return "where the journey goes" if isinstance(claim, PlaceClaim) else "when the journey happens"
        where = "where" if isinstance(claim, PlaceClaim) else "when"
        return f"{where} the {claim.event} {event_verb(claim.event, 'takes', 'take')} place"
    return claim.text
