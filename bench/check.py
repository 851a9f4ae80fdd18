"""Claim-check latency through HTTP against a running server, and the server's memory, at 10k and 100k sentences.

Method
------
1. Corpora: all BASIL articles (``../shared/data/basil``) plus generated articles (``bench/synthetic.py``, a
   fictional world written by this project) until the corpus holds the requested number of sentences. Each
   corpus is built once with the library's full ingest (segmentation, embedding, claim extraction, index) and
   kept in ``~/.cache/factcheck-bench`` under a key naming its size, extractor and embedder; later runs reuse it.
   Building 100k sentences takes about 20 minutes on 2 cores.
2. Claims: ``--queries`` stored sentences drawn at random (seeded) from the corpus; in every other one the first
   figure is changed (doubled plus one), so the typed conflict path is exercised as much as the agreeing one.
3. A real ``factcheck serve`` process on a loopback port, on a copy-free read of the cached data directory.
   After ``--warmup`` requests, the claims are POSTed one at a time to ``/v1/claims/check`` (keep-alive
   connection, default ``top_k``); the client measures each request from send to the last byte. Every answer
   must be 200.
4. Memory: the server's resident set size after the run and its peak (``VmHWM``); bytes per stored sentence
   = size of the data directory (SQLite database and FAISS index) / sentences.

Targets (issue 5): at 100k sentences p50 <= 50 ms and p95 <= 150 ms.

Usage: ``python bench/check.py [--sizes 10000,100000] [--queries 200] [--json] [--write-docs]``
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shlex
import signal
import sqlite3
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import Any

import httpx
import load
import psutil
import synthetic
from _common import (
    BASIL_DIR,
    CACHE_DIR,
    DOCS_FILE,
    CpuSample,
    built_summary,
    cached_data_dir,
    contention_warning,
    load_articles,
    machine_during,
    machine_line,
    percentile,
    progress,
    publish,
)

from factcheck import Config, Corpus, IngestFailure, Segmenter, SourceInput
from factcheck.claims.extract import SpacyClaimExtractor
from factcheck.settings import Settings

SECTION_TITLE = "## Claim check through HTTP"
TARGET_P50_MS = 50.0
TARGET_P95_MS = 150.0
SYNTHETIC_SEED = 7
_NUMBER = re.compile(r"\b\d[\d,]*\b")


# -- corpora ------------------------------------------------------------------------------------------
def _sources_up_to(sentences: int, basil_dir: Path) -> Iterator[SourceInput]:
    """BASIL first, then generated articles, until about ``sentences`` sentences (whole articles)."""
    segmenter = Segmenter()
    basil, _ = load_articles(basil_dir, 10_000) if basil_dir.is_dir() else ([], "")
    total = 0
    for source in chain(basil, synthetic.articles(seed=SYNTHETIC_SEED, count=10_000_000)):
        if total >= sentences:
            return
        total += len(segmenter.split(source.text))
        yield source


def service_config(data_dir: Path) -> Config:
    """The configuration ``factcheck serve`` uses by default (its embedder, index), for this data directory."""
    env = {k: v for k, v in os.environ.items() if k.startswith("FACTCHECK_")}
    for name in env:
        del os.environ[name]  # the service is started without them too
    try:
        return Settings(data_dir=data_dir).to_config()
    finally:
        os.environ.update(env)


def corpus_dir(sentences: int, basil_dir: Path, cache_dir: Path) -> Path:
    embedder = service_config(cache_dir).embedder.name
    key = f"check-{sentences}-{SpacyClaimExtractor.version}-{embedder}-basil{int(basil_dir.is_dir())}"

    def build(path: Path) -> dict[str, Any]:
        progress(f"building the {sentences:,}-sentence corpus in {path} (once; reused by later runs)")
        stored = failures = 0
        with Corpus.open(service_config(path)) as corpus:
            for number, outcome in enumerate(corpus.ingest_many(_sources_up_to(sentences, basil_dir)), 1):
                if isinstance(outcome, IngestFailure):
                    failures += 1
                else:
                    stored += outcome.sentences
                if number % 200 == 0:
                    progress(f"  {number:,} sources, {stored:,} sentences")
            return {"sources": corpus.count_sources(), "sentences": corpus.count_sentences(), "failures": failures}

    return cached_data_dir(key, build, cache_dir)


def sample_claims(data_dir: Path, count: int, seed: int = 11) -> list[str]:
    """Stored sentences at random; every other one with its first figure changed."""
    with sqlite3.connect(f"file:{data_dir / 'factcheck.sqlite3'}?mode=ro", uri=True) as db:
        texts = [row[0] for row in db.execute("SELECT text FROM sentences WHERE length(text) BETWEEN 40 AND 300")]
    rng = random.Random(seed)
    chosen = rng.sample(texts, min(count, len(texts)))
    claims = []
    for i, text in enumerate(chosen):
        match = _NUMBER.search(text)
        if i % 2 and match:
            value = int(match.group().replace(",", "")) * 2 + 1
            text = f"{text[: match.start()]}{value:,}{text[match.end() :]}"
        claims.append(text)
    return claims


# -- the server ---------------------------------------------------------------------------------------
def memory_mib(pid: int) -> tuple[float, float]:
    """Resident set size of process ``pid`` now and its peak (VmHWM), MiB."""
    rss = psutil.Process(pid).memory_info().rss / 2**20
    peak = rss
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
    return rss, peak


def cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def measure(base: str, claims: Sequence[str], warmup: int) -> dict[str, Any]:
    latencies: list[float] = []
    sources_listed: list[int] = []
    sizes: list[int] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for i, claim in enumerate([*claims[:warmup], *claims]):
            start = time.perf_counter()
            response = client.post("/v1/claims/check", json={"claim": claim})
            elapsed = time.perf_counter() - start
            if response.status_code != 200:
                raise SystemExit(f"claim {claim!r}: HTTP {response.status_code} {response.text[:500]}")
            if i >= warmup:
                latencies.append(elapsed * 1000)
                sources_listed.append(len(response.json()["sources"]))
                sizes.append(len(response.content))
    return {
        "requests": len(latencies),
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99),
        "mean_ms": statistics.fmean(latencies),
        "max_ms": max(latencies),
        "sources_listed_median": statistics.median(sources_listed),
        "response_kib_median": statistics.median(sizes) / 1024,
    }


def _dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file() and p.name != "BUILT.json")


def run_size(sentences: int, args: argparse.Namespace) -> dict[str, Any]:
    data_dir = corpus_dir(sentences, args.basil_dir, args.cache_dir)
    built = built_summary(data_dir)
    claims = sample_claims(data_dir, args.queries)
    started = time.perf_counter()
    with load.server(data_dir, args.cache_dir / f"server-{sentences}.log", key=None) as (base, process):
        startup_s = time.perf_counter() - started
        progress(f"{built['sentences']:,} sentences: server up in {startup_s:.1f}s; {len(claims)} claims")
        idle_rss, _ = memory_mib(process.pid)
        figures = measure(base, claims, args.warmup)
        rss, peak = memory_mib(process.pid)
        server_cpu = cpu_seconds(process.pid)  # since it started: its start-up is ours too, not other processes
    progress(f"  p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, RSS {rss:.0f} MiB")
    return {
        "target_sentences": sentences,
        "sentences": built["sentences"],
        "sources": built["sources"],
        "build_seconds": built.get("build_seconds"),
        "startup_s": startup_s,
        "rss_idle_mib": idle_rss,
        "rss_mib": rss,
        "rss_peak_mib": peak,
        "bytes_per_sentence": _dir_bytes(data_dir) / built["sentences"],
        "server_cpu_s": server_cpu,
        **figures,
    }


# -- output -------------------------------------------------------------------------------------------
def render_markdown(report: dict[str, Any]) -> str:
    rows = report["sizes"]
    largest = max(rows, key=lambda r: r["sentences"])
    meets = largest["p50_ms"] <= TARGET_P50_MS and largest["p95_ms"] <= TARGET_P95_MS
    lines = [
        SECTION_TITLE,
        "",
        f"Command: `{report['command']}` (run {report['date']}, {report['wall_s'] / 60:.1f} min in all).",
        "",
        f"Machine: {machine_line(report['machine'])}.",
        "",
        *contention_warning(report["machine"]),
        "Data: all BASIL articles plus generated articles (`bench/synthetic.py`) up to each size; claims are "
        f"{report['queries']} stored sentences drawn at random, every other one with its first figure changed; "
        f"{report['warmup']} warm-up requests; one client, keep-alive, default `top_k`; latency measured by "
        "the client from send to last byte.",
        "",
        "| sentences | sources | p50 ms | p95 ms | p99 ms | mean ms | max ms | sources listed (median) | "
        "response KiB | server RSS MiB (idle / after / peak) | bytes per sentence on disk |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
        *(
            f"| {r['sentences']:,} | {r['sources']:,} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} "
            f"| {r['mean_ms']:.1f} | {r['max_ms']:.1f} | {r['sources_listed_median']:.0f} | "
            f"{r['response_kib_median']:.1f} | {r['rss_idle_mib']:.0f} / {r['rss_mib']:.0f} / "
            f"{r['rss_peak_mib']:.0f} | {r['bytes_per_sentence']:,.0f} |"
            for r in rows
        ),
        "",
        f"**At {largest['sentences']:,} sentences: p50 {largest['p50_ms']:.1f} ms, p95 {largest['p95_ms']:.1f} ms** "
        f"({'meets' if meets else 'MISSES'} the target p50 <= {TARGET_P50_MS:.0f} ms, p95 <= {TARGET_P95_MS:.0f} ms).",
        "",
    ]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--sizes", default="10000,100000", help="corpus sizes in sentences (default 10000,100000)")
    parser.add_argument("--queries", type=int, default=200, help="claims per size (default 200)")
    parser.add_argument("--warmup", type=int, default=10, help="requests before timing (default 10)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of Markdown")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite '{SECTION_TITLE}' in {DOCS_FILE}")
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR, help=f"built corpora (default {CACHE_DIR})")
    parser.add_argument("--basil-dir", type=Path, default=BASIL_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        parser.error("--sizes takes comma-separated whole numbers")
    if args.queries < 1 or any(s < 1 for s in args.sizes):
        parser.error("--queries and --sizes must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    command = shlex.join(["python", "bench/check.py", *(sys.argv[1:] if argv is None else argv)])
    started = time.perf_counter()
    corpora = {size: corpus_dir(size, args.basil_dir, args.cache_dir) for size in args.sizes}  # builds first
    load_before = os.getloadavg()[0]
    cpu_before = CpuSample.take()  # servers start after this: all their CPU is counted as ours
    sizes = [run_size(size, args) for size in corpora]
    cpu_after = CpuSample.take()
    machine = machine_during(load_before, cpu_before, cpu_after, sum(r["server_cpu_s"] for r in sizes))
    report = {
        "command": command,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "queries": args.queries,
        "warmup": args.warmup,
        "sizes": sizes,
        "machine": machine,
        "wall_s": time.perf_counter() - started,
    }
    return publish(SECTION_TITLE, render_markdown(report), report, as_json=args.json, write=args.write_docs)


if __name__ == "__main__":
    raise SystemExit(main())
