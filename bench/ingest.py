"""Ingest benchmark: end-to-end sentences per second next to raw model encode, same sentences, same run.

Method
------
1. Load the articles: the first ``--articles`` BASIL articles (sorted by path; paragraphs joined with blank
   lines). Without ``../shared`` the project's example articles are replicated under distinct ids instead, and
   the output says so.
2. Load the embedder once (``create_embedder(EmbedderConfig())``: the packaged all-MiniLM-L6-v2 on CPU) and
   segment every article once with ``Segmenter`` (timed: that is the segmentation cost on its own). This gives
   the exact sentence list the corpus will embed. Warm the model up on a few batches before timing anything.
3. Raw encode: ``emb.encode(all_sentences)`` in one call, with the embedder's default batch size (the one the
   library uses).
4. End-to-end: ``Corpus.open`` on a fresh temporary data directory, ``list(corpus.ingest_many(sources))`` and
   ``close`` (the index checkpoint), all inside the timer. The corpus gets the same embedder object wrapped in
   a thin timer, so the model time spent inside the ingest is known too (one ``perf_counter`` pair per model
   call: negligible). Every source must come back ADDED with the sentence count found in step 2.
   The corpus extracts claims in a worker thread while the model encodes the same batch; a third
   measurement (skip it with ``--no-serial``) runs the same ingest with extraction after encoding, to show
   what the overlap gains.
5. Steps 3 and 4 are repeated ``--repeat`` times in alternating order (raw first, then end-to-end first, ...);
   the medians are reported with the ratio end-to-end / raw throughput (project target: >= 0.85).
6. To show where the time beyond encoding goes, the storage work is then measured alone, without the model,
   on the vectors from step 3: SQLite writes (``SQLiteStorage.add_source`` per source) and FAISS (``add`` per
   source, then ``save``). The remainder of the end-to-end median is open/close, prechecks and glue.

Ratios measured side by side in one run are what to compare across machines and commits; absolute numbers on
shared machines move by +-15%.

Usage: ``python bench/ingest.py [--articles N] [--repeat R] [--json] [--write-docs]``
"""

from __future__ import annotations

import argparse
import gc
import os
import shlex
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
from _common import (
    BASIL_DIR,
    DOCS_FILE,
    CpuSample,
    contention_warning,
    load_articles,
    machine_during,
    machine_line,
    peak_rss_mib,
    progress,
    publish,
    timed,
)

import factcheck.corpus as corpus_module
from factcheck import (
    Config,
    Corpus,
    EmbedderConfig,
    IndexConfig,
    IngestResult,
    IngestStatus,
    Segmenter,
    SourceInput,
    Span,
    create_embedder,
    create_index,
)
from factcheck.claims import create_extractor
from factcheck.embedding import Embedder
from factcheck.storage import SQLiteStorage

SECTION_TITLE = "## Ingest"
TARGET_RATIO = 0.85
WARMUP_SENTENCES = 128


Vectors = npt.NDArray[np.float32]
T = TypeVar("T")


# -- data ---------------------------------------------------------------------------------------------
# -- timing -------------------------------------------------------------------------------------------
class TimedEmbedder:
    """Delegates to an embedder and adds up the time spent in ``encode``."""

    def __init__(self, inner: Embedder) -> None:
        self._inner = inner
        self.seconds = 0.0
        self.calls = 0

    @property
    def model_id(self) -> str:
        return self._inner.model_id

    @property
    def dimension(self) -> int:
        return self._inner.dimension

    def encode(self, texts: Sequence[str]) -> Vectors:
        start = time.perf_counter()
        try:
            return self._inner.encode(texts)
        finally:
            self.seconds += time.perf_counter() - start
            self.calls += 1


@dataclass
class EndToEndRun:
    total: float
    open_s: float
    ingest_s: float
    close_s: float
    encode: float
    encode_calls: int


def segment_all(sources: Sequence[SourceInput]) -> tuple[float, list[list[Span]]]:
    segmenter = Segmenter()  # a fresh one, like each Corpus has: pysbd set-up is included
    return timed(lambda: [segmenter.split(s.text) for s in sources])


def run_raw(embedder: Embedder, texts: list[str]) -> tuple[float, Vectors]:
    return timed(lambda: embedder.encode(texts))


def run_end_to_end(
    embedder: Embedder, sources: Sequence[SourceInput], expected: Sequence[int], *, overlap: bool = True
) -> EndToEndRun:
    """One whole ingest; ``overlap=False`` extracts claims after encoding instead of alongside (for comparison)."""
    corpus_module._OVERLAP_EXTRACTION = overlap
    timer = TimedEmbedder(embedder)
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        gc.collect()
        start = time.perf_counter()
        corpus = Corpus.open(Config(data_dir=Path(tmp) / "data"), embedder=timer)
        opened = time.perf_counter()
        try:
            outcomes = list(corpus.ingest_many(sources))
        finally:
            ingested = time.perf_counter()
            corpus.close()
        end = time.perf_counter()
    _check_outcomes(outcomes, sources, expected)
    return EndToEndRun(end - start, opened - start, ingested - opened, end - ingested, timer.seconds, timer.calls)


def _check_outcomes(outcomes: Sequence[object], sources: Sequence[SourceInput], expected: Sequence[int]) -> None:
    """The ingest must store exactly what was segmented up front, or the comparison is not like for like."""
    want = [IngestResult(s.id, IngestStatus.ADDED, n) for s, n in zip(sources, expected, strict=True)]
    if list(outcomes) != want:
        diff = next((pair for pair in zip(outcomes, want, strict=False) if pair[0] != pair[1]), None)
        raise SystemExit(f"the ingest did not store what was segmented: {len(outcomes)} outcomes, first diff {diff}")


def run_storage_alone(
    sources: Sequence[SourceInput], spans: Sequence[list[Span]], vectors: Vectors
) -> dict[str, float]:
    """SQLite writes and FAISS add + save, without the model, on precomputed vectors."""
    offsets = np.cumsum([0, *(len(s) for s in spans)]).tolist()
    chunks = [vectors[offsets[i] : offsets[i + 1]] for i in range(len(sources))]
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        storage = SQLiteStorage(Path(tmp) / "factcheck.sqlite3")
        try:
            sqlite_s, ids = timed(
                lambda: [storage.add_source(*item) for item in zip(sources, spans, chunks, strict=True)]
            )
        finally:
            storage.close()
        index = create_index(IndexConfig(), vectors.shape[1])

        def add_all() -> None:
            for source_ids, chunk in zip(ids, chunks, strict=True):
                index.add(np.asarray(source_ids, dtype=np.int64), chunk)

        add_s, _ = timed(add_all)
        save_s, _ = timed(lambda: index.save(Path(tmp) / "vectors.faiss.npz"))
    return {"sqlite_writes": sqlite_s, "index_add": add_s, "index_save": save_s}


# -- environment --------------------------------------------------------------------------------------
# -- the benchmark ------------------------------------------------------------------------------------
@dataclass
class Report:
    command: str
    date: str
    data: str
    articles: int
    sentences: int
    characters: int
    batch_size: int
    repeat: int
    model_load_s: float
    segmentation_s: float
    extraction_s: float = 0.0
    raw_s: list[float] = field(default_factory=list)
    end_to_end: list[EndToEndRun] = field(default_factory=list)
    serial: bool = True
    end_to_end_serial: list[float] = field(default_factory=list)
    storage_alone: dict[str, float] = field(default_factory=dict)
    machine: dict[str, Any] = field(default_factory=dict)
    peak_rss_mib: float = 0.0
    wall_s: float = 0.0

    @property
    def raw_median(self) -> float:
        return statistics.median(self.raw_s)

    @property
    def e2e_median(self) -> float:
        return statistics.median(r.total for r in self.end_to_end)

    @property
    def ratio(self) -> float:
        return self.raw_median / self.e2e_median

    def pair_ratios(self) -> list[float]:
        return [raw / e2e.total for raw, e2e in zip(self.raw_s, self.end_to_end, strict=True)]

    def breakdown(self) -> list[tuple[str, float]]:
        """Median end-to-end seconds split into parts (standalone measurements for all but the model)."""
        encode = statistics.median(r.encode for r in self.end_to_end)
        calls = self.end_to_end[0].encode_calls
        parts = [
            (f"model encode inside the ingest ({calls} calls)", encode),
            ("segmentation (measured alone)", self.segmentation_s),
            ("claim extraction, spaCy (measured alone)", self.extraction_s),
            ("SQLite writes (measured alone)", self.storage_alone["sqlite_writes"]),
            ("FAISS add (measured alone)", self.storage_alone["index_add"]),
            ("index checkpoint save (measured alone)", self.storage_alone["index_save"]),
        ]
        return [*parts, ("remainder: open/close, prechecks, glue, noise", self.e2e_median - sum(s for _, s in parts))]

    def to_json(self) -> dict[str, Any]:
        payload = asdict(self)
        payload |= {
            "raw_median_s": self.raw_median,
            "raw_sentences_per_s": self.sentences / self.raw_median,
            "end_to_end_median_s": self.e2e_median,
            "end_to_end_sentences_per_s": self.sentences / self.e2e_median,
            "ratio_end_to_end_over_raw": self.ratio,
            "pair_ratios": self.pair_ratios(),
            "target_ratio": TARGET_RATIO,
            "breakdown_s": dict(self.breakdown()),
        }
        return payload


def run(args: argparse.Namespace, command: str) -> Report:
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    sources, note = load_articles(args.basil_dir, args.articles)
    progress(f"{len(sources)} articles: {note}")
    config = EmbedderConfig()
    load_s, embedder = timed(lambda: create_embedder(config))
    segmentation_s, spans = segment_all(sources)
    extractor = create_extractor("spacy")
    extractor.extract(["Warm-up sentence for the parser."])
    extraction_s, _ = timed(
        lambda: [
            extractor.extract([span.text for span in article], source.published_at)
            for source, article in zip(sources, spans, strict=True)
        ]
    )
    texts = [span.text for article in spans for span in article]
    expected = [len(article) for article in spans]
    progress(f"{len(texts)} sentences; segmentation {segmentation_s:.2f}s; model load {load_s:.2f}s; warming up")
    embedder.encode(texts[:WARMUP_SENTENCES])
    report = Report(
        command=command,
        date=datetime.now(UTC).isoformat(timespec="seconds"),
        data=note,
        articles=len(sources),
        sentences=len(texts),
        characters=sum(len(s.text) for s in sources),
        batch_size=config.batch_size,
        repeat=args.repeat,
        serial=not args.no_serial,
        model_load_s=load_s,
        segmentation_s=segmentation_s,
        extraction_s=extraction_s,
    )
    cpu_before = CpuSample.take()
    vectors = _measure_pairs(report, embedder, sources, texts, expected)
    cpu_after = CpuSample.take()
    progress("storage alone (SQLite, FAISS)")
    report.storage_alone = run_storage_alone(sources, spans, vectors)
    report.machine = machine_during(load_before, cpu_before, cpu_after)
    report.peak_rss_mib = peak_rss_mib()
    report.wall_s = time.perf_counter() - started
    return report


def _measure_pairs(
    report: Report, embedder: Embedder, sources: list[SourceInput], texts: list[str], expected: list[int]
) -> Vectors:
    vectors: Vectors | None = None
    for repetition in range(report.repeat):
        order = ["raw", "e2e", "serial"] if report.serial else ["raw", "e2e"]
        for kind in order if repetition % 2 == 0 else reversed(order):
            if kind == "raw":
                seconds, vectors = run_raw(embedder, texts)
                report.raw_s.append(seconds)
                progress(f"run {repetition + 1}/{report.repeat} raw encode {seconds:.2f}s")
            elif kind == "serial":
                result = run_end_to_end(embedder, sources, expected, overlap=False)
                report.end_to_end_serial.append(result.total)
                progress(
                    f"run {repetition + 1}/{report.repeat} end-to-end, extraction after encoding {result.total:.2f}s"
                )
            else:
                result = run_end_to_end(embedder, sources, expected)
                report.end_to_end.append(result)
                progress(
                    f"run {repetition + 1}/{report.repeat} end-to-end {result.total:.2f}s "
                    f"(encode inside {result.encode:.2f}s)"
                )
    assert vectors is not None
    return vectors


# -- output -------------------------------------------------------------------------------------------
def _runs(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def render_markdown(report: Report) -> str:
    n, raw, e2e = report.sentences, report.raw_median, report.e2e_median
    verdict = "meets" if report.ratio >= TARGET_RATIO else "BELOW"
    lines = [
        SECTION_TITLE,
        "",
        f"Command: `{report.command}` (run {report.date}, {report.wall_s / 60:.1f} min in all).",
        "",
        f"Machine: {machine_line(report.machine, report.peak_rss_mib)}.",
        "",
        *contention_warning(report.machine),
        f"Data: {report.data}; {report.articles} articles, {n} sentences, {report.characters:,} characters. "
        f"Model all-MiniLM-L6-v2 on CPU, batch size {report.batch_size}; index `flat`; "
        f"{report.repeat} runs of each measurement, alternating order; medians.",
        "",
        "| measurement | median s | sentences/s | runs (s) |",
        "|---|---:|---:|---|",
        f"| raw `embedder.encode(all sentences)` | {raw:.2f} | {n / raw:.1f} | {_runs(report.raw_s)} |",
        f"| end-to-end `Corpus.open` + `ingest_many` + `close` | {e2e:.2f} | {n / e2e:.1f} | "
        f"{_runs([r.total for r in report.end_to_end])} |",
        *(
            [
                f"| the same, claims extracted after encoding instead of alongside | "
                f"{statistics.median(report.end_to_end_serial):.2f} | "
                f"{n / statistics.median(report.end_to_end_serial):.1f} | {_runs(report.end_to_end_serial)} |"
            ]
            if report.end_to_end_serial
            else []
        ),
        "",
        f"**End-to-end / raw throughput: {report.ratio:.3f}** ({verdict} the {TARGET_RATIO} target); "
        f"per run pair: {', '.join(f'{r:.3f}' for r in report.pair_ratios())}.",
        "",
        "Where the end-to-end median goes (model time measured inside the ingest; the rest measured alone on the "
        "same sentences and vectors; claim extraction runs alongside the model's encode, so the parts add up to "
        "more than the whole and the model is slower inside the ingest than alone, the two sharing two cores):",
        "",
        "| part | s | share |",
        "|---|---:|---:|",
        *(f"| {name} | {seconds:.2f} | {seconds / e2e:.1%} |" for name, seconds in report.breakdown()),
        "",
    ]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=300, help="number of articles (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="measurement pairs, median reported (default 3)")
    parser.add_argument(
        "--no-serial", action="store_true", help="skip the run that extracts claims after encoding (comparison)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of Markdown")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite '{SECTION_TITLE}' in {DOCS_FILE}")
    parser.add_argument("--basil-dir", type=Path, default=BASIL_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.articles < 1 or args.repeat < 1:
        parser.error("--articles and --repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # A plain kill then unwinds like Ctrl-C: the corpus is closed and the temporary directories removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    command = shlex.join(["python", "bench/ingest.py", *(sys.argv[1:] if argv is None else argv)])
    report = run(args, command)
    section = render_markdown(report)
    return publish(SECTION_TITLE, section, report.to_json(), as_json=args.json, write=args.write_docs)


if __name__ == "__main__":
    raise SystemExit(main())
