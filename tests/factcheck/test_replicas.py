"""Replicas on one PostgreSQL store: each keeps its own vector index, brought up to date from the change sequence."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import Config, Corpus, SourceInput
from factcheck.embedding import Embedder

TALKS = SourceInput(
    id="talks",
    text="The defence ministers met in Istanbul on Tuesday. They agreed to exchange 1,200 prisoners of war.",
)
FLOOD = SourceInput(
    id="flood",
    text="The river burst its banks overnight. About 4,000 residents were moved to shelters in the north.",
)


def _replica(tmp_path: Path, name: str, url: str, embedder: Embedder, refresh: float = 0.0) -> Corpus:
    config = Config(data_dir=tmp_path / name, database_url=url, index_refresh_seconds=refresh)
    return Corpus.open(config, embedder=embedder)


def _found(corpus: Corpus, query: str) -> list[str]:
    return [hit.source_id for hit in corpus.search(query, k=5)]


def test_a_source_written_through_one_replica_is_found_through_the_other_at_once(
    postgres_url: str, tmp_path: Path, embedder: Embedder
) -> None:
    with (
        _replica(tmp_path, "a", postgres_url, embedder) as a,
        _replica(tmp_path, "b", postgres_url, embedder) as b,
    ):
        a.ingest(TALKS)
        assert _found(b, "prisoner exchange") == ["talks", "talks"]  # b's index was built before the write
        b.ingest(FLOOD)
        assert set(_found(a, "evacuated residents")) == {"talks", "flood"}
        assert len(a.index) == len(b.index) == 4  # own writes are not added twice
        a.delete("talks")
        assert _found(b, "prisoner exchange") == ["flood", "flood"]
        assert len(b.index) == 2
        assert b.refresh() == 0  # nothing new


def test_a_refresh_interval_bounds_how_stale_a_replica_may_be(
    postgres_url: str, tmp_path: Path, embedder: Embedder
) -> None:
    with (
        _replica(tmp_path, "a", postgres_url, embedder) as a,
        _replica(tmp_path, "b", postgres_url, embedder, refresh=3600) as b,
    ):
        assert _found(b, "prisoner exchange") == []  # loads b's index (empty store)
        a.ingest(TALKS)
        assert _found(b, "prisoner exchange") == []  # within the interval: not looked at yet
        assert b.refresh(force=True) == 1
        assert _found(b, "prisoner exchange") == ["talks", "talks"]


def test_an_insert_and_delete_seen_together_leave_nothing(
    postgres_url: str, tmp_path: Path, embedder: Embedder
) -> None:
    with (
        _replica(tmp_path, "a", postgres_url, embedder) as a,
        _replica(tmp_path, "b", postgres_url, embedder) as b,
    ):
        b.ingest(FLOOD)
        a.ingest(TALKS)
        a.delete("talks")
        a.ingest(SourceInput(id="talks", text="The ministers met again in Ankara on Friday."))
        assert b.refresh() == 4  # its own insert is in the sequence too, and skipped
        assert sorted(b.index.ids().tolist()) == sorted(a.index.ids().tolist())
        assert _found(b, "ministers met in Ankara")[0] == "talks"


def test_sqlite_has_one_writer_and_nothing_to_refresh(tmp_path: Path, embedder: Embedder) -> None:
    with Corpus.open(Config(data_dir=tmp_path / "one"), embedder=embedder) as corpus:
        corpus.ingest(TALKS)
        assert corpus.refresh(force=True) == 0
        assert _found(corpus, "prisoner exchange") == ["talks", "talks"]


def test_a_negative_refresh_interval_is_refused(tmp_path: Path) -> None:
    from factcheck.errors import ConfigError

    with pytest.raises(ConfigError, match="index_refresh_seconds"):
        Config(data_dir=tmp_path, index_refresh_seconds=-1)


def test_the_same_source_stored_by_two_replicas_at_once_is_unchanged_for_the_later(
    postgres_url: str, tmp_path: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.records import IngestStatus

    with (
        _replica(tmp_path, "a", postgres_url, embedder) as a,
        _replica(tmp_path, "b", postgres_url, embedder) as b,
    ):
        checks = iter([None])  # b's first look finds the id absent, as when both look before either commits
        real = b._precheck
        monkeypatch.setattr(b, "_precheck", lambda source, pending: next(checks, real(source, pending)))
        assert a.ingest(TALKS).status is IngestStatus.ADDED
        assert b.ingest(TALKS).status is IngestStatus.UNCHANGED
        assert b.count_sources() == 1 and len(b.index) == 2
        other = SourceInput(id="talks", text="A different article under the same id.")
        checks = iter([None])
        with pytest.raises(Exception, match="different text"):
            b.ingest(other)
