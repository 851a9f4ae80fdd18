"""The corpus: sources stored in the database, their sentences embedded and indexed for search.

Consistency rule: the database is written first, one transaction per source, with the sentence vectors in
it; the vector index is a checkpointed cache of those vectors. On open, the index is reconciled with the
database (vectors added for sentences it lacks, entries dropped for sentences that are gone), so a crash or
kill at any point leaves nothing half-ingested and loses nothing that was committed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType

import numpy as np

from factcheck.claims.extract import ClaimExtractor, create_extractor
from factcheck.claims.model import STATEMENT, Claim
from factcheck.config import Config
from factcheck.embedding import Embedder, create_embedder
from factcheck.errors import (
    FactcheckError,
    InvalidInputError,
    ModelMismatchError,
    NotFoundError,
    SourceConflictError,
    StorageError,
)
from factcheck.index import VectorIndex
from factcheck.index_cache import build_index, load_or_build
from factcheck.ingest_batches import INGEST_BATCH_SENTENCES, BatchIngest
from factcheck.records import (
    IngestFailure,
    IngestResult,
    IngestStatus,
    SearchHit,
    Sentence,
    Source,
    SourceInput,
    Span,
    validate_text,
)
from factcheck.segment import Segmenter
from factcheck.storage import Change, ChangeLog, SQLiteStorage, Storage
from factcheck.storage.lock import acquire_write_lock, release_write_lock, try_acquire_write_lock

log = logging.getLogger(__name__)

DATABASE_FILE = "factcheck.sqlite3"
INDEX_FILE = "vectors.faiss.npz"
_CHECKPOINT_SECONDS = 60.0
_CHANGES_PAGE = 10_000
MAX_TOP_K = 1000


EmbedderFactory = Callable[[], Embedder]


class Corpus:
    """Open with :meth:`open`; use as a context manager so the index is checkpointed on exit."""

    def __init__(
        self,
        config: Config,
        storage: Storage,
        embedder_factory: EmbedderFactory,
        *,
        read_only: bool,
        lock_handle: int | None,
    ) -> None:
        self.config = config
        self.read_only = read_only
        self._storage = storage
        self._embedder_factory = embedder_factory
        self._embedder: Embedder | None = None
        self._segmenter = Segmenter()
        self._lock = threading.RLock()
        self._lock_handle = lock_handle
        self._index: VectorIndex | None = None
        self._extractor: ClaimExtractor | None = None
        self._dirty = False
        self._last_checkpoint = time.monotonic()
        # A store other writers share numbers its changes; the index has applied every change up to _applied_seq.
        self._changes: ChangeLog | None = storage if isinstance(storage, ChangeLog) else None
        self._applied_seq = 0
        self._last_refresh = time.monotonic()

    # -- lifecycle ------------------------------------------------------------------------------------
    @classmethod
    def open(
        cls, config: Config, *, embedder: Embedder | EmbedderFactory | None = None, read_only: bool = False
    ) -> Corpus:
        """Open (creating if needed) the corpus in ``config.data_dir``, or in ``config.database_url``.

        SQLite: a writer takes an exclusive lock on the data directory, so two processes never write at once;
        readers (``read_only=True``) take none and never write the index file.

        PostgreSQL: any number of processes write the store at once (one transaction per source, unique source
        ids), so the store takes no lock. The data directory only holds the index cache: the writer that gets its
        lock also writes the cache file there; another writer sharing the directory loads that file, reconciles it
        with the store and keeps its changes in memory, as a reader does.
        """
        data_dir = config.data_dir
        lock_handle = None
        if config.database_url is not None:
            from factcheck.storage.postgres import PostgresStorage  # psycopg is loaded only when configured

            if not read_only:
                lock_handle = try_acquire_write_lock(data_dir)
            try:
                storage: Storage = PostgresStorage(config.database_url, read_only=read_only)
            except BaseException:
                release_write_lock(lock_handle)
                raise
        else:
            if read_only:
                if not (data_dir / DATABASE_FILE).is_file():
                    raise NotFoundError(f"no factcheck data in {data_dir}: ingest something first")
            else:
                lock_handle = acquire_write_lock(data_dir)
            try:
                storage = SQLiteStorage(data_dir / DATABASE_FILE, read_only=read_only)
            except BaseException:
                release_write_lock(lock_handle)
                raise
        if embedder is None:
            factory: EmbedderFactory = lambda: create_embedder(config.embedder)  # noqa: E731
        elif callable(embedder) and not hasattr(embedder, "encode"):
            factory = embedder
        else:
            factory = lambda: embedder  # type: ignore[assignment,return-value]  # noqa: E731
        return cls(config, storage, factory, read_only=read_only, lock_handle=lock_handle)

    def close(self) -> None:
        with self._lock:
            try:
                if not self.read_only:
                    self.checkpoint()
            finally:
                self._storage.close()
                release_write_lock(self._lock_handle)
                self._lock_handle = None

    def __enter__(self) -> Corpus:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def embedder(self) -> Embedder:
        """The embedding model, loaded on first use and checked against the model the data was built with."""
        with self._lock:
            if self._embedder is None:
                embedder = self._embedder_factory()
                stored = self._storage.get_meta("model_id")
                if stored is None and not self.read_only:
                    self._storage.set_meta("model_id", embedder.model_id)
                elif stored is not None and stored != embedder.model_id:
                    raise ModelMismatchError(
                        f"the data in {self.config.data_dir} was embedded with {stored}, but the configured "
                        f"model is {embedder.model_id}; configure the model the data was built with, use another "
                        "data directory, or run `factcheck reembed` once to embed the stored sentences again"
                    )
                self._embedder = embedder
            return self._embedder

    @property
    def extractor(self) -> ClaimExtractor:
        """The claim extractor; claims stored by an older version are re-extracted on first use."""
        with self._lock:
            if self._extractor is None:
                extractor = create_extractor(self.config.extractor)
                stored = self._storage.get_meta("extractor_version")
                if stored != extractor.version and self._storage.count_sentences():
                    if self.read_only:
                        raise StorageError(
                            f"the claims in {self.config.data_dir} were extracted by {stored}, this factcheck uses "
                            f"{extractor.version}; run `factcheck reextract` (or any ingest) once to update them"
                        )
                    log.info("claims were extracted by %s; re-extracting with %s", stored, extractor.version)
                    self._reextract_claims(extractor)
                if stored != extractor.version and not self.read_only:
                    self._storage.set_meta("extractor_version", extractor.version)
                self._extractor = extractor
            return self._extractor

    def reextract_claims(self) -> int:
        """Extract every source's claims again (after an extractor upgrade); returns the number of sources."""
        self._require_writable()
        with self._lock:
            extractor = self.extractor
            self._reextract_claims(extractor)
            self._storage.set_meta("extractor_version", extractor.version)
            return self._storage.count_sources()

    def _reextract_claims(self, extractor: ClaimExtractor) -> None:
        for source in self._storage.list_sources():
            sentences = self._storage.source_sentences(source.id)
            claims = extractor.extract([s.text for s in sentences], source.published_at)
            self._storage.replace_claims(source.id, [s.id for s in sentences], claims)

    @property
    def index(self) -> VectorIndex:
        """The vector index, loaded (or rebuilt) and reconciled with the database on first use."""
        with self._lock:
            if self._index is None:
                self._index = self._load_or_rebuild_index()
            return self._index

    def refresh(self, *, force: bool = False) -> int:
        """Bring the vector index up to date with what other writers of a shared store committed; returns the
        number of changes applied (always 0 on SQLite, whose only writer is this process).

        Searches call this first; it looks at the store at most every ``config.index_refresh_seconds`` (every
        time with 0), unless ``force``. The store is the truth: a source another replica acknowledged becomes
        searchable here at the next search after that interval, and a deleted one stops being found.
        """
        if self._changes is None:
            return 0
        with self._lock:
            if self._index is None:
                return 0  # loaded, reconciled and numbered on first use
            now = time.monotonic()
            if not force and now - self._last_refresh < self.config.index_refresh_seconds:
                return 0
            self._last_refresh = now
            applied = 0
            while changes := self._changes.changes_since(self._applied_seq, limit=_CHANGES_PAGE):
                self._apply_changes(self._index, changes)
                self._applied_seq = changes[-1].seq
                applied += len(changes)
            return applied

    def _apply_changes(self, index: VectorIndex, changes: Sequence[Change]) -> None:
        # Sentence ids are never reused, so the net effect of a page is: what was inserted and not deleted since
        # is added (unless this process added it itself), what was deleted is removed.
        inserted: set[int] = set()
        deleted: set[int] = set()
        for change in changes:
            (deleted if change.kind == "delete" else inserted).update(change.sentence_ids)
        wanted = np.fromiter(inserted - deleted, dtype=np.int64)
        if len(wanted):
            wanted = wanted[~np.isin(wanted, index.ids())]
        if len(wanted):
            ids, vectors = self._storage.vectors(wanted.tolist())  # a source deleted since has none
            index.add(ids, vectors)
        if deleted:
            index.remove(np.fromiter(deleted, dtype=np.int64))
        self._dirty = True

    def _index_path(self) -> Path:
        return self.config.data_dir / INDEX_FILE

    def _load_or_rebuild_index(self) -> VectorIndex:
        # Read before the load: a change committed while the index is built is applied again by refresh, which
        # is harmless (present ids are skipped), where one read after could be missed.
        if self._changes is not None:
            self._applied_seq = self._changes.current_sequence()
            self._last_refresh = time.monotonic()
        index, changed = load_or_build(self.config.index, self._storage, self._index_path(), self.embedder.dimension)
        self._dirty = self._dirty or changed
        return index

    def _rebuild(self, dimension: int) -> VectorIndex:
        index = build_index(self.config.index, self._storage, dimension)
        self._dirty = True
        return index

    def rebuild_index(self) -> int:
        """Rebuild the vector index from the vectors in the database; returns the number of vectors."""
        self._require_writable()
        with self._lock:
            self._index = self._rebuild(self.embedder.dimension)
            self.checkpoint()
            return len(self._index)

    def reembed(self) -> int:
        """Embed every stored sentence again with the configured model (to switch embedders); returns the count.

        The stored model id is first marked unfinished, so an interrupted run leaves a corpus that every model
        refuses until ``reembed`` runs again, never a silent mix of two models' vectors.
        """
        self._require_writable()
        with self._lock:
            embedder = self._embedder_factory()
            if self._storage.get_meta("model_id") == embedder.model_id:
                self._embedder = embedder
                return 0
            self._storage.set_meta("model_id", f"{embedder.model_id} (re-embedding unfinished)")
            ids = self._storage.sentence_ids().tolist()
            for start in range(0, len(ids), INGEST_BATCH_SENTENCES):
                chunk = ids[start : start + INGEST_BATCH_SENTENCES]
                sentences = self._storage.sentences(chunk)
                self._storage.replace_vectors(chunk, embedder.encode([sentences[i].text for i in chunk]))
            self._storage.set_meta("model_id", embedder.model_id)
            self._embedder = embedder
            self._index = self._rebuild(embedder.dimension)
            self.checkpoint()
            return len(ids)

    def checkpoint(self) -> None:
        """Write the index file if it changed since the last checkpoint (only the holder of the data directory's
        lock writes it: a reader, or a PostgreSQL writer sharing the directory with another, never does)."""
        with self._lock:
            if self._index is None or not self._dirty or self.read_only or self._lock_handle is None:
                return
            if self._index.needs_rebuild():
                self._index = self._rebuild(self._index.dimension)
            self._index.save(self._index_path())
            self._dirty = False
            self._last_checkpoint = time.monotonic()

    def _maybe_checkpoint(self) -> None:
        if time.monotonic() - self._last_checkpoint >= _CHECKPOINT_SECONDS:
            self.checkpoint()

    def _require_writable(self) -> None:
        if self.read_only:
            raise StorageError("this corpus was opened read-only")

    # -- reading --------------------------------------------------------------------------------------
    def get_source(self, source_id: str) -> Source:
        source = self._storage.get_source(source_id)
        if source is None:
            raise NotFoundError(f"no source with id {source_id!r}")
        return source

    def list_sources(self, *, offset: int = 0, limit: int | None = None) -> list[Source]:
        return self._storage.list_sources(offset=offset, limit=limit)

    def count_sources(self) -> int:
        return self._storage.count_sources()

    def count_sentences(self) -> int:
        return self._storage.count_sentences()

    def source_ids(self) -> list[str]:
        """Every stored source id, sorted, without loading texts."""
        return self._storage.source_ids()

    def count_claims(self, source_id: str, *, typed_only: bool = True) -> int:
        """Claims stored for a source; ``typed_only`` leaves out the whole-sentence readings."""
        return self._storage.count_claims(source_id, typed_only=typed_only)

    def typed_claims(self, source_id: str) -> list[tuple[Sentence, Claim]]:
        """A source's typed claims (figures, roles, groups, places, times) with their sentences, in text order;
        a claim's offsets are in its sentence."""
        content = self._storage.source_content(source_id)
        if content is None:
            raise NotFoundError(f"no source with id {source_id!r}")
        return [
            (sentence, claim)
            for sentence in content.sentences
            for claim in content.claims.get(sentence.id, [])
            if claim.kind != STATEMENT
        ]

    def search(self, query: str, k: int = 10, *, source_ids: Sequence[str] | None = None) -> list[SearchHit]:
        """The ``k`` sentences closest in meaning to ``query``, best first (cosine similarity)."""
        if not query or not query.strip():
            raise InvalidInputError("the search query is empty")
        validate_text(query, "the search query")
        if not 1 <= k <= MAX_TOP_K:
            raise InvalidInputError(f"k must be between 1 and {MAX_TOP_K}, got {k}")
        vector = self.embedder.encode([query.strip()])[0]
        with self._lock:
            found = self.search_vector(vector, k, source_ids=source_ids)
            sentences = self._storage.sentences([sentence_id for sentence_id, _ in found])
        hits = []
        for sentence_id, score in found:
            sentence = sentences.get(sentence_id)
            if sentence is not None:  # deleted between search and lookup
                hits.append(
                    SearchHit(
                        sentence.source_id,
                        sentence.text,
                        sentence.start,
                        sentence.end,
                        round(float(score), 6),
                        sentence.id,
                    )
                )
        return hits

    def search_vector(
        self, query: np.ndarray, k: int, *, source_ids: Sequence[str] | None = None
    ) -> list[tuple[int, float]]:
        """(sentence id, cosine similarity) of the ``k`` nearest sentences to an already embedded query."""
        with self._lock:
            if source_ids is not None:
                scores, ids = self._search_within(query, source_ids, k)
            else:
                self.refresh()
                found_scores, found_ids = self.index.search(query.reshape(1, -1), k)
                keep = found_ids[0] >= 0
                scores, ids = found_scores[0][keep], found_ids[0][keep]
        return list(zip(ids.tolist(), scores.tolist(), strict=True))

    def nearest(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Cosine similarities and ids of the ``k`` nearest sentences to each row of ``queries`` (id -1 where
        there are fewer).

        Under the corpus lock, like every use of the index: a write changes it in place.
        """
        with self._lock:
            self.refresh()
            scores, ids = self.index.search(queries, k)
        return scores, ids

    def _search_within(self, query: np.ndarray, source_ids: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        # Restricting to named sources is exact: their sentences are few, a dot product beats filtering ANN.
        wanted: list[int] = []
        for source_id in dict.fromkeys(source_ids):
            self.get_source(source_id)
            wanted.extend(s.id for s in self._storage.source_sentences(source_id))
        ids, vectors = self._storage.vectors(wanted)
        if len(ids) == 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        scores = vectors @ query
        order = np.argsort(-scores, kind="stable")[:k]
        return scores[order], ids[order]

    # -- writing --------------------------------------------------------------------------------------
    def ingest(self, source: SourceInput) -> IngestResult:
        """Store one source; identical text under the same id is a no-op, other text raises."""
        (outcome,) = list(self.ingest_many([source]))
        if isinstance(outcome, IngestFailure):
            raise SourceConflictError(outcome.message) if outcome.conflict else InvalidInputError(outcome.message)
        return outcome

    def ingest_many(self, sources: Iterable[SourceInput]) -> Iterator[IngestResult | IngestFailure]:
        """Store sources in batches (one model call per batch, one transaction per source; the encoder and the
        claim extractor run at once, ``factcheck.ingest_batches``).

        Yields one outcome per source as soon as it is stored, so callers can show progress.
        """
        self._require_writable()
        embedder, extractor = self.embedder, self.extractor
        _ = self.index  # reconcile before writing
        stages = BatchIngest(self._segmenter, embedder, extractor, self._precheck, self._store, self._maybe_checkpoint)
        try:
            yield from stages.run(sources)
        finally:
            # The database is the truth and the index is reconciled with it on open, so the index file is
            # written at most every _CHECKPOINT_SECONDS (and on close), not after every call: rewriting it
            # whole per request made each small ingest cost the size of the corpus.
            self._maybe_checkpoint()

    def _precheck(self, source: SourceInput, pending_ids: set[str]) -> IngestResult | IngestFailure | None:
        if source.id in pending_ids:
            return IngestFailure(source.id, source.origin, f"source id {source.id!r} appears twice in this batch")
        stored = self._storage.get_source(source.id)
        if stored is None:
            return None
        if stored.content_hash == source.content_hash:
            return IngestResult(source.id, IngestStatus.UNCHANGED, stored.sentence_count)
        return IngestFailure(
            source.id,
            source.origin,
            f"source id {source.id!r} is already stored with different text; delete it first or use another id",
            conflict=True,
        )

    def _store(
        self, source: SourceInput, spans: Sequence[Span], vectors: np.ndarray, claims: Sequence[Sequence[Claim]]
    ) -> IngestResult | IngestFailure:
        """One transaction for the source, then its vectors into the index."""
        with self._lock:
            try:
                ids = self._storage.add_source(source, spans, vectors, claims)
            except SourceConflictError as exc:
                return self._lost_race(source, exc)
            self.index.add(np.asarray(ids, dtype=np.int64), vectors)
            self._dirty = True
        return IngestResult(source.id, IngestStatus.ADDED, len(spans))

    def _lost_race(self, source: SourceInput, exc: SourceConflictError) -> IngestResult | IngestFailure:
        # Another writer of a shared store stored the id between our check and our insert: the same text makes
        # this write a no-op (UNCHANGED, as if it had come second), other text the usual conflict.
        again = self._precheck(source, set())
        return again if again is not None else IngestFailure(source.id, source.origin, str(exc), conflict=True)

    # -- writing what another ingest engine prepared (factcheck.engines) -------------------------------------
    def check_stored(self, source: SourceInput) -> IngestResult | IngestFailure | None:
        """What ingesting ``source`` comes to without any work: UNCHANGED when identical text is stored under its
        id, a conflict when other text is, None when it is new (an engine asks before it splits and embeds)."""
        return self._precheck(source, set())

    def add_prepared(
        self, source: SourceInput, spans: Sequence[Span], vectors: np.ndarray, claims: Sequence[Sequence[Claim]]
    ) -> IngestResult | IngestFailure:
        """Store a source that was split, embedded (with :attr:`embedder`'s model) and claim-extracted (with
        :attr:`extractor`) elsewhere, in one transaction, and index its vectors; the result is what
        :meth:`ingest_many` stores for the same source.

        Idempotent: when identical text is already stored under the id (a retry, a run over the same files again)
        nothing is written and the result is UNCHANGED; other text is a conflict.
        """
        self._require_writable()
        early = self._precheck(source, set())
        if early is not None:
            return early
        outcome = self._store(source, spans, vectors, claims)
        self._maybe_checkpoint()
        return outcome

    def delete(self, source_id: str) -> int:
        """Delete a source, its sentences and their vectors; returns the number of sentences removed."""
        self._require_writable()
        with self._lock:
            self.get_source(source_id)
            index = self.index
            ids = self._storage.delete_source(source_id)
            index.remove(np.asarray(ids, dtype=np.int64))
            self._dirty = True
            self._maybe_checkpoint()
            return len(ids)


__all__ = ["Corpus", "FactcheckError", "IngestFailure"]
