"""Reports built while other threads write: the index is only touched under the corpus lock, a source deleted
during a report is either wholly in it or not at all, and a report over all sources never fails because one
was deleted meanwhile. (Found by bench/load.py: a report failed with an IndexError from the index.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from factcheck import Config, Corpus, SourceInput
from factcheck import report as report_module
from factcheck.embedding import Embedder
from factcheck.errors import NotFoundError
from factcheck.report import build_report
from factcheck.sources import read_path


def wire(n: int) -> SourceInput:
    return SourceInput(
        id=f"wire-{n}",
        text=f"Officials in Velmar said {100 + n} people were evacuated from the river valley on Monday. "
        f"The Red Cross reported that {10 + n} homes were damaged by the storm.",
    )


@pytest.fixture
def filled(tmp_path: Path, embedder: Embedder, examples_dir: Path, database_url: str | None) -> Corpus:
    corpus = Corpus.open(Config(data_dir=tmp_path / "data", database_url=database_url), embedder=embedder)
    sources = [
        s
        for p in sorted(examples_dir.iterdir())
        for s in read_path(p, max_file_bytes=1 << 20, max_source_chars=1 << 20)
    ]
    list(corpus.ingest_many([*sources, *(wire(n) for n in range(6))]))  # type: ignore[list-item]
    yield corpus  # type: ignore[misc]
    corpus.close()


class LockCheckingIndex:
    """Wraps the corpus's index and records, for every call, whether the calling thread held the corpus lock."""

    def __init__(self, inner: Any, lock: Any) -> None:
        self._inner, self._lock = inner, lock
        self.calls: list[tuple[str, bool]] = []

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if not callable(attribute):
            return attribute

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, self._lock._is_owned()))
            return attribute(*args, **kwargs)

        return call

    def __len__(self) -> int:
        return len(self._inner)


def test_a_report_searches_the_index_only_under_the_corpus_lock(
    filled: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_module, "CROWDED_SLOT", 0)  # every slot is crowded: neighbours come from the index
    checking = LockCheckingIndex(filled.index, filled._lock)
    filled._index = checking  # type: ignore[assignment]
    report = build_report(filled)
    assert report.topics
    searches = [held for name, held in checking.calls if name == "search"]
    assert searches and all(searches), checking.calls


def test_a_source_deleted_after_the_listing_is_left_out_of_a_report_over_all_sources(
    filled: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = filled.source_ids()

    def listing_then_delete() -> list[str]:
        filled.delete("wire-3")  # deleted by another client right after the report listed the sources
        return listed

    monkeypatch.setattr(filled, "source_ids", listing_then_delete)
    report = build_report(filled)
    assert "wire-3" not in report.sources and len(report.sources) == len(listed) - 1
    assert all(claim.source_id != "wire-3" for topic in report.topics for claim in topic.claims)


def test_a_named_source_deleted_during_a_report_fails_it_clearly(
    filled: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = filled.get_source
    deleted: list[str] = []

    def get_then_delete(source_id: str) -> Any:
        found = original(source_id)
        if source_id == "wire-2" and not deleted:
            deleted.append(source_id)
            filled.delete("wire-2")  # found when the report started, gone before its sentences were read
        return found

    monkeypatch.setattr(filled, "get_source", get_then_delete)
    with pytest.raises(NotFoundError, match=r"wire-2.*deleted while the report was being built"):
        build_report(filled, ["harbor-daily", "wire-2", "wire-4"])
