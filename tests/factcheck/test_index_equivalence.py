"""The approximate indexes against the exact one, on sentence-like vectors, at the default search settings.

Stated tolerance (docs/benchmarks.md, "Index at scale"): recall@10 against exact >= 0.95; the scores of
``hnsw`` and ``ivf`` are exact inner products of the stored vectors, those of ``ivf_sq8`` (8-bit vectors)
within 0.01. The vectors: the example articles' sentences embedded with the real model, and a few thousand
more made around them like the benchmark's (a real vector mixed with a near one, plus noise shaped like the
real vectors' spread), so the index sees topics and near neighbours rather than uniform noise.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from factcheck import Config, Corpus, IndexConfig, Segmenter, StorageError, create_index
from factcheck.config import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_SOURCE_CHARS
from factcheck.corpus import INDEX_FILE
from factcheck.embedding import Embedder
from factcheck.index import VectorIndex, load_index
from factcheck.index.auto import AutoIndex
from factcheck.sources import ReadFailure, read_path

APPROXIMATE = ["hnsw", "ivf", "ivf_sq8"]
RECALL_TOLERANCE = 0.95
SCORE_TOLERANCE = {"hnsw": 1e-5, "ivf": 1e-5, "ivf_sq8": 0.01, "flat": 1e-5}
K = 10
BASE = 4000
QUERIES = 100
ROOT = Path(__file__).resolve().parents[2]


def example_sentences(examples_dir: Path) -> list[str]:
    segmenter = Segmenter()
    texts = []
    for path in sorted(examples_dir.iterdir()):
        for item in read_path(path, max_file_bytes=DEFAULT_MAX_FILE_BYTES, max_source_chars=DEFAULT_MAX_SOURCE_CHARS):
            assert not isinstance(item, ReadFailure), item
            texts += [span.text for span in segmenter.split(item.text)]
    queries = json.loads((ROOT / "tests" / "data" / "example_queries.json").read_text(encoding="utf-8"))
    return texts + [q["query"] for q in queries]


def around(real: np.ndarray, count: int, seed: int, spread: float = 0.5) -> np.ndarray:
    """Vectors near real ones: (1-l)*a + l*b + noise, a real, b one of a's 5 nearest, noise with the real spread."""
    rng = np.random.default_rng(seed)
    similarities = real @ real.T
    np.fill_diagonal(similarities, -np.inf)
    nearest = np.argsort(-similarities, axis=1)[:, :5]
    anchors = rng.integers(0, len(real), count)
    partners = nearest[anchors, rng.integers(0, 5, count)]
    mix = rng.uniform(0, 0.5, (count, 1)).astype(np.float32)
    centred = (real - real.mean(axis=0)) / np.sqrt(len(real))
    noise = rng.standard_normal((count, len(real))).astype(np.float32) @ centred
    noise += 0.02 * rng.standard_normal(noise.shape).astype(np.float32)  # the dimensions the sample misses
    x = (1 - mix) * real[anchors] + mix * real[partners] + spread * noise
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def vectors(embedder: Embedder, examples_dir: Path) -> tuple[np.ndarray, np.ndarray]:
    """(base, queries): real sentence vectors plus vectors around them; the queries are never in the base."""
    real = embedder.encode(example_sentences(examples_dir))
    order = np.random.default_rng(0).permutation(len(real))
    held_out, kept = real[order[:20]], real[order[20:]]
    base = np.concatenate([kept, around(kept, BASE - len(kept), seed=1)])
    queries = np.concatenate([held_out, around(kept, QUERIES - len(held_out), seed=2)])
    return base, queries


def recall(truth: np.ndarray, found: np.ndarray) -> float:
    return float(np.mean([len(set(t) & set(f)) / K for t, f in zip(truth, found, strict=True)]))


def built(kind: str, ids: np.ndarray, base: np.ndarray, config: IndexConfig | None = None) -> VectorIndex:
    index = create_index(config or IndexConfig(kind=kind), base.shape[1])
    index.add(ids, base)
    return index


def assert_equivalent(
    index: VectorIndex, exact: VectorIndex, queries: np.ndarray, vectors_by_id: dict[int, np.ndarray], kind: str
) -> None:
    _, truth = exact.search(queries, K)
    scores, found = index.search(queries, K)
    assert recall(truth, found) >= RECALL_TOLERANCE, (kind, recall(truth, found))
    assert (found >= 0).all() and set(found.ravel().tolist()) <= set(vectors_by_id)
    exact_scores = np.array([[vectors_by_id[i] @ q for i in row] for row, q in zip(found, queries, strict=True)])
    assert np.abs(scores - exact_scores).max() <= SCORE_TOLERANCE[kind]
    assert (np.diff(scores, axis=1) <= 1e-6).all()  # best first


@pytest.mark.parametrize("kind", APPROXIMATE)
def test_same_results_as_exact_within_tolerance(kind: str, vectors: tuple[np.ndarray, np.ndarray]) -> None:
    base, queries = vectors
    ids = np.arange(5000, 5000 + len(base), dtype=np.int64) * 7  # sentence ids are not positions
    by_id = dict(zip(ids.tolist(), base, strict=True))
    assert_equivalent(built(kind, ids, base), built("flat", ids, base), queries, by_id, kind)


@pytest.mark.parametrize("kind", APPROXIMATE)
def test_deletions_are_respected(kind: str, vectors: tuple[np.ndarray, np.ndarray]) -> None:
    base, queries = vectors
    ids = np.arange(len(base), dtype=np.int64)
    index, exact = built(kind, ids, base), built("flat", ids, base)
    # Delete the exact top-3 of every query (the vectors an index is most likely to return), then 10% more.
    _, truth = exact.search(queries, 3)
    removed = np.unique(np.concatenate([truth.ravel(), ids[::10]]))
    index.remove(removed)
    exact.remove(removed)
    kept = np.setdiff1d(ids, removed)
    assert len(index) == len(kept) and np.array_equal(np.sort(index.ids()), kept)
    _, found = index.search(queries, 50)
    assert not np.isin(found, removed).any()
    assert_equivalent(index, exact, queries, {int(i): base[i] for i in kept}, kind)


@pytest.mark.parametrize("kind", APPROXIMATE)
def test_save_and_load_give_the_same_results(kind: str, vectors: tuple[np.ndarray, np.ndarray], tmp_path: Path) -> None:
    base, queries = vectors
    ids = np.arange(len(base), dtype=np.int64)
    config = IndexConfig(kind=kind)
    index = built(kind, ids, base, config)
    index.remove(ids[::7])
    index.save(tmp_path / "index.npz")
    loaded = load_index(config, tmp_path / "index.npz")
    before, after = index.search(queries, K), loaded.search(queries, K)
    assert np.array_equal(before[1], after[1]) and np.allclose(before[0], after[0])
    assert loaded.kind == kind and len(loaded) == len(index)


@pytest.mark.parametrize("kind", ["hnsw", "ivf"])
def test_search_settings_trade_recall_for_speed(kind: str, vectors: tuple[np.ndarray, np.ndarray]) -> None:
    """The settings really reach FAISS: the narrowest search finds less than the default one."""
    base, queries = vectors
    ids = np.arange(len(base), dtype=np.int64)
    _, truth = built("flat", ids, base).search(queries, K)
    narrow = IndexConfig(kind=kind, hnsw_ef_search=1, ivf_nprobe=1)
    assert recall(truth, built(kind, ids, base, narrow).search(queries, K)[1]) < RECALL_TOLERANCE
    assert recall(truth, built(kind, ids, base).search(queries, K)[1]) >= RECALL_TOLERANCE


def test_ivf_trains_on_the_whole_first_add_and_regrows(vectors: tuple[np.ndarray, np.ndarray]) -> None:
    base, _ = vectors
    index = create_index(IndexConfig(kind="ivf_sq8"), base.shape[1])
    index.add(np.arange(400, dtype=np.int64), base[:400])
    assert not index.needs_rebuild()
    index.add(np.arange(400, 1601, dtype=np.int64), base[400:1601])  # > 4x the training set
    assert index.needs_rebuild()
    rebuilt = create_index(IndexConfig(kind="ivf_sq8"), base.shape[1])
    rebuilt.add(np.arange(1601, dtype=np.int64), base[:1601])
    assert not rebuilt.needs_rebuild()  # a rebuild with every vector does not ask for another


def test_auto_switches_at_the_threshold_and_back(vectors: tuple[np.ndarray, np.ndarray], tmp_path: Path) -> None:
    base, queries = vectors
    ids = np.arange(len(base), dtype=np.int64)
    config = IndexConfig(kind="auto", auto_threshold=3000, auto_kind="ivf_sq8")
    index = create_index(config, base.shape[1])
    assert isinstance(index, AutoIndex)
    for start in range(0, 2500, 500):  # an ingest: small adds
        index.add(ids[start : start + 500], base[start : start + 500])
    assert index.structure == "flat" and not index.needs_rebuild()
    index.add(ids[2500:], base[2500:])
    assert index.structure == "flat" and index.needs_rebuild()  # crossing asks for a rebuild...
    index = create_index(config, base.shape[1])
    index.add(ids, base)  # ...which adds every vector at once: the approximate structure from the start
    assert isinstance(index, AutoIndex) and index.structure == "ivf_sq8" and not index.needs_rebuild()
    exact = built("flat", ids, base)
    assert_equivalent(index, exact, queries, dict(zip(ids.tolist(), base, strict=True)), "ivf_sq8")

    index.save(tmp_path / "auto.npz")
    loaded = load_index(config, tmp_path / "auto.npz")
    assert isinstance(loaded, AutoIndex) and loaded.structure == "ivf_sq8"
    assert np.array_equal(loaded.search(queries, K)[1], index.search(queries, K)[1])
    with pytest.raises(StorageError, match="auto settings choose 'flat'"):
        load_index(replace(config, auto_threshold=10_000), tmp_path / "auto.npz")
    with pytest.raises(StorageError, match="auto settings choose 'hnsw'"):
        load_index(replace(config, auto_kind="hnsw"), tmp_path / "auto.npz")

    index.remove(ids[:2000])  # 2000 live: under the threshold but above half of it: the structure stays
    assert index.wanted_structure() == "ivf_sq8"
    index.remove(ids[2000:2600])  # 1400 live, under half the threshold: back to exact
    assert index.wanted_structure() == "flat" and index.needs_rebuild()


def test_corpus_crossing_the_threshold_rebuilds_and_persists(
    config: Config, embedder: Embedder, examples_dir: Path
) -> None:
    sources = []
    for path in sorted(examples_dir.iterdir()):
        read = read_path(path, max_file_bytes=DEFAULT_MAX_FILE_BYTES, max_source_chars=DEFAULT_MAX_SOURCE_CHARS)
        sources += [item for item in read if not isinstance(item, ReadFailure)]
    counts = [len(Segmenter().split(s.text)) for s in sources]
    threshold = counts[0] + 1  # the first article stays under it, the first two cross it
    # Search-only corpora (no claim extraction): the index is what is under test.
    auto_index = IndexConfig(kind="auto", auto_threshold=threshold, auto_kind="ivf_sq8")
    auto = replace(config, index=auto_index, extractor="none")
    exact = replace(config, data_dir=config.data_dir.parent / "exact", index=IndexConfig(kind="flat"), extractor="none")
    with Corpus.open(exact, embedder=embedder) as reference:
        list(reference.ingest_many(sources))
        expected = [reference.search(q, k=5) for q in ("how many people died", "who heads the delegation")]
    with Corpus.open(auto, embedder=embedder) as corpus:
        corpus.ingest(sources[0])
        assert corpus.index.structure == "flat"  # type: ignore[attr-defined]
        list(corpus.ingest_many(sources[1:]))
        # The switch happens at the next index checkpoint (at most a minute later, or on close): until then
        # searches stay exact.
        corpus.checkpoint()
        assert corpus.index.structure == "ivf_sq8"  # type: ignore[attr-defined]
    meta = json.loads(bytes(np.load(config.data_dir / INDEX_FILE)["meta"]).decode())
    assert meta["kind"] == "auto" and meta["structure"] == "ivf_sq8"
    with Corpus.open(auto, embedder=embedder, read_only=True) as corpus:
        assert corpus.index.structure == "ivf_sq8" and len(corpus.index) == sum(counts)  # type: ignore[attr-defined]
        found = [corpus.search(q, k=5) for q in ("how many people died", "who heads the delegation")]
    for got, want in zip(found, expected, strict=True):
        assert [(h.source_id, h.start) for h in got] == [(h.source_id, h.start) for h in want]
        assert [h.score for h in got] == pytest.approx([h.score for h in want], abs=SCORE_TOLERANCE["ivf_sq8"])


def test_corpus_rebuild_trains_on_every_stored_vector(
    config: Config, embedder: Embedder, examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Storage hands vectors over in chunks; the rebuild still adds them in one call, so an IVF index trains on
    the whole corpus and does not ask to be rebuilt again at once (it did when it trained on the first chunk)."""
    ivf = replace(config, index=IndexConfig(kind="ivf"), extractor="none")
    with Corpus.open(ivf, embedder=embedder) as corpus:
        for path in sorted(examples_dir.iterdir()):
            read = read_path(path, max_file_bytes=DEFAULT_MAX_FILE_BYTES, max_source_chars=DEFAULT_MAX_SOURCE_CHARS)
            list(corpus.ingest_many(item for item in read if not isinstance(item, ReadFailure)))
        storage = corpus._storage
        chunked = storage.iter_vectors
        monkeypatch.setattr(storage, "iter_vectors", lambda batch_size=10_000: chunked(batch_size=10))
        assert corpus.rebuild_index() == corpus.count_sentences()
        assert not corpus.index.needs_rebuild()
