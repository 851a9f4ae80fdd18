"""Liveness, readiness and the single-writer rule of the data directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from factcheck import StorageError
from tests.api.conftest import make_settings


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_writer_lock_makes_a_second_server_fail_clearly(client: TestClient, tmp_path: Path) -> None:
    with (
        pytest.raises(StorageError, match="in use by another factcheck process"),
        TestClient(create_app(make_settings(tmp_path / "data"))),
    ):
        pass
    assert client.get("/readyz").status_code == 200  # the first server is unaffected


def test_stopping_the_app_writes_the_index_and_frees_the_directory(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    with TestClient(create_app(settings)) as first:
        first.post("/v1/sources", json={"id": "a", "text": "The river rose two metres overnight."})
    assert (tmp_path / "data" / "vectors.faiss.npz").is_file()
    with TestClient(create_app(settings)) as second:
        assert second.get("/v1/sources/a").json()["sentences"] == 1
