"""The ``ray`` ingest engine: split, embed and extract claims on a Ray cluster; store through the driver's corpus.

The pipeline is Ray Data over the sources read on the driver, one row per source (a source's sentences are never
split between batches: its claims are read in sequence, as the local engine reads them)::

    from_items(new sources)              the driver reads the files and leaves out sources already stored
    -> map_batches(_SplitEmbed)          actor pool, one embedding model per actor: sentence offsets, vectors
    -> map_batches(_Extract)             actor pool, one spaCy pipeline per actor: each source's typed claims
    -> iter_batches on the driver        Corpus.add_prepared: one transaction per source, vectors indexed

Splitting runs inside the embedding actors: pysbd costs a tenth of the embedding or less, and a stage of its own
would need CPUs of its own, which the two actor pools hold (on a two-CPU machine its tasks would never start).

Only the driver writes, and only what the dataset yields: a Ray task retried after a worker died re-computes its
batch, never stores it, and every write is idempotent by source id and content hash (identical text already stored
is UNCHANGED, other text a conflict), so a retried or repeated run stores each source exactly once.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import ray
import ray.data
import ray.exceptions

from factcheck.claims.extract import create_extractor, extract_articles
from factcheck.claims.model import Claim
from factcheck.config import EmbedderConfig
from factcheck.corpus import Corpus, IngestFailure
from factcheck.embedding import create_embedder
from factcheck.engines.base import EngineConfig, connect_ray, ray_failure_cause
from factcheck.engines.base import check_listening as _check_listening  # noqa: F401 - its old name, for callers
from factcheck.errors import ConfigError, FactcheckError, ModelMismatchError
from factcheck.records import IngestResult, SourceInput, Span
from factcheck.segment import Segmenter

log = logging.getLogger(__name__)

Batch = dict[str, npt.NDArray[Any]]
Outcome = IngestResult | IngestFailure
#: An actor whose process dies mid-batch (killed for memory, a native crash) is restarted, and its batches are
#: retried, this many times; then the ingest fails (a batch that kills every process it runs on is not retried
#: forever). Retries never reach the store: only the driver writes.
ACTOR_RESTARTS = 3


@dataclass(frozen=True)
class _Prepared:
    """One source as the pipeline returns it."""

    source_id: str
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]
    vectors: npt.NDArray[np.float32]
    claims: list[list[Claim]]
    model_id: str
    extractor_version: str


class RayEngine:
    """Connects to (or starts) Ray on first use; :meth:`close` shuts down only a Ray instance it started.

    ``crash_once`` is for tests: an extraction actor's ``crash_on_batch``-th batch, if no file exists at that path,
    creates it and kills the actor's process (``os._exit``), as an out-of-memory kill would; Ray restarts the actor
    and retries its batches, and no other batch crashes.
    """

    def __init__(self, config: EngineConfig, *, crash_once: Path | None = None, crash_on_batch: int = 1) -> None:
        self._config = config
        self._crash = (str(crash_once), crash_on_batch) if crash_once is not None else None
        self._started = False

    def close(self) -> None:
        if self._started:
            ray.shutdown()
            self._started = False

    def _connect(self) -> int:
        """Initialise Ray unless it already is (a test, an application that started it); the cluster's CPUs."""
        started, cpus = connect_ray(self._config)
        self._started = self._started or started
        return cpus

    def ingest_many(self, corpus: Corpus, sources: Iterable[SourceInput]) -> Iterator[Outcome]:
        """Store sources as :meth:`Corpus.ingest_many` does, with the work done on the cluster; outcomes in input
        order, each as soon as its source is stored."""
        # The same checks as the local engine before anything is written: the model the data was built with, the
        # extractor version (older claims are re-extracted here), the index reconciled with the store.
        model_id = corpus.embedder.model_id
        extractor_version = corpus.extractor.version
        _ = corpus.index
        embedder_config = replace(corpus.config.embedder, threads=1)  # one CPU per actor
        stream = iter(sources)
        while window := list(islice(stream, self._config.window_sources)):
            yield from self._ingest_window(corpus, window, embedder_config, model_id, extractor_version)

    def _ingest_window(
        self,
        corpus: Corpus,
        window: list[SourceInput],
        embedder_config: EmbedderConfig,
        model_id: str,
        extractor_version: str,
    ) -> Iterator[Outcome]:
        slots: list[Outcome | SourceInput] = []  # input order; a SourceInput waits for the pipeline
        pending: set[str] = set()
        for source in window:
            early: Outcome | None
            if source.id in pending:
                early = IngestFailure(source.id, source.origin, f"source id {source.id!r} appears twice in this batch")
            else:
                early = corpus.check_stored(source)
            if early is None:
                pending.add(source.id)
                slots.append(source)
            else:
                slots.append(early)
        todo = [slot for slot in slots if isinstance(slot, SourceInput)]
        # Ray is started (or reached) only when there is work for it: a run over stored files never needs it.
        batches = self._run(todo, self._connect(), embedder_config, corpus.config.extractor) if todo else iter(())
        arrived: dict[str, _Prepared] = {}
        done: set[str] = set()

        def take(source_id: str) -> _Prepared | None:
            while source_id not in arrived:
                batch = next(batches, None)
                if batch is None:
                    return None
                for row in _rows(batch):
                    if row.source_id in arrived or row.source_id in done:  # never expected: Ray yields a block once
                        log.warning("the Ray pipeline returned source %s twice; stored once", row.source_id)
                    else:
                        arrived[row.source_id] = row
            return arrived.pop(source_id)

        try:
            for slot in slots:
                if not isinstance(slot, SourceInput):
                    yield slot
                    continue
                prepared = take(slot.id)
                done.add(slot.id)
                if prepared is None:
                    yield IngestFailure(slot.id, slot.origin, "the Ray pipeline returned nothing for it; ingest again")
                    continue
                yield _store(corpus, slot, prepared, model_id, extractor_version)
            for batch in batches:  # drained: nothing should be left
                for row in _rows(batch):
                    log.warning("the Ray pipeline returned source %s twice; stored once", row.source_id)
        finally:
            close = getattr(batches, "close", None)
            if close is not None:
                close()

    def _run(
        self, sources: list[SourceInput], cpus: int, embedder_config: EmbedderConfig, extractor: str
    ) -> Iterator[Batch]:
        size = self._config.batch_sources
        rows = [
            {"id": s.id, "text": s.text, "published": s.published_at.isoformat() if s.published_at else ""}
            for s in sources
        ]
        context = ray.data.DataContext.get_current()
        saved = (context.execution_options.preserve_order, context.enable_progress_bars)
        # A dataset copies the context it is made in: these apply to this ingest only.
        context.execution_options.preserve_order = True  # outcomes in input order; same sentence ids as local
        context.enable_progress_bars = False  # the CLI shows its own progress
        try:
            dataset: ray.data.Dataset = ray.data.from_items(rows, override_num_blocks=math.ceil(len(rows) / size))
            with warnings.catch_warnings():
                # max_restarts / max_task_retries: Ray 2.60 warns that the ray_remote_args they go through will be
                # replaced by named parameters in 2.64 (pyproject pins ray below 2.61); the bound matters.
                warnings.filterwarnings("ignore", message=".*ray_remote_args. is deprecated")
                for stage, arguments, actors in (
                    (_SplitEmbed, (embedder_config,), self._config.embed_actors),
                    (_Extract, (extractor, self._crash), self._config.extract_actors),
                ):
                    dataset = dataset.map_batches(
                        stage,
                        fn_constructor_args=arguments,
                        batch_size=size,
                        batch_format="numpy",
                        compute=_pool(actors, cpus),
                        num_cpus=1,
                        max_restarts=ACTOR_RESTARTS,
                        max_task_retries=ACTOR_RESTARTS,
                    )
        finally:
            context.execution_options.preserve_order, context.enable_progress_bars = saved
        return _guarded(iter(dataset.iter_batches(batch_size=None, batch_format="numpy")))


def _guarded(batches: Iterator[Batch]) -> Iterator[Batch]:
    """The pipeline's batches; its failure (a Python error in an actor, an actor dead after its restarts) as one
    FactcheckError line: the CLI prints it and exits 1, and what was stored before stays."""
    try:
        yield from batches
    except ray.exceptions.RayError as exc:
        raise FactcheckError(
            f"the Ray pipeline failed ({type(exc).__name__}): {ray_failure_cause(exc)}; the sources stored before it "
            "are kept, run the ingest again to store the rest (Ray's logs: /tmp/ray/session_latest/logs)"
        ) from exc
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()  # an interrupted ingest stops the pipeline


def _pool(actors: int | None, cpus: int) -> ray.data.ActorPoolStrategy:
    """A fixed pool of ``actors``, or one Ray Data scales between 1 and the cluster's CPUs less one (the other pool
    needs at least one)."""
    if actors is not None:
        return ray.data.ActorPoolStrategy(size=actors)
    return ray.data.ActorPoolStrategy(min_size=1, max_size=max(1, cpus - 1))


def _store(corpus: Corpus, source: SourceInput, prepared: _Prepared, model_id: str, extractor_version: str) -> Outcome:
    if prepared.model_id != model_id:
        raise ModelMismatchError(
            f"a Ray worker embedded with {prepared.model_id}, the data in {corpus.config.data_dir} is {model_id}: "
            "install the same factcheck and model on every node"
        )
    if prepared.extractor_version != extractor_version:
        raise ConfigError(
            f"a Ray worker extracts claims with {prepared.extractor_version}, this factcheck with {extractor_version}: "
            "install the same factcheck on every node"
        )
    if len(prepared.starts) == 0:
        return IngestFailure(source.id, source.origin, "no sentences found in the text")
    offsets = zip(prepared.starts.tolist(), prepared.ends.tolist(), strict=True)
    spans = [Span(start, end, source.text[start:end]) for start, end in offsets]
    return corpus.add_prepared(source, spans, prepared.vectors, prepared.claims)


def _rows(batch: Batch) -> Iterator[_Prepared]:
    for i, source_id in enumerate(batch["id"]):
        starts = np.frombuffer(batch["starts"][i], dtype=np.int64)
        vectors = np.frombuffer(batch["vectors"][i], dtype=np.float32)
        yield _Prepared(
            source_id=str(source_id),
            starts=starts,
            ends=np.frombuffer(batch["ends"][i], dtype=np.int64),
            vectors=vectors.reshape(len(starts), -1).copy() if len(starts) else np.zeros((0, 0), dtype=np.float32),
            claims=pickle.loads(batch["claims"][i]),
            model_id=str(batch["model_id"][i]),
            extractor_version=str(batch["extractor_version"][i]),
        )


def _column(values: list[Any]) -> npt.NDArray[Any]:
    """A column of Python objects (bytes, str) that numpy must not turn into a fixed-width array."""
    column = np.empty(len(values), dtype=object)
    column[:] = values
    return column


class _SplitEmbed:
    """Sentence offsets (as the local engine splits) and their vectors; one model per actor, loaded once."""

    def __init__(self, config: EmbedderConfig) -> None:
        self._embedder = create_embedder(config)
        self._segmenter = Segmenter()

    def __call__(self, batch: Batch) -> Batch:
        spans = [self._segmenter.split(str(text)) for text in batch["text"]]
        vectors = self._embedder.encode([span.text for source in spans for span in source])
        starts, ends, blobs, offset = [], [], [], 0
        for source in spans:
            starts.append(np.array([span.start for span in source], dtype=np.int64).tobytes())
            ends.append(np.array([span.end for span in source], dtype=np.int64).tobytes())
            blobs.append(np.ascontiguousarray(vectors[offset : offset + len(source)], dtype=np.float32).tobytes())
            offset += len(source)
        return {
            "id": batch["id"],
            "text": batch["text"],
            "published": batch["published"],
            "starts": _column(starts),
            "ends": _column(ends),
            "vectors": _column(blobs),
            "model_id": _column([self._embedder.model_id] * len(spans)),
        }


class _Extract:
    """Each source's typed claims, its sentences read in sequence; one spaCy pipeline per actor, loaded once."""

    def __init__(self, extractor: str, crash: tuple[str, int] | None) -> None:
        self._extractor = create_extractor(extractor)
        self._crash = crash
        self._calls = 0

    def __call__(self, batch: Batch) -> Batch:
        self._calls += 1
        if self._crash is not None and self._calls == self._crash[1]:
            _crash_once(self._crash[0])
        articles: list[tuple[list[str], date | None]] = []
        for text, published, starts, ends in zip(
            batch["text"], batch["published"], batch["starts"], batch["ends"], strict=True
        ):
            text = str(text)
            offsets = zip(np.frombuffer(starts, dtype=np.int64), np.frombuffer(ends, dtype=np.int64), strict=True)
            articles.append(
                ([text[start:end] for start, end in offsets], date.fromisoformat(published) if published else None)
            )
        # As the local engine extracts a batch: one pass of the pipeline over every sentence, claims per source.
        claims = [pickle.dumps(found) for found in extract_articles(self._extractor, articles)]
        return {
            "id": batch["id"],
            "starts": batch["starts"],
            "ends": batch["ends"],
            "vectors": batch["vectors"],
            "claims": _column(claims),
            "model_id": batch["model_id"],
            "extractor_version": _column([self._extractor.version] * len(claims)),
        }


def _crash_once(marker: str) -> None:
    try:
        handle = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return
    os.close(handle)
    os._exit(1)  # as a kill would: no exception, no cleanup; Ray sees the actor die
