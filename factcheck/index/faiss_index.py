"""FAISS backends: ``flat`` (exact), ``hnsw`` and ``ivf`` (approximate), behind one class.

FAISS numbers vectors by insertion position. We keep our own position -> id array (``labels``) so every
FAISS index type works the same way: the flat index really removes vectors (it compacts in order), the
graph and inverted-list indexes mark them deleted and exclude them at search time with an ID selector; when
deletions pile up the corpus rebuilds the index from the vectors stored in the database.
"""

from __future__ import annotations

import io
import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import faiss as _faiss
import numpy as np

from factcheck.config import IndexConfig
from factcheck.errors import StorageError
from factcheck.index.base import Ids, Matrix, register_index

# faiss's bundled stubs lag its Python wrapper (search parameters, selectors): use it untyped.
faiss: Any = _faiss

_FORMAT_VERSION = 1
# Rebuild once a fifth of the stored vectors are deleted, or an IVF index has grown 4x past its training set.
_MAX_DELETED_FRACTION = 0.2
_IVF_REGROW_FACTOR = 4
_IVF_POINTS_PER_LIST = 39  # FAISS wants >= 39 training points per centroid


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
        return faiss.IndexIVFFlat(faiss.IndexFlatIP(d), d, nlist, faiss.METRIC_INNER_PRODUCT)

    def _ivf_lists(self, n: int) -> int:
        # ~4*sqrt(n) lists is the usual FAISS guidance, capped by the setting and by the training points.
        return max(1, min(self._config.ivf_nlist, int(4 * math.sqrt(max(n, 1))), n // _IVF_POINTS_PER_LIST))

    def _apply_search_params(self) -> None:
        if self.kind == "hnsw":
            self._index.hnsw.efSearch = self._config.hnsw_ef_search
        elif self.kind == "ivf":
            self._index.nprobe = min(self._config.ivf_nprobe, self._index.nlist)

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
        if self.kind == "ivf" and not self._index.is_trained:
            self._index = self._new_index(len(ids))
            self._index.train(vectors)
            self._trained_on = len(ids)
            self._apply_search_params()
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

    def search(self, queries: Matrix, k: int) -> tuple[Matrix, Ids]:
        queries = np.ascontiguousarray(queries, dtype=np.float32).reshape(-1, self.dimension)
        empty_scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        if len(self) == 0 or k < 1:
            return empty_scores, np.full((len(queries), max(k, 0)), -1, dtype=np.int64)
        params = self._search_params()
        scores, positions = self._index.search(queries, min(k, len(self._labels)), params=params)
        ids = np.where(positions >= 0, self._labels[np.clip(positions, 0, None)], -1)
        if ids.shape[1] < k:
            pad = k - ids.shape[1]
            ids = np.pad(ids, ((0, 0), (0, pad)), constant_values=-1)
            scores = np.pad(scores, ((0, 0), (0, pad)), constant_values=-np.inf)
        return scores.astype(np.float32), ids.astype(np.int64)

    def _search_params(self) -> Any:
        if not self._deleted:
            return None
        selector = faiss.IDSelectorNot(faiss.IDSelectorBatch(np.fromiter(self._deleted, dtype=np.int64)))
        if self.kind == "hnsw":
            return faiss.SearchParametersHNSW(sel=selector, efSearch=self._config.hnsw_ef_search)
        return faiss.SearchParametersIVF(sel=selector, nprobe=self._index.nprobe)

    def ids(self) -> Ids:
        if not self._deleted:
            return self._labels.copy()
        keep = np.ones(len(self._labels), dtype=bool)
        keep[np.fromiter(self._deleted, dtype=np.int64)] = False
        return self._labels[keep]

    def needs_rebuild(self) -> bool:
        if self._labels.size and len(self._deleted) > _MAX_DELETED_FRACTION * self._labels.size:
            return True
        if self.kind == "ivf" and self._index.is_trained:
            return (
                len(self) > _IVF_REGROW_FACTOR * max(self._trained_on, 1) and self._index.nlist < self._config.ivf_nlist
            )
        return False

    def save(self, path: Path) -> None:
        meta = {
            "format": _FORMAT_VERSION,
            "kind": self.kind,
            "dimension": self.dimension,
            "trained_on": self._trained_on,
        }
        buffer = io.BytesIO()
        np.savez(
            buffer,
            meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
            index=faiss.serialize_index(self._index),
            labels=self._labels,
            deleted=np.fromiter(sorted(self._deleted), dtype=np.int64),
        )
        _atomic_write(path, buffer.getbuffer())


def _atomic_write(path: Path, data: memoryview) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def load_faiss_index(config: IndexConfig, path: Path) -> FaissIndex:
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
    if index.ntotal != len(labels):
        raise StorageError(f"index file {path} is inconsistent ({index.ntotal} vectors, {len(labels)} labels)")
    return FaissIndex(
        config.kind,
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


for _kind in ("flat", "hnsw", "ivf"):
    register_index(_kind, _factory(_kind), load_faiss_index)
