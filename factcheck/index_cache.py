"""The vector index as a cache of the vectors stored in the database: built from them, reconciled with them.

The database is the truth (each source, its sentences and their vectors in one transaction); the index file is
a checkpoint that may lag behind it after a crash, or hold vectors of sentences deleted since. These functions
bring an index back in line with the database, so a corpus can trust it after any interruption.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from factcheck.config import IndexConfig
from factcheck.errors import StorageError
from factcheck.index import VectorIndex, create_index, load_index
from factcheck.storage import Storage

log = logging.getLogger(__name__)


def build_index(config: IndexConfig, storage: Storage, dimension: int) -> VectorIndex:
    """A new index holding every stored vector."""
    # One add with every vector: an inverted-list index trains on a sample of the whole corpus (chunk by chunk
    # it would train on the oldest sentences only) and ``auto`` picks its structure for the full size.
    index = create_index(config, dimension)
    ids, vectors = stored_vectors(storage, dimension)
    index.add(ids, vectors)
    return index


def stored_vectors(storage: Storage, dimension: int) -> tuple[np.ndarray, np.ndarray]:
    """Every stored (id, vector), read in chunks into arrays sized up front (no concatenation copy)."""
    expected = storage.count_sentences()
    ids = np.empty(expected, dtype=np.int64)
    vectors = np.empty((expected, dimension), dtype=np.float32)
    filled = 0
    for chunk_ids, chunk in storage.iter_vectors():
        if filled + len(chunk_ids) > len(ids):  # a reader while another process writes
            grow = max(len(chunk_ids), len(ids) // 4)
            ids = np.concatenate([ids, np.empty(grow, dtype=np.int64)])
            vectors = np.concatenate([vectors, np.empty((grow, dimension), dtype=np.float32)])
        ids[filled : filled + len(chunk_ids)] = chunk_ids
        vectors[filled : filled + len(chunk_ids)] = chunk
        filled += len(chunk_ids)
    return ids[:filled], vectors[:filled]


def reconcile(index: VectorIndex, storage: Storage) -> bool:
    """Drop vectors of deleted sentences, add those of committed ones it lacks; True when it changed."""
    stored = storage.sentence_ids()
    indexed = index.ids()
    extra = np.setdiff1d(indexed, stored, assume_unique=True)
    missing = np.setdiff1d(stored, indexed, assume_unique=True)
    if len(extra):
        log.info("index holds %d vectors of deleted sentences: removing them", len(extra))
        index.remove(extra)
    if len(missing):
        log.info("index lacks %d committed sentences: adding their stored vectors", len(missing))
        ids, vectors = storage.vectors(missing.tolist())
        index.add(ids, vectors)
    return bool(len(extra) or len(missing))


def load_or_build(config: IndexConfig, storage: Storage, path: Path, dimension: int) -> tuple[VectorIndex, bool]:
    """The index saved in ``path`` reconciled with the database, or one built from it; True when unsaved changes."""
    index: VectorIndex | None = None
    if path.is_file():
        try:
            index = load_index(config, path)
            if index.dimension != dimension:
                raise StorageError(f"index dimension {index.dimension} != model dimension {dimension}")
        except StorageError as exc:
            log.warning("rebuilding the vector index: %s", exc)
            index = None
    if index is None:
        return build_index(config, storage, dimension), True
    return index, reconcile(index, storage)
