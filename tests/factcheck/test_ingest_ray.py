"""The ``ray`` ingest engine stores what the local engine stores, and a worker killed mid-ingest changes nothing.

One real local Ray instance (two CPUs) serves the whole module. Each comparison ingests the same sources with the
local engine into one data directory and with the ray engine into another, then compares everything stored: the
sources, their sentences and offsets, every claim (kind, text, offsets, every field through its JSON, describe())
and the vectors (within 1e-5: the two engines batch sentences differently).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from factcheck import (
    Config,
    ConfigError,
    Corpus,
    EmbedderConfig,
    FactcheckError,
    IngestFailure,
    IngestResult,
    IngestStatus,
    SourceInput,
)
from factcheck.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from factcheck.corpus import DATABASE_FILE
from factcheck.embedding import Embedder
from factcheck.embedding_onnx import ONNX_EMBEDDER
from factcheck.engines import EngineConfig, LocalEngine, create_engine
from factcheck.sources import read_path, walk_paths
from factcheck.storage import SQLiteStorage
from tests.factcheck.test_stories import BASIL_ARTICLES, _basil_source

ray = pytest.importorskip("ray", reason="the ray engine is optional: pip install 'factcheck[ray]' to test it")

from factcheck.engines.ray_engine import RayEngine, _check_listening, _guarded  # noqa: E402 - needs ray, skipped above

# Ray Data's own context copies touch its deprecated settings.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
BASIL_COUNT = 50
VECTOR_TOLERANCE = 1e-5
Outcomes = list[IngestResult | IngestFailure]


@pytest.fixture(scope="module", autouse=True)
def ray_cluster() -> Iterator[None]:
    """A real local Ray instance for the module; the engine finds it initialised and leaves it running."""
    ray.init(num_cpus=2, include_dashboard=False)
    try:
        yield
    finally:
        ray.shutdown()


def _examples() -> list[SourceInput]:
    sources = []
    for path in walk_paths([EXAMPLES]):
        assert isinstance(path, Path)
        for read in read_path(path, max_file_bytes=1 << 20, max_source_chars=1 << 20):
            assert isinstance(read, SourceInput), read
            sources.append(read)
    return sources


def _ray_engine(tmp: Path | None = None, *, batch_sources: int, crash_on_batch: int = 1) -> RayEngine:
    """Fixed pools of one actor each (two CPUs); with ``tmp``, extraction batch ``crash_on_batch`` kills its actor."""
    config = EngineConfig(name="ray", embed_actors=1, extract_actors=1, batch_sources=batch_sources)
    crash_once = tmp / "crashed" if tmp is not None else None
    return RayEngine(config, crash_once=crash_once, crash_on_batch=crash_on_batch)


def _ingest(
    engine: Any, data_dir: Path, sources: list[SourceInput], embedder: Embedder, name: str = "sentence-transformers"
) -> Outcomes:
    """Ingest with ``engine``; the Ray actors build the embedder the corpus is configured with (``name``)."""
    config = Config(data_dir=data_dir, embedder=EmbedderConfig(name=name))
    with Corpus.open(config, embedder=embedder) as corpus:
        return list(engine.ingest_many(corpus, sources))


def _stored(data_dir: Path) -> dict[str, Any]:
    """Everything stored, by source id (sentence ids too: both engines store in input order)."""
    storage = SQLiteStorage(data_dir / DATABASE_FILE, read_only=True)
    try:
        stored: dict[str, Any] = {}
        for source in storage.list_sources():
            content = storage.source_content(source.id)
            assert content is not None
            vectors = dict(zip(content.vector_ids.tolist(), content.vectors, strict=True))
            stored[source.id] = {
                "source": (source.text, source.content_hash, source.sentence_count, source.outlet, source.published_at),
                "sentences": [(s.id, s.position, s.start, s.end, s.text) for s in content.sentences],
                "claims": [
                    (s.position, claim.kind, claim.start, claim.end, claim.text, claim.describe(), claim.to_json())
                    for s in content.sentences
                    for claim in content.claims.get(s.id, [])
                ],
                "vectors": np.stack([vectors[s.id] for s in content.sentences]),
            }
        return stored
    finally:
        storage.close()


def _assert_same(local: dict[str, Any], ray_stored: dict[str, Any]) -> None:
    assert sorted(ray_stored) == sorted(local)
    for source_id, expected in local.items():
        got = ray_stored[source_id]
        assert got["source"] == expected["source"], source_id
        assert got["sentences"] == expected["sentences"], source_id
        assert got["claims"] == expected["claims"], source_id
        assert got["vectors"].shape == expected["vectors"].shape, source_id
        assert np.abs(got["vectors"] - expected["vectors"]).max() <= VECTOR_TOLERANCE, source_id


def _counts(stored: dict[str, Any]) -> tuple[int, int, int]:
    return (
        len(stored),
        sum(len(s["sentences"]) for s in stored.values()),
        sum(len(s["claims"]) for s in stored.values()),
    )


def _top_hits(data_dir: Path, embedder: Embedder, query: str) -> list[tuple[str, int, int]]:
    with Corpus.open(Config(data_dir=data_dir), embedder=embedder, read_only=True) as corpus:
        return [(h.source_id, h.start, h.end) for h in corpus.search(query, 5)]


@pytest.fixture(scope="module")
def examples_local(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[Path, Outcomes]:
    data_dir = tmp_path_factory.mktemp("local") / "data"
    return data_dir, _ingest(LocalEngine(), data_dir, _examples(), embedder)


# -- the project's own examples: always run ------------------------------------------------------------------------
def test_cli_ray_engine_stores_what_the_local_engine_stores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The command line's embedder (the int8 ONNX one unless configured), for both engines.
    local_args = ["ingest", str(EXAMPLES), "--data-dir", str(tmp_path / "local"), "--no-conflicts"]
    assert main(local_args) == EXIT_OK
    capsys.readouterr()
    args = ["ingest", str(EXAMPLES), "--engine", "ray", "--data-dir", str(tmp_path / "ray"), "--no-conflicts"]
    assert main(args) == EXIT_OK
    assert "3 sources (3 added, 0 unchanged), 0 failed; 90 sentences indexed" in capsys.readouterr().out
    assert ray.is_initialized()  # the engine found Ray running and left it so
    _assert_same(_stored(tmp_path / "local"), _stored(tmp_path / "ray"))
    # Again: every source is UNCHANGED, decided before any work is sent to the cluster.
    assert main(args) == EXIT_OK
    assert "3 sources (0 added, 3 unchanged), 0 failed" in capsys.readouterr().out


def test_killed_extraction_actor_is_retried_without_duplicates(
    tmp_path: Path, examples_local: tuple[Path, Outcomes], embedder: Embedder
) -> None:
    engine = _ray_engine(tmp_path, batch_sources=1)  # three batches: the first kills its actor
    outcomes = _ingest(engine, tmp_path / "data", _examples(), embedder)
    assert (tmp_path / "crashed").exists()  # the actor did die (os._exit right after creating the marker)
    local_dir, local_outcomes = examples_local
    assert outcomes == local_outcomes
    assert all(isinstance(o, IngestResult) and o.status is IngestStatus.ADDED for o in outcomes)
    local, stored = _stored(local_dir), _stored(tmp_path / "data")
    assert _counts(stored) == _counts(local)
    _assert_same(local, stored)
    query = "how many people have died in the floods according to the UN"
    assert _top_hits(tmp_path / "data", embedder, query) == _top_hits(local_dir, embedder, query)


def test_ray_engine_unchanged_conflicts_and_bad_sources(
    tmp_path: Path, examples_local: tuple[Path, Outcomes], embedder: Embedder
) -> None:
    shutil.copytree(examples_local[0], tmp_path / "data")  # the examples, stored by the local engine
    first, second, _ = _examples()
    changed = SourceInput(id=first.id, text=first.text + "\n\nOne more sentence.")
    twice = SourceInput(id="twice", text="A new sentence here.")
    empty = SourceInput(id="no-words", text="...")
    outcomes = _ingest(
        _ray_engine(batch_sources=1), tmp_path / "data", [second, changed, twice, twice, empty], embedder
    )
    assert outcomes[0] == IngestResult(second.id, IngestStatus.UNCHANGED, 30)
    assert isinstance(outcomes[1], IngestFailure) and outcomes[1].conflict
    assert outcomes[2] == IngestResult("twice", IngestStatus.ADDED, 1)
    assert isinstance(outcomes[3], IngestFailure) and "appears twice" in outcomes[3].message
    assert isinstance(outcomes[4], IngestFailure) and outcomes[4].message == "no sentences found in the text"
    assert len(outcomes) == 5
    local = _stored(examples_local[0])
    stored = _stored(tmp_path / "data")
    assert sorted(stored) == sorted([*local, "twice"])
    _assert_same(local, {source_id: stored[source_id] for source_id in local})  # nothing rewritten


# -- 50 BASIL articles: where ../shared is present -----------------------------------------------------------------
@pytest.mark.shared
def test_basil_ray_engine_matches_local_even_with_a_killed_actor(tmp_path: Path, onnx_embedder: Embedder) -> None:
    """50 real articles in 13 batches of 4, with the command line's default embedder (int8 ONNX, the quicker one)."""
    if not BASIL_ARTICLES.is_dir():
        pytest.skip(f"{BASIL_ARTICLES} is absent (../shared ships with the development machines, not with a clone)")
    paths = sorted(BASIL_ARTICLES.glob("*/*.json"))
    sources = [s for s in map(_basil_source, paths) if s is not None][:BASIL_COUNT]
    assert len(sources) == BASIL_COUNT
    local_outcomes = _ingest(LocalEngine(), tmp_path / "local", sources, onnx_embedder, ONNX_EMBEDDER)
    engine = _ray_engine(tmp_path, batch_sources=4, crash_on_batch=7)
    config = Config(data_dir=tmp_path / "ray", embedder=EmbedderConfig(name=ONNX_EMBEDDER))
    ray_outcomes: Outcomes = []
    stored_before_crash = 0
    with Corpus.open(config, embedder=onnx_embedder) as corpus:
        for outcome in engine.ingest_many(corpus, sources):
            ray_outcomes.append(outcome)
            if not (tmp_path / "crashed").exists():
                stored_before_crash += 1
    assert 0 < stored_before_crash < BASIL_COUNT  # the actor died mid-ingest, with sources already stored
    assert ray_outcomes == local_outcomes
    local, stored = _stored(tmp_path / "local"), _stored(tmp_path / "ray")
    assert _counts(stored) == _counts(local)
    assert _counts(local)[2] > _counts(local)[1]  # claims were extracted (a statement per sentence and typed ones)
    _assert_same(local, stored)


# -- the command line's errors -------------------------------------------------------------------------------------
def test_ray_options_need_the_ray_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(EXAMPLES), "--data-dir", str(tmp_path), "--address", "auto"]) == EXIT_USAGE
    assert "--address: only with --engine ray" in capsys.readouterr().err
    args = ["ingest", str(EXAMPLES), "--data-dir", str(tmp_path), "--engine", "ray", "--address", "x:1"]
    assert main([*args, "--num-cpus", "2"]) == EXIT_USAGE


def test_ray_engine_without_ray_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed: `import ray` raises ImportError
    monkeypatch.delitem(sys.modules, "factcheck.engines.ray_engine")
    with pytest.raises(ConfigError, match=r"pip install 'factcheck\[ray\]'"):
        create_engine(EngineConfig(name="ray"))
    assert main(["ingest", str(EXAMPLES), "--data-dir", str(tmp_path / "data"), "--engine", "ray"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.startswith("error: the ray engine needs Ray Data") and "Traceback" not in err
    assert not (tmp_path / "data").exists()  # refused before anything was opened


def test_unreachable_cluster_fails_fast() -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ConfigError, match=r"nothing answers at 127\.0\.0\.1"):
        _check_listening(f"127.0.0.1:{port}")
    _check_listening("auto")  # left to Ray


def test_a_failed_pipeline_is_one_error_line() -> None:
    def failing() -> Iterator[dict[str, Any]]:
        yield {}
        raise ray.exceptions.RayTaskError("_Extract", "Traceback ...\n  File x\nValueError: bad sentence", ValueError())

    batches = _guarded(failing())
    assert next(batches) == {}
    with pytest.raises(FactcheckError, match=r"the Ray pipeline failed \(.*\): ValueError: bad sentence; the sources"):
        next(batches)
