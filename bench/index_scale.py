"""Index at scale: exact vs HNSW vs IVF (full and 8-bit vectors) on up to 1M sentence vectors, side by side.

Method
------
1. Real sentences: every BASIL article body (``--basil-dir``, segmented with the project's ``Segmenter``),
   the Emergent claim and article headlines and the seed articles (next to it in ``../shared``); kept when
   they have at least 4 words, deduplicated. They are embedded once with the project's embedder (the
   packaged all-MiniLM-L6-v2) and the vectors cached in ``--cache-dir`` under a hash of model and texts.
2. Queries: ``--queries`` real sentences drawn at random (seed 0), held out of every base set: like a
   claim checked against a corpus that holds other outlets' tellings of the story, not the claim itself.
3. A base of n vectors: the other real vectors first (all real while n is at most their number), then
   synthetic ones. Pure Gaussian vectors would be a misleading ANN benchmark: they have no neighbourhood
   structure. A synthetic vector is ``normalize((1 - l) * a + l * b + s * z)`` with ``a`` a random real
   base vector, ``b`` one of the 10 real vectors nearest to ``a``, ``l ~ U(0, 0.5)`` and ``z`` drawn from a
   Gaussian with the covariance of the real vectors (sentence embeddings are far from isotropic), s = 0.5.
   s was calibrated so that a synthetic set the size of the real one looks like the real one to an ANN
   index: the run measures this ("realism check": the queries' neighbour similarities and IVF recall on the
   real set and on an equal-size synthetic set built around it).
4. Ground truth: the exact top-10 of each query from the ``flat`` index.
5. Each configuration is built through the library as a corpus rebuild builds it (``create_index`` and one
   ``add`` of all n vectors: training included) and saved with ``save``; bytes per vector = file size / n
   (the file holds the 8-byte sentence id of each vector too). For each search setting: recall@10 against
   exact over all queries and the largest difference between a returned score and the exact inner product
   of that vector (one batch search, also timed: queries/s); then the latency of single queries (batch of
   1, as ``check_claim`` searches) over ``--latency-queries`` queries after a warm-up: p50 and p95.
   Speed-up = exact p50 / configuration p50, both measured in this run; exact latency is measured before
   and after the approximate configurations of each size and its samples pooled (the spread is shown),
   through the library (one FAISS thread per single query) and on the raw FAISS index with all threads;
   the faster of the two is the baseline.

Ratios measured side by side in one run are what to compare across machines; absolute times on a shared
2-core machine move with the load, which is reported (1-min load average, CPU taken by other processes).

Usage: ``python bench/index_scale.py [--n 10000 100000 1000000] [--kinds flat hnsw ivf ivf_sq8] [--json]
[--write-docs]``
"""

from __future__ import annotations

import argparse
import csv
import gc
import hashlib
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
from typing import Any

import faiss
import numpy as np
import numpy.typing as npt
from _common import (
    BASIL_DIR,
    DOCS_FILE,
    CpuSample,
    _cpu_model,
    _display,
    _version,
    contention,
    load_basil,
    peak_rss_mib,
    publish,
)

from factcheck import Embedder, EmbedderConfig, IndexConfig, Segmenter, create_embedder, create_index
from factcheck.index.faiss_index import FaissIndex

ROOT = Path(__file__).resolve().parent.parent
SECTION_TITLE = "## Index at scale"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "factcheck-index-bench"
K = 10
TARGET_RECALL = 0.95
TARGET_SPEEDUP = 10.0
MIN_WORDS = 4
SIGMA = 0.5
MIX_MAX = 0.5
PARTNERS = 10
WARMUP_QUERIES = 10
EMBED_QUERIES = 100
CONTENTION_WARNING = 0.10
# Search settings swept per kind (the library default is always included).
EF_SEARCH = (16, 32, 64, 128, 256)
NPROBE = (8, 16, 32, 64, 128)
PQ_BYTES = 96
PQ_RERANK = 50
KINDS = ("flat", "hnsw", "ivf", "ivf_sq8", "ivf_pq")
DEFAULTS = IndexConfig()

Vectors = npt.NDArray[np.float32]


def progress(message: str) -> None:
    print(f"[index-bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- data ---------------------------------------------------------------------------------------------
def real_sentences(basil_dir: Path) -> tuple[list[str], str]:
    """BASIL body sentences, Emergent headlines and the seed articles' sentences: real news sentences."""
    segmenter = Segmenter()
    sources, _ = load_basil(basil_dir, 1_000_000)
    texts = [span.text for source in sources for span in segmenter.split(source.text)]
    parts = [f"{len(sources)} BASIL articles ({len(texts)} sentences)"]
    shared = basil_dir.parent.parent.parent  # .../shared/data/basil/articles -> .../shared
    emergent = shared / "data" / "emergent" / "url-versions-2015-06-14-clean.csv"
    if emergent.is_file():
        with emergent.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        headlines = sorted({r[c].strip() for r in rows for c in ("claimHeadline", "articleHeadline")})
        texts += headlines
        parts.append(f"{len(headlines)} Emergent claim and article headlines")
    seeds = sorted((shared / "seeds").glob("*.txt"))
    for path in seeds:
        body = path.read_text(encoding="utf-8").split("\n", 1)[-1]  # the first line is the publication date
        texts += [span.text for span in segmenter.split(body)]
    if seeds:
        parts.append(f"{len(seeds)} seed articles")
    unique = list(dict.fromkeys(t.strip() for t in texts if len(t.split()) >= MIN_WORDS))
    return unique, ", ".join(parts) + f"; {len(unique)} distinct sentences of >= {MIN_WORDS} words"


def embedded(texts: list[str], cache_dir: Path, embedder: Embedder) -> tuple[Vectors, str]:
    digest = hashlib.sha256("\n".join([embedder.model_id, *texts]).encode()).hexdigest()[:16]
    path = cache_dir / f"real-{digest}.npy"
    if path.is_file():
        return np.load(path), f"vectors cached in {path}"
    progress(f"embedding {len(texts)} sentences (cached afterwards in {path})")
    started = time.perf_counter()
    vectors = embedder.encode(texts)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors, f"embedded in {time.perf_counter() - started:.0f} s and cached in {path}"


def embed_query_ms(embedder: Embedder, texts: Sequence[str]) -> list[float]:
    """What embedding one claim costs (the step before every search), to set the index's cost against."""
    embedder.encode(list(texts[:WARMUP_QUERIES]))
    samples = []
    for text in texts:
        start = time.perf_counter()
        embedder.encode([text])
        samples.append((time.perf_counter() - start) * 1000)
    return samples


class Synthesizer:
    """Synthetic sentence vectors around real ones (see the module docstring, step 3)."""

    def __init__(self, real: Vectors, sigma: float = SIGMA) -> None:
        self.real = real
        self.sigma = sigma
        covariance = np.cov(real.T.astype(np.float64))
        self._cholesky = np.linalg.cholesky(covariance + 1e-6 * np.eye(real.shape[1])).astype(np.float32)
        exact = faiss.IndexFlatIP(real.shape[1])
        exact.add(real)
        _, neighbours = exact.search(real, PARTNERS + 1)
        self._partners = neighbours[:, 1:]

    def make(self, count: int, seed: int, out: Vectors | None = None) -> Vectors:
        rng = np.random.default_rng(seed)
        out = np.empty((count, self.real.shape[1]), dtype=np.float32) if out is None else out
        for start in range(0, count, 100_000):
            m = min(100_000, count - start)
            anchors = rng.integers(0, len(self.real), m)
            partners = self._partners[anchors, rng.integers(0, PARTNERS, m)]
            mix = rng.uniform(0, MIX_MAX, m).astype(np.float32)[:, None]
            noise = rng.standard_normal((m, self.real.shape[1]), dtype=np.float32) @ self._cholesky.T
            x = (1 - mix) * self.real[anchors] + mix * self.real[partners] + self.sigma * noise
            out[start : start + m] = x / np.linalg.norm(x, axis=1, keepdims=True)
        return out


def base_vectors(real: Vectors, synth: Synthesizer, n: int) -> Vectors:
    if n <= len(real):
        return np.ascontiguousarray(real[:n])
    base = np.empty((n, real.shape[1]), dtype=np.float32)
    base[: len(real)] = real
    synth.make(n - len(real), seed=n, out=base[len(real) :])
    return base


# -- measurements -------------------------------------------------------------------------------------
def recall_at_k(truth: npt.NDArray[np.int64], found: npt.NDArray[np.int64]) -> float:
    return float(np.mean([len(set(t) & set(f)) / K for t, f in zip(truth, found, strict=True)]))


def realism_check(real: Vectors, synth: Synthesizer, queries: Vectors) -> list[dict[str, Any]]:
    """The queries against the real base and against an equal-size synthetic base (raw FAISS IVF)."""
    rows = []
    for name, base in (("real sentences", real), ("synthetic, same size", synth.make(len(real), seed=1))):
        exact = faiss.IndexFlatIP(base.shape[1])
        exact.add(base)
        scores, truth = exact.search(queries, K)
        ivf = create_index(IndexConfig(kind="ivf"), base.shape[1])
        assert isinstance(ivf, FaissIndex)
        ivf.add(np.arange(len(base), dtype=np.int64), base)
        recalls = {}
        for nprobe in (1, 4, 16):
            ivf.set_search_params(nprobe=nprobe)
            recalls[nprobe] = recall_at_k(truth, ivf.search(queries, K)[1])
        rows.append(
            {
                "base": name,
                "n": len(base),
                "nn1_similarity_median": float(np.median(scores[:, 0])),
                "nn10_similarity_median": float(np.median(scores[:, K - 1])),
                "ivf_nlist": int(ivf._index.nlist),
                "ivf_recall": recalls,
            }
        )
    return rows


def single_query_ms(index: Any, queries: Vectors) -> list[float]:
    for query in queries[:WARMUP_QUERIES]:
        index.search(query.reshape(1, -1), K)
    samples = []
    for query in queries:
        row = query.reshape(1, -1)
        start = time.perf_counter()
        index.search(row, K)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def exact_latencies(index: FaissIndex, queries: Vectors) -> dict[str, list[float]]:
    """Exact single queries through the library (which runs one query on one FAISS thread) and on raw FAISS
    with all threads, to show why: split over threads, a flat scan waits for each thread at a barrier."""
    return {"library (1 thread)": single_query_ms(index, queries), **raw_all_threads(index, queries)}


def raw_all_threads(index: FaissIndex, queries: Vectors) -> dict[str, list[float]]:
    threads = faiss.omp_get_max_threads()
    if threads == 1:
        return {}
    raw = index._index
    raw_samples = single_query_ms(raw, queries)
    return {f"raw FAISS, {threads} threads": raw_samples}


def percentile(samples: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(samples), q))


@dataclass
class Setting:
    name: str
    recall: float
    max_score_error: float
    batch_qps: float
    p50_ms: float
    p95_ms: float
    speedup: float = 0.0


@dataclass
class Built:
    kind: str
    label: str
    build_s: float
    bytes_per_vector: float
    nlist: int | None
    settings: list[Setting] = field(default_factory=list)


@dataclass
class SizeResult:
    n: int
    real_in_base: int
    truth_s: float
    # Exact single-query latency samples (library; raw FAISS on all threads), before and after the others.
    exact_ms: dict[str, list[float]] = field(default_factory=dict)
    exact_ms_after: dict[str, list[float]] = field(default_factory=dict)
    built: list[Built] = field(default_factory=list)

    def exact_p50_by_way(self) -> dict[str, float]:
        return {way: statistics.median(self.exact_ms[way] + self.exact_ms_after[way]) for way in self.exact_ms}

    @property
    def exact_p50(self) -> float:
        """The baseline of every speed-up: the faster way of searching exactly (a conservative ratio)."""
        return min(self.exact_p50_by_way().values())


def measure_setting(
    index: Any, name: str, queries: Vectors, truth: npt.NDArray[np.int64], base: Vectors, latency_queries: int
) -> Setting:
    gc.collect()
    start = time.perf_counter()
    scores, found = index.search(queries, K)
    batch_s = time.perf_counter() - start
    exact_scores = np.einsum("qd,qkd->qk", queries, base[np.clip(found, 0, None)])
    error = float(np.max(np.abs(np.where(found >= 0, scores - exact_scores, 0.0))))
    samples = single_query_ms(index, queries[:latency_queries])
    return Setting(
        name,
        recall_at_k(truth, found),
        error,
        len(queries) / batch_s,
        percentile(samples, 50),
        percentile(samples, 95),
    )


def build(kind: str, base: Vectors, tmp: Path) -> tuple[FaissIndex, Built]:
    config = IndexConfig(kind=kind)
    index = create_index(config, base.shape[1])
    assert isinstance(index, FaissIndex)
    ids = np.arange(len(base), dtype=np.int64)
    gc.collect()
    start = time.perf_counter()
    index.add(ids, base)
    build_s = time.perf_counter() - start
    path = tmp / f"{kind}.npz"
    index.save(path)
    size = path.stat().st_size
    path.unlink()
    raw = index._index
    nlist = int(raw.nlist) if hasattr(raw, "nlist") else None
    label = {
        "flat": "flat (exact)",
        "hnsw": f"hnsw M={config.hnsw_m} efConstruction={config.hnsw_ef_construction}",
        "ivf": f"ivf (IVF{nlist},Flat)",
        "ivf_sq8": f"ivf_sq8 (IVF{nlist},SQ8)",
    }[kind]
    return index, Built(kind, label, build_s, size / len(base), nlist)


class ProductQuantized:
    """Bench only, not a library kind: IVF with product-quantized codes (``PQ_BYTES`` bytes a vector), and
    optionally the top ``rerank`` candidates re-scored on the exact vectors (which the corpus keeps in SQLite;
    here they are read from memory, so the re-ranking latency is a lower bound)."""

    def __init__(self, base: Vectors) -> None:
        n, d = base.shape
        self.base = base
        self.nlist = max(1, min(round(4 * np.sqrt(n)), n // 39))  # as the library's IVF kinds
        self.index = faiss.index_factory(d, f"IVF{self.nlist},PQ{PQ_BYTES}np", faiss.METRIC_INNER_PRODUCT)
        rows = np.random.default_rng(0).choice(n, min(n, 64 * self.nlist), replace=False)
        self.index.train(base[np.sort(rows)])
        self.index.add(base)
        self.rerank = 0

    def set_search_params(self, *, nprobe: int, rerank: int) -> None:
        self.index.nprobe = min(nprobe, self.nlist)
        self.rerank = rerank

    def search(self, queries: Vectors, k: int) -> tuple[Vectors, npt.NDArray[np.int64]]:
        if not self.rerank:
            scores, found = self.index.search(queries, k)
            return scores, found
        _, candidates = self.index.search(queries, self.rerank)
        exact = np.einsum("qd,qkd->qk", queries, self.base[np.clip(candidates, 0, None)])
        exact[candidates < 0] = -np.inf
        order = np.argsort(-exact, axis=1)[:, :k]
        return np.take_along_axis(exact, order, 1), np.take_along_axis(candidates, order, 1)


def build_pq(base: Vectors) -> tuple[ProductQuantized, Built]:
    gc.collect()
    start = time.perf_counter()
    index = ProductQuantized(base)
    build_s = time.perf_counter() - start
    size = len(faiss.serialize_index(index.index)) + 8 * len(base)  # + the 8-byte ids the library stores
    label = f"ivf_pq (IVF{index.nlist},PQ{PQ_BYTES}; raw FAISS, not a library kind)"
    return index, Built("ivf_pq", label, build_s, size / len(base), index.nlist)


def sweep(kind: str) -> list[tuple[str, dict[str, int]]]:
    if kind == "ivf_pq":
        return [
            (f"nprobe={p}" + (f", re-rank top {r} exact" if r else ""), {"nprobe": p, "rerank": r})
            for p in (32, 64)
            for r in (0, PQ_RERANK)
        ]
    if kind == "hnsw":
        values = sorted({*EF_SEARCH, DEFAULTS.hnsw_ef_search})
        return [(f"efSearch={v}", {"ef_search": v}) for v in values]
    if kind in ("ivf", "ivf_sq8"):
        values = sorted({*NPROBE, DEFAULTS.ivf_nprobe})
        return [(f"nprobe={v}", {"nprobe": v}) for v in values]
    return [("", {})]


def run_size(
    n: int, real: Vectors, synth: Synthesizer, queries: Vectors, kinds: Sequence[str], args: argparse.Namespace
) -> SizeResult:
    base = base_vectors(real, synth, n)
    progress(f"n={n:,}: base ready ({min(n, len(real)):,} real vectors); exact ground truth")
    with tempfile.TemporaryDirectory(prefix="factcheck-index-bench-") as tmp_name:
        tmp = Path(tmp_name)
        exact, flat_built = build("flat", base, tmp)
        gc.collect()
        start = time.perf_counter()
        _, truth = exact.search(queries, K)
        result = SizeResult(n, min(n, len(real)), time.perf_counter() - start)
        # The ground-truth batch is the exact index's batch measurement; its latency is measured below.
        flat_built.settings.append(Setting("", 1.0, 0.0, len(queries) / result.truth_s, 0.0, 0.0))
        flat_latency = min(args.latency_queries, args.exact_latency_queries)
        result.exact_ms = exact_latencies(exact, queries[:flat_latency])
        result.built.append(flat_built)
        for kind in kinds:
            if kind == "flat" or (kind == "ivf_pq" and n > args.pq_max_n):
                continue
            progress(f"n={n:,}: building {kind}")
            index, built = build_pq(base) if kind == "ivf_pq" else build(kind, base, tmp)
            progress(f"n={n:,}: {kind} built in {built.build_s:.1f} s; searching")
            for name, params in sweep(kind):
                index.set_search_params(**params)
                built.settings.append(measure_setting(index, name, queries, truth, base, args.latency_queries))
                s = built.settings[-1]
                progress(f"  {kind} {name}: recall@10 {s.recall:.3f}, p50 {s.p50_ms:.3f} ms")
            result.built.append(built)
            del index
            gc.collect()
        result.exact_ms_after = exact_latencies(exact, queries[:flat_latency])
    fastest = min(result.exact_p50_by_way().items(), key=lambda item: item[1])[0]
    pooled = result.exact_ms[fastest] + result.exact_ms_after[fastest]
    flat = result.built[0].settings[0]
    flat.name, flat.p50_ms, flat.p95_ms = fastest, percentile(pooled, 50), percentile(pooled, 95)
    for built in result.built:
        for setting in built.settings:
            setting.speedup = result.exact_p50 / setting.p50_ms
    progress(f"n={n:,}: exact p50 {result.exact_p50_by_way()} ms")
    return result


# -- the benchmark ------------------------------------------------------------------------------------
@dataclass
class Report:
    command: str
    date: str
    data: str
    cache: str
    real_vectors: int
    queries: int
    latency_queries: int
    pq_max_n: int
    realism: list[dict[str, Any]]
    embed_query_p50_ms: float
    sizes: list[SizeResult]
    machine: dict[str, Any]
    peak_rss_mib: float
    wall_s: float


def machine_info() -> dict[str, Any]:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "faiss_threads": faiss.omp_get_max_threads(),
        "faiss": _version("faiss-cpu"),
        "numpy": np.__version__,
        "python": sys.version.split()[0],
    }


def run(args: argparse.Namespace, command: str) -> Report:
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    texts, data = real_sentences(args.basil_dir)
    embedder = create_embedder(EmbedderConfig())
    vectors, cache = embedded(texts, args.cache_dir, embedder)
    order = np.random.default_rng(0).permutation(len(vectors))
    embed_ms = embed_query_ms(embedder, [texts[i] for i in order[:EMBED_QUERIES]])
    queries = np.ascontiguousarray(vectors[order[: args.queries]])
    real = np.ascontiguousarray(vectors[order[args.queries :]])
    progress(f"{len(real):,} real base vectors, {len(queries)} queries; realism check")
    synth = Synthesizer(real)
    realism = realism_check(real, synth, queries)
    cpu_before = CpuSample.take()
    sizes = [run_size(n, real, synth, queries, args.kinds, args) for n in sorted(args.n)]
    cpu_after = CpuSample.take()
    machine = machine_info() | {"load_average_1m_before": load_before, "load_average_1m_after": os.getloadavg()[0]}
    machine |= contention(cpu_before, cpu_after, machine["cores_usable"] or 1)
    return Report(
        command=command,
        date=datetime.now(UTC).isoformat(timespec="seconds"),
        data=data,
        cache=cache,
        real_vectors=len(real),
        queries=len(queries),
        latency_queries=args.latency_queries,
        pq_max_n=args.pq_max_n,
        realism=realism,
        embed_query_p50_ms=percentile(embed_ms, 50),
        sizes=sizes,
        machine=machine,
        peak_rss_mib=peak_rss_mib(),
        wall_s=time.perf_counter() - started,
    )


# -- output -------------------------------------------------------------------------------------------
def default_setting(kind: str) -> str:
    if kind == "hnsw":
        return f"efSearch={DEFAULTS.hnsw_ef_search}"
    if kind in ("ivf", "ivf_sq8"):
        return f"nprobe={DEFAULTS.ivf_nprobe}"
    return ""


def meets(setting: Setting) -> bool:
    return setting.recall >= TARGET_RECALL and setting.speedup >= TARGET_SPEEDUP


def size_table(size: SizeResult) -> list[str]:
    real = "all real" if size.real_in_base == size.n else f"{size.real_in_base:,} real + synthetic"
    spread = "exact single-query p50 " + "; ".join(
        f"{way}: {statistics.median(size.exact_ms[way]):.2f} ms before, "
        f"{statistics.median(size.exact_ms_after[way]):.2f} ms after the approximate indexes"
        for way in size.exact_ms
    )
    lines = [
        f"### n = {size.n:,} ({real}; {spread})",
        "",
        "| index | build s | bytes/vector | search setting | recall@10 | p50 ms | p95 ms | speed-up (p50) | "
        "batch q/s | max score error |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for built in size.built:
        for i, s in enumerate(built.settings):
            head = f"{built.label} | {built.build_s:.1f} | {built.bytes_per_vector:,.0f}" if i == 0 else "〃 | | "
            name = s.name or "-"
            if s.name and s.name == default_setting(built.kind):
                name += " (default)"
            mark = " **ok**" if built.kind != "flat" and meets(s) else ""
            lines.append(
                f"| {head} | {name} | {s.recall:.3f} | {s.p50_ms:.3f} | {s.p95_ms:.3f} | {s.speedup:.1f}x{mark} | "
                f"{s.batch_qps:,.0f} | {s.max_score_error:.4f} |"
            )
    lines.append("")
    return lines


def _default_row(size: SizeResult, kind: str) -> tuple[Built, Setting] | None:
    built = next((b for b in size.built if b.kind == kind), None)
    if built is None:
        return None
    wanted = default_setting(kind)
    return built, next(s for s in built.settings if s.name == wanted or not wanted)


def defaults_paragraph(report: Report) -> list[str]:
    """The library's defaults (``IndexConfig()``) against this run's numbers."""
    kind, threshold = DEFAULTS.auto_kind, DEFAULTS.auto_threshold
    exact = ", ".join(f"{s.exact_p50:.2f} ms at n = {s.n:,}" for s in report.sizes)
    at = next((s for s in report.sizes if s.n == threshold), None)
    at_threshold = (
        f"At n = {threshold:,} exact search costs {at.exact_p50 / report.embed_query_p50_ms:.0%} of the embedding. "
        if at
        else ""
    )
    lines = [
        "### Defaults chosen from these numbers",
        "",
        f"`IndexConfig()` (`FACTCHECK_INDEX_TYPE` unset): kind `{DEFAULTS.kind}`, which is `flat` (exact) below "
        f"{threshold:,} live vectors and `{kind}` with {default_setting(kind)} from there on (back to `flat` below "
        f"half the threshold); `hnsw` searches with {default_setting('hnsw')}. An exact single query costs "
        f"{exact} in this run, in proportion to the corpus; embedding the claim, which precedes every search, "
        f"costs {report.embed_query_p50_ms:.1f} ms (p50 over {EMBED_QUERIES} of the query sentences, same run). "
        f"{at_threshold}The threshold sits where exact search starts to cost as much as that embedding: below "
        "it exact search (recall 1) costs less than the embedding that comes with it, above it exact search grows "
        "to dominate and the approximate index pays. What the defaults give at each size of this run:",
        "",
    ]
    for size in report.sizes:
        chosen = kind if size.n >= threshold else "flat"
        row = _default_row(size, chosen)
        if row is None:
            continue
        built, setting = row
        verdict = "" if chosen == "flat" else (" (meets the target)" if meets(setting) else " (**misses the target**)")
        lines.append(
            f"- n = {size.n:,}: `{chosen}` {setting.name} recall@10 {setting.recall:.3f}, p50 {setting.p50_ms:.3f} ms "
            f"({setting.speedup:.1f}x exact){verdict}, {built.bytes_per_vector:,.0f} bytes/vector, "
            f"build {built.build_s:.1f} s"
        )
    largest = report.sizes[-1]
    chosen_row = _default_row(largest, kind)
    others = {k: _default_row(largest, k) for k in ("hnsw", "ivf") if k != kind}
    if largest.n >= threshold and chosen_row is not None and all(others.values()):
        built, setting = chosen_row
        compared = "; ".join(
            f"`{k}` {row[1].name}: recall@10 {row[1].recall:.3f}, p50 {row[1].p50_ms:.3f} ms, "
            f"{row[0].bytes_per_vector:,.0f} bytes/vector ({built.bytes_per_vector / row[0].bytes_per_vector:.0%} "
            f"of it for `{kind}`), build {row[0].build_s:.0f} s ({built.build_s:.0f} s for `{kind}`)"
            + ("" if meets(row[1]) else ", misses the target")
            for k, row in others.items()
            if row is not None
        )
        lines += [
            "",
            f"`{kind}` against the other approximate kinds at their defaults, n = {largest.n:,}: {compared}. "
            f"`{kind}` is chosen for its memory per vector, with recall to spare at its default; the build times "
            "matter because a corpus that crosses the threshold (or grows 4x past the size its lists were trained "
            "for, or loses a fifth of its vectors) is rebuilt at the next checkpoint, in about the build time shown "
            "for its size.",
        ]
    return [*lines, ""]


def render_markdown(report: Report) -> str:
    m = report.machine
    taken = m["other_processes_cpu_share"] + m["steal_share"]
    warning = (
        [
            f"**Warning: other processes took {taken:.0%} of the CPU while this ran; absolute times are "
            "inflated, compare ratios within the run.**",
            "",
        ]
        if taken > CONTENTION_WARNING
        else []
    )
    realism = [
        "| base | n | query top-1 similarity (median) | top-10th (median) | IVF recall@10 nprobe 1 / 4 / 16 |",
        "|---|---:|---:|---:|---|",
        *(
            f"| {r['base']} | {r['n']:,} | {r['nn1_similarity_median']:.3f} | {r['nn10_similarity_median']:.3f} | "
            + " / ".join(f"{v:.3f}" for v in r["ivf_recall"].values())
            + f" (nlist {r['ivf_nlist']}) |"
            for r in report.realism
        ),
    ]
    lines = [
        SECTION_TITLE,
        "",
        f"Command: `{report.command}` (run {report.date}, {report.wall_s / 60:.1f} min in all).",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable), FAISS threads {m['faiss_threads']}; "
        f"Python {m['python']}, faiss-cpu {m['faiss']}, numpy {m['numpy']}; peak RSS {report.peak_rss_mib:,.0f} MiB; "
        f"1-min load average {m['load_average_1m_before']:.2f} before, {m['load_average_1m_after']:.2f} after; "
        f"CPU taken by other processes during the measurements {m['other_processes_cpu_share']:.1%} of capacity "
        f"(host steal {m['steal_share']:.1%}).",
        "",
        *warning,
        f"Data: {report.data}; embedded with the packaged all-MiniLM-L6-v2 (384-d; {report.cache}). "
        f"{report.queries} of them, drawn at random, are the queries and never in a base; the other "
        f"{report.real_vectors:,} come first in every base, and larger bases add synthetic vectors made "
        f"around them: normalize((1-l)·a + l·b + {SIGMA}·z), a a real vector, b one of its {PARTNERS} nearest "
        f"real neighbours, l ~ U(0, {MIX_MAX}), z Gaussian with the real vectors' covariance (method in "
        "`bench/index_scale.py`). Realism check, the same queries on the real base and on a synthetic base of the "
        "same size built around it:",
        "",
        *realism,
        "",
        f"Every index is built through the library (`create_index` + one `add` of all vectors, training "
        f"included, as a corpus rebuild does); bytes/vector = saved file / n (includes the 8-byte id). Recall@10 "
        f"against exact and the largest score error over all {report.queries} queries (one batch: batch q/s); "
        f"latency of single queries (batch of 1, as `check_claim` searches) over {report.latency_queries} queries "
        f"(exact: the same queries before and after the approximate indexes, pooled; through the library, which "
        f"runs a single query on one FAISS thread, and on raw FAISS with all threads; the faster is the baseline); "
        f"speed-up = exact p50 / p50. "
        f"**ok** = recall@10 >= {TARGET_RECALL} at >= {TARGET_SPEEDUP:.0f}x the exact speed. `ivf_pq` (up to n = "
        f"{report.pq_max_n:,}: its training is slow) is not a library kind: {PQ_BYTES}-byte product-quantized codes, "
        f"optionally with the top {PQ_RERANK} re-scored on exact vectors read from memory (a corpus would read them "
        "from SQLite, so that latency is a lower bound; its bytes/vector count the codes and ids only).",
        "",
    ]
    for size in report.sizes:
        lines += size_table(size)
    lines += defaults_paragraph(report)
    return "\n".join(lines)


def to_json(report: Report) -> dict[str, Any]:
    payload = asdict(report)
    for size, item in zip(report.sizes, payload["sizes"], strict=True):
        item["exact_p50_ms"] = size.exact_p50
        item["exact_p50_ms_by_way"] = size.exact_p50_by_way()
    return payload


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000, 1_000_000], help="base sizes")
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), help=f"index kinds (default {' '.join(KINDS)})")
    parser.add_argument("--queries", type=int, default=1000, help="held-out real queries for recall (1000)")
    parser.add_argument("--latency-queries", type=int, default=300, help="single queries timed per setting")
    parser.add_argument(
        "--exact-latency-queries", type=int, default=100, help="single queries timed on the exact index, twice"
    )
    parser.add_argument(
        "--pq-max-n", type=int, default=100_000, help="largest n for ivf_pq (its training is slow; default 100000)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of Markdown")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite '{SECTION_TITLE}' in {DOCS_FILE}")
    parser.add_argument("--basil-dir", type=Path, default=BASIL_DIR, help="BASIL articles directory")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE, help="where sentence vectors are cached")
    args = parser.parse_args(argv)
    if not args.basil_dir.is_dir():
        parser.error(f"{_display(args.basil_dir)} is absent: pass --basil-dir (real sentences are required)")
    if min(args.n) < 1000 or args.queries < 10 or args.latency_queries < 1:
        parser.error("--n must be >= 1000, --queries >= 10, --latency-queries >= 1")
    unknown = set(args.kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown kinds {sorted(unknown)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    command = shlex.join(["python", "bench/index_scale.py", *(sys.argv[1:] if argv is None else argv)])
    report = run(args, command)
    section = render_markdown(report)
    return publish(SECTION_TITLE, section, to_json(report), as_json=args.json, write=args.write_docs)


if __name__ == "__main__":
    raise SystemExit(main())
