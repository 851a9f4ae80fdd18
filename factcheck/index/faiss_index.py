"""FAISS backends: ``flat`` (exact), ``hnsw``, ``ivf`` and ``ivf_sq8`` (approximate), behind one class.

FAISS numbers vectors by insertion position. We keep our own position -> id array (``labels``) so every
FAISS index type works the same way: the flat index really removes vectors (it compacts in order), the
graph and inverted-list indexes mark them deleted and exclude them at search time with an ID selector; when
deletions pile up the corpus rebuilds the index from the vectors stored in the database.

Inverted-list indexes are trained by the first ``add``; the corpus rebuilds them with every stored vector
in one ``add`` so that training sees a sample of the whole corpus, not of its oldest sentences.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

import faiss as _faiss
import numpy as np

from factcheck.config import IndexConfig
from factcheck.errors import StorageError
from factcheck.index.base import Ids, Matrix, register_index

# faiss's bundled stubs lag its Python wrapper (search parameters, selectors): use it untyped.
faiss: Any = _faiss

_FORMAT_VERSION = 1
IVF_KINDS = ("ivf", "ivf_sq8")
KINDS = ("flat", "hnsw", *IVF_KINDS)
# Rebuild once a fifth of the stored vectors are deleted, or an IVF index has grown 4x past its training set.
_MAX_DELETED_FRACTION = 0.2
_IVF_REGROW_FACTOR = 4
_IVF_POINTS_PER_LIST = 39  # FAISS wants >= 39 training points per centroid
# k-means on more than 64 points per list costs time in proportion and gains no recall (FAISS itself
# samples 256 per list); a fixed seed makes rebuilds of the same vectors give the same index.
_IVF_TRAINING_POINTS_PER_LIST = 64
_TRAINING_SEED = 0


class FaissIndex:
    """A FAISS index plus the id bookkeeping that makes ids stable across deletions."""

    def __init__(
        self,
        kind: str,
        dimension: int,
        config: IndexConfig,
        index: Any = None,
        labels: Ids | None = None,
        deleted: Ids | None = None,
        trained_on: int = 0,
    ) -> None:
        self.kind = kind
        self.dimension = dimension
        self._config = config
        self._index = index if index is not None else self._new_index(0)
        self._labels: Ids = labels if labels is not None else np.zeros(0, dtype=np.int64)
        self._deleted: set[int] = set(int(i) for i in deleted) if deleted is not None else set()
        self._trained_on = trained_on
        self._search_params_cache: Any = None  # rebuilt when the deleted set or the search settings change
        self._apply_search_params()

    # -- construction ---------------------------------------------------------------------------------
    def _new_index(self, training_size: int) -> Any:
        d = self.dimension
        if self.kind == "flat":
            return faiss.IndexFlatIP(d)
        if self.kind == "hnsw":
            index = faiss.IndexHNSWFlat(d, self._config.hnsw_m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = self._config.hnsw_ef_construction
            return index
        nlist = self._ivf_lists(training_size)
        if self.kind == "ivf_sq8":
            return faiss.IndexIVFScalarQuantizer(
                faiss.IndexFlatIP(d), d, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
            )
        return faiss.IndexIVFFlat(faiss.IndexFlatIP(d), d, nlist, faiss.METRIC_INNER_PRODUCT)

    def _ivf_lists(self, n: int) -> int:
        # ~4*sqrt(n) lists is the usual FAISS guidance (or the setting), capped by the training points.
        wanted = self._config.ivf_nlist or round(4 * math.sqrt(max(n, 1)))
        return max(1, min(wanted, n // _IVF_POINTS_PER_LIST))

    def _train(self, vectors: Matrix) -> None:
        self._index = self._new_index(len(vectors))
        self._trained_on = len(vectors)
        size = min(len(vectors), _IVF_TRAINING_POINTS_PER_LIST * self._index.nlist)
        if size < len(vectors):
            rows = np.random.default_rng(_TRAINING_SEED).choice(len(vectors), size, replace=False)
            vectors = vectors[np.sort(rows)]
        self._index.train(vectors)
        self._apply_search_params()

    def _apply_search_params(self) -> None:
        if self.kind == "hnsw":
            self._index.hnsw.efSearch = self._config.hnsw_ef_search
        elif self.kind in IVF_KINDS:
            self._index.nprobe = min(self._config.ivf_nprobe, self._index.nlist)
        self._search_params_cache = None

    def set_search_params(self, *, ef_search: int | None = None, nprobe: int | None = None) -> None:
        """Change the search-time settings (HNSW efSearch, IVF nprobe) without rebuilding."""
        if ef_search is not None:
            self._config = replace(self._config, hnsw_ef_search=ef_search)
        if nprobe is not None:
            self._config = replace(self._config, ivf_nprobe=nprobe)
        self._apply_search_params()

    # -- protocol -------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._labels) - len(self._deleted)

    def add(self, ids: Ids, vectors: Matrix) -> None:
        ids = np.asarray(ids, dtype=np.int64)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dimension):
            raise ValueError(f"expected {len(ids)} vectors of dimension {self.dimension}, got {vectors.shape}")
        if len(ids) == 0:
            return
        if not self._index.is_trained:
            self._train(vectors)
        self._index.add(vectors)
        self._labels = np.concatenate([self._labels, ids])

    def remove(self, ids: Ids) -> None:
        positions = np.flatnonzero(np.isin(self._labels, np.asarray(ids, dtype=np.int64)))
        if len(positions) == 0:
            return
        if self.kind == "flat":
            self._index.remove_ids(faiss.IDSelectorBatch(positions.astype(np.int64)))
            self._labels = np.delete(self._labels, positions)
        else:
            self._deleted.update(int(p) for p in positions)
            self._search_params_cache = None

    def search(self, queries: Matrix, k: int) -> tuple[Matrix, Ids]:
        queries = np.ascontiguousarray(queries, dtype=np.float32).reshape(-1, self.dimension)
        empty_scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        if len(self) == 0 or k < 1:
            return empty_scores, np.full((len(queries), max(k, 0)), -1, dtype=np.int64)
        params = self._search_params()
        with _one_thread() if len(queries) == 1 else nullcontext():
            scores, positions = self._index.search(queries, min(k, len(self._labels)), params=params)
        ids = np.where(positions >= 0, self._labels[np.clip(positions, 0, None)], -1)
        if ids.shape[1] < k:
            pad = k - ids.shape[1]
            ids = np.pad(ids, ((0, 0), (0, pad)), constant_values=-1)
            scores = np.pad(scores, ((0, 0), (0, pad)), constant_values=-np.inf)
        return scores.astype(np.float32), ids.astype(np.int64)

    def _search_params(self) -> Any:
        # Built once per change of the deleted set: building the selector costs time in proportion to it.
        if not self._deleted:
            return None
        if self._search_params_cache is None:
            selector = faiss.IDSelectorNot(faiss.IDSelectorBatch(np.fromiter(self._deleted, dtype=np.int64)))
            if self.kind == "hnsw":
                params = faiss.SearchParametersHNSW(sel=selector, efSearch=self._config.hnsw_ef_search)
            else:
                params = faiss.SearchParametersIVF(sel=selector, nprobe=self._index.nprobe)
            self._search_params_cache = params
        return self._search_params_cache

    def ids(self) -> Ids:
        if not self._deleted:
            return self._labels.copy()
        keep = np.ones(len(self._labels), dtype=bool)
        keep[np.fromiter(self._deleted, dtype=np.int64)] = False
        return self._labels[keep]

    def needs_rebuild(self) -> bool:
        if self._labels.size and len(self._deleted) > _MAX_DELETED_FRACTION * self._labels.size:
            return True
        if self.kind in IVF_KINDS and self._index.is_trained:
            grown = len(self) > _IVF_REGROW_FACTOR * max(self._trained_on, 1)
            return grown and (not self._config.ivf_nlist or self._index.nlist < self._config.ivf_nlist)
        return False

    def save(self, path: Path, *, file_kind: str | None = None) -> None:
        """Write atomically; ``file_kind`` is the configured kind when it differs from the structure (auto)."""
        meta = {
            "format": _FORMAT_VERSION,
            "kind": file_kind or self.kind,
            "structure": self.kind,
            "dimension": self.dimension,
            "trained_on": self._trained_on,
        }
        arrays = {
            "meta": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
            "index": faiss.serialize_index(self._index),
            "labels": self._labels,
            "deleted": np.fromiter(sorted(self._deleted), dtype=np.int64),
        }
        # Straight into the file: an in-memory archive first would hold a second copy of a 1M-vector index.
        _atomic_write(path, lambda handle: np.savez(handle, **arrays))


@contextmanager
def _one_thread() -> Iterator[None]:
    """Run FAISS on one thread for a single query (OpenMP's setting is per calling thread: others keep theirs).

    Split over threads, one query's flat scan waits at a barrier for every thread. On the 2-core development
    machine one thread was faster at every size (docs/benchmarks.md, "Index at scale": 42 ms against 52-116 ms
    at 1M vectors), and under load the wait is a scheduler time slice: a 0.2 ms scan (10k vectors) took 37 ms.
    Approximate indexes do not split a single query anyway.
    """
    previous = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(previous)


def _atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as handle:
        write(handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def load_faiss_index(config: IndexConfig, path: Path) -> FaissIndex:
    index = read_faiss_file(config, path)
    if index.kind != config.kind:
        raise StorageError(f"index file {path} holds a {index.kind!r} index, configured {config.kind!r}")
    return index


def read_faiss_file(config: IndexConfig, path: Path) -> FaissIndex:
    """The index in ``path``, which must have been saved under the configured kind (``config.kind``)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode())
            index = faiss.deserialize_index(data["index"])
            labels = data["labels"].astype(np.int64)
            deleted = data["deleted"].astype(np.int64)
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise StorageError(f"index file {path} is unreadable ({exc}); it will be rebuilt from the database") from exc
    if meta.get("format") != _FORMAT_VERSION or meta.get("kind") != config.kind:
        raise StorageError(f"index file {path} was built as {meta.get('kind')!r}, configured {config.kind!r}")
    structure = meta.get("structure", config.kind)
    if structure not in KINDS:
        raise StorageError(f"index file {path} holds an unknown index structure {structure!r}")
    if index.ntotal != len(labels):
        raise StorageError(f"index file {path} is inconsistent ({index.ntotal} vectors, {len(labels)} labels)")
    return FaissIndex(
        structure,
        int(meta["dimension"]),
        config,
        index=index,
        labels=labels,
        deleted=deleted,
        trained_on=int(meta.get("trained_on", 0)),
    )


def _factory(kind: str) -> Callable[[IndexConfig, int], FaissIndex]:
    def create(config: IndexConfig, dimension: int) -> FaissIndex:
        return FaissIndex(kind, dimension, config)

    return create


for _kind in KINDS:
    register_index(_kind, _factory(_kind), load_faiss_index)
