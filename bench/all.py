"""Run every benchmark, one after the other (never two at once: they would time each other), each with
``--write-docs`` so that docs/benchmarks.md is rewritten section by section.

Usage: ``python bench/all.py [--only NAME,...] [--skip NAME,...]``; ``make bench`` installs the bench extra and
runs this. A failing benchmark is reported and the others still run; the exit status says whether all passed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Name -> script and arguments; the order runs the cheap ones first so a broken setup shows early.
BENCHMARKS: dict[str, list[str]] = {
    "report": ["report.py"],
    "peers": ["peers.py"],
    "embedder": ["embedder.py"],
    "ingest": ["ingest.py"],
    "engines": ["engines.py"],
    "check": ["check.py"],
    "arrival": ["arrival.py"],
    "index": ["index_scale.py"],
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(BENCHMARKS)}")
    parser.add_argument("--skip", default="", help="comma-separated benchmarks to leave out")
    args = parser.parse_args(argv)
    chosen = args.only.split(",") if args.only else list(BENCHMARKS)
    unknown = [name for name in [*chosen, *filter(None, args.skip.split(","))] if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    failed = []
    for name in chosen:
        if name in args.skip.split(","):
            continue
        script, *rest = BENCHMARKS[name]
        command = [sys.executable, str(HERE / script), *rest, "--write-docs"]
        print(f"[bench/all] {name}: {' '.join(command[1:])}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        code = subprocess.call(command, stdout=subprocess.DEVNULL)
        minutes = (time.perf_counter() - started) / 60
        print(f"[bench/all] {name}: exit {code} after {minutes:.1f} min", file=sys.stderr, flush=True)
        if code:
            failed.append(name)
    if failed:
        print(f"[bench/all] failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
