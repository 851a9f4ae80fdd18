"""Ingest by engine and store: the local and Ray engines into SQLite and PostgreSQL, and store writes alone.

Method
------
1. Load the articles: the first ``--articles`` BASIL articles (sorted by path; paragraphs joined with blank lines),
   as ``bench/ingest.py`` reads them. Without ``../shared`` the project's example articles are replicated under
   distinct ids instead, and the output says so.
2. Prepare every article once with the local pipeline, outside any timer: ``Segmenter`` (the sentence count each
   ingest must store), the service's default embedder (``minilm-onnx-int8``, the configuration ``factcheck serve``
   builds: ``bench/check.py``'s ``service_config``) and its claim extractor (``extract_articles``). The embedder and
   the extractor are loaded and warmed up here, so no ingest below pays a model load in this process.
3. Each measurement on the same articles, ``--repeat`` times (median), in alternating order (forward, then
   backward, ...), each into a fresh store (a temporary data directory; for PostgreSQL a fresh schema):
   - ``local`` engine (``create_engine(EngineConfig())``: ``Corpus.ingest_many``) into SQLite, and into PostgreSQL
     (``Config.database_url``). Timed: ``ingest_many`` of every article and ``Corpus.close`` (the index
     checkpoint); the corpus is opened and its model, extractor and index are loaded before the timer.
   - ``ray`` engine (``create_engine(EngineConfig(name="ray", num_cpus=N))``, ``engine.ingest_many(corpus,
     sources)``, ``engine.close()``) for each N of ``--ray-cpus`` (default 1 and 2: a local Ray instance with that
     many CPUs), into SQLite. Ray is started before the timer with the call the engine makes
     (``factcheck.engines.base.connect_ray``, i.e. ``ray.init(num_cpus=N)``), timed on its own; then a warm-up
     ingest of one article into a scratch store (timed on its own too: it shows what each ingest call pays to
     start its actor pools and load a model in every actor); then the timed ingest of every article, which pays
     that start once more (the engine starts its pools afresh for every window of 2000 sources). Ray is shut down
     after each N.
   - Store writes alone, for the scaling model: ``Corpus.add_prepared`` of every prepared article (its spans,
     vectors and claims from step 2), nothing else timed, by one writer into SQLite and into PostgreSQL; and into
     PostgreSQL by two writer threads at once, each with its own ``Corpus`` (separate data directories, the same
     URL), writing disjoint halves (alternate articles). ``add_prepared`` also adds the vectors to the corpus's
     in-memory FAISS index (``flat``: microseconds per source).
   After every ingest the outcomes must be ADDED with the sentence count of step 2 for every article, and the
   store must hold exactly those sources and that many sentences, or the bench stops: a run that stored nothing
   never reports a speed.
4. PostgreSQL: a throwaway PostgreSQL 15 cluster started with the tests' helper
   (``tests/factcheck/storage/postgres_cluster.py``; it runs with ``fsync=off``, ``synchronous_commit=off`` and
   ``full_page_writes=off``, so its writes are cheaper than a durable server's), or the server at
   ``--database-url`` (its role needs CREATE on the database: each measurement gets a schema of its own, dropped
   afterwards). Without the server binaries and without ``--database-url``, the PostgreSQL rows are skipped with
   the reason printed; so are the Ray rows without Ray.
5. CPU taken by other processes while timing: the machine's busy CPU less this process's, less the processes this
   bench started (Ray's processes, the PostgreSQL cluster; sampled every half second).

Usage: ``python bench/engines.py [--articles 150] [--repeat 1] [--ray-cpus 1,2] [--database-url URL] [--json]
[--write-docs]``
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import numpy as np
import psutil
from _common import (
    BASIL_DIR,
    DOCS_FILE,
    ROOT,
    CpuSample,
    contention_warning,
    load_articles,
    machine_during,
    machine_line,
    peak_rss_mib,
    progress,
    publish,
)
from check import service_config

from factcheck import Config, Corpus, IngestResult, IngestStatus, Segmenter, SourceInput, Span
from factcheck.claims.extract import ClaimExtractor, create_extractor, extract_articles
from factcheck.claims.model import Claim
from factcheck.corpus import IngestFailure
from factcheck.embedding import Embedder, create_embedder
from factcheck.engines import EngineConfig, IngestEngine, create_engine
from factcheck.errors import ConfigError, FactcheckError

SECTION_TITLE = "## Ingest by engine and store"
WARMUP_SENTENCES = 64
CLUSTER_HELPER = ROOT / "tests" / "factcheck" / "storage" / "postgres_cluster.py"
Outcome = IngestResult | IngestFailure


# -- data ---------------------------------------------------------------------------------------------
@dataclass
class Prepared:
    """Every article split, embedded and claim-extracted once, as ``Corpus.add_prepared`` takes them."""

    sources: list[SourceInput]
    spans: list[list[Span]]
    vectors: list[np.ndarray]
    claims: list[list[list[Claim]]]

    @property
    def expected(self) -> list[int]:
        return [len(s) for s in self.spans]

    @property
    def sentences(self) -> int:
        return sum(self.expected)


def prepare(sources: list[SourceInput], embedder: Embedder, extractor: ClaimExtractor) -> Prepared:
    segmenter = Segmenter()
    spans = [segmenter.split(s.text) for s in sources]
    empty = [s.id for s, found in zip(sources, spans, strict=True) if not found]
    if empty:
        raise SystemExit(f"articles without sentences (every article must be stored): {', '.join(empty)}")
    vectors = embedder.encode([span.text for article in spans for span in article])
    offsets = np.cumsum([0, *(len(a) for a in spans)]).tolist()
    articles = [([span.text for span in a], s.published_at) for s, a in zip(sources, spans, strict=True)]
    claims = extract_articles(extractor, articles)
    return Prepared(
        sources=sources,
        spans=spans,
        vectors=[vectors[offsets[i] : offsets[i + 1]] for i in range(len(sources))],
        claims=claims,
    )


# -- stores -------------------------------------------------------------------------------------------
def _load_cluster_helper() -> ModuleType:
    """The tests' throwaway-cluster helper, loaded from its file (``tests`` is not importable from ``bench/``)."""
    spec = importlib.util.spec_from_file_location("factcheck_bench_postgres_cluster", CLUSTER_HELPER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {CLUSTER_HELPER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _with_schema(url: str, schema: str) -> str:
    """``url`` with the libpq option that makes ``schema`` the search path (docs/deploy.md, "URL")."""
    option = f"options={quote(f'-csearch_path={schema}', safe='')}"
    parts = urlsplit(url)
    query = f"{parts.query}&{option}" if parts.query else option
    return urlunsplit(parts._replace(query=query))


def redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class Postgres:
    """Fresh empty stores (one schema each) on a server: the tests' throwaway cluster, or ``--database-url``."""

    def __init__(self, url: str | None) -> None:
        self._cluster: Any = None
        self.postmaster: int | None = None
        self.skip_reason: str | None = None
        self.where = ""
        self.server_version: str | None = None
        self.url = url
        if url is not None:
            from factcheck.storage.postgres import describe_url

            self.where = f"the server at {describe_url(url)} (`--database-url`)"
            self._check()
            return
        helper = _load_cluster_helper()
        bindir = helper.find_bindir()
        if bindir is None:
            self.skip_reason = (
                "the PostgreSQL server binaries are absent (no initdb and pg_ctl in /usr/lib/postgresql/15/bin or on "
                "PATH): apt-get install postgresql-15, or pass --database-url"
            )
            return
        cluster = helper.Cluster(bindir)
        try:
            cluster.start()
        except (RuntimeError, OSError, ValueError, subprocess.SubprocessError) as exc:
            with suppress(RuntimeError, OSError, subprocess.SubprocessError):
                cluster.stop()
            self.skip_reason = f"the throwaway PostgreSQL cluster did not start: {str(exc).strip().splitlines()[0]}"
            return
        self._cluster = cluster
        self.url = cluster.url()
        with suppress(OSError, ValueError, IndexError):
            self.postmaster = int((cluster.data / "postmaster.pid").read_text().split()[0])
        self.where = (
            f"a throwaway PostgreSQL cluster ({bindir}; `tests/factcheck/storage/postgres_cluster.py`: fsync, "
            "synchronous_commit and full_page_writes off) on this machine"
        )
        self._check()

    @property
    def available(self) -> bool:
        return self.url is not None

    def _check(self) -> None:
        """The server answers and lets this role create a schema; else the PostgreSQL rows are skipped."""
        import psycopg

        assert self.url is not None
        try:
            with psycopg.connect(self.url, autocommit=True, connect_timeout=10) as conn:
                row = conn.execute("SHOW server_version").fetchone()
                self.server_version = str(row[0]) if row else "unknown"
            with self.store():
                pass
        except psycopg.Error as exc:
            reason = str(exc).strip().strip("'\"").splitlines()
            self.skip_reason = f"{self.where}: {reason[0] if reason else type(exc).__name__}"
            self.url = None

    @contextmanager
    def store(self) -> Iterator[str]:
        """The URL of a new empty schema, dropped afterwards."""
        import psycopg

        assert self.url is not None
        schema = f"fc_bench_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url, autocommit=True) as admin:
            admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield _with_schema(self.url, schema)
        finally:
            with psycopg.connect(self.url, autocommit=True) as admin:
                admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")

    def close(self) -> None:
        if self._cluster is not None:
            self._cluster.stop()
            self._cluster = None


# -- CPU of what the bench started (Ray's processes, the PostgreSQL cluster) -------------------------------
class ChildCpu:
    """CPU seconds of this process's descendants and of the PostgreSQL server's processes, sampled every half
    second (a process's last half second before it exits can be missed): subtracted from the machine's busy CPU
    so that only other processes count as contention."""

    def __init__(self) -> None:
        self._seen: dict[tuple[int, float], float] = {}
        self._baseline: dict[tuple[int, float], float] = {}
        self._roots: list[int] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name="bench-child-cpu", daemon=True)

    def start(self) -> None:
        self._sample()
        self._thread.start()

    def add_root(self, pid: int) -> None:
        """A process (and its descendants) started by the bench but not as its child (a daemonized server)."""
        with self._lock:
            self._roots.append(pid)
        self._sample()

    def _processes(self) -> Iterator[psutil.Process]:
        with suppress(psutil.Error):
            yield from psutil.Process().children(recursive=True)
        for pid in list(self._roots):
            with suppress(psutil.Error):
                root = psutil.Process(pid)
                yield root
                yield from root.children(recursive=True)

    def _sample(self) -> None:
        for process in self._processes():
            try:
                key = (process.pid, process.create_time())
                times = process.cpu_times()
            except psutil.Error:
                continue
            with self._lock:
                self._seen[key] = max(self._seen.get(key, 0.0), times.user + times.system)

    def _loop(self) -> None:
        while not self._stop.wait(0.5):
            self._sample()

    def mark(self) -> None:
        """Count from now on only."""
        self._sample()
        with self._lock:
            self._baseline = dict(self._seen)

    def seconds(self) -> float:
        self._sample()
        with self._lock:
            return sum(value - self._baseline.get(key, 0.0) for key, value in self._seen.items())

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


# -- checks -------------------------------------------------------------------------------------------
def verify(corpus: Corpus, outcomes: Sequence[Outcome] | None, prepared: Prepared, what: str) -> None:
    """Every article ADDED with its sentences, and the store holding exactly those sources and sentences."""
    if outcomes is not None:
        want = [
            IngestResult(s.id, IngestStatus.ADDED, n) for s, n in zip(prepared.sources, prepared.expected, strict=True)
        ]
        if list(outcomes) != want:
            diff = next((pair for pair in zip(outcomes, want, strict=False) if pair[0] != pair[1]), None)
            raise AssertionError(f"{what}: {len(outcomes)} outcomes for {len(want)} articles; first difference {diff}")
    stored = (corpus.count_sources(), corpus.count_sentences(), sorted(corpus.source_ids()))
    expected = (len(prepared.sources), prepared.sentences, sorted(s.id for s in prepared.sources))
    if stored != expected:
        raise AssertionError(
            f"{what}: the store holds {stored[0]} sources and {stored[1]} sentences, expected {expected[0]} and "
            f"{expected[1]}{'' if stored[2] == expected[2] else ' (other source ids)'}"
        )


# -- measurements -------------------------------------------------------------------------------------
@dataclass
class Row:
    """One measurement's runs (seconds) or why it was skipped."""

    key: str
    kind: str  # "ingest" or "writes"
    engine: str
    store: str
    workers: str
    runs_s: list[float] = field(default_factory=list)
    skipped: str | None = None
    ray_init_s: list[float] = field(default_factory=list)
    ray_warmup_s: list[float] = field(default_factory=list)
    ray_warmup_sentences: int = 0
    writer_s: list[list[float]] = field(default_factory=list)  # per run, each writer thread's own time
    ray_cpus: int | None = None
    writers: int = 1

    @property
    def median_s(self) -> float:
        return statistics.median(self.runs_s)

    def to_json(self, sources: int, sentences: int) -> dict[str, Any]:
        payload = asdict(self)
        if self.runs_s:
            payload |= {
                "median_s": self.median_s,
                "sentences_per_s": sentences / self.median_s,
                "sources_per_s": sources / self.median_s,
            }
        if self.ray_warmup_s:
            payload["ray_marginal_sentences_per_s"] = self.marginal_rate(sentences)
        return payload

    def marginal_rate(self, sentences: int) -> float | None:
        """Sentences/s beyond the one-article warm-up: (N-article sentences - warm-up's) / (time - warm-up time)."""
        extra = self.median_s - statistics.median(self.ray_warmup_s)
        # Too close to the warm-up (a run of a few articles: one batch) to tell a rate from noise.
        return (sentences - self.ray_warmup_sentences) / extra if extra >= max(1.0, 0.1 * self.median_s) else None


@dataclass
class Bench:
    prepared: Prepared
    config: Config  # the service's, for a data directory to be replaced
    embedder: Embedder
    postgres: Postgres
    workdir: Path
    stall_seconds: int

    def _config(self, data_dir: Path, url: str | None = None) -> Config:
        return replace(self.config, data_dir=data_dir, database_url=url)

    def _open(self, data_dir: Path, url: str | None = None) -> Corpus:
        """A writable corpus, its model, extractor and index loaded (none of that is timed)."""
        corpus = Corpus.open(self._config(data_dir, url), embedder=self.embedder)
        _ = corpus.embedder, corpus.extractor, corpus.index
        return corpus

    @contextmanager
    def _data_dir(self) -> Iterator[Path]:
        with tempfile.TemporaryDirectory(prefix="run-", dir=self.workdir) as tmp:
            yield Path(tmp) / "data"

    @contextmanager
    def _url(self, postgres: bool) -> Iterator[str | None]:
        if not postgres:
            yield None
            return
        with self.postgres.store() as url:
            yield url

    # -- engines --
    def ingest(self, engine: IngestEngine, *, postgres: bool, what: str) -> float:
        with self._data_dir() as data_dir, self._url(postgres) as url:
            corpus = self._open(data_dir, url)
            closed = False
            try:
                started = time.perf_counter()
                outcomes = list(self._watched(engine.ingest_many(corpus, self.prepared.sources), what))
                corpus.close()
                closed = True
                seconds = time.perf_counter() - started
            finally:
                if not closed:
                    corpus.close()
            with Corpus.open(self._config(data_dir, url), embedder=self.embedder, read_only=True) as stored:
                verify(stored, outcomes, self.prepared, what)
        return seconds

    def ray_runs(self, row: Row, cpus: int) -> None:
        import ray

        from factcheck.engines.base import connect_ray

        config = EngineConfig(name="ray", num_cpus=cpus)
        init_s = time.perf_counter()
        connect_ray(config)  # what the engine calls on first use: ray.init(num_cpus=cpus, ...)
        init_s = time.perf_counter() - init_s
        try:
            engine = create_engine(config)
            try:
                first = self.prepared.sources[:1]
                with self._data_dir() as data_dir:
                    corpus = self._open(data_dir)
                    try:
                        started = time.perf_counter()
                        outcomes = list(self._watched(engine.ingest_many(corpus, first), f"{row.key} warm-up"))
                        warmup_s = time.perf_counter() - started
                    finally:
                        corpus.close()
                if outcomes != [IngestResult(first[0].id, IngestStatus.ADDED, self.prepared.expected[0])]:
                    raise AssertionError(f"{row.key} warm-up: {outcomes}")
                seconds = self.ingest(engine, postgres=False, what=row.key)
            finally:
                engine.close()  # Ray was started above, not by the engine: this releases nothing more
        finally:
            ray.shutdown()
        row.ray_init_s.append(init_s)
        row.ray_warmup_s.append(warmup_s)
        row.ray_warmup_sentences = self.prepared.expected[0]
        row.runs_s.append(seconds)
        progress(f"{row.key}: ray.init {init_s:.1f}s, 1-article warm-up {warmup_s:.1f}s, ingest {seconds:.1f}s")

    def _watched(self, outcomes: Iterable[Outcome], what: str) -> Iterator[Outcome]:
        """The outcomes; the run stops (an exception) when none arrives for ``stall_seconds`` (a hung pipeline)."""

        def stalled(signum: int, frame: FrameType | None) -> None:
            raise TimeoutError(f"{what}: no source stored for {self.stall_seconds} s")

        previous = signal.signal(signal.SIGALRM, stalled)
        try:
            signal.alarm(self.stall_seconds)
            for outcome in outcomes:
                signal.alarm(self.stall_seconds)
                yield outcome
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)

    # -- store writes alone --
    def _write(self, corpus: Corpus, indices: Sequence[int]) -> list[Outcome]:
        p = self.prepared
        return [corpus.add_prepared(p.sources[i], p.spans[i], p.vectors[i], p.claims[i]) for i in indices]

    def writes(self, *, postgres: bool, writers: int, what: str) -> tuple[float, list[float]]:
        count = len(self.prepared.sources)
        parts = [list(range(w, count, writers)) for w in range(writers)]
        with self._url(postgres) as url, tempfile.TemporaryDirectory(prefix="run-", dir=self.workdir) as tmp:
            corpora = [self._open(Path(tmp) / f"writer{w}", url) for w in range(writers)]
            try:
                barrier = threading.Barrier(writers + 1)
                results: list[list[Outcome]] = [[] for _ in range(writers)]
                own_s = [0.0] * writers
                errors: list[BaseException] = []

                def work(w: int) -> None:
                    try:
                        barrier.wait()
                        started = time.perf_counter()
                        results[w] = self._write(corpora[w], parts[w])
                        own_s[w] = time.perf_counter() - started
                    except BaseException as exc:  # re-raised by the main thread
                        errors.append(exc)

                threads = [threading.Thread(target=work, args=(w,), name=f"bench-writer-{w}") for w in range(writers)]
                for thread in threads:
                    thread.start()
                barrier.wait()
                started = time.perf_counter()
                for thread in threads:
                    thread.join()
                seconds = time.perf_counter() - started
                if errors:
                    raise errors[0]
                outcomes: list[Outcome | None] = [None] * count
                for part, found in zip(parts, results, strict=True):
                    for i, outcome in zip(part, found, strict=True):
                        outcomes[i] = outcome
                verify(corpora[0], [o for o in outcomes if o is not None], self.prepared, what)
            finally:
                for corpus in corpora:
                    corpus.close()
        return seconds, own_s


# -- the benchmark ------------------------------------------------------------------------------------
@dataclass
class Report:
    command: str
    date: str
    data: str
    articles: int
    sentences: int
    characters: int
    repeat: int
    model_id: str
    extractor_version: str
    prepare_s: float
    postgres: str
    postgres_version: str | None
    ray_version: str | None
    rows: list[Row] = field(default_factory=list)
    machine: dict[str, Any] = field(default_factory=dict)
    peak_rss_mib: float = 0.0
    wall_s: float = 0.0

    def to_json(self) -> dict[str, Any]:
        payload = asdict(self)
        payload["rows"] = [row.to_json(self.articles, self.sentences) for row in self.rows]
        return payload


def _ray_missing() -> str | None:
    if importlib.util.find_spec("ray") is None:
        return "Ray is not installed: pip install 'factcheck[ray]'"
    try:
        create_engine(EngineConfig(name="ray")).close()  # imports Ray Data; starts nothing
    except ConfigError as exc:
        return str(exc)
    return None


def plan(args: argparse.Namespace, postgres: Postgres, ray_missing: str | None) -> list[Row]:
    no_pg = postgres.skip_reason
    rows = [
        Row("local-sqlite", "ingest", "local", "SQLite", "1 process (encode + extraction thread)"),
        Row("local-postgres", "ingest", "local", "PostgreSQL", "1 process (encode + extraction thread)", skipped=no_pg),
        *(
            Row(f"ray-{n}-sqlite", "ingest", "ray", "SQLite", f"Ray num_cpus={n}", skipped=ray_missing, ray_cpus=n)
            for n in args.ray_cpus
        ),
        Row("writes-sqlite", "writes", "add_prepared", "SQLite", "1 writer"),
        Row("writes-postgres-1", "writes", "add_prepared", "PostgreSQL", "1 writer", skipped=no_pg),
        Row("writes-postgres-2", "writes", "add_prepared", "PostgreSQL", "2 writer threads", skipped=no_pg, writers=2),
    ]
    for row in rows:
        if row.skipped:
            print(f"[bench] skipping {row.key}: {row.skipped}", file=sys.stderr, flush=True)
    return rows


def measure(bench: Bench, row: Row) -> None:
    n = bench.prepared.sentences
    try:
        if row.ray_cpus is not None:
            bench.ray_runs(row, row.ray_cpus)
            return
        if row.kind == "ingest":
            seconds = bench.ingest(create_engine(EngineConfig()), postgres=row.store == "PostgreSQL", what=row.key)
        else:
            seconds, own = bench.writes(postgres=row.store == "PostgreSQL", writers=row.writers, what=row.key)
            row.writer_s.append(own)
    except (FactcheckError, TimeoutError) as exc:
        # A pipeline that fails or hangs (say, Ray with too few CPUs for both actor pools) is reported, not timed.
        row.skipped = f"failed: {exc}"
        progress(f"{row.key}: {row.skipped}")
        return
    row.runs_s.append(seconds)
    progress(f"{row.key}: {seconds:.2f}s, {n / seconds:.0f} sentences/s")


def run(args: argparse.Namespace, command: str) -> Report:
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    children = ChildCpu()
    children.start()
    sources, note = load_articles(args.basil_dir, args.articles)
    progress(f"{len(sources)} articles: {note}")
    postgres = Postgres(args.database_url)
    try:
        if postgres.postmaster is not None:
            children.add_root(postgres.postmaster)
        with tempfile.TemporaryDirectory(prefix="factcheck-bench-engines-") as tmp:
            config = service_config(Path(tmp) / "unused")
            embedder = create_embedder(config.embedder)
            embedder.encode(["Warm-up sentence for the model."] * WARMUP_SENTENCES)
            extractor = create_extractor(config.extractor)
            extractor.extract(["Warm-up sentence for the parser."])
            progress("preparing every article once (split, embed, extract claims; not timed)")
            prepare_s = time.perf_counter()
            prepared = prepare(sources, embedder, extractor)
            prepare_s = time.perf_counter() - prepare_s
            progress(f"{prepared.sentences} sentences prepared in {prepare_s:.1f}s")
            ray_missing = _ray_missing()
            rows = plan(args, postgres, ray_missing)
            report = Report(
                command=command,
                date=datetime.now(UTC).isoformat(timespec="seconds"),
                data=note,
                articles=len(sources),
                sentences=prepared.sentences,
                characters=sum(len(s.text) for s in sources),
                repeat=args.repeat,
                model_id=embedder.model_id,
                extractor_version=extractor.version,
                prepare_s=prepare_s,
                postgres=postgres.where if postgres.available else f"skipped: {postgres.skip_reason}",
                postgres_version=postgres.server_version,
                ray_version=None if ray_missing else _ray_version(),
                rows=rows,
            )
            bench = Bench(prepared, config, embedder, postgres, Path(tmp), args.stall_seconds)
            children.mark()
            cpu_before = CpuSample.take()
            for repetition in range(args.repeat):
                todo = [row for row in rows if not row.skipped]
                for row in todo if repetition % 2 == 0 else reversed(todo):
                    if not row.skipped:
                        progress(f"run {repetition + 1}/{args.repeat}: {row.key}")
                        measure(bench, row)
            cpu_after = CpuSample.take()
            started_cpu = children.seconds()  # Ray's processes and the PostgreSQL server, not "others"
            report.machine = machine_during(load_before, cpu_before, cpu_after, ours=started_cpu)
            report.machine["bench_started_processes_cpu_s"] = started_cpu
    finally:
        postgres.close()
        children.close()
    report.peak_rss_mib = peak_rss_mib()
    report.wall_s = time.perf_counter() - started
    return report


def _ray_version() -> str:
    import ray

    return str(ray.__version__)


# -- output -------------------------------------------------------------------------------------------
def _runs(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.1f}"


def render_markdown(report: Report) -> str:
    n, s = report.sentences, report.articles
    ingest = [r for r in report.rows if r.kind == "ingest"]
    writes = [r for r in report.rows if r.kind == "writes"]

    def table(rows: list[Row], first: str) -> list[str]:
        lines = [
            f"| {first} | store | workers | median s | sentences/s | sources/s | runs (s) |",
            "|---|---|---|---:|---:|---:|---|",
        ]
        for r in rows:
            if r.runs_s and not r.skipped:
                lines.append(
                    f"| {r.engine} | {r.store} | {r.workers} | {r.median_s:.2f} | {_rate(n, r.median_s)} | "
                    f"{_rate(s, r.median_s)} | {_runs(r.runs_s)} |"
                )
            else:
                lines.append(f"| {r.engine} | {r.store} | {r.workers} | | | | {r.skipped or 'not measured'} |")
        return lines

    ray_rows = [r for r in ingest if r.engine == "ray" and r.ray_warmup_s and not r.skipped]
    ray_lines: list[str] = []
    if ray_rows:
        ray_lines = [
            "Ray start-up, apart from the ingest rows above (medians): `ray.init` is the call the engine makes on "
            "first use, timed before the engine runs; the one-article warm-up ingest (into a scratch store) is what "
            "each `ingest_many` call pays to start its two actor pools and load a model in each actor, and the "
            f"ingest rows above pay it once too (once per window of {EngineConfig().window_sources} sources). "
            "Marginal sentences/s: (sentences of the full ingest - the warm-up's) / (its time - the warm-up's); n/a "
            "when the full ingest took less than 1 s (or 10%) longer than the warm-up, too little to tell.",
            "",
            "`num_cpus` is Ray's logical CPU count: it decides how many one-CPU actors run at once and pins nothing "
            "to a core. With 1, the extraction pool's actor waits until the embedding pool has consumed the whole "
            "window and released its CPU (Ray Data logs `Scaled down ... consumed all inputs`), so the two stages run "
            "one after the other; from 2 on, an actor of each pool runs at once.",
            "",
            "| Ray num_cpus | `ray.init` s | 1-article warm-up ingest s | full ingest s | marginal sentences/s |",
            "|---:|---:|---:|---:|---:|",
        ]
        for r in ray_rows:
            marginal = r.marginal_rate(n)
            ray_lines.append(
                f"| {r.ray_cpus} | {statistics.median(r.ray_init_s):.2f} | "
                f"{statistics.median(r.ray_warmup_s):.2f} | {r.median_s:.2f} | "
                f"{'n/a' if marginal is None else f'{marginal:,.1f}'} |"
            )
        ray_lines.append("")

    scaling: list[str] = []
    by_key = {r.key: r for r in writes if r.runs_s and not r.skipped}
    if "writes-postgres-1" in by_key and "writes-postgres-2" in by_key:
        one, two = by_key["writes-postgres-1"].median_s, by_key["writes-postgres-2"].median_s
        own = [max(times) for times in by_key["writes-postgres-2"].writer_s]
        scaling = [
            f"Two PostgreSQL writers against one: **{one / two:.2f} x** the throughput (1.00: writes do not scale "
            f"with writers; 2.00: they scale linearly). The two writers are threads of one Python process, sharing "
            f"its interpreter lock for the Python side of each write (slowest writer's own time per run: "
            f"{_runs(own)} s); separate processes (replicas) can only do better.",
            "",
        ]
    if "writes-sqlite" in by_key and "writes-postgres-1" in by_key:
        lite, pg = by_key["writes-sqlite"].median_s, by_key["writes-postgres-1"].median_s
        scaling += [f"One writer, PostgreSQL against SQLite: {lite / pg:.2f} x the throughput.", ""]

    lines = [
        SECTION_TITLE,
        "",
        f"Command: `{report.command}` (run {report.date}, {report.wall_s / 60:.1f} min in all).",
        "",
        f"Machine: {machine_line(report.machine, report.peak_rss_mib)}.",
        "",
        *contention_warning(report.machine),
        f"Data: {report.data}; {report.articles} articles, {report.sentences} sentences, {report.characters:,} "
        f"characters; the same articles in every row, each row into a fresh store. Embedder {report.model_id} (the "
        f"service's default), claim extractor {report.extractor_version}; index `flat`; {report.repeat} run(s) of "
        "each measurement, alternating order; medians. After every run the outcomes and the store were checked: "
        "every article ADDED with its sentences, the store holding exactly those sources and sentences.",
        "",
        f"PostgreSQL: {report.postgres}"
        + (f", server {report.postgres_version}" if report.postgres_version else "")
        + ". SQLite: WAL, `synchronous=NORMAL`, in a temporary data directory. Ray: "
        + (report.ray_version or "not installed")
        + ".",
        "",
        "### Ingest by engine",
        "",
        "Timed: `engine.ingest_many(corpus, sources)` of every article and `Corpus.close` (the index checkpoint); "
        "the corpus was opened and its model, extractor and index loaded beforehand, in this process. The Ray "
        "actors load their own models inside the timed ingest (below).",
        "",
        *table(ingest, "engine"),
        "",
        *ray_lines,
        "### Store writes alone",
        "",
        f"Every article split, embedded and claim-extracted once beforehand ({report.prepare_s:.1f} s, not timed); "
        "timed: only `Corpus.add_prepared` of each (one transaction per source, its vectors added to the in-memory "
        "FAISS index), for the scaling model.",
        "",
        *table(writes, "call"),
        "",
        *scaling,
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=150, help="number of BASIL articles (default 150)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement, median reported (default 1)")
    parser.add_argument(
        "--ray-cpus",
        default="1,2",
        help="comma-separated num_cpus of the local Ray instance, one row each (default 1,2)",
    )
    parser.add_argument(
        "--database-url",
        help="use this PostgreSQL server instead of a throwaway cluster (its role needs CREATE on the database: "
        "each measurement creates a schema and drops it)",
    )
    parser.add_argument(
        "--stall-seconds",
        type=int,
        default=300,
        help="stop an ingest when no source is stored for this long (a hung pipeline; default 300)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of Markdown")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite '{SECTION_TITLE}' in {DOCS_FILE}")
    parser.add_argument("--basil-dir", type=Path, default=BASIL_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.articles < 1 or args.repeat < 1 or args.stall_seconds < 1:
        parser.error("--articles, --repeat and --stall-seconds must be at least 1")
    try:
        args.ray_cpus = [int(n) for n in args.ray_cpus.split(",") if n]
    except ValueError:
        parser.error("--ray-cpus takes comma-separated whole numbers")
    if any(n < 1 for n in args.ray_cpus):
        parser.error("--ray-cpus must be at least 1")
    if args.database_url is not None:
        if not args.database_url.startswith(("postgresql://", "postgres://")):
            parser.error("--database-url must be a postgresql:// URL")
        if "options=" in urlsplit(args.database_url).query:
            parser.error("--database-url must not set options: the bench sets the search path to a schema of its own")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # A plain kill then unwinds like Ctrl-C: Ray is shut down, the cluster stopped, temporary directories removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    given = list(sys.argv[1:] if argv is None else argv)
    # The command is published: a password in --database-url is not.
    shown = [f"--database-url={redact(a[15:])}" if a.startswith("--database-url=") else redact(a) for a in given]
    command = shlex.join(["python", "bench/engines.py", *shown])
    report = run(args, command)
    section = render_markdown(report)
    return publish(SECTION_TITLE, section, report.to_json(), as_json=args.json, write=args.write_docs)


if __name__ == "__main__":
    raise SystemExit(main())
