"""Fixtures of the HTTP tests: apps on fresh data directories, with the session's real model.

``create_embedder`` caches one model per configuration and process, so the app's ``Corpus.open`` reuses the
model the ``embedder`` fixture loaded. The example articles are POSTed once per session into a template data
directory; tests that need them get their own copy, so no test sees another's writes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from factcheck.embedding import Embedder
from factcheck.records import SourceInput
from factcheck.settings import Settings
from factcheck.sources import read_path

EXAMPLE_IDS = ("harbor-daily", "northern-ledger", "radio-meridian")
UN_CLAIM = "The UN says 63 people have been killed in the floods since March 1"


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings that do not depend on the FACTCHECK_* environment of whoever runs the tests."""
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "model_path": None,
        "embedder": "sentence-transformers",
        "index_type": "flat",
        "verifier": "typed",
        "api_keys": [],
        "cors_origins": [],
        "max_body_bytes": 10 * 1024 * 1024,
    }
    values.update(overrides)
    return Settings(**values)


class Response(Protocol):
    """What the tests read of a response (TestClient's and httpx's are different classes)."""

    @property
    def status_code(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def headers(self) -> Any: ...

    def json(self) -> Any: ...


def assert_error(response: Response, status: int, code: str | None = None) -> str:
    """The response is the one error shape with this status (and code); returns the message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert "Traceback" not in response.text
    if code is not None:
        assert body["error"]["code"] == code, body
    message: str = body["error"]["message"]
    return message


def source_body(source: SourceInput) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "outlet": source.outlet,
        "url": source.url,
        "published_at": source.published_at.isoformat() if source.published_at else None,
        "text": source.text,
    }


@pytest.fixture(scope="session")
def example_bodies(examples_dir: Path) -> dict[str, dict[str, Any]]:
    """POST bodies of the example articles, read with the library's readers (HTML and Markdown to text)."""
    bodies = {}
    for path in sorted(examples_dir.iterdir()):
        (source,) = read_path(path, max_file_bytes=1 << 20, max_source_chars=1 << 20)
        assert isinstance(source, SourceInput), source
        bodies[source.id] = source_body(source)
    assert tuple(bodies) == EXAMPLE_IDS
    return bodies


@pytest.fixture
def app_factory(tmp_path: Path, embedder: Embedder) -> Iterator[Callable[..., TestClient]]:
    """Builds started TestClients on data directories under tmp_path; closes them at the end of the test."""
    opened: list[TestClient] = []

    def build(data_dir: Path | None = None, *, raise_server_exceptions: bool = True, **overrides: Any) -> TestClient:
        app = create_app(make_settings(data_dir or tmp_path / "data", **overrides))
        client = TestClient(app, raise_server_exceptions=raise_server_exceptions)
        client.__enter__()
        opened.append(client)
        return client

    yield build
    for client in reversed(opened):
        client.__exit__(None, None, None)


@pytest.fixture
def client(app_factory: Callable[..., TestClient]) -> TestClient:
    """A started app on an empty data directory, no API keys."""
    return app_factory()


@pytest.fixture(scope="session")
def seeded_template(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, example_bodies: dict[str, dict[str, Any]]
) -> Path:
    """A data directory holding the three example articles, stored through POST /v1/sources."""
    data_dir = tmp_path_factory.mktemp("seeded") / "data"
    with TestClient(create_app(make_settings(data_dir))) as seeding:
        for source_id, body in example_bodies.items():
            response = seeding.post("/v1/sources", json=body)
            assert response.status_code == 201, response.text
            assert response.json()["id"] == source_id
    return data_dir


@pytest.fixture
def seeded_dir(seeded_template: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded data directory."""
    copy = tmp_path / "seeded"
    shutil.copytree(seeded_template, copy)
    return copy


@pytest.fixture(scope="module")
def seeded_client(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A started app on a copy of the seeded directory, shared by the read-only tests of one module."""
    copy = tmp_path_factory.mktemp("seeded-module") / "data"
    shutil.copytree(seeded_template, copy)
    with TestClient(create_app(make_settings(copy))) as test_client:
        yield test_client
