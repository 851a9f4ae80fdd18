"""A report over many stories compares each story on its own: no topic joins two stories."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pytest

from factcheck import Corpus, SourceInput
from factcheck.report import build_report
from factcheck.stories import group_stories
from tests.factcheck.test_stories import BASIL_ARTICLES, OTHER_EVENTS, ROOT, _basil_source

#: Topics whose sources come from two real events, at most (measured on these 10 test events: see the test).
CROSS_EVENT_TOPICS_CEILING = 0


def test_topics_of_the_examples_never_join_another_story(corpus: Corpus, examples_dir: Path) -> None:
    list(corpus.ingest_many(_example_sources(examples_dir)))
    story_of = {s: n for n, g in enumerate(group_stories(corpus, corpus.source_ids())) for s in g}
    report = build_report(corpus)
    assert report.topics, "the report read nothing"
    events = {**dict.fromkeys(("northern-ledger", "harbor-daily", "radio-meridian"), "floods")}
    for event, items in OTHER_EVENTS.items():
        events |= dict.fromkeys((source_id for source_id, _, _ in items), event)
    for topic in report.topics:
        sources = {c.source_id for c in topic.claims}
        assert len({story_of[s] for s in sources}) == 1, topic
        assert len({events[s] for s in sources}) == 1, topic
    # the floods story still shows its known discrepancy (the UN toll, 63 against 81)
    assert any(t.status == "conflict" and {"radio-meridian"} < {c.source_id for c in t.claims} for t in report.topics)


def _example_sources(examples_dir: Path) -> list[SourceInput]:
    from factcheck.sources import read_path

    read = [
        s
        for p in sorted(examples_dir.iterdir())
        for s in read_path(p, max_file_bytes=1 << 20, max_source_chars=1 << 20)
    ]
    sources = [s for s in read if isinstance(s, SourceInput)]
    for items in OTHER_EVENTS.values():
        sources += [SourceInput(id=i, text=t, published_at=d) for i, d, t in items]
    return sources


@pytest.mark.shared
def test_a_report_over_ten_real_stories_keeps_each_topic_inside_one_event(corpus: Corpus) -> None:
    if not BASIL_ARTICLES.is_dir():
        pytest.skip(f"{BASIL_ARTICLES} is absent (../shared ships with the development machines, not with a clone)")
    sys.path.insert(0, str(ROOT / "eval"))
    from splits import basil_events

    events = sorted(event for event, split in basil_events(BASIL_ARTICLES).items() if split == "test")[10:20]
    paths = [p for p in sorted(BASIL_ARTICLES.glob("*/*.json")) if p.stem.rsplit("_", 1)[0] in events]
    sources = [s for s in map(_basil_source, paths) if s is not None]
    list(corpus.ingest_many(sources))
    event_of = {s.id: s.id.removeprefix("basil-").rsplit("_", 1)[0] for s in sources}
    report = build_report(corpus)
    assert report.topics, "the report read nothing"
    spanning = [t for t in report.topics if len({event_of[c.source_id] for c in t.claims}) > 1]
    print(f"{len(report.topics)} topics, {len(spanning)} spanning two events; summary {report.summary}")
    assert len(spanning) <= CROSS_EVENT_TOPICS_CEILING, [(t.label, t.reason) for t in spanning]
    by_status: dict[str, int] = defaultdict(int)
    for topic in report.topics:
        by_status[topic.status] += 1
    assert by_status["agree"] > 0  # outlets of one event do share facts
