"""A bounded load test: several clients store, delete, check, search and build reports at once against a real
server (bench/load.py drives them), then every acknowledged write is verified live, after a clean stop (the
checkpointed index file against the database) and after a restart on the same data directory.

LOAD_TEST_SECONDS (default 20) and LOAD_TEST_CLIENTS (default 4) size it; the whole test takes about three
times the load duration (two server starts and the verifications). bench/load.py runs the same load longer and
prints latency percentiles; docs/reliability.md has its figures.
"""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

from bench.load import API_KEY, LoadResult, index_file_matches_database, run_load, verify
from factcheck.corpus import DATABASE_FILE
from tests.api.live import live_server

SECONDS = float(os.environ.get("LOAD_TEST_SECONDS", "20"))
CLIENTS = int(os.environ.get("LOAD_TEST_CLIENTS", "4"))


def test_concurrent_clients_lose_nothing_and_the_index_matches_the_database(tmp_path: Path) -> None:
    data_dir, log_path = tmp_path / "data", tmp_path / "server.log"
    env = {"FACTCHECK_API_KEYS": API_KEY}
    with live_server(data_dir, log_path, env) as (base, process):
        result = run_load(base, clients=CLIENTS, duration=SECONDS)
        assert result.errors == [], "\n".join(result.errors[:20])
        assert_busy(result)
        live = verify(base, result, "live")
        assert live.problems == []
        assert live.sources == len(result.expected_sources()) and live.deletes_checked > 0
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) in (0, -signal.SIGTERM)

    same, stored, indexed = index_file_matches_database(data_dir)
    assert same and stored == indexed == live.sentences

    with live_server(data_dir, log_path, env) as (base, _):
        restarted = verify(base, result, "after a clean restart")
        assert restarted.problems == []
        assert (restarted.sources, restarted.sentences) == (live.sources, live.sentences)

        # The verification can fail: drop one source's sentences behind the server's back (the index keeps
        # their vectors) and it notices, through the counts and through the search over every sentence.
        victim = sorted(result.expected_sources())[0]
        with sqlite3.connect(data_dir / DATABASE_FILE) as db:
            db.execute("DELETE FROM sentences WHERE source_id = ?", (victim,))
        tampered = verify(base, result, "tampered")
        assert any("sentences" in problem for problem in tampered.problems), tampered.problems
        assert any(victim in problem for problem in tampered.problems), tampered.problems

    log = log_path.read_text()
    assert "Traceback" not in log
    assert API_KEY not in log


def assert_busy(result: LoadResult) -> None:
    """Every kind of operation ran, several times, from several clients: the run tested something."""
    operations = result.operations()
    assert set(operations) >= {
        "ingest",
        "delete",
        "repost",
        "shared",
        "read",
        "check_all",
        "check_own",
        "search",
        "report",
    }, operations  # and report_poll, when a report became a job
    assert sum(row["count"] for row in operations.values()) >= 20 * CLIENTS
    assert all(client.acknowledged_ingests > 0 for client in result.clients)
