"""A real SIGKILL at each point of a write, then a restart: the database and the index agree, nothing committed
is lost, nothing half-written is visible."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck import Config, Corpus, IngestStatus, SourceInput
from factcheck.corpus import DATABASE_FILE
from factcheck.embedding import Embedder
from tests.factcheck.test_corpus import assert_consistent

CHILD = Path(__file__).with_name("crash_child.py")


def run_child(data_dir: Path, mode: str, database_url: str | None = None) -> None:
    result = subprocess.run(
        [sys.executable, str(CHILD), str(data_dir), mode, *([database_url] if database_url else [])],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]


@pytest.mark.parametrize(
    ("mode", "expected_sources"),
    [("after-commit", ["floods", "talks"]), ("mid-transaction", ["talks"]), ("after-delete", ["floods"])],
)
def test_kill_during_a_write(
    tmp_path: Path, embedder: Embedder, mode: str, expected_sources: list[str], database_url: str | None
) -> None:
    data_dir = tmp_path / "data"
    run_child(data_dir, mode, database_url)  # with PostgreSQL, the server rolls back the dead client's transaction
    with Corpus.open(Config(data_dir=data_dir, database_url=database_url), embedder=embedder) as corpus:
        assert [s.id for s in corpus.list_sources()] == expected_sources
        assert_consistent(corpus)
        hits = corpus.search("people evacuated", k=10)
        assert {h.source_id for h in hits} == set(expected_sources)


def write_articles(directory: Path, count: int) -> None:
    directory.mkdir()
    for n in range(count):
        sentences = [
            f"Report {n} sentence {i}: rescuers in district {n} reached {i * 7 + n} homes on day {i}." for i in range(8)
        ]
        (directory / f"article-{n:03d}.txt").write_text(" ".join(sentences))


def test_kill_the_cli_mid_ingest_then_resume(tmp_path: Path, onnx_embedder: Embedder) -> None:
    embedder = onnx_embedder  # the CLI's embedder, pinned so the test does not depend on the default
    articles, data_dir = tmp_path / "articles", tmp_path / "data"
    write_articles(articles, 150)
    command = [sys.executable, "-m", "factcheck.cli", "ingest", str(articles), "--data-dir", str(data_dir)]
    env = {**os.environ, "FACTCHECK_EMBEDDER": "minilm-onnx-int8"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    committed = 0
    while committed < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
        if (data_dir / DATABASE_FILE).exists():
            try:
                with sqlite3.connect(f"file:{data_dir / DATABASE_FILE}?mode=ro", uri=True) as db:
                    committed = db.execute("SELECT count(*) FROM sources").fetchone()[0]
            except sqlite3.OperationalError:
                pass
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert committed >= 3, "the ingest never committed anything"
    with Corpus.open(Config(data_dir=data_dir), embedder=embedder) as corpus:
        survived = corpus.count_sources()
        assert 3 <= survived < 150, "kill came too late to test anything"
        assert_consistent(corpus)
    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert f"150 sources ({150 - survived} added, {survived} unchanged), 0 failed" in resumed.stdout
    with Corpus.open(Config(data_dir=data_dir), embedder=embedder) as corpus:
        assert corpus.count_sources() == 150 and corpus.count_sentences() == 150 * 8
        assert_consistent(corpus)
        stored = corpus.list_sources(limit=1)[0]
        assert corpus.ingest(SourceInput(id=stored.id, text=stored.text)).status is IngestStatus.UNCHANGED
