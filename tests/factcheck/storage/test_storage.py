"""The storage protocol, the same tests on each backend (SQLite, PostgreSQL): one transaction per source, the
source id unique, deletes that leave nothing behind, vectors stored exactly, reports that survive a restart."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from factcheck.errors import SourceConflictError
from factcheck.records import Span
from factcheck.storage import SQLiteStorage, Storage
from tests.factcheck.storage.samples import PUBLISHED, sample

ISO_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


def test_a_stored_source_reads_back_whole(storage: Storage) -> None:
    talks = sample("talks", outlet="Test Wire", title="Talks", url="https://x.example/t", published_at=PUBLISHED)
    ids = talks.store(storage)
    assert len(ids) == 2 and ids == sorted(ids)
    source = storage.get_source("talks")
    assert source is not None
    assert (source.text, source.outlet, source.title, source.url) == (
        talks.source.text,
        "Test Wire",
        "Talks",
        talks.source.url,
    )
    assert source.published_at == PUBLISHED and source.sentence_count == 2
    assert source.content_hash == talks.source.content_hash and ISO_UTC.fullmatch(source.created_at)
    content = storage.source_content("talks")
    assert content is not None
    assert [(s.id, s.position, s.start, s.end, s.text) for s in content.sentences] == [
        (i, n, span.start, span.end, span.text) for n, (i, span) in enumerate(zip(ids, talks.spans, strict=True))
    ]
    assert all(talks.source.text[s.start : s.end] == s.text for s in content.sentences)
    assert content.vector_ids.tolist() == ids
    assert content.vectors.dtype == np.float32 and np.array_equal(content.vectors, talks.vectors)  # bit for bit
    assert content.claims == dict(zip(ids, talks.claims, strict=True))  # every claim, in order
    assert storage.source_content("nope") is None and storage.get_source("nope") is None
    assert storage.count_sources() == 1 and storage.count_sentences() == 2
    assert storage.count_claims("talks") == 2 and storage.count_claims("talks", typed_only=False) == 4


def test_identical_text_again_is_refused_and_changes_nothing(storage: Storage) -> None:
    """The corpus answers 'unchanged' before writing; the store itself never stores an id twice."""
    talks = sample("talks")
    ids = talks.store(storage)
    with pytest.raises(SourceConflictError, match="same text"):
        talks.store(storage)
    assert storage.count_sources() == 1 and storage.sentence_ids().tolist() == ids


def test_other_text_under_a_stored_id_is_a_conflict(storage: Storage) -> None:
    talks = sample("talks")
    talks.store(storage)
    with pytest.raises(SourceConflictError, match="'talks' is already stored with different text"):
        sample("talks", "Completely different text.").store(storage)
    stored = storage.get_source("talks")
    assert stored is not None and stored.text == talks.source.text
    assert storage.count_sentences() == 2 and storage.count_claims("talks", typed_only=False) == 4


def test_a_failed_write_leaves_nothing(storage: Storage) -> None:
    class Breaking(list[Span]):
        def __iter__(self) -> Iterator[Span]:
            items = list.__iter__(self)
            yield next(items)
            raise RuntimeError("interrupted mid-write")

    talks = sample("talks")
    with pytest.raises(RuntimeError):
        storage.add_source(talks.source, Breaking(talks.spans), talks.vectors, talks.claims)
    assert storage.get_source("talks") is None and storage.count_sentences() == 0
    talks.store(storage)  # and the id is free
    assert storage.count_sources() == 1


def test_mismatched_vectors_are_refused(storage: Storage) -> None:
    talks = sample("talks")
    with pytest.raises(ValueError, match="one vector"):
        storage.add_source(talks.source, talks.spans, talks.vectors[:1])
    assert storage.count_sources() == 0


def test_delete_removes_sentences_claims_vectors_and_slots(storage: Storage) -> None:
    talks, floods = sample("talks"), sample("floods")
    talk_ids, flood_ids = talks.store(storage), floods.store(storage)
    assert sorted(storage.sentences_in_slots(["place:talks"], None)) == [talk_ids[0], flood_ids[0]]
    assert storage.delete_source("talks") == talk_ids
    assert storage.get_source("talks") is None and storage.source_sentences("talks") == []
    assert storage.sentence_ids().tolist() == flood_ids
    assert storage.sentences(talk_ids) == {} and storage.vectors(talk_ids)[0].size == 0
    assert storage.claims_of_sentences(talk_ids) == {} and storage.count_claims("talks", typed_only=False) == 0
    assert storage.sentences_in_slots(["place:talks"], None) == [flood_ids[0]]
    assert storage.delete_source("talks") == []  # gone already: nothing to do


def test_ids_are_never_reused(storage: Storage) -> None:
    first = sample("talks").store(storage)
    storage.delete_source("talks")
    again = sample("talks").store(storage)
    assert min(again) > max(first)


def test_reads_by_id(storage: Storage) -> None:
    talks, floods = sample("talks"), sample("floods")
    talk_ids, flood_ids = talks.store(storage), floods.store(storage)
    wanted = [flood_ids[1], talk_ids[0], flood_ids[1], 10**9]
    found = storage.sentences(wanted)
    assert set(found) == {flood_ids[1], talk_ids[0]} and found[talk_ids[0]].text == talks.spans[0].text
    ids, vectors = storage.vectors([flood_ids[1], talk_ids[0]])
    by_id = dict(zip(ids.tolist(), vectors, strict=True))
    assert np.array_equal(by_id[talk_ids[0]], talks.vectors[0]) and np.array_equal(
        by_id[flood_ids[1]], floods.vectors[1]
    )
    assert storage.claims_of_sentences([talk_ids[0]]) == {talk_ids[0]: talks.claims[0]}
    assert storage.sentences_in_slots(["time:talks"], ["floods"]) == [flood_ids[0]]
    assert storage.sentences_in_slots([], None) == []
    # among named sentences only (a check looks for slot matches among the sentences nearest the claim)
    assert storage.sentences_in_slots(["place:talks"], None, among=[flood_ids[0], flood_ids[1]]) == [flood_ids[0]]
    assert storage.sentences_in_slots(["place:talks"], None, among=[talk_ids[1], 10**9]) == []
    assert storage.sentences_in_slots(["place:talks"], ["talks"], among=[talk_ids[0], flood_ids[0]]) == [talk_ids[0]]
    assert storage.sentences_in_slots(["place:talks"], None, among=[]) == []
    assert storage.source_sentences("floods")[1].text == floods.spans[1].text


def test_iter_vectors_covers_every_vector_once(storage: Storage) -> None:
    stored: dict[int, np.ndarray] = {}
    for n in range(7):
        item = sample(f"s{n}")
        stored.update(zip(item.store(storage), item.vectors, strict=True))
    seen: list[int] = []
    for ids, vectors in storage.iter_vectors(batch_size=3):
        assert len(ids) <= 3
        for sentence_id, vector in zip(ids.tolist(), vectors, strict=True):
            assert np.array_equal(vector, stored[sentence_id])
        seen.extend(ids.tolist())
    assert seen == sorted(stored) and sorted(storage.sentence_ids().tolist()) == seen


def test_sources_are_listed_by_id_bytewise_with_paging(storage: Storage) -> None:
    for source_id in ("b", "B", "a-2", "a.1", "a_3", "A"):
        sample(source_id).store(storage)
    expected = sorted(["b", "B", "a-2", "a.1", "a_3", "A"])  # Python sorts code points, as SQLite compares bytes
    assert storage.source_ids() == expected
    assert [s.id for s in storage.list_sources()] == expected
    assert [s.id for s in storage.list_sources(offset=2, limit=3)] == expected[2:5]


def test_replacing_claims_and_vectors(storage: Storage) -> None:
    talks = sample("talks")
    ids = talks.store(storage)
    swapped = [talks.claims[1], talks.claims[0][:1]]
    storage.replace_claims("talks", ids, swapped)
    assert storage.claims_of_sentences(ids) == dict(zip(ids, swapped, strict=True))
    assert storage.sentences_in_slots(["time:talks"], None) == []
    new = np.full((2, talks.vectors.shape[1]), 0.5, dtype=np.float32)
    storage.replace_vectors(ids, new)
    assert np.array_equal(storage.vectors(ids)[1], new)


def test_meta(storage: Storage) -> None:
    assert storage.get_meta("model_id") is None
    storage.set_meta("model_id", "a")
    storage.set_meta("model_id", "b")
    assert storage.get_meta("model_id") == "b"


def test_reports_survive_a_restart_and_a_stopped_process_s_are_failed(
    storage: Storage, database_url: str | None, tmp_path: Path
) -> None:
    storage.put_report("r1", status="running", params='{"source_ids": null}', progress='{"done": 0}')
    first = storage.get_report("r1")
    assert first is not None and first["status"] == "running" and ISO_UTC.fullmatch(str(first["created_at"]))
    storage.put_report("r1", status="done", params='{"source_ids": null}', body='{"topics": []}')
    done = storage.get_report("r1")
    assert done is not None and done["created_at"] == first["created_at"]
    assert (done["status"], done["body"], done["progress"]) == ("done", '{"topics": []}', None)
    assert storage.get_report("r0") is None
    storage.put_report("r2", status="running", params="{}")
    storage.close()  # the process building r2 stops
    reopened = _reopen(database_url, tmp_path)
    try:
        assert reopened.fail_running_reports("stopped") == 1
        failed = reopened.get_report("r2")
        assert failed is not None and (failed["status"], failed["error"]) == ("failed", "stopped")
        assert reopened.fail_running_reports("stopped") == 0
        assert datetime.fromisoformat(str(failed["updated_at"])) >= datetime.fromisoformat(str(first["created_at"]))
    finally:
        reopened.close()


def test_queued_reports_are_taken_oldest_first_once_each_and_survive_a_restart(
    storage: Storage, database_url: str | None, tmp_path: Path
) -> None:
    for n in range(3):
        storage.put_report(f"q{n}", status="queued", params=f'{{"source_ids": ["s{n}"]}}')
    storage.put_report("r", status="running", params="{}")
    assert storage.count_reports(["queued"]) == 3 and storage.count_reports(["queued", "running"]) == 4
    assert storage.take_queued_report() == ("q0", '{"source_ids": ["s0"]}')
    taken = storage.get_report("q0")
    assert taken is not None and taken["status"] == "running"
    storage.close()  # stopped with q1 and q2 still queued
    reopened = _reopen(database_url, tmp_path)
    try:
        assert reopened.fail_running_reports("stopped") == 2  # q0 and r were running; queued ones wait on
        assert [reopened.take_queued_report() for _ in range(3)] == [
            ("q1", '{"source_ids": ["s1"]}'),
            ("q2", '{"source_ids": ["s2"]}'),
            None,
        ]
        assert reopened.count_reports(["queued"]) == 0
    finally:
        reopened.close()


def test_reports_are_listed_newest_first_without_their_bodies(storage: Storage) -> None:
    for n in range(3):
        storage.put_report(f"r{n}", status="done", params="{}", body='{"topics": []}')
    listed = storage.list_reports()
    assert [r["id"] for r in listed] == ["r2", "r1", "r0"] and "body" not in listed[0]
    assert [r["id"] for r in storage.list_reports(offset=1, limit=1)] == ["r1"]


def _reopen(database_url: str | None, tmp_path: Path) -> Storage:
    if database_url is None:
        return SQLiteStorage(tmp_path / "factcheck.sqlite3")
    from factcheck.storage.postgres import PostgresStorage

    return PostgresStorage(database_url)
