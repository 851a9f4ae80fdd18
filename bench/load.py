"""Load test of the HTTP service: several clients write, delete, check, search and build reports at once.

Method
------
1. Unless ``--url`` names a running service, start a real ``factcheck serve`` process on a free loopback port
   with a fresh data directory and an API key (writes then go through the key check too).
2. ``--clients`` threads, each with its own HTTP connection, run a random mix of operations for ``--duration``
   seconds: store a new source, delete one of their own, re-send one of their own unchanged (200), store a
   source shared by every client (identical text: 200 or 201), read one of their own back, check a claim
   against all sources or against one of their own, search, and build a report over all sources. Each client
   keeps at most ``--max-own`` sources, so the corpus stays small enough to be verified whole.
3. Every answer is compared with the one status the operation must get; anything else (a 5xx, an unexpected
   4xx, a connection error, a wrong body) is an error. A write whose answer never arrived is "uncertain" and
   left out of the verification below; there are none when the run has no errors.
4. Verification, while the server still runs: the sources listed are exactly those acknowledged as stored and
   not acknowledged as deleted; each has the text and sentence count it was stored with; the sentence count in
   ``/metrics`` (the database) is the sum of the sources' counts; and one search over *every* stored sentence
   returns each source's sentences exactly once, so the vector index holds exactly the database's sentences.
5. When this script started the server: stop it cleanly (SIGTERM), check that the index file it checkpointed
   holds exactly the database's sentence ids, start it again on the same directory and verify again.

Latency is measured per request on the client (connection reuse, JSON encoding and decoding included) and
reported per operation as nearest-rank percentiles.

Usage: ``python bench/load.py [--duration S] [--clients N] [--json] [--url URL --api-key KEY]``
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import shlex
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from factcheck.config import IndexConfig
from factcheck.corpus import DATABASE_FILE, INDEX_FILE
from factcheck.index import load_index
from factcheck.settings import Settings

API_KEY = "load-test-key-7d2e"
STARTUP_SECONDS = 120
REQUEST_TIMEOUT = 120.0
SEARCH_LIMIT = 1000  # the API's largest k: the whole-index check needs the corpus to fit in one search
SHARED_ID = "load-shared"

# Operation -> weight in the mix. "ingest" turns into "delete" when a client already holds --max-own sources.
MIX = {
    "ingest": 26,
    "delete": 12,
    "repost": 5,
    "shared": 4,
    "read": 10,
    "check_all": 14,
    "check_own": 12,
    "search": 12,
    "report": 5,
}
EXPECTED = {
    "ingest": {201},
    "delete": {204},
    "repost": {200},
    "shared": {200, 201},
    "read": {200},
    "check_all": {200},
    "check_own": {200},
    "search": {200},
    "report": {201, 202},  # 202: built as a job while another report holds the slot (FACTCHECK_MAX_REPORT_JOBS)
    "report_poll": {200},
}
WRITES = {"ingest", "delete", "repost", "shared", "report"}

TOWNS = "Velmar Lindhaven Korsby Altmere Brennik Osterfeld Marrow Tolvik Dunhollow Skarra".split()
AGENCIES = "UN|Red Cross|civil protection agency|regional council|coast guard|health ministry".split("|")
PLACES = "river valley|harbour district|old town|northern suburbs|coastal road|market square".split("|")


@dataclass(frozen=True)
class Stored:
    """What a client was told is stored: the text it sent and the sentence count the service answered."""

    text: str
    sentences: int


@dataclass
class ClientLog:
    number: int
    samples: list[tuple[str, int, float]] = field(default_factory=list)  # (operation, status or 0, seconds)
    errors: list[str] = field(default_factory=list)
    present: dict[str, Stored] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    uncertain: set[str] = field(default_factory=set)
    shared: Stored | None = None  # the shared source, once the service acknowledged it
    acknowledged_ingests: int = 0
    acknowledged_deletes: int = 0


@dataclass
class LoadResult:
    duration: float
    clients: list[ClientLog]
    shared: Stored | None

    @property
    def samples(self) -> list[tuple[str, int, float]]:
        return [sample for client in self.clients for sample in client.samples]

    @property
    def errors(self) -> list[str]:
        return [error for client in self.clients for error in client.errors]

    def expected_sources(self) -> dict[str, Stored]:
        expected = {source_id: stored for c in self.clients for source_id, stored in c.present.items()}
        if self.shared is not None:
            expected[SHARED_ID] = self.shared
        return expected

    def expected_absent(self) -> set[str]:
        return {source_id for c in self.clients for source_id in c.deleted}

    def uncertain(self) -> set[str]:
        return {source_id for c in self.clients for source_id in c.uncertain}

    def operations(self) -> dict[str, dict[str, Any]]:
        by_op: dict[str, list[tuple[int, float]]] = {}
        for op, status, seconds in self.samples:
            by_op.setdefault(op, []).append((status, seconds))
        failed = Counter(error.split(":", 1)[0] for error in self.errors)
        table = {}
        for op in sorted(by_op):
            latencies = sorted(seconds for _, seconds in by_op[op])
            table[op] = {
                "count": len(latencies),
                "errors": failed.get(op, 0),
                "statuses": dict(sorted(Counter(str(status) for status, _ in by_op[op]).items())),
                **{f"p{q}_ms": round(1000 * percentile(latencies, q), 1) for q in (50, 95, 99)},
                "max_ms": round(1000 * latencies[-1], 1),
            }
        return table


def percentile(ordered: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of an ascending sequence."""
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


# -- the clients ------------------------------------------------------------------------------------------
def article(rng: random.Random, source_id: str) -> str:
    """Four sentences of wire copy with figures, a place and an agency, ending with a unique marker sentence."""
    town, agency, place = rng.choice(TOWNS), rng.choice(AGENCIES), rng.choice(PLACES)
    return (
        f"Officials in {town} said {rng.randint(2, 900)} people were evacuated from the {place} on Monday. "
        f"The {agency} reported that {rng.randint(2, 400)} homes were damaged by the storm. "
        f"Rescue crews from {town} worked through the night to reopen the {place}. "
        f"This wire report carries the reference {source_id}."
    )


def claim(rng: random.Random) -> str:
    return f"Officials in {rng.choice(TOWNS)} said {rng.randint(2, 900)} people were evacuated on Monday"


class Client:
    """One client: a connection of its own, its own sources, and a log of every request."""

    def __init__(self, number: int, base: str, key: str | None, deadline: float, seed: int, max_own: int) -> None:
        self.log = ClientLog(number)
        self.rng = random.Random(seed * 1000 + number)
        self.deadline = deadline
        self.max_own = max_own
        self.counter = 0
        self.write_headers = {"X-API-Key": key} if key else {}
        self.http = httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT)

    def run(self, shared_text: str) -> None:
        self.shared_text = shared_text
        ops, weights = list(MIX), list(MIX.values())
        try:
            while time.monotonic() < self.deadline:
                op = self.rng.choices(ops, weights)[0]
                if op == "ingest" and len(self.log.present) >= self.max_own:
                    op = "delete"
                if op in {"delete", "repost", "read", "check_own"} and not self.log.present:
                    op = "ingest"
                getattr(self, op)()
        finally:
            self.http.close()

    def request(self, op: str, method: str, url: str, **kwargs: Any) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = self.http.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            self.log.samples.append((op, 0, time.perf_counter() - started))
            self.log.errors.append(f"{op}: {method} {url}: {type(exc).__name__}: {exc}")
            return None
        self.log.samples.append((op, response.status_code, time.perf_counter() - started))
        if response.status_code not in EXPECTED[op]:
            self.log.errors.append(f"{op}: {method} {url}: HTTP {response.status_code}: {response.text[:300]}")
            return None
        return response

    def fail(self, op: str, message: str) -> None:
        self.log.errors.append(f"{op}: {message}")

    def own(self) -> str:
        return self.rng.choice(sorted(self.log.present))

    # -- operations ------------------------------------------------------------------------------------
    def ingest(self) -> None:
        self.counter += 1
        source_id = f"load-c{self.log.number}-{self.counter}"
        text = article(self.rng, source_id)
        body = {"id": source_id, "title": f"Storm update {self.counter}", "outlet": "Load Wire", "text": text}
        response = self.request("ingest", "POST", "/v1/sources", json=body, headers=self.write_headers)
        if response is None:
            self.log.uncertain.add(source_id)
            return
        sentences = int(response.json()["sentences"])
        self.log.present[source_id] = Stored(text, sentences)
        self.log.acknowledged_ingests += 1

    def delete(self) -> None:
        source_id = self.own()
        response = self.request("delete", "DELETE", f"/v1/sources/{source_id}", headers=self.write_headers)
        if response is None:
            self.log.uncertain.add(source_id)
            del self.log.present[source_id]
            return
        del self.log.present[source_id]
        self.log.deleted.add(source_id)
        self.log.acknowledged_deletes += 1

    def repost(self) -> None:
        source_id = self.own()
        body = {"id": source_id, "text": self.log.present[source_id].text}
        response = self.request("repost", "POST", "/v1/sources", json=body, headers=self.write_headers)
        if response is not None and response.json()["sentences"] != self.log.present[source_id].sentences:
            self.fail("repost", f"{source_id}: sentence count changed on an unchanged re-send: {response.text}")

    def shared(self) -> None:
        body = {"id": SHARED_ID, "text": self.shared_text}
        response = self.request("shared", "POST", "/v1/sources", json=body, headers=self.write_headers)
        if response is not None:
            self.log.shared = Stored(self.shared_text, int(response.json()["sentences"]))

    def read(self) -> None:
        source_id = self.own()
        response = self.request("read", "GET", f"/v1/sources/{source_id}")
        if response is not None and response.json()["text"] != self.log.present[source_id].text:
            self.fail("read", f"{source_id}: the stored text differs from the text sent")

    def check_all(self) -> None:
        response = self.request("check_all", "POST", "/v1/claims/check", json={"claim": claim(self.rng), "top_k": 3})
        if response is not None and response.json()["verdict"] not in {"agree", "conflict", "mixed", "unverified"}:
            self.fail("check_all", f"no verdict: {response.text[:300]}")

    def check_own(self) -> None:
        source_id = self.own()
        body = {"claim": claim(self.rng), "source_ids": [source_id], "top_k": 3}
        response = self.request("check_own", "POST", "/v1/claims/check", json=body)
        if response is not None and [s["source_id"] for s in response.json()["sources"]] != [source_id]:
            self.fail("check_own", f"{source_id}: the answer is not about the source asked for: {response.text[:300]}")

    def search(self) -> None:
        params = {"q": f"people evacuated from {self.rng.choice(PLACES)}", "k": 5}
        response = self.request("search", "GET", "/v1/search", params=params)
        if response is not None and not isinstance(response.json(), list):
            self.fail("search", f"not a list: {response.text[:300]}")

    def report(self) -> None:
        response = self.request("report", "POST", "/v1/reports", json={}, headers=self.write_headers)
        if response is None:
            return
        body = response.json()
        deadline = time.monotonic() + REQUEST_TIMEOUT
        while body["status"] == "running" and time.monotonic() < deadline:  # a job: follow it to the end
            time.sleep(0.2)
            polled = self.request("report_poll", "GET", f"/v1/reports/{body['id']}")
            if polled is None:
                return
            body = polled.json()
        if body["status"] != "done":
            self.fail("report", f"a report over all sources did not finish: {json.dumps(body)[:300]}")


def run_load(
    base: str, *, clients: int, duration: float, key: str | None = API_KEY, seed: int = 1, max_own: int = 12
) -> LoadResult:
    """Run ``clients`` clients against ``base`` for ``duration`` seconds; every request is logged."""
    deadline = time.monotonic() + duration
    shared_text = article(random.Random(seed), SHARED_ID)
    workers = [Client(n, base, key, deadline, seed, max_own) for n in range(clients)]
    threads = [threading.Thread(target=w.run, args=(shared_text,), name=f"load-{w.log.number}") for w in workers]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    shared = next((w.log.shared for w in workers if w.log.shared is not None), None)
    return LoadResult(elapsed, [w.log for w in workers], shared)


# -- verification ---------------------------------------------------------------------------------------
@dataclass
class Verification:
    phase: str
    sources: int = 0
    sentences: int = 0
    texts_checked: int = 0
    deletes_checked: int = 0
    index_sentences_found: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def list_all_sources(http: httpx.Client) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        page = http.get("/v1/sources", params={"offset": len(items), "limit": 500})
        page.raise_for_status()
        body = page.json()
        items += body["items"]
        if len(items) >= body["total"] or not body["items"]:
            return items


def verify(base: str, result: LoadResult, phase: str) -> Verification:
    """Everything acknowledged is there, nothing acknowledged as deleted is, and the index matches the database."""
    return verify_state(base, result.expected_sources(), result.expected_absent(), result.uncertain(), phase)


def verify_state(
    base: str,
    expected: Mapping[str, Stored],
    absent: AbstractSet[str] = frozenset(),
    uncertain: AbstractSet[str] = frozenset(),
    phase: str = "",
) -> Verification:
    """The service holds exactly ``expected`` (give or take ``uncertain`` ids) with their texts, none of
    ``absent``, and its vector index holds exactly the database's sentences."""
    check = Verification(phase)
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT) as http:
        listed = {item["id"]: item for item in list_all_sources(http)}
        check.sources = len(listed)
        check.sentences = sum(item["sentences"] for item in listed.values())
        for source_id in sorted(set(expected) - set(listed) - uncertain):
            check.problems.append(f"acknowledged source {source_id} is missing")
        for source_id in sorted(set(listed) - set(expected) - uncertain):
            reason = "was acknowledged as deleted" if source_id in absent else "was never acknowledged"
            check.problems.append(f"source {source_id} is listed but {reason}")
        for source_id in sorted(set(expected) & set(listed)):
            detail = http.get(f"/v1/sources/{source_id}").json()
            if detail["text"] != expected[source_id].text or detail["sentences"] != expected[source_id].sentences:
                check.problems.append(f"source {source_id} does not hold what was acknowledged")
            check.texts_checked += 1
        for source_id in sorted(absent - uncertain - set(expected)):
            status = http.get(f"/v1/sources/{source_id}").status_code
            if status != 404:
                check.problems.append(f"deleted source {source_id} answers {status}, not 404")
            check.deletes_checked += 1
        metrics = parse_metrics(http.get("/metrics").text)
        if metrics.get("factcheck_sentences") != check.sentences:
            check.problems.append(
                f"the database counts {metrics.get('factcheck_sentences')} sentences, the sources {check.sentences}"
            )
        if metrics.get("factcheck_sources") != check.sources:
            check.problems.append(f"/metrics counts {metrics.get('factcheck_sources')} sources, listed {check.sources}")
        check.index_sentences_found = _check_index(http, listed, check)
    return check


def _check_index(http: httpx.Client, listed: dict[str, dict[str, Any]], check: Verification) -> int | None:
    """One search for every stored sentence: the index must return each source's sentences, no more, no less.

    A vector left behind by a deleted sentence takes a place in the top k and is then dropped (its sentence is
    gone), and a missing vector is never found: either way some source comes back short.
    """
    total = check.sentences
    if total == 0:
        return 0
    if total > SEARCH_LIMIT:
        check.problems.append(f"{total} sentences: more than one search can return, the index was not verified")
        return None
    hits = http.get("/v1/search", params={"q": "people evacuated after the storm", "k": total}).json()
    found = Counter(hit["source_id"] for hit in hits)
    for source_id, item in listed.items():
        if found.get(source_id, 0) != item["sentences"]:
            check.problems.append(
                f"the index returns {found.get(source_id, 0)} sentences of {source_id}, it has {item['sentences']}"
            )
    if len(hits) != total:
        check.problems.append(f"a search for all {total} sentences returned {len(hits)}")
    return len(hits)


def parse_metrics(text: str) -> dict[str, float]:
    values = {}
    for line in text.splitlines():
        if line and not line.startswith("#") and "{" not in line:
            name, value = line.rsplit(" ", 1)
            values[name] = float(value)
    return values


def index_file_matches_database(data_dir: Path, index_kind: str | None = None) -> tuple[bool, int, int]:
    """With the server stopped: (same ids?, sentence ids in the database, ids in the checkpointed index file)."""
    with sqlite3.connect(f"file:{data_dir / DATABASE_FILE}?mode=ro", uri=True) as db:
        stored = {int(row[0]) for row in db.execute("SELECT id FROM sentences")}
    kind = index_kind or str(Settings.model_fields["index_type"].default)  # the service's default index
    indexed = {int(i) for i in load_index(IndexConfig(kind=kind), data_dir / INDEX_FILE).ids().tolist()}
    return stored == indexed, len(stored), len(indexed)


def clean_up(base: str, result: LoadResult, key: str | None) -> int:
    """Delete the sources the run left in a service it did not start; returns how many."""
    headers = {"X-API-Key": key} if key else {}
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT) as http:
        statuses = [
            http.delete(f"/v1/sources/{source_id}", headers=headers).status_code
            for source_id in sorted(result.expected_sources())
        ]
    return statuses.count(204)


# -- the server -------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def server(data_dir: Path, log_path: Path, key: str | None = API_KEY) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``factcheck serve`` on a free loopback port; yields once /readyz answers; SIGTERM and wait at the end.

    The environment's FACTCHECK_* settings are left out; ``key`` None runs the service without API keys.
    """
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("FACTCHECK_")}
    if key is not None:
        env["FACTCHECK_API_KEYS"] = key
    command = [sys.executable, "-m", "factcheck.cli", "serve", "--port", str(port), "--data-dir", str(data_dir)]
    with log_path.open("ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited with {process.returncode}; see {log_path}")
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server was not ready after {STARTUP_SECONDS} s; see {log_path}")
            time.sleep(0.1)
        yield base, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# -- the command ------------------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "command": "python bench/load.py " + shlex.join(sys.argv[1:]),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "clients": args.clients,
        "duration_s": args.duration,
        "load_average_before": round(os.getloadavg()[0], 2),  # the machines are shared: say how busy it was
    }
    verifications: list[Verification] = []
    if args.url:
        result = run_load(args.url, clients=args.clients, duration=args.duration, key=args.api_key, seed=args.seed)
        verifications.append(verify(args.url, result, "live"))
        summary["restarts"] = 0
        summary["cleaned_up"] = clean_up(args.url, result, args.api_key)
    else:
        with tempfile.TemporaryDirectory(prefix="factcheck-load-") as scratch:
            data_dir = Path(args.data_dir) if args.data_dir else Path(scratch) / "data"
            log_path = Path(scratch) / "server.log"
            with server(data_dir, log_path) as (base, process):
                result = run_load(base, clients=args.clients, duration=args.duration, seed=args.seed)
                verifications.append(verify(base, result, "live, under the same server"))
                process.send_signal(signal.SIGTERM)
                summary["exit_status"] = process.wait(timeout=60)
            files = [index_file_matches_database(data_dir)]
            with server(data_dir, log_path) as (base, _):
                verifications.append(verify(base, result, "after a clean restart"))
            files.append(index_file_matches_database(data_dir))
            summary["restarts"] = 1
            summary["index_file_matches_database"] = [
                {"same_ids": same, "database_sentences": stored, "index_vectors": indexed}
                for same, stored, indexed in files
            ]
            log = log_path.read_text(errors="replace")
            summary["server_log_tracebacks"] = log.count("Traceback")
            summary["key_in_server_log"] = API_KEY in log
    samples = result.samples
    summary["load_average_after"] = round(os.getloadavg()[0], 2)
    summary |= {
        "elapsed_s": round(result.duration, 1),
        "requests": len(samples),
        "requests_per_s": round(len(samples) / result.duration, 1),
        "errors": len(result.errors),
        "error_samples": result.errors[:10],
        "acknowledged_ingests": sum(c.acknowledged_ingests for c in result.clients),
        "acknowledged_deletes": sum(c.acknowledged_deletes for c in result.clients),
        "operations": result.operations(),
        "verification": [
            {
                "phase": v.phase,
                "sources": v.sources,
                "sentences": v.sentences,
                "texts_checked": v.texts_checked,
                "deletes_checked": v.deletes_checked,
                "index_sentences_found": v.index_sentences_found,
                "problems": v.problems,
            }
            for v in verifications
        ],
    }
    summary["ok"] = not result.errors and all(v.ok for v in verifications)
    return summary


def render_markdown(summary: dict[str, Any]) -> str:
    lines = [
        f"Command: `{summary['command']}` ({summary['date']}; {summary['machine']}; 1-min load average "
        f"{summary['load_average_before']} before, {summary['load_average_after']} after).",
        "",
        f"{summary['clients']} clients for {summary['elapsed_s']} s: {summary['requests']} requests "
        f"({summary['requests_per_s']}/s), **{summary['errors']} errors**; {summary['acknowledged_ingests']} "
        f"sources stored and {summary['acknowledged_deletes']} deleted (acknowledged); restarts survived: "
        f"{summary['restarts']}.",
        "",
        "| operation | requests | errors | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for op, row in summary["operations"].items():
        lines.append(
            f"| {op} | {row['count']} | {row['errors']} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} "
            f"| {row['max_ms']} |"
        )
    lines.append("")
    for v in summary["verification"]:
        state = "ok" if not v["problems"] else "PROBLEMS: " + "; ".join(v["problems"][:5])
        lines.append(
            f"- {v['phase']}: {v['sources']} sources, {v['sentences']} sentences; {v['texts_checked']} texts and "
            f"{v['deletes_checked']} deletes verified; a search over all sentences found "
            f"{v['index_sentences_found']}: {state}."
        )
    for n, files in enumerate(summary.get("index_file_matches_database", []), start=1):
        lines.append(
            f"- index file after clean stop {n}: {files['index_vectors']} vectors for "
            f"{files['database_sentences']} database sentences, same ids: {files['same_ids']}."
        )
    if "cleaned_up" in summary:
        lines.append(f"- deleted the {summary['cleaned_up']} sources the run left in the service.")
    if "server_log_tracebacks" in summary:
        lines.append(
            f"- server log: {summary['server_log_tracebacks']} tracebacks; the API key appears in it: "
            f"{summary['key_in_server_log']}; exit status of the clean stop: {summary.get('exit_status')}."
        )
    if summary["error_samples"]:
        lines += ["", "Errors (first 10):", *(f"- {error}" for error in summary["error_samples"])]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load (default 30)")
    parser.add_argument("--clients", type=int, default=6, help="concurrent clients (default 6)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the operation mix")
    parser.add_argument("--url", help="a running service to load instead of starting one (no restart checks)")
    parser.add_argument("--api-key", default=None, help="write key of the service named by --url")
    parser.add_argument("--data-dir", help="data directory of the server this script starts (default: temporary)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON instead of Markdown")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    summary = run(args)
    print(json.dumps(summary, indent=2) if args.json else render_markdown(summary))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
