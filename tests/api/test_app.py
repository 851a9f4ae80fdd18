"""The (for now minimal) HTTP service: health, readiness, search, and the one error shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from factcheck import Config, Corpus
from factcheck.embedding import Embedder
from factcheck.settings import Settings
from factcheck.sources import read_path


@pytest.fixture
def client(tmp_path: Path, embedder: Embedder, examples_dir: Path) -> Iterator[TestClient]:
    data_dir = tmp_path / "data"
    with Corpus.open(Config(data_dir=data_dir), embedder=embedder) as corpus:
        path = examples_dir / "northern-ledger.md"
        list(corpus.ingest_many(read_path(path, max_file_bytes=1 << 20, max_source_chars=1 << 20)))  # type: ignore[arg-type]
    with TestClient(create_app(Settings(data_dir=data_dir))) as test_client:
        yield test_client


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_search(client: TestClient) -> None:
    response = client.get("/v1/search", params={"q": "who heads the Kastavian delegation", "k": 2})
    assert response.status_code == 200
    hits = response.json()
    assert len(hits) == 2 and hits[0]["source_id"] == "northern-ledger"
    assert "Ostrovsky" in hits[0]["sentence"]


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/v1/search", {"q": "x", "k": 0}, 422),
        ("/v1/search", {"q": "x", "k": "many"}, 422),
        ("/v1/search", {}, 422),
        ("/v1/search", {"q": "   "}, 422),
        ("/nowhere", {}, 404),
    ],
)
def test_errors_share_one_json_shape(client: TestClient, path: str, params: dict[str, object], status: int) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"} and body["error"]["message"]


def test_writer_lock_makes_a_second_server_fail_clearly(client: TestClient, tmp_path: Path) -> None:
    from factcheck import StorageError

    with (
        pytest.raises(StorageError, match="in use by another factcheck process"),
        TestClient(create_app(Settings(data_dir=tmp_path / "data"))),
    ):
        pass
