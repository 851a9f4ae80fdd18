"""Conflicts on arrival: what comparing one source with the stored ones costs, at 10k and 100k stored sentences.

Method
------
1. Corpora: the ones ``bench/check.py`` builds and caches (all BASIL articles plus generated articles of this
   project's fictional world, until the requested number of sentences), with the service's default embedder.
2. ``--sources`` stored sources drawn at random (seeded). For each, ``factcheck.arrival.arrival_conflicts``
   runs as ``GET /v1/sources/{id}/conflicts`` and ``POST /v1/sources`` run it: the nearest stored sentences of
   each of its sentences, the stored sources that tell its story (at most ``ArrivalConfig.max_sources``), a
   report over those focused on the source, and the trained verifier on its close sentence pairs.
3. Wall time per source in one process with the model loaded and the index warm (after ``--warmup`` sources),
   with how many sources were compared and conflicts found.

Usage: ``python bench/arrival.py [--sizes 10000,100000] [--sources 60] [--json] [--write-docs]``
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from _common import (
    BASIL_DIR,
    CACHE_DIR,
    DOCS_FILE,
    CpuSample,
    built_summary,
    contention_warning,
    machine_during,
    machine_line,
    percentile,
    progress,
    publish,
)
from check import corpus_dir, service_config

from factcheck import Corpus
from factcheck.arrival import ArrivalConfig, arrival_conflicts

SECTION_TITLE = "## Conflicts on arrival"


def run_size(sentences: int, args: argparse.Namespace) -> dict[str, Any]:
    data_dir = corpus_dir(sentences, args.basil_dir, args.cache_dir)
    built = built_summary(data_dir)
    with Corpus.open(service_config(data_dir), read_only=True) as corpus:
        ids = corpus.source_ids()
        chosen = random.Random(args.seed).sample(ids, min(len(ids), args.sources + args.warmup))
        timings: list[float] = []
        compared: list[int] = []
        conflicts: list[int] = []
        for number, source_id in enumerate(chosen):
            started = time.perf_counter()
            found = arrival_conflicts(corpus, source_id)
            elapsed = (time.perf_counter() - started) * 1000
            if number >= args.warmup:
                timings.append(elapsed)
                compared.append(len(found.compared))
                conflicts.append(len(found.topics))
    progress(f"{built['sentences']:,} sentences: p50 {percentile(timings, 0.5):.0f} ms")
    return {
        "target_sentences": sentences,
        "sentences": built["sentences"],
        "stored_sources": built["sources"],
        "measured_sources": len(timings),
        "p50_ms": percentile(timings, 0.50),
        "p95_ms": percentile(timings, 0.95),
        "max_ms": max(timings),
        "mean_ms": statistics.fmean(timings),
        "compared_median": statistics.median(compared),
        "compared_max": max(compared),
        "with_conflicts": sum(1 for n in conflicts if n),
    }


def render_markdown(report: dict[str, Any]) -> str:
    rows = "\n".join(
        f"| {r['sentences']:,} | {r['stored_sources']:,} | {r['measured_sources']} | {r['p50_ms']:.0f} | "
        f"{r['p95_ms']:.0f} | {r['max_ms']:.0f} | {r['compared_median']:g} (max {r['compared_max']}) | "
        f"{r['with_conflicts']} |"
        for r in report["sizes"]
    )
    warning = "\n".join(contention_warning(report["machine"]))
    return f"""{SECTION_TITLE}

The comparison `POST /v1/sources` makes for a new source and `GET /v1/sources/{{id}}/conflicts` repeats (issue 13):
the stored sources telling the same story (at most {ArrivalConfig().max_sources}, found through the vector index)
and a report over them focused on the source, with the trained verifier. Measured on stored sources drawn at
random, in one process with the model loaded (`bench/arrival.py`).

| stored sentences | stored sources | measured | p50 ms | p95 ms | max ms | compared (median) | with conflicts |
|---:|---:|---:|---:|---:|---:|---:|---:|
{rows}

The cost follows the size of the source and of its story, not of the corpus: one nearest-neighbour search per
sentence of the source is the only step that reads the whole index.

{machine_line(report["machine"])}
{warning}
Command: `{report["command"]}` ({report["date"]}, {report["wall_s"]:.0f} s).
"""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="stored sentences, comma-separated")
    parser.add_argument("--sources", type=int, default=60, help="sources measured per size")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite '{SECTION_TITLE}' in {DOCS_FILE}")
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR, help=f"built corpora (default {CACHE_DIR})")
    parser.add_argument("--basil-dir", type=Path, default=BASIL_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        parser.error("--sizes takes comma-separated whole numbers")
    if args.sources < 1 or any(s < 1 for s in args.sizes):
        parser.error("--sources and --sizes must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    command = shlex.join(["python", "bench/arrival.py", *(sys.argv[1:] if argv is None else argv)])
    started = time.perf_counter()
    for size in args.sizes:
        corpus_dir(size, args.basil_dir, args.cache_dir)  # builds first, outside the timed runs
    load_before = os.getloadavg()[0]
    cpu_before = CpuSample.take()
    sizes = [run_size(size, args) for size in args.sizes]
    machine = machine_during(load_before, cpu_before, CpuSample.take())
    report = {
        "command": command,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "sizes": sizes,
        "machine": machine,
        "wall_s": time.perf_counter() - started,
    }
    return publish(SECTION_TITLE, render_markdown(report), report, as_json=args.json, write=args.write_docs)


if __name__ == "__main__":
    raise SystemExit(main())
