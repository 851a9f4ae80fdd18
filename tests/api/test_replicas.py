"""Two `factcheck serve` processes on one PostgreSQL store, as replicas behind a proxy would run.

Writes through one are read, searched, checked and reported through the other at once (each replica's vector
index applies the store's change sequence before a search: docs/deploy.md states the bound); writers through
both at once lose nothing; a replica killed mid-write loses nothing it acknowledged and leaves nothing half
written; a report queued through one is built by whichever replica takes it and served by both.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx

from tests.api.conftest import EXAMPLE_IDS, UN_CLAIM
from tests.api.live import live_server
from tests.api.test_server_crash import big_text, small


@contextmanager
def two_replicas(tmp_path: Path, url: str, **env: str) -> Iterator[tuple[str, str, Any]]:
    overrides = {"FACTCHECK_DATABASE_URL": url, **{f"FACTCHECK_{k.upper()}": v for k, v in env.items()}}
    with ExitStack() as stack:
        # One after the other: the first creates the schema, the second finds it.
        one, first = stack.enter_context(live_server(tmp_path / "one", tmp_path / "one.log", overrides))
        two, _ = stack.enter_context(live_server(tmp_path / "two", tmp_path / "two.log", overrides))
        yield one, two, first


def wait_done(http: httpx.Client, base: str, report_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        body: dict[str, Any] = http.get(f"{base}/v1/reports/{report_id}").json()
        if body["status"] != "running":
            return body
        time.sleep(0.2)
    raise AssertionError(f"report {report_id} never finished")


def test_writes_through_one_replica_are_read_checked_and_reported_through_the_other(
    tmp_path: Path, postgres_url: str, example_bodies: dict[str, dict[str, Any]]
) -> None:
    with (
        two_replicas(tmp_path, postgres_url, report_inline_sentences="0") as (one, two, _),
        httpx.Client(timeout=120) as http,
    ):
        for body in example_bodies.values():
            assert http.post(f"{one}/v1/sources", json=body).status_code == 201
        listed = http.get(f"{two}/v1/sources").json()
        assert sorted(s["id"] for s in listed["items"]) == sorted(EXAMPLE_IDS)
        hits = http.get(f"{two}/v1/search", params={"q": "people killed in the floods", "k": 10}).json()
        assert {h["source_id"] for h in hits} == set(EXAMPLE_IDS)

        check = http.post(f"{two}/v1/claims/check", json={"claim": UN_CLAIM}).json()
        verdicts = {s["source_id"]: s["verdict"] for s in check["sources"]}
        assert verdicts == {"harbor-daily": "agree", "northern-ledger": "agree", "radio-meridian": "conflict"}
        assert all(s["evidence"] for s in check["sources"])

        queued = http.post(f"{two}/v1/reports", json={})
        assert queued.status_code == 202  # inline builds are off: it goes through the store's queue
        report_id = queued.json()["id"]
        from_one, from_two = wait_done(http, one, report_id), wait_done(http, two, report_id)
        assert from_one["status"] == "done" and from_one == from_two
        assert any(t["status"] == "conflict" for t in from_one["topics"])

        assert http.delete(f"{one}/v1/sources/radio-meridian").status_code == 204
        after = http.post(f"{two}/v1/claims/check", json={"claim": UN_CLAIM}).json()
        assert {s["source_id"]: s["verdict"] for s in after["sources"]} == {
            "harbor-daily": "agree",
            "northern-ledger": "agree",
        }
        hits = http.get(f"{two}/v1/search", params={"q": "people killed in the floods", "k": 10}).json()
        assert "radio-meridian" not in {h["source_id"] for h in hits}


def test_writers_through_both_replicas_at_once_lose_nothing(tmp_path: Path, postgres_url: str) -> None:
    with two_replicas(tmp_path, postgres_url) as (one, two, _):
        acknowledged: list[str] = []
        lock = threading.Lock()

        def write(base: str, first: int) -> None:
            with httpx.Client(timeout=120) as http:
                for n in range(first, first + 15):
                    body = small(n)
                    if http.post(f"{base}/v1/sources", json=body, params={"conflicts": "false"}).status_code == 201:
                        with lock:
                            acknowledged.append(body["id"])
                # The same source through both replicas at once is stored once: the second is a no-op.
                shared = {"id": "shared", "text": small(99)["text"]}
                answer = http.post(f"{base}/v1/sources", json=shared, params={"conflicts": "false"})
                assert answer.status_code in (200, 201), answer.text

        writers = [threading.Thread(target=write, args=args) for args in ((one, 0), (two, 100))]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join()
        assert len(acknowledged) == 30
        with httpx.Client(timeout=60) as http:
            for base in (one, two):
                stored = http.get(f"{base}/v1/sources", params={"limit": 100}).json()["items"]
                assert sorted(s["id"] for s in stored) == sorted([*acknowledged, "shared"])
                hits = http.get(f"{base}/v1/search", params={"q": "roads reopened in district 7", "k": 3}).json()
                assert hits[0]["source_id"] == "small-7"


def test_a_replica_killed_mid_write_loses_nothing_it_acknowledged(tmp_path: Path, postgres_url: str) -> None:
    with two_replicas(tmp_path, postgres_url) as (one, two, first):
        acknowledged: list[str] = []
        stop = threading.Event()

        def write() -> None:
            with httpx.Client(timeout=60) as http:
                n = 0
                while not stop.is_set():
                    body = {"id": f"big-{n}", "text": big_text(40)} if n % 3 == 2 else small(n)
                    try:
                        answer = http.post(f"{one}/v1/sources", json=body, params={"conflicts": "false"})
                    except httpx.TransportError:
                        return  # killed mid-request: not acknowledged
                    if answer.status_code == 201:
                        acknowledged.append(body["id"])
                    n += 1

        writer = threading.Thread(target=write)
        writer.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < 6 and time.monotonic() < deadline:
            time.sleep(0.05)
        first.kill()  # SIGKILL, mid-write
        first.wait()
        stop.set()
        writer.join()
        assert len(acknowledged) >= 6
        with httpx.Client(timeout=60) as http:
            stored = {s["id"]: s for s in http.get(f"{two}/v1/sources", params={"limit": 200}).json()["items"]}
            assert set(acknowledged) <= set(stored)
            # Beyond those, at most the write in flight: committed, its answer never sent.
            assert len(set(stored) - set(acknowledged)) <= 1
            for source_id in stored:  # whole: every sentence with its vector and claims, searchable
                source = stored[source_id]
                assert source["sentences"] >= 2
                claims = http.get(f"{two}/v1/sources/{source_id}/claims").json()
                assert claims["claims"], source_id
            hits = http.get(f"{two}/v1/search", params={"q": "damaged houses along the river", "k": 5}).json()
            if any(s.startswith("big-") for s in acknowledged):
                assert hits[0]["source_id"].startswith("big-")
