"""Embedder benchmark: the int8 ONNX embedder next to the exact sentence-transformers one, same sentences, one run.

Method
------
1. Sentences: the seed articles (``../shared/seeds``) and the first ``--articles`` BASIL articles by path
   (``../shared/data/basil/articles``, ``body-paragraphs``; ``--shared`` names another directory), split
   with factcheck's ``Segmenter``; duplicates are dropped (they would make neighbour sets ambiguous). Without
   ``../shared`` the example articles are used and the output says so.
2. Each embedder runs in its own fresh child process (``--child NAME``), ``--rounds`` times, alternating which
   one goes first. The child times ``import factcheck`` (import), ``create_embedder`` (load: model files, session)
   and the first single-sentence encode (first vector), warms up on 64 sentences, then times one
   ``encode(all sentences)`` call (throughput), and reports its peak RSS (``getrusage``: import + load + encode).
   Both get ``EmbedderConfig(batch_size=64, threads=2)``; the ONNX embedder runs one sentence per session call
   by design (see factcheck/embedding_onnx.py), so the batch size only shapes the torch path. A third child
   only imports factcheck: the baseline both embedders' memory includes.
3. Quality, from the vectors of the last round: the cosine of each sentence's int8 vector to its fp32 vector
   (min, 1st percentile, mean), and the top-10 retrieval overlap: for ``--queries`` sentences drawn at random
   (seed 0), the share of their 10 nearest other sentences (exact inner product over all sentences) that the
   two embedders agree on.
4. Targets (issue 5): throughput >= 1.2x, peak RSS <= 0.5x, cosine p1 >= 0.98, top-10 overlap >= 0.9.

Usage: ``python bench/embedder.py [--articles N] [--rounds R] [--queries Q] [--json] [--write-docs]``
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

EXACT, FAST = "sentence-transformers", "minilm-onnx-int8"
THREADS, BATCH_SIZE, WARMUP = 2, 64, 64
SECTION_TITLE = "## Embedder"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
TARGETS = {"throughput": 1.2, "memory": 0.5, "cosine_p1": 0.98, "overlap": 0.9}


# -- the child: one embedder in a fresh interpreter; only the standard library is imported before timing ----
def child(name: str, sentences_file: Path, out_dir: Path) -> None:
    sentences = json.loads(sentences_file.read_text(encoding="utf-8"))
    start = time.perf_counter()
    from factcheck import EmbedderConfig, create_embedder

    imported = time.perf_counter()
    result: dict[str, Any] = {"name": name, "import_s": imported - start}
    if name != "baseline":
        import numpy as np

        embedder = create_embedder(EmbedderConfig(name=name, batch_size=BATCH_SIZE, threads=THREADS))
        loaded = time.perf_counter()
        embedder.encode(sentences[:1])
        first = time.perf_counter()
        embedder.encode(sentences[:WARMUP])
        began = time.perf_counter()
        vectors = embedder.encode(sentences)
        encode_s = time.perf_counter() - began
        np.save(out_dir / f"{name}.npy", vectors)
        result |= {"load_s": loaded - imported, "first_vector_s": first - loaded, "encode_s": encode_s}
        result |= {"model_id": embedder.model_id, "sentences_per_s": len(sentences) / encode_s}
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["torch_loaded"] = "torch" in sys.modules
    print(json.dumps(result))


# -- the parent ---------------------------------------------------------------------------------------
def load_sentences(shared: Path, articles: int) -> tuple[list[str], str]:
    from _common import EXAMPLES_DIR, load_basil, load_examples

    from factcheck import Segmenter
    from factcheck.sources import read_path

    segmenter = Segmenter()
    seeds_dir, basil_dir = shared / "seeds", shared / "data" / "basil" / "articles"
    texts: list[str] = []
    if basil_dir.is_dir() and seeds_dir.is_dir():
        for path in sorted(seeds_dir.glob("*.txt")):
            texts += [s.text for s in read_path(path, max_file_bytes=1 << 24, max_source_chars=1 << 24)]
        sources, note = load_basil(basil_dir, articles)
        note = f"the {len(texts)} seed articles and the {note}"
    else:
        sources, note = load_examples(EXAMPLES_DIR, 3)
        note = "FALLBACK (no ../shared): the 3 example articles only; not comparable with the seed + BASIL figures"
    texts += [s.text for s in sources]
    sentences = list(dict.fromkeys(span.text for text in texts for span in segmenter.split(text)))
    return sentences, note


def run_child(name: str, sentences_file: Path, out_dir: Path) -> dict[str, Any]:
    import subprocess

    from _common import CpuSample, contention

    before = CpuSample.take()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, __file__, "--child", name, str(sentences_file), str(out_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    after = CpuSample.take()
    if done.returncode != 0:
        raise SystemExit(f"the {name} child failed:\n{done.stderr[-3000:]}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = (children.ru_utime + children.ru_stime) - (children_before.ru_utime + children_before.ru_stime)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    # The child's CPU is not this process's own: count it as ours so only other processes show as contention.
    result |= contention(before, CpuSample(after.wall, after.busy, after.steal, after.own + own), _cores())
    return result


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def quality(exact: Any, fast: Any, queries: int) -> dict[str, float]:
    import numpy as np

    a, b = np.asarray(exact), np.asarray(fast)
    cosine = np.sum(a * b, axis=1)
    rng = np.random.default_rng(0)
    picked = rng.choice(len(a), size=min(queries, len(a)), replace=False)
    shares = []
    for rows in np.array_split(picked, max(1, len(picked) // 256)):
        near = []
        for vectors in (a, b):
            scores = vectors[rows] @ vectors.T
            scores[np.arange(len(rows)), rows] = -np.inf  # a sentence is not its own neighbour
            near.append(np.argsort(-scores, axis=1, kind="stable")[:, :10])
        shares += [len(set(x) & set(y)) / 10 for x, y in zip(near[0], near[1], strict=True)]
    return {
        "cosine_min": float(cosine.min()),
        "cosine_p1": float(np.percentile(cosine, 1)),
        "cosine_mean": float(cosine.mean()),
        "overlap": float(np.mean(shares)),
        "queries": float(len(picked)),
    }


def run(args: argparse.Namespace, command: str) -> dict[str, Any]:
    import os
    import statistics
    import tempfile
    from datetime import UTC, datetime

    import numpy as np
    from _common import _cpu_model, _version

    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    sentences, note = load_sentences(args.shared, args.articles)
    print(f"{len(sentences)} sentences; {args.rounds} round(s) of one child per embedder", file=sys.stderr)
    runs: dict[str, list[dict[str, Any]]] = {EXACT: [], FAST: []}
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-embedder-") as tmp:
        sentences_file = Path(tmp) / "sentences.json"
        sentences_file.write_text(json.dumps(sentences), encoding="utf-8")
        baseline = run_child("baseline", sentences_file, Path(tmp))
        for round_no in range(args.rounds):
            for name in (EXACT, FAST) if round_no % 2 == 0 else (FAST, EXACT):
                runs[name].append(run_child(name, sentences_file, Path(tmp)))
                r = runs[name][-1]
                print(f"round {round_no + 1} {name}: {r['sentences_per_s']:.1f}/s", file=sys.stderr)
        scores = quality(np.load(Path(tmp) / f"{EXACT}.npy"), np.load(Path(tmp) / f"{FAST}.npy"), args.queries)

    def median(name: str, key: str) -> float:
        return float(statistics.median(float(r[key]) for r in runs[name]))

    keys = ("sentences_per_s", "peak_rss_mib", "import_s", "load_s", "first_vector_s")
    summary = {name: {key: median(name, key) for key in keys} for name in runs}
    for name in runs:
        summary[name]["torch_loaded"] = any(bool(r["torch_loaded"]) for r in runs[name])
    all_runs = [r for rs in runs.values() for r in rs]
    ratios = {
        "throughput": summary[FAST]["sentences_per_s"] / summary[EXACT]["sentences_per_s"],
        "memory": summary[FAST]["peak_rss_mib"] / summary[EXACT]["peak_rss_mib"],
        "cosine_p1": scores["cosine_p1"],
        "overlap": scores["overlap"],
    }
    met = {k: (v >= TARGETS[k] if k != "memory" else v <= TARGETS[k]) for k, v in ratios.items()}
    return {
        "command": command,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "wall_s": time.perf_counter() - started,
        "data": note,
        "sentences": len(sentences),
        "rounds": args.rounds,
        "machine": {
            "cpu": _cpu_model(),
            "cores_usable": _cores(),
            "python": sys.version.split()[0],
            "versions": {d: _version(d) for d in ("torch", "sentence-transformers", "onnxruntime", "tokenizers")},
            "load_average_1m_before": load_before,
            "load_average_1m_after": os.getloadavg()[0],
            "other_processes_cpu_share": max(float(r["other_processes_cpu_share"]) for r in all_runs),
            "steal_share": max(float(r["steal_share"]) for r in all_runs),
        },
        "baseline": baseline,
        "runs": runs,
        "summary": summary,
        "quality": scores,
        "ratios": ratios,
        "targets_met": met,
        "all_targets_met": all(met.values()),
    }


def render_markdown(report: dict[str, Any]) -> str:
    r = report
    m, s, q, ratio, met = r["machine"], r["summary"], r["quality"], r["ratios"], r["targets_met"]
    exact, fast, base = s[EXACT], s[FAST], r["baseline"]
    versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items())
    taken = m["other_processes_cpu_share"] + m["steal_share"]
    verdict = {k: "meets" if v else "**MISSES**" for k, v in met.items()}

    def per_run(name: str) -> str:
        return ", ".join(f"{float(x['sentences_per_s']):.1f}" for x in r["runs"][name])

    lines = [
        SECTION_TITLE,
        "",
        f"Command: `{r['command']}` (run {r['date']}, {float(r['wall_s']) / 60:.1f} min in all).",
        "",
        f"Machine: {m['cpu']}, {m['cores_usable']} usable cores, {THREADS} threads per embedder; Python "
        f"{m['python']}, {versions}; 1-min load average {m['load_average_1m_before']:.2f} before, "
        f"{m['load_average_1m_after']:.2f} after; CPU taken by other processes during the worst child "
        f"{taken:.1%} of capacity.",
        "",
        *(
            ["**Warning: other processes took a large share of the CPU; the throughput figures are not reliable.**", ""]
            if taken > 0.05
            else []
        ),
        f"Data: {r['data']}; {r['sentences']} distinct sentences. Each embedder in its own fresh process, "
        f"{r['rounds']} round(s) alternating which goes first; medians. Batch size {BATCH_SIZE} for the torch "
        "path; the ONNX path runs one sentence per call (its vectors do not depend on the batch).",
        "",
        f"| measurement | `{EXACT}` (fp32, exact) | `{FAST}` | int8 / fp32 | target | |",
        "|---|---:|---:|---:|---|---|",
        f"| throughput, sentences/s (runs: {per_run(EXACT)} / {per_run(FAST)}) | {exact['sentences_per_s']:.1f} | "
        f"{fast['sentences_per_s']:.1f} | {ratio['throughput']:.2f}x | >= 1.2x | {verdict['throughput']} |",
        f"| peak RSS, MiB (import + load + encode all) | {exact['peak_rss_mib']:.0f} | {fast['peak_rss_mib']:.0f} | "
        f"{ratio['memory']:.2f}x | <= 0.5x | {verdict['memory']} |",
        f"| `import factcheck`, s | {exact['import_s']:.2f} | {fast['import_s']:.2f} | | | |",
        f"| load (`create_embedder`), s | {exact['load_s']:.2f} | {fast['load_s']:.2f} | "
        f"{fast['load_s'] / exact['load_s']:.2f}x | | |",
        f"| first vector after load, s | {exact['first_vector_s']:.3f} | {fast['first_vector_s']:.3f} | | | |",
        f"| torch imported | {'yes' if exact['torch_loaded'] else 'no'} | {'yes' if fast['torch_loaded'] else 'no'} "
        "| | no (int8) | |",
        f"| cosine to fp32: min / p1 / mean | 1 | {q['cosine_min']:.4f} / {q['cosine_p1']:.4f} / "
        f"{q['cosine_mean']:.4f} | | p1 >= 0.98 | {verdict['cosine_p1']} |",
        f"| top-10 retrieval overlap ({int(q['queries'])} queries, all sentences indexed) | 1 | {q['overlap']:.3f} "
        f"| | >= 0.9 | {verdict['overlap']} |",
        "",
        f"Baseline (a child that only imports factcheck): peak RSS {base['peak_rss_mib']:.0f} MiB, import "
        f"{base['import_s']:.2f} s; both columns include it.",
        "",
        f"**All four targets {'met' if r['all_targets_met'] else 'NOT met'}.**",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(argv[1], Path(argv[2]), Path(argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=300, help="BASIL articles (default 300: all)")
    parser.add_argument("--rounds", type=int, default=2, help="children per embedder, medians (default 2)")
    parser.add_argument("--queries", type=int, default=1000, help="retrieval queries (default 1000)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data directory (default ../shared)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of Markdown")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite '{SECTION_TITLE}' in docs/benchmarks.md")
    args = parser.parse_args(argv)
    if min(args.articles, args.rounds, args.queries) < 1:
        parser.error("--articles, --rounds and --queries must be at least 1")
    import shlex

    from _common import publish

    report = run(args, shlex.join(["python", "bench/embedder.py", *argv]))
    section = render_markdown(report)
    return publish(SECTION_TITLE, section, report, as_json=args.json, write=args.write_docs)


if __name__ == "__main__":
    raise SystemExit(main())
