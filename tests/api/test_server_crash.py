"""A real server killed (SIGKILL) in the middle of an ingest and of a report job, then started again on the same
data directory: every acknowledged write is there and searchable, nothing half-written is, the index and the
database agree, and the interrupted report is marked failed with a clear reason.

tests/factcheck/test_crash.py kills the library at chosen points inside a write; here the whole service dies
with requests in flight, as it would under an out-of-memory killer or a power cut of the process.
"""

from __future__ import annotations

import signal
import sqlite3
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from bench.load import Stored, index_file_matches_database, verify_state
from factcheck.corpus import DATABASE_FILE
from factcheck.report_store import INTERRUPTED
from tests.api.conftest import assert_error
from tests.api.live import live_server

SLOW_REPORTS = (sys.executable, str(Path(__file__).with_name("slow_report_server.py")))


def small(n: int) -> dict[str, str]:
    return {
        "id": f"small-{n}",
        "text": f"Officials said {n + 5} people were evacuated from district {n} on Monday. "
        f"Crews reopened {n + 2} roads in district {n} by the evening.",
    }


def big_text(sentences: int) -> str:
    return " ".join(
        f"Survey team {i} counted {i * 3 + 7} damaged houses along the river on day {i % 30 + 1}."
        for i in range(sentences)
    )


def assert_database_whole(data_dir: Path) -> None:
    """Read with the server stopped: no sentence without its source, every source with all its sentences, no
    claim without its sentence, no report done without a body, and the index file holding the same ids."""
    with sqlite3.connect(f"file:{data_dir / DATABASE_FILE}?mode=ro", uri=True) as db:
        orphans = db.execute("SELECT count(*) FROM sentences WHERE source_id NOT IN (SELECT id FROM sources)")
        assert orphans.fetchone()[0] == 0
        short = db.execute(
            "SELECT s.id FROM sources s WHERE s.sentence_count != "
            "(SELECT count(*) FROM sentences t WHERE t.source_id = s.id)"
        ).fetchall()
        assert short == []
        claims = db.execute("SELECT count(*) FROM claims WHERE sentence_id NOT IN (SELECT id FROM sentences)")
        assert claims.fetchone()[0] == 0
        half = db.execute("SELECT id FROM reports WHERE status = 'done' AND (body IS NULL OR body = '')")
        assert half.fetchall() == []
    same, stored, indexed = index_file_matches_database(data_dir)
    assert same, f"{stored} sentences in the database, {indexed} vectors in the index file"


def test_kill_during_a_large_ingest_with_writes_in_flight(tmp_path: Path) -> None:
    data_dir, log_path = tmp_path / "data", tmp_path / "server.log"
    expected: dict[str, Stored] = {}
    deleted: set[str] = set()
    uncertain: set[str] = set()
    big = {"id": "big-survey", "text": big_text(2500)}
    big_outcome: list[object] = []
    failures: list[str] = []
    stop = threading.Event()

    def writer(base: str, first: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as http:
            n = first
            while not stop.is_set():
                body = small(n)
                try:
                    response = http.post("/v1/sources", json=body)
                except httpx.TransportError:
                    uncertain.add(body["id"])
                    return
                if response.status_code != 201:
                    failures.append(f"{body['id']}: {response.status_code} {response.text}")
                    return
                expected[body["id"]] = Stored(body["text"], response.json()["sentences"])
                n += 2

    def big_ingest(base: str) -> None:
        try:
            big_outcome.append(httpx.post(f"{base}/v1/sources", json=big, timeout=300))
        except httpx.TransportError as exc:
            big_outcome.append(exc)

    with live_server(data_dir, log_path) as (base, process):
        with httpx.Client(base_url=base, timeout=60) as http:
            for n in range(1000, 1006):
                response = http.post("/v1/sources", json=small(n))
                assert response.status_code == 201
                expected[f"small-{n}"] = Stored(small(n)["text"], response.json()["sentences"])
            for n in (1000, 1003):  # acknowledged deletes: their vectors may still be in the index file
                assert http.delete(f"/v1/sources/small-{n}").status_code == 204
                del expected[f"small-{n}"]
                deleted.add(f"small-{n}")
        writers = [threading.Thread(target=writer, args=(base, first)) for first in (0, 1)]
        for thread in writers:
            thread.start()
        deadline = time.monotonic() + 60
        while len(expected) < 10 and not failures:  # the writers are getting answers
            assert time.monotonic() < deadline, "the writers got no answers"
            time.sleep(0.05)
        ingest = threading.Thread(target=big_ingest, args=(base,))
        ingest.start()
        time.sleep(3)  # 2,500 sentences take far longer than this to embed and parse on any machine here
        assert ingest.is_alive(), big_outcome
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        ingest.join(timeout=30)
        stop.set()
        for thread in writers:
            thread.join(timeout=30)
    assert failures == []
    assert isinstance(big_outcome[0], httpx.TransportError), "the kill came after the large ingest answered"
    uncertain.add(big["id"])
    acknowledged = len(expected)
    print(f"killed with {acknowledged} sources acknowledged, {len(uncertain)} writes unanswered: {sorted(uncertain)}")

    with live_server(data_dir, log_path) as (base, _):
        state = verify_state(base, expected, deleted, uncertain, "after SIGKILL")
        assert state.problems == []
        assert state.texts_checked == acknowledged >= 10 and state.deletes_checked == 2
        with httpx.Client(base_url=base, timeout=60) as http:
            survey = http.get("/v1/sources/big-survey")
            if survey.status_code == 200:  # committed just before the kill: then it is whole
                assert survey.json()["text"] == big["text"] and survey.json()["sentences"] == 2500
            else:
                assert_error(survey, 404, "not_found")
            for source_id in sorted(expected)[:4]:  # searchable by what they say
                district = source_id.split("-")[1]
                hits = http.get("/v1/search", params={"q": f"people evacuated from district {district}", "k": 3})
                assert source_id in {hit["source_id"] for hit in hits.json()}, hits.text
            assert http.post("/v1/sources", json=small(2000)).status_code == 201  # and it takes writes again
    assert_database_whole(data_dir)
    assert "Traceback" not in log_path.read_text()


def seed(base: str, bodies: dict[str, dict[str, Any]]) -> None:
    with httpx.Client(base_url=base, timeout=60) as http:
        for body in bodies.values():
            assert http.post("/v1/sources", json=body).status_code == 201


def start_job(base: str) -> str:
    """POST a report that runs as a job and wait until it is comparing claims (past reading the sources)."""
    with httpx.Client(base_url=base, timeout=60) as http:
        response = http.post("/v1/reports", json={})
        assert response.status_code == 202, response.text
        report_id = str(response.json()["id"])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            body = http.get(f"/v1/reports/{report_id}").json()
            assert body["status"] == "running", body
            if (body["progress"] or {}).get("stage") == "compare":
                return report_id
            time.sleep(0.1)
    raise AssertionError("the report job never reached the compare stage")


def assert_failed_cleanly(http: httpx.Client, report_id: str) -> None:
    body = http.get(f"/v1/reports/{report_id}").json()
    assert body["status"] == "failed" and body["error"] == INTERRUPTED, body
    assert body.get("topics") is None and body.get("summary") is None
    assert_error(http.get(f"/v1/reports/{report_id}", params={"format": "html"}), 409, "not_ready")


def test_kill_and_stop_during_report_jobs(tmp_path: Path, example_bodies: dict[str, dict[str, Any]]) -> None:
    """SIGKILL during one job, then a clean stop (SIGTERM) during another: each is marked failed at the next
    start, never left half-written, and the stop does not wait for the job to finish."""
    data_dir, log_path = tmp_path / "data", tmp_path / "server.log"
    jobs = {"FACTCHECK_REPORT_INLINE_SENTENCES": "0"}
    with live_server(data_dir, log_path, jobs, program=SLOW_REPORTS) as (base, process):
        seed(base, example_bodies)
        killed = start_job(base)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    with live_server(data_dir, log_path, jobs, program=SLOW_REPORTS) as (base, process):
        with httpx.Client(base_url=base, timeout=60) as http:
            assert_failed_cleanly(http, killed)
        stopped = start_job(base)
        process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        assert process.wait(timeout=60) in (0, -signal.SIGTERM)
        stopped_in = time.monotonic() - started
    # The job is abandoned, not finished first (a step takes 0.5 s here and the report has dozens left).
    assert stopped_in < 10, f"the server took {stopped_in:.1f} s to stop"

    with live_server(data_dir, log_path) as (base, _), httpx.Client(base_url=base, timeout=60) as http:
        assert_failed_cleanly(http, stopped)
        again = http.post("/v1/reports", json={})  # small enough to be built in the request
        assert again.status_code == 201 and again.json()["status"] == "done", again.text
        assert again.json()["summary"]["conflict"] == 2
    with sqlite3.connect(f"file:{data_dir / DATABASE_FILE}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT id, status, body FROM reports WHERE id IN (?, ?)", (killed, stopped)).fetchall()
    assert sorted(rows) == sorted([(killed, "failed", None), (stopped, "failed", None)])
    assert_database_whole(data_dir)
    log = log_path.read_text()
    assert "Traceback" not in log, log[-3000:]
