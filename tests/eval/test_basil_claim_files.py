"""The hand-written claim files of ``eval/basil_claims.py``: each claim judged against the three articles of one
event, with a known label for each, and every file's events in the split it is scored as (a claim on a test event
in a file tuned on would leak the test set)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))

from basil_claims import EVENT_SPLIT, FILES, load

LABELS = {"agree", "conflict", "unverified", "mixed"}


def _event(source_id: str) -> str:
    return source_id.removeprefix("basil-").rsplit("_", 1)[0]


@pytest.mark.parametrize("split", sorted(FILES))
def test_each_claim_names_the_three_outlets_of_one_event(split: str) -> None:
    probes = load(split)
    assert probes
    for probe in probes:
        assert len(probe.sources) == 3, probe.id
        assert len({_event(s) for s in probe.sources}) == 1, probe.id
        assert sorted(probe.expected_sources) == sorted(probe.sources), probe.id
        assert set(probe.expected_sources.values()) <= LABELS, probe.id


def test_claim_ids_are_unique_across_files() -> None:
    counts = Counter(p.id for split in FILES for p in load(split))
    assert [i for i, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("split", sorted(FILES))
def test_each_file_holds_events_of_its_split_only(split: str, shared_dir: Path) -> None:
    from splits import basil_events

    split_of = basil_events(shared_dir / "data" / "basil" / "articles")
    events = {_event(p.sources[0]) for p in load(split)}
    assert {split_of[e] for e in events} == {EVENT_SPLIT[split]}


def test_a_reading_packet_holds_the_three_articles_and_every_claim_written_for_the_event(shared_dir: Path) -> None:
    from claim_packets import packet, written_claims
    from splits import basil_events

    articles = shared_dir / "data" / "basil" / "articles"
    event = min(e for e, s in basil_events(articles).items() if s == "test")
    claims = written_claims("test")[event]
    text = packet(event, {p.stem: p for p in articles.glob("*/*.json")}, claims)
    assert text.startswith(f"EVENT {event}")
    assert [f"SOURCE basil-{event}_{n} " in text for n in (1, 2, 3)] == [True, True, True]
    # claims of every file scored on the test events, the blind second set among them
    assert {
        p.claim for split in ("test", "test2") for p in load(split) if p.sources[0].startswith(f"basil-{event}_")
    } <= {*claims}
    assert all(f"- {claim}" in text for claim in claims)
