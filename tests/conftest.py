"""Shared fixtures. The real embedding model is loaded once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck import Config, Corpus, EmbedderConfig, create_embedder
from factcheck.embedding import Embedder
from factcheck.embedding_onnx import ONNX_EMBEDDER

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


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(data_dir=tmp_path / "data")


@pytest.fixture
def corpus(config: Config, embedder: Embedder) -> Iterator[Corpus]:
    with Corpus.open(config, embedder=embedder) as opened:
        yield opened
