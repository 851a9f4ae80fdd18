"""The ``ray`` report engine builds the report the local engine builds, with one verifier model per actor.

One real local Ray instance (two CPUs) serves the whole module. Each comparison builds a report over one corpus
with the local engine and with the ray engine and compares them whole (``report_json``, less the id and the time):
every topic, its status, reason, claims and offsets, in the same order.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck import Config, ConfigError, Corpus, EmbedderConfig, FactcheckError, SourceInput
from factcheck.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from factcheck.config import VerifierModelConfig
from factcheck.embedding import Embedder
from factcheck.embedding_onnx import ONNX_EMBEDDER
from factcheck.engines.base import EngineConfig, LocalReportEngine, create_report_engine
from factcheck.report import Report, build_report
from factcheck.report_plan import Candidate, Partition, make_plan, partitions
from factcheck.report_render import report_json
from factcheck.sources import read_path, walk_paths
from tests.factcheck.test_stories import BASIL_ARTICLES, _basil_source

ray = pytest.importorskip("ray", reason="the ray engine is optional: pip install 'factcheck[ray]' to test it")

from factcheck.engines.ray_report import RayReportEngine  # noqa: E402 - needs ray, skipped above

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
BASIL_COUNT = 36  # the first 36 BASIL articles by path: 12 stories of three outlets
CPUS = 2


@pytest.fixture(scope="module", autouse=True)
def ray_cluster() -> Iterator[None]:
    """A real local Ray instance for the module; the engines find it initialised and leave it running."""
    ray.init(num_cpus=CPUS, include_dashboard=False)
    try:
        yield
    finally:
        ray.shutdown()


def _config(data_dir: Path) -> Config:
    return Config(data_dir=data_dir, embedder=EmbedderConfig(name=ONNX_EMBEDDER))  # what the command line uses


def _body(report: Report | dict[str, Any]) -> dict[str, Any]:
    body = report_json(report) if isinstance(report, Report) else dict(report)
    del body["id"], body["created_at"]
    return body


def _ingest(data_dir: Path, sources: list[SourceInput], embedder: Embedder) -> None:
    with Corpus.open(_config(data_dir), embedder=embedder) as corpus:
        list(corpus.ingest_many(sources))


@pytest.fixture(scope="module")
def examples_data(tmp_path_factory: pytest.TempPathFactory, onnx_embedder: Embedder) -> Path:
    """The example articles, ingested once with the local engine."""
    sources = [
        s
        for path in walk_paths([EXAMPLES])
        if isinstance(path, Path)
        for s in read_path(path, max_file_bytes=1 << 20, max_source_chars=1 << 20)
    ]
    assert len(sources) == 3 and all(isinstance(s, SourceInput) for s in sources)
    data_dir = tmp_path_factory.mktemp("examples") / "data"
    _ingest(data_dir, sources, onnx_embedder)  # type: ignore[arg-type]
    return data_dir


def _assert_loaded_once_per_actor(engine: RayReportEngine, work: list[Partition]) -> None:
    """Every actor loaded the verifier once, when it was constructed, and judged several partitions with it."""
    stats = engine.stats
    assert len(stats) == CPUS  # one actor per CPU
    assert len({s.pid for s in stats}) == CPUS  # each in a process of its own
    assert all(s.loads_at_start == 1 and s.loads == 1 for s in stats), stats
    assert sum(s.partitions for s in stats) == len(work) > len(stats)  # loads follow actors, not tasks


# -- the project's own examples: always run ------------------------------------------------------------------------
def test_examples_report_is_the_same_on_ray(examples_data: Path, onnx_embedder: Embedder) -> None:
    with Corpus.open(_config(examples_data), embedder=onnx_embedder, read_only=True) as corpus:
        local = build_report(corpus)
        assert local.summary["conflict"] == 2  # the two planted conflicts: the verifier's veto ran and kept them
        # Blocks of 10 pairs: the one story is judged in many partitions, its verifier reading in one of its own.
        engine = RayReportEngine(EngineConfig(name="ray", report_block_pairs=10))
        try:
            on_ray = build_report(corpus, engine=engine)
            work = partitions(make_plan(corpus, None), corpus.config.verifier_model, 10)
            assert len(work) > CPUS and sum(p.text is not None for p in work) == 1
            _assert_loaded_once_per_actor(engine, work)
            assert _body(on_ray) == _body(local)
            # With a focus (what new sources bring) and a selection, through the same actors: no model loaded again.
            focus = frozenset({"radio-meridian"})
            ids = ["harbor-daily", "radio-meridian"]
            focused = build_report(corpus, ids, missing_ok=True, focus=focus, engine=engine)
            assert _body(focused) == _body(build_report(corpus, ids, missing_ok=True, focus=focus))
            assert all(s.loads == 1 for s in engine.stats)
        finally:
            engine.close()
    assert ray.is_initialized()  # the engine found Ray running and left it so


def test_cli_report_engine_ray(examples_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["report", "--format", "json", "--data-dir", str(examples_data)]
    assert main(args) == EXIT_OK
    local = json.loads(capsys.readouterr().out)
    assert main([*args, "--engine", "ray"]) == EXIT_OK
    assert _body(json.loads(capsys.readouterr().out)) == _body(local)
    assert ray.is_initialized()


def test_report_ray_options_need_the_ray_engine(examples_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["report", "--data-dir", str(examples_data)]
    assert main([*args, "--address", "auto", "--num-cpus", "2"]) == EXIT_USAGE
    assert "--address, --num-cpus: only with --engine ray" in capsys.readouterr().err
    assert main([*args, "--engine", "ray", "--address", "x:1", "--num-cpus", "2"]) == EXIT_USAGE


def test_report_engine_without_ray_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed: `import ray` raises ImportError
    monkeypatch.delitem(sys.modules, "factcheck.engines.ray_report")
    with pytest.raises(ConfigError, match=r"needs Ray, .*pip install 'factcheck\[ray\]'"):
        create_report_engine(EngineConfig(name="ray"))
    assert isinstance(create_report_engine(EngineConfig()), LocalReportEngine)
    assert main(["report", "--data-dir", str(tmp_path / "data"), "--engine", "ray"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.startswith("error: the ray engine needs Ray") and "Traceback" not in err
    assert not (tmp_path / "data").exists()  # refused before anything was opened


def test_a_failing_partition_is_one_error_line() -> None:
    """A Python error in an actor (here a partition that lacks the items its pair names) stops the report."""
    broken = Partition(0, (Candidate(0, 0, 1, 2, 1.0),), {}, None, VerifierModelConfig(enabled=False))
    engine = RayReportEngine(EngineConfig(name="ray", report_actors=1))
    try:
        with pytest.raises(FactcheckError, match=r"the Ray report failed \(.*\): KeyError: 1; nothing was stored"):
            list(engine.judge([broken]))
    finally:
        engine.close()


# -- 36 BASIL articles: where ../shared is present -----------------------------------------------------------------
@pytest.mark.shared
def test_basil_report_is_the_same_on_ray(tmp_path: Path, onnx_embedder: Embedder) -> None:
    """36 real articles of 12 stories: the ray engine's report equals the local one, the verifier loaded once per
    actor whatever the number of partitions."""
    if not BASIL_ARTICLES.is_dir():
        pytest.skip(f"{BASIL_ARTICLES} is absent (../shared ships with the development machines, not with a clone)")
    paths = sorted(BASIL_ARTICLES.glob("*/*.json"))
    sources = [s for s in map(_basil_source, paths) if s is not None][:BASIL_COUNT]
    assert len(sources) == BASIL_COUNT
    _ingest(tmp_path / "data", sources, onnx_embedder)
    block = 4  # small blocks: the larger stories are cut, so there are many more partitions than actors
    with Corpus.open(_config(tmp_path / "data"), embedder=onnx_embedder, read_only=True) as corpus:
        local = build_report(corpus)
        plan = make_plan(corpus, None)
        assert len(plan.stories) >= 5 and len(plan.candidates) > block
        work = partitions(plan, corpus.config.verifier_model, block)
        assert len(work) > len({p.story for p in work})  # some story was cut into blocks
        engine = RayReportEngine(EngineConfig(name="ray", report_block_pairs=block))
        try:
            on_ray = build_report(corpus, engine=engine)
            _assert_loaded_once_per_actor(engine, work)
        finally:
            engine.close()
    assert local.summary["agree"] > 0 and len(local.sources) == BASIL_COUNT
    assert _body(on_ray) == _body(local)
