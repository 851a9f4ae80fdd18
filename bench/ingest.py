"""Ingest benchmark: end-to-end ingest next to raw model encode and claim extraction, same sentences, one run.

Method
------
1. Load the articles: the first ``--articles`` BASIL articles (sorted by path; paragraphs joined with blank
   lines). Without ``../shared`` the project's example articles are replicated under distinct ids instead, and
   the output says so.
2. Segment every article once with ``Segmenter`` (timed: that is the segmentation cost on its own). This gives
   the exact sentence list the corpus will embed and extract claims from. Load the claim extractor and each
   embedder (``--embedders``, default every shipped one: ``create_embedder(EmbedderConfig(name=...))`` with the
   library defaults) and warm each up before timing anything.
3. For each embedder, ``--repeat`` times, in alternating order (forward, then backward, ...):
   - raw encode: ``emb.encode(all_sentences)`` in one call, with the embedder's default batch size;
   - extraction alone: the claims of every article, as the library extracts them
     (``extract_articles(extractor, articles)``);
   - end-to-end: ``Corpus.open`` on a fresh temporary data directory, ``list(corpus.ingest_many(sources))`` and
     ``close`` (the index checkpoint), all inside the timer. The corpus gets the same embedder object wrapped in a
     thin timer, so the model time spent inside the ingest is known too. Every source must come back ADDED with
     the sentence count found in step 2. The corpus extracts claims in a worker thread while the model encodes
     the same batch;
   - unless ``--no-serial``: the same ingest with extraction after encoding, to show what the overlap gains.
   The headline figure is **end-to-end / (raw encode + extraction alone)**, medians (project target: <= 1.15):
   what the ingest costs beyond the two pieces of work it cannot avoid. End-to-end / raw encode throughput, the
   figure before claims were extracted at ingest, is given too.
4. With ``--baseline-extraction``: once per repetition, the claims are also extracted as the library did before
   issue 12 (spaCy's pipeline as shipped, one ``nlp.pipe(sentences, batch_size=64)`` per article, BLIS
   arithmetic, the same readings), timed, and its claims compared with the library's on every sentence.
5. To show where the time beyond encoding goes, the storage work is then measured alone, without the model,
   on the vectors of the first embedder: SQLite writes (``SQLiteStorage.add_source`` per source) and FAISS
   (``add`` per source, then ``save``). The remainder of the end-to-end median is open/close, prechecks and glue.

Ratios measured side by side in one run are what to compare across machines and commits; absolute numbers on
shared machines move by +-15%.

Usage: ``python bench/ingest.py [--articles N] [--repeat R] [--embedders NAME,...] [--no-serial]
[--baseline-extraction] [--json] [--write-docs]``
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

import factcheck.ingest_batches as batches_module
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
from factcheck.claims.extract import SPACY_MODEL, ClaimExtractor, claims_of_docs, extract_articles
from factcheck.claims.model import Claim
from factcheck.embedding import Embedder, embedder_names
from factcheck.storage import SQLiteStorage

SECTION_TITLE = "## Ingest"
TARGET_RATIO = 1.15  # end-to-end / (raw encode + extraction alone), at most
WARMUP_SENTENCES = 128
Articles = list[tuple[list[str], Any]]  # (sentences, publication date) per source, as the corpus extracts them


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
    batches_module.OVERLAP_EXTRACTION = overlap
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


# -- claim extraction ---------------------------------------------------------------------------------
def run_extraction(extractor: ClaimExtractor, articles: Articles) -> tuple[float, list[list[list[Claim]]]]:
    return timed(lambda: extract_articles(extractor, articles))


class BaselineExtraction:
    """Claims as the library extracted them before issue 12: spaCy's pipeline as shipped (BLIS arithmetic), one
    ``nlp.pipe(sentences, batch_size=64)`` per article, then the same readings."""

    def __init__(self) -> None:
        import spacy

        self._nlp = spacy.load(SPACY_MODEL)
        self._nlp("Warm-up sentence for the parser.")

    def extract(self, articles: Articles) -> list[list[list[Claim]]]:
        return [claims_of_docs(list(self._nlp.pipe(s, batch_size=64)), published) for s, published in articles]


def claim_keys(found: list[list[list[Claim]]]) -> list[list[tuple[str, ...]]]:
    """Per sentence, what identifies its claims: kind, description, offsets and every field (JSON)."""
    return [
        [(type(c).__name__, c.describe(), str(c.start), str(c.end), c.to_json()) for c in claims]
        for article in found
        for claims in article
    ]


# -- the benchmark ------------------------------------------------------------------------------------
@dataclass
class EmbedderRuns:
    """One embedder's measurements; lists hold one value per repetition."""

    name: str
    model_id: str
    batch_size: int
    load_s: float
    raw_s: list[float] = field(default_factory=list)
    extraction_s: list[float] = field(default_factory=list)
    end_to_end: list[EndToEndRun] = field(default_factory=list)
    end_to_end_serial: list[float] = field(default_factory=list)

    @property
    def raw_median(self) -> float:
        return statistics.median(self.raw_s)

    @property
    def extraction_median(self) -> float:
        return statistics.median(self.extraction_s)

    @property
    def e2e_median(self) -> float:
        return statistics.median(r.total for r in self.end_to_end)

    @property
    def ratio(self) -> float:
        """End-to-end over the work it cannot avoid: the headline figure (target <= TARGET_RATIO)."""
        return self.e2e_median / (self.raw_median + self.extraction_median)

    def pair_ratios(self) -> list[float]:
        return [
            e2e.total / (raw + extraction)
            for raw, extraction, e2e in zip(self.raw_s, self.extraction_s, self.end_to_end, strict=True)
        ]

    @property
    def throughput_ratio(self) -> float:
        """End-to-end / raw encode throughput (the figure from before claims were extracted at ingest)."""
        return self.raw_median / self.e2e_median

    def breakdown(self, segmentation_s: float, storage_alone: dict[str, float]) -> list[tuple[str, float]]:
        """Median end-to-end seconds split into parts (standalone measurements for all but the model)."""
        encode = statistics.median(r.encode for r in self.end_to_end)
        calls = self.end_to_end[0].encode_calls
        parts = [
            (f"model encode inside the ingest ({calls} calls)", encode),
            ("segmentation (measured alone)", segmentation_s),
            ("claim extraction (measured alone)", self.extraction_median),
            ("SQLite writes (measured alone)", storage_alone["sqlite_writes"]),
            ("FAISS add (measured alone)", storage_alone["index_add"]),
            ("index checkpoint save (measured alone)", storage_alone["index_save"]),
        ]
        return [*parts, ("remainder: open/close, prechecks, glue, noise", self.e2e_median - sum(s for _, s in parts))]

    def to_json(self, segmentation_s: float, storage_alone: dict[str, float], sentences: int) -> dict[str, Any]:
        return asdict(self) | {
            "raw_median_s": self.raw_median,
            "extraction_median_s": self.extraction_median,
            "end_to_end_median_s": self.e2e_median,
            "end_to_end_sentences_per_s": sentences / self.e2e_median,
            "ratio_end_to_end_over_raw_plus_extraction": self.ratio,
            "pair_ratios": self.pair_ratios(),
            "throughput_end_to_end_over_raw": self.throughput_ratio,
            "breakdown_s": dict(self.breakdown(segmentation_s, storage_alone)),
        }


@dataclass
class Report:
    command: str
    date: str
    data: str
    articles: int
    sentences: int
    characters: int
    repeat: int
    segmentation_s: float
    extractor_version: str
    extractor_blas_gemm: bool
    serial: bool = True
    embedders: list[EmbedderRuns] = field(default_factory=list)
    baseline_extraction_s: list[float] = field(default_factory=list)
    baseline_extraction_vs_s: list[float] = field(default_factory=list)  # the library's, in the same repetition
    baseline_differing_sentences: int | None = None
    storage_alone: dict[str, float] = field(default_factory=dict)
    machine: dict[str, Any] = field(default_factory=dict)
    peak_rss_mib: float = 0.0
    wall_s: float = 0.0

    @property
    def extraction_speedup(self) -> float | None:
        """Baseline / library extraction time, median of the per-repetition ratios."""
        if not self.baseline_extraction_s:
            return None
        pairs = zip(self.baseline_extraction_s, self.baseline_extraction_vs_s, strict=True)
        return statistics.median(before / after for before, after in pairs)

    def to_json(self) -> dict[str, Any]:
        payload = asdict(self)
        payload["embedders"] = [
            runs.to_json(self.segmentation_s, self.storage_alone, self.sentences) for runs in self.embedders
        ]
        payload |= {"target_ratio": TARGET_RATIO, "extraction_speedup": self.extraction_speedup}
        return payload


def run(args: argparse.Namespace, command: str) -> Report:
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    sources, note = load_articles(args.basil_dir, args.articles)
    progress(f"{len(sources)} articles: {note}")
    segmentation_s, spans = segment_all(sources)
    articles: Articles = [
        ([span.text for span in spans_], s.published_at) for s, spans_ in zip(sources, spans, strict=True)
    ]
    texts = [span.text for article in spans for span in article]
    expected = [len(article) for article in spans]
    extractor = create_extractor("spacy")
    extractor.extract(["Warm-up sentence for the parser."])
    report = Report(
        command=command,
        date=datetime.now(UTC).isoformat(timespec="seconds"),
        data=note,
        articles=len(sources),
        sentences=len(texts),
        characters=sum(len(s.text) for s in sources),
        repeat=args.repeat,
        segmentation_s=segmentation_s,
        extractor_version=extractor.version,
        extractor_blas_gemm=bool(getattr(extractor, "blas_gemm", False)),
        serial=not args.no_serial,
    )
    progress(f"{len(texts)} sentences; segmentation {segmentation_s:.2f}s; loading the embedders")
    embedders: list[tuple[EmbedderRuns, Embedder]] = []
    for name in args.embedders:
        config = EmbedderConfig(name=name)
        load_s, embedder = timed(lambda config=config: create_embedder(config))
        embedder.encode(texts[:WARMUP_SENTENCES])
        embedders.append((EmbedderRuns(name, embedder.model_id, config.batch_size, load_s), embedder))
    report.embedders = [runs for runs, _ in embedders]
    baseline = BaselineExtraction() if args.baseline_extraction else None
    cpu_before = CpuSample.take()
    vectors = _measure(report, embedders, baseline, extractor, sources, articles, texts, expected)
    cpu_after = CpuSample.take()
    progress("storage alone (SQLite, FAISS)")
    report.storage_alone = run_storage_alone(sources, spans, vectors)
    report.machine = machine_during(load_before, cpu_before, cpu_after)
    report.peak_rss_mib = peak_rss_mib()
    report.wall_s = time.perf_counter() - started
    return report


def _measure(
    report: Report,
    embedders: list[tuple[EmbedderRuns, Embedder]],
    baseline: BaselineExtraction | None,
    extractor: ClaimExtractor,
    sources: list[SourceInput],
    articles: Articles,
    texts: list[str],
    expected: list[int],
) -> Vectors:
    first_vectors: Vectors | None = None
    for repetition in range(report.repeat):
        step = f"run {repetition + 1}/{report.repeat}"
        forward = repetition % 2 == 0
        if baseline is not None:
            before_s, before = timed(lambda: baseline.extract(articles))
            after_s, after = run_extraction(extractor, articles)
            report.baseline_extraction_s.append(before_s)
            report.baseline_extraction_vs_s.append(after_s)
            if report.baseline_differing_sentences is None:
                keys_before, keys_after = claim_keys(before), claim_keys(after)
                report.baseline_differing_sentences = sum(a != b for a, b in zip(keys_before, keys_after, strict=True))
            progress(
                f"{step} extraction before issue 12 {before_s:.2f}s, now {after_s:.2f}s "
                f"({report.baseline_differing_sentences} sentences with other claims)"
            )
        for runs, embedder in embedders if forward else reversed(embedders):
            order = ["raw", "extract", "e2e", "serial"] if report.serial else ["raw", "extract", "e2e"]
            for kind in order if forward else reversed(order):
                if kind == "raw":
                    seconds, vectors = run_raw(embedder, texts)
                    runs.raw_s.append(seconds)
                    if runs is embedders[0][0]:
                        first_vectors = vectors
                    progress(f"{step} {runs.name}: raw encode {seconds:.2f}s")
                elif kind == "extract":
                    seconds, _ = run_extraction(extractor, articles)
                    runs.extraction_s.append(seconds)
                    progress(f"{step} {runs.name}: extraction alone {seconds:.2f}s")
                elif kind == "serial":
                    result = run_end_to_end(embedder, sources, expected, overlap=False)
                    runs.end_to_end_serial.append(result.total)
                    progress(f"{step} {runs.name}: end-to-end, extraction after encoding {result.total:.2f}s")
                else:
                    result = run_end_to_end(embedder, sources, expected)
                    runs.end_to_end.append(result)
                    progress(f"{step} {runs.name}: end-to-end {result.total:.2f}s (encode inside {result.encode:.2f}s)")
    assert first_vectors is not None
    return first_vectors


# -- output -------------------------------------------------------------------------------------------
def _runs(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def _embedder_section(report: Report, runs: EmbedderRuns) -> list[str]:
    n, raw, extraction, e2e = report.sentences, runs.raw_median, runs.extraction_median, runs.e2e_median
    verdict = "meets" if runs.ratio <= TARGET_RATIO else "ABOVE"
    lines = [
        f"### {runs.name}",
        "",
        f"Model {runs.model_id}, batch size {runs.batch_size}; loaded in {runs.load_s:.1f} s.",
        "",
        "| measurement | median s | sentences/s | runs (s) |",
        "|---|---:|---:|---|",
        f"| raw `embedder.encode(all sentences)` | {raw:.2f} | {n / raw:.1f} | {_runs(runs.raw_s)} |",
        f"| claim extraction alone | {extraction:.2f} | {n / extraction:.1f} | {_runs(runs.extraction_s)} |",
        f"| raw encode + extraction alone | {raw + extraction:.2f} | {n / (raw + extraction):.1f} | |",
        f"| end-to-end `Corpus.open` + `ingest_many` + `close` | {e2e:.2f} | {n / e2e:.1f} | "
        f"{_runs([r.total for r in runs.end_to_end])} |",
        *(
            [
                f"| the same, claims extracted after encoding instead of alongside | "
                f"{statistics.median(runs.end_to_end_serial):.2f} | "
                f"{n / statistics.median(runs.end_to_end_serial):.1f} | {_runs(runs.end_to_end_serial)} |"
            ]
            if runs.end_to_end_serial
            else []
        ),
        "",
        f"**End-to-end / (raw encode + extraction alone): {runs.ratio:.3f}** ({verdict} the <= {TARGET_RATIO} "
        f"target); per repetition: {', '.join(f'{r:.3f}' for r in runs.pair_ratios())}. "
        f"End-to-end / raw encode throughput: {runs.throughput_ratio:.3f}.",
        "",
        "Where the end-to-end median goes (model time measured inside the ingest; the rest measured alone on the "
        "same sentences and vectors; claim extraction runs alongside the model's encode, so the parts add up to "
        "more than the whole and the model is slower inside the ingest than alone, the two sharing the cores):",
        "",
        "| part | s | share |",
        "|---|---:|---:|",
        *(
            f"| {name} | {seconds:.2f} | {seconds / e2e:.1%} |"
            for name, seconds in runs.breakdown(report.segmentation_s, report.storage_alone)
        ),
        "",
    ]
    return lines


def render_markdown(report: Report) -> str:
    arithmetic = "OpenBLAS (numpy)" if report.extractor_blas_gemm else "BLIS (thinc)"
    lines = [
        SECTION_TITLE,
        "",
        f"Command: `{report.command}` (run {report.date}, {report.wall_s / 60:.1f} min in all).",
        "",
        f"Machine: {machine_line(report.machine, report.peak_rss_mib)}.",
        "",
        *contention_warning(report.machine),
        f"Data: {report.data}; {report.articles} articles, {report.sentences} sentences, "
        f"{report.characters:,} characters. Claim extractor {report.extractor_version}, matrix products on "
        f"{arithmetic}; index `flat`; {report.repeat} runs of each measurement, alternating order; medians.",
        "",
        "| embedder | raw encode s | extraction alone s | end-to-end s | end-to-end / (encode + extraction) |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {r.name} | {r.raw_median:.2f} | {r.extraction_median:.2f} | {r.e2e_median:.2f} | **{r.ratio:.3f}** |"
            for r in report.embedders
        ),
        "",
        f"Target: end-to-end at most {TARGET_RATIO} x (raw encode + extraction alone) for each embedder.",
        "",
    ]
    if report.extraction_speedup is not None:
        lines += [
            f"Claim extraction before issue 12 (spaCy as shipped, one `nlp.pipe` per article, batch 64, BLIS): "
            f"{_runs(report.baseline_extraction_s)} s; now {_runs(report.baseline_extraction_vs_s)} s in the same "
            f"repetitions: **{report.extraction_speedup:.2f} x faster** (median of the per-repetition ratios). "
            f"Sentences whose claims differ between the two: {report.baseline_differing_sentences} of "
            f"{report.sentences}.",
            "",
        ]
    for runs in report.embedders:
        lines += _embedder_section(report, runs)
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=300, help="number of articles (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="measurement rounds, median reported (default 3)")
    parser.add_argument(
        "--embedders",
        default=",".join(embedder_names()),
        help=f"comma-separated embedders to measure (default all shipped: {','.join(embedder_names())})",
    )
    parser.add_argument(
        "--no-serial", action="store_true", help="skip the run that extracts claims after encoding (comparison)"
    )
    parser.add_argument(
        "--baseline-extraction",
        action="store_true",
        help="also time claim extraction as it was before issue 12 and compare its claims (slow)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of Markdown")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite '{SECTION_TITLE}' in {DOCS_FILE}")
    parser.add_argument("--basil-dir", type=Path, default=BASIL_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.articles < 1 or args.repeat < 1:
        parser.error("--articles and --repeat must be at least 1")
    args.embedders = [name for name in args.embedders.split(",") if name]
    unknown = sorted(set(args.embedders) - set(embedder_names()))
    if unknown or not args.embedders:
        parser.error(f"unknown embedder(s) {', '.join(unknown)}; choose from {', '.join(embedder_names())}")
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
