"""Batch report scaling on BASIL: seconds and peak memory for 30, 100 and 300 articles.

Method
------
1. Corpora: the first N BASIL articles by path (``../shared/data/basil``), ingested once with the library's full
   ingest and kept in ``~/.cache/factcheck-bench`` (key: N, extractor version, embedder).
2. Each size is measured in a fresh Python process (so that peak memory belongs to that size alone): open the
   corpus read-only, load the index, then ``build_report(corpus)`` ``--repeat`` times; the median wall time is
   reported with the process's resident memory before the first report and its peak (``ru_maxrss``) after.
   The report's own memory is the difference.
3. Sizes run in the order given, one process each, back to back in one run; the ratio that matters is
   time(largest) / time(smallest) against articles(largest) / articles(smallest) (issue 5: 10x the articles may
   cost at most 12x the time).

Usage: ``python bench/report.py [--articles 30,100,300] [--repeat 3] [--json] [--write-docs]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
from _common import (
    BASIL_DIR,
    CACHE_DIR,
    DOCS_FILE,
    CpuSample,
    built_summary,
    cached_data_dir,
    contention_warning,
    load_basil,
    machine_during,
    machine_line,
    progress,
    publish,
)

from factcheck import Config, Corpus, EmbedderConfig, IngestFailure, build_report
from factcheck.claims.extract import SpacyClaimExtractor

SECTION_TITLE = "## Batch report scaling"
TARGET_TIME_RATIO_PER_10X = 12.0


def corpus_dir(articles: int, basil_dir: Path, cache_dir: Path) -> Path:
    key = f"report-{articles}-{SpacyClaimExtractor.version}-{EmbedderConfig().name}"

    def build(path: Path) -> dict[str, Any]:
        sources, note = load_basil(basil_dir, articles)
        progress(f"building the {articles}-article corpus in {path} (once; reused by later runs)")
        with Corpus.open(Config(data_dir=path)) as corpus:
            failures = sum(isinstance(o, IngestFailure) for o in corpus.ingest_many(sources))
            return {
                "articles": corpus.count_sources(),
                "sentences": corpus.count_sentences(),
                "failures": failures,
                "data": note,
            }

    return cached_data_dir(key, build, cache_dir)


def child(data_dir: Path, repeat: int) -> dict[str, Any]:
    """Runs in its own process: time ``build_report`` and read the peak memory it needed."""
    corpus = Corpus.open(Config(data_dir=data_dir), read_only=True)
    try:
        _ = corpus.index
        before = psutil.Process().memory_info().rss / 2**20
        seconds = []
        report = None
        for _ in range(repeat):
            start = time.perf_counter()
            report = build_report(corpus)
            seconds.append(time.perf_counter() - start)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        corpus.close()
    assert report is not None
    verdicts = [topic.status for topic in report.topics]
    return {
        "seconds": seconds,
        "median_s": statistics.median(seconds),
        "rss_before_mib": before,
        "peak_rss_mib": peak,
        "report_mib": max(0.0, peak - before),
        "topics": len(report.topics),
        "conflict_topics": verdicts.count("conflict"),
    }


def run_size(articles: int, args: argparse.Namespace) -> dict[str, Any]:
    data_dir = corpus_dir(articles, args.basil_dir, args.cache_dir)
    built = built_summary(data_dir)
    command = [sys.executable, __file__, "--child", str(data_dir), "--repeat", str(args.repeat)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the report process failed:\n{done.stderr}")
    figures: dict[str, Any] = json.loads(done.stdout)
    progress(f"{articles} articles: median {figures['median_s']:.2f}s, report memory {figures['report_mib']:.0f} MiB")
    return {
        "articles": built["articles"],
        "sentences": built["sentences"],
        "process_s": time.perf_counter() - started,
        **figures,
    }


def render_markdown(report: dict[str, Any]) -> str:
    rows = report["sizes"]
    small, large = rows[0], rows[-1]
    scale = large["articles"] / small["articles"]
    time_ratio = large["median_s"] / small["median_s"]
    allowed = TARGET_TIME_RATIO_PER_10X * scale / 10
    lines = [
        SECTION_TITLE,
        "",
        f"Command: `{report['command']}` (run {report['date']}, {report['wall_s'] / 60:.1f} min in all).",
        "",
        f"Machine: {machine_line(report['machine'])}.",
        "",
        *contention_warning(report["machine"]),
        f"Data: the first N BASIL articles by path; `build_report` over the whole corpus, {report['repeat']} times "
        "per size in a fresh process, median; memory = peak RSS of that process minus its RSS before the first "
        "report (corpus open, index loaded).",
        "",
        "| articles | sentences | median s | runs (s) | topics | conflict topics | report MiB | process peak MiB |",
        "|---:|---:|---:|---|---:|---:|---:|---:|",
        *(
            f"| {r['articles']} | {r['sentences']:,} | {r['median_s']:.3f} | "
            f"{', '.join(f'{s:.3f}' for s in r['seconds'])} | {r['topics']} | {r['conflict_topics']} | "
            f"{r['report_mib']:.0f} | {r['peak_rss_mib']:.0f} |"
            for r in rows
        ),
        "",
        f"**{scale:.0f}x the articles cost {time_ratio:.1f}x the time** "
        f"({'meets' if time_ratio <= allowed else 'MISSES'} the target of at most {allowed:.0f}x, i.e. 12x per 10x).",
        "",
    ]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--articles", default="30,100,300", help="corpus sizes in articles (default 30,100,300)")
    parser.add_argument("--repeat", type=int, default=3, help="reports per size, median reported (default 3)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of Markdown")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite '{SECTION_TITLE}' in {DOCS_FILE}")
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR, help=f"built corpora (default {CACHE_DIR})")
    parser.add_argument("--basil-dir", type=Path, default=BASIL_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        args.articles = sorted(int(s) for s in args.articles.split(","))
    except ValueError:
        parser.error("--articles takes comma-separated whole numbers")
    if args.repeat < 1 or any(n < 1 for n in args.articles):
        parser.error("--articles and --repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.repeat)))
        return 0
    if not args.basil_dir.is_dir():
        raise SystemExit(f"{args.basil_dir} is absent: this benchmark needs the BASIL articles in ../shared")
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    command = shlex.join(["python", "bench/report.py", *(sys.argv[1:] if argv is None else argv)])
    started = time.perf_counter()
    for articles in args.articles:  # build what is missing before anything is timed
        corpus_dir(articles, args.basil_dir, args.cache_dir)
    load_before = os.getloadavg()[0]
    cpu_before = CpuSample.take()
    sizes = [run_size(n, args) for n in args.articles]
    cpu_after = CpuSample.take()
    # The report processes are ours: their CPU is read back from the children's rusage.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine = machine_during(load_before, cpu_before, cpu_after, children.ru_utime + children.ru_stime)
    report = {
        "command": command,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "repeat": args.repeat,
        "sizes": sizes,
        "machine": machine,
        "wall_s": time.perf_counter() - started,
    }
    return publish(SECTION_TITLE, render_markdown(report), report, as_json=args.json, write=args.write_docs)


if __name__ == "__main__":
    raise SystemExit(main())
