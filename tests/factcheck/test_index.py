"""FAISS backends: stable ids across add/remove, persistence, and approximate search close to exact."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from factcheck import ConfigError, IndexConfig, StorageError, create_index
from factcheck.index import load_index

KINDS = ["flat", "hnsw", "ivf", "ivf_sq8", "auto"]


def unit_vectors(n: int, d: int = 32, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def clustered_vectors(n: int, d: int, seed: int, centers: int = 40) -> np.ndarray:
    """Like sentence embeddings, points gather around topics; uniform noise is not what ANN indexes face."""
    rng = np.random.default_rng(seed)
    middle = np.random.default_rng(99).standard_normal((centers, d)).astype(np.float32)
    x = middle[rng.integers(0, centers, n)] + 0.6 * rng.standard_normal((n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.mark.parametrize("kind", KINDS)
def test_ids_are_stable_across_removal_and_reload(kind: str, tmp_path: Path) -> None:
    config = IndexConfig(kind=kind)
    vectors = unit_vectors(600)
    ids = np.arange(1000, 1600, dtype=np.int64)
    index = create_index(config, 32)
    index.add(ids[:300], vectors[:300])
    index.add(ids[300:], vectors[300:])
    removed = ids[::3]
    index.remove(removed)
    index.remove(np.array([5, 6], dtype=np.int64))  # unknown ids are ignored
    assert len(index) == 400
    assert set(index.ids().tolist()) == set(ids.tolist()) - set(removed.tolist())

    _, found = index.search(vectors[1:2], 1)
    assert found[0, 0] == ids[1]  # a vector finds itself under its own id
    _, found = index.search(vectors[0:1], 10)
    assert ids[0] not in found[0]  # removed ids never come back

    index.save(tmp_path / "index.npz")
    loaded = load_index(config, tmp_path / "index.npz")
    assert sorted(loaded.ids().tolist()) == sorted(index.ids().tolist())
    _, found_again = loaded.search(vectors[1:2], 1)
    assert found_again[0, 0] == ids[1]


@pytest.mark.parametrize("kind", ["hnsw", "ivf", "ivf_sq8"])
def test_approximate_recall_against_exact(kind: str) -> None:
    vectors = clustered_vectors(5000, d=64, seed=1)
    queries = clustered_vectors(50, d=64, seed=2)
    ids = np.arange(len(vectors), dtype=np.int64)
    exact = create_index(IndexConfig(kind="flat"), 64)
    approx = create_index(IndexConfig(kind=kind), 64)
    exact.add(ids, vectors)
    approx.add(ids, vectors)
    _, truth = exact.search(queries, 10)
    _, found = approx.search(queries, 10)
    recall = np.mean([len(set(t) & set(f)) / 10 for t, f in zip(truth, found, strict=True)])
    assert recall >= 0.9, recall


def test_search_pads_when_fewer_than_k() -> None:
    index = create_index(IndexConfig(), 32)
    scores, found = index.search(unit_vectors(1), 3)
    assert found.tolist() == [[-1, -1, -1]]
    index.add(np.array([7], dtype=np.int64), unit_vectors(1))
    scores, found = index.search(unit_vectors(1), 3)
    assert found.tolist() == [[7, -1, -1]] and scores[0, 0] == pytest.approx(1.0, abs=1e-5)


def test_hnsw_deletions_trigger_rebuild_hint() -> None:
    index = create_index(IndexConfig(kind="hnsw"), 32)
    index.add(np.arange(100, dtype=np.int64), unit_vectors(100))
    index.remove(np.arange(10, dtype=np.int64))
    assert not index.needs_rebuild()
    index.remove(np.arange(10, 30, dtype=np.int64))
    assert index.needs_rebuild()


def test_unknown_kind_and_bad_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown index kind 'annoy'"):
        create_index(IndexConfig(kind="annoy"), 32)
    (tmp_path / "broken.npz").write_bytes(b"not an index")
    with pytest.raises(StorageError, match="unreadable"):
        load_index(IndexConfig(), tmp_path / "broken.npz")
    flat = create_index(IndexConfig(kind="flat"), 32)
    flat.save(tmp_path / "flat.npz")
    with pytest.raises(StorageError, match="built as 'flat', configured 'hnsw'"):
        load_index(IndexConfig(kind="hnsw"), tmp_path / "flat.npz")


def test_a_single_query_leaves_the_callers_faiss_threads_alone() -> None:
    import faiss

    index = create_index(IndexConfig(kind="flat"), 32)
    index.add(np.arange(50, dtype=np.int64), unit_vectors(50))
    before = faiss.omp_get_max_threads()
    index.search(unit_vectors(1), 5)
    assert faiss.omp_get_max_threads() == before


def test_bad_index_settings_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="ivf_nprobe must be >= 1"):
        IndexConfig(ivf_nprobe=0)
    with pytest.raises(ConfigError, match="auto_kind must name a concrete"):
        IndexConfig(auto_kind="auto")
    with pytest.raises(ConfigError, match="unknown index auto_kind 'annoy'"):
        create_index(IndexConfig(auto_kind="annoy"), 32)
