"""Shared fixtures. The real embedding model is loaded once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from factcheck import Config, Corpus, EmbedderConfig, SourceInput, create_embedder
from factcheck.embedding import Embedder
from factcheck.embedding_onnx import ONNX_EMBEDDER
from factcheck.sources import SourceOverrides, read_path
from tests.factcheck.storage.postgres_cluster import Cluster, find_bindir

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return create_embedder(EmbedderConfig())


@pytest.fixture(scope="session")
def onnx_embedder() -> Embedder:
    """The int8 ONNX embedder (exported by `make install`, or on first use in a child process)."""
    return create_embedder(EmbedderConfig(name=ONNX_EMBEDDER))


@pytest.fixture(scope="session", params=["sentence-transformers", ONNX_EMBEDDER])
def any_embedder(request: pytest.FixtureRequest) -> Embedder:
    """Each shipped embedder in turn, for the quality floors that must hold whichever one a deployment picks."""
    return create_embedder(EmbedderConfig(name=request.param))


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"{SHARED} is absent (it ships with the development machines, not with a clone)")
    return SHARED


# The seed articles' publication dates, as the project was given them: source A's file carries its own
# ("date 2025-05-15"); source B's does not, and was published the next day.
SEED_PUBLISHED = {"003_d0b0cb5dad326dab": date(2025, 5, 16)}


@pytest.fixture(scope="session")
def seed_sources(shared_dir: Path) -> list[SourceInput]:
    """The two seed articles, A then B, with their publication dates."""
    sources = []
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        overrides = SourceOverrides(published_at=SEED_PUBLISHED.get(path.stem))
        (source,) = read_path(path, max_file_bytes=1 << 20, max_source_chars=1 << 20, overrides=overrides)
        assert isinstance(source, SourceInput) and source.published_at is not None, path
        sources.append(source)
    return sources


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(data_dir=tmp_path / "data")


@pytest.fixture
def corpus(config: Config, embedder: Embedder) -> Iterator[Corpus]:
    with Corpus.open(config, embedder=embedder) as opened:
        yield opened


# -- PostgreSQL: a throwaway cluster, so that storage and corpus tests run against both backends -----------------
@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(
            "PostgreSQL server binaries are absent (no /usr/lib/postgresql/15/bin/initdb); "
            "apt-get install postgresql-15 to run the PostgreSQL backend tests"
        )
    cluster = Cluster(bindir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster: Cluster) -> Iterator[str]:
    """A fresh, empty database of the session's cluster."""
    with postgres_cluster.database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """Each backend in turn, as ``Config.database_url``: None (SQLite in the data directory), then a PostgreSQL URL."""
    if request.param == "sqlite":
        return None
    url: str = request.getfixturevalue("postgres_url")
    return url
