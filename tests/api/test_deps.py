"""API keys for writes (both header styles, 401 vs 403, keys never echoed or logged) and readiness."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from tests.api.conftest import UN_CLAIM, assert_error, make_settings

KEYS = ["first-key-0123456789", "second-key-\u00e9t\u00e9"]
BODY = {"id": "wire-1", "text": "According to the UN, 63 people have died in the floods since March 1."}


@pytest.fixture
def guarded(app_factory: Callable[..., TestClient]) -> TestClient:
    return app_factory(api_keys=KEYS)


def test_a_write_without_a_key_is_a_401(guarded: TestClient) -> None:
    response = guarded.post("/v1/sources", json=BODY)
    assert_error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"
    assert_error(guarded.delete("/v1/sources/wire-1"), 401, "unauthorized")
    # Another scheme, or an empty value, is no key at all.
    assert_error(guarded.post("/v1/sources", json=BODY, headers={"Authorization": "Basic Zm9vOmJhcg=="}), 401)
    assert_error(guarded.post("/v1/sources", json=BODY, headers={"X-API-Key": ""}), 401)
    assert guarded.get("/v1/sources").json()["total"] == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer wrong"},
        {"X-API-Key": "wrong"},
        {"Authorization": f"Bearer {KEYS[0]}x"},
        {"X-API-Key": KEYS[0][:-1]},
        {"X-API-Key": KEYS[0].upper()},
    ],
)
def test_a_wrong_key_is_a_403_and_is_never_echoed_or_logged(
    guarded: TestClient, headers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    response = guarded.post("/v1/sources", json=BODY, headers=headers)
    assert_error(response, 403, "forbidden")
    sent = next(iter(headers.values())).removeprefix("Bearer ")
    assert sent not in response.text and sent not in caplog.text
    assert all(key not in response.text and key not in caplog.text for key in KEYS)
    assert_error(guarded.delete("/v1/sources/wire-1", headers=headers), 403, "forbidden")


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": f"Bearer {KEYS[0]}"},
        {"authorization": f"bearer {KEYS[0]}"},
        {"X-API-Key": KEYS[0]},
        {"x-api-key": KEYS[1].encode()},  # any configured key, UTF-8 on the wire
        {"Authorization": "Bearer wrong", "X-API-Key": KEYS[0]},  # one valid key is enough
    ],
)
def test_a_valid_key_in_either_header_allows_writes(guarded: TestClient, headers: Any) -> None:
    response = guarded.post("/v1/sources", json=BODY, headers=headers)
    assert response.status_code == 201, response.text
    assert guarded.post("/v1/sources", json=BODY, headers=headers).status_code == 200
    assert guarded.delete("/v1/sources/wire-1", headers=headers).status_code == 204


def test_reads_stay_open(guarded: TestClient) -> None:
    guarded.post("/v1/sources", json=BODY, headers={"X-API-Key": KEYS[0]})
    assert guarded.get("/v1/sources").status_code == 200
    assert guarded.get("/v1/sources/wire-1").status_code == 200
    assert guarded.get("/v1/search", params={"q": "flood deaths"}).status_code == 200
    assert guarded.post("/v1/claims/check", json={"claim": UN_CLAIM}).json()["verdict"] == "agree"
    for path in ("/healthz", "/readyz", "/metrics", "/openapi.json"):
        assert guarded.get(path).status_code == 200, path


def test_without_configured_keys_writes_are_open(client: TestClient) -> None:
    assert client.post("/v1/sources", json=BODY).status_code == 201
    assert client.delete("/v1/sources/wire-1", headers={"X-API-Key": "anything"}).status_code == 204


def test_auth_is_checked_before_the_body(guarded: TestClient) -> None:
    # A caller without a key learns nothing about the body's validity.
    assert_error(guarded.post("/v1/sources", json={"text": ""}), 401, "unauthorized")


def test_before_startup_the_corpus_routes_answer_503(tmp_path_factory: pytest.TempPathFactory) -> None:
    app = create_app(make_settings(tmp_path_factory.mktemp("unstarted") / "data"))
    client = TestClient(app)  # not entered: the lifespan has not run, nothing is loaded
    assert client.get("/healthz").json() == {"status": "ok"}
    assert_error(client.get("/readyz"), 503, "not_ready")
    assert_error(client.get("/v1/sources"), 503, "not_ready")
    assert_error(client.post("/v1/claims/check", json={"claim": UN_CLAIM}), 503, "not_ready")
    assert "factcheck_ready 0\n" in client.get("/metrics").text


def test_checks_running_during_deletes_never_see_a_half_deleted_corpus(
    app_factory: Callable[..., TestClient], seeded_dir: Path
) -> None:
    """A check over all sources while another client deletes and re-posts one: every check answers 200."""
    client = app_factory(seeded_dir)
    churned = {"id": "wire-x", "text": "The UN says 63 people have died in the floods. Rescue teams kept searching."}
    stop = threading.Event()

    def churn() -> list[int]:
        statuses = []
        while not stop.is_set():
            statuses.append(client.post("/v1/sources", json=churned).status_code)
            statuses.append(client.delete("/v1/sources/wire-x").status_code)
        return statuses

    def checks() -> list[int]:
        return [client.post("/v1/claims/check", json={"claim": UN_CLAIM, "top_k": 1}).status_code for _ in range(6)]

    with ThreadPoolExecutor(4) as pool:
        writer = pool.submit(churn)
        readers = [pool.submit(checks) for _ in range(3)]
        answered = [status for reader in readers for status in reader.result()]
        stop.set()
        written = writer.result()
    assert set(answered) == {200}
    assert set(written) == {201, 204} and len(written) >= 2
