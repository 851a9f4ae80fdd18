"""Access control over every write route, found from the app itself (so a new route is covered the day it is
added): without a key 401, with a wrong key 403, and either way nothing changes; keys are compared with
hmac.compare_digest against every configured key; no key ever reaches a log, an error body or /metrics.

tests/api/test_deps.py covers the header forms (both headers, schemes, empty values) on POST/DELETE
/v1/sources; this module covers the routes as a set, the data left untouched, and a real server's logs.
"""

from __future__ import annotations

import ast
import hashlib
import hmac
import inspect
import logging
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from api import deps
from factcheck.corpus import DATABASE_FILE
from tests.api.conftest import EXAMPLE_IDS, UN_CLAIM, assert_error
from tests.api.live import live_server

KEYS = ["access-key-one-51a9c3", "access-key-two-7be04d"]
WRONG = ["access-key-one-51a9c", "access-key-one-51a9c3x", "ACCESS-KEY-ONE-51A9C3", "nope"]
# Routes that take a body but only read. Everything else that is not GET/HEAD/OPTIONS is a write.
READS = {("POST", "/v1/claims/check")}
READ_METHODS = {"GET", "HEAD", "OPTIONS"}


def all_routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, str, Any]]:
    """(method, path, route) for every route of the app, those left out of the OpenAPI document included."""
    for route in routes:
        if hasattr(route, "original_router"):  # FastAPI's included router
            yield from all_routes(route.original_router.routes, prefix + route.include_context.prefix)
        elif hasattr(route, "methods") and route.methods is not None:
            for method in route.methods:
                yield method, prefix + route.path, route
        elif hasattr(route, "routes"):  # a mount
            yield from all_routes(route.routes, prefix + route.path)
        else:
            raise AssertionError(f"a route of an unknown kind: {route!r}: teach all_routes to read it")


def write_routes(client: TestClient) -> list[tuple[str, str]]:
    return sorted(
        (method, path)
        for method, path, _ in all_routes(client.app.routes)  # type: ignore[attr-defined]
        if method not in READ_METHODS and (method, path) not in READS
    )


def request_for(client: TestClient, method: str, path: str) -> dict[str, Any]:
    """A request the route would carry out: path parameters name a stored source, the body is the documented
    example (or an empty object)."""
    url = re.sub(r"\{[^}]+\}", EXAMPLE_IDS[1], path)
    if path == "/v1/sources/file":  # its body is the file's bytes, described in words (no JSON schema)
        return {"method": method, "url": url, "params": {"name": "new.txt"}, "content": b"A new source text."}
    operation = client.app.openapi()["paths"].get(path, {}).get(method.lower(), {})  # type: ignore[attr-defined]
    if "requestBody" not in operation:
        return {"method": method, "url": url}
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = client.app.openapi()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]  # type: ignore[attr-defined]
    body = schema.get("examples", [{}])[0]
    return {"method": method, "url": url, "json": body}


def snapshot(data_dir: Path) -> dict[str, Any]:
    """Everything a write can change: sources with their hashes, sentences, claims, reports."""
    with sqlite3.connect(f"file:{data_dir / DATABASE_FILE}?mode=ro", uri=True) as db:
        return {
            "sources": db.execute("SELECT id, content_hash FROM sources ORDER BY id").fetchall(),
            "sentences": db.execute("SELECT count(*), coalesce(max(id), 0) FROM sentences").fetchone(),
            "claims": db.execute("SELECT count(*) FROM claims").fetchone(),
            "reports": db.execute("SELECT id, status FROM reports ORDER BY id").fetchall(),
        }


@pytest.fixture
def guarded(app_factory: Callable[..., TestClient], seeded_dir: Path) -> TestClient:
    return app_factory(seeded_dir, api_keys=KEYS)


def test_the_write_routes_are_found_and_documented_as_needing_a_key(guarded: TestClient) -> None:
    writes = write_routes(guarded)
    # The three writes of today; a new one joins this list, and every test below, without anyone listing it.
    assert {("POST", "/v1/sources"), ("DELETE", "/v1/sources/{source_id}"), ("POST", "/v1/reports")} <= set(writes)
    found = {(m, p) for m, p, _ in all_routes(guarded.app.routes)}  # type: ignore[attr-defined]
    assert found >= READS, "a declared read route is gone: update READS"
    spec = guarded.app.openapi()  # type: ignore[attr-defined]
    for method, path in writes:
        operation = spec["paths"][path][method.lower()]
        assert operation["security"] == [{"bearer": []}, {"apiKey": []}], (method, path)
        assert {"401", "403"} <= set(operation["responses"]), (method, path)
    for method, path in READS:
        assert "security" not in spec["paths"][path][method.lower()]


@pytest.mark.parametrize("headers", [{}, *({"X-API-Key": w} for w in WRONG), {"Authorization": f"Bearer {WRONG[1]}"}])
def test_every_write_route_refuses_a_missing_or_wrong_key_and_changes_nothing(
    guarded: TestClient, seeded_dir: Path, headers: dict[str, str]
) -> None:
    before = snapshot(seeded_dir)
    for method, path in write_routes(guarded):
        response = guarded.request(**request_for(guarded, method, path), headers=headers)
        if headers:
            assert_error(response, 403, "forbidden")
        else:
            assert_error(response, 401, "unauthorized")
            assert response.headers["www-authenticate"] == "Bearer"
        assert all(key not in response.text for key in [*KEYS, *WRONG])
        assert snapshot(seeded_dir) == before, f"{method} {path} changed the data without a valid key"


def test_with_a_valid_key_the_same_requests_do_write(guarded: TestClient, seeded_dir: Path) -> None:
    """The requests above were real writes: with a key each one changes the data (so a 401/403 above was the
    key check, not a request that could never have succeeded)."""
    for method, path in write_routes(guarded):
        before = snapshot(seeded_dir)
        response = guarded.request(**request_for(guarded, method, path), headers={"X-API-Key": KEYS[1]})
        assert 200 <= response.status_code < 300, (method, path, response.text)
        assert snapshot(seeded_dir) != before, f"{method} {path} answered {response.status_code} but wrote nothing"


COMPARE_DIGEST = hmac.compare_digest


class DigestSpy:
    def __init__(self) -> None:
        self.calls: list[tuple[object, object]] = []

    def __call__(self, a: Any, b: Any) -> bool:
        self.calls.append((a, b))
        return COMPARE_DIGEST(a, b)


def test_keys_are_compared_with_compare_digest_against_every_configured_key(
    guarded: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = DigestSpy()
    monkeypatch.setattr(deps.hmac, "compare_digest", spy)  # the module deps calls it through
    body = {"claim": UN_CLAIM}
    assert guarded.post("/v1/claims/check", json=body).status_code == 200
    assert spy.calls == []  # reads never look at keys

    assert_error(guarded.post("/v1/reports", json={}, headers={"X-API-Key": WRONG[0]}), 403)
    assert len(spy.calls) == len(KEYS)
    spy.calls.clear()
    # A match on the first key still compares against every key: how many keys match costs the same time.
    assert guarded.post("/v1/reports", json={}, headers={"X-API-Key": KEYS[0]}).status_code == 201
    assert len(spy.calls) == len(KEYS)
    spy.calls.clear()
    both = {"X-API-Key": WRONG[3], "Authorization": f"Bearer {KEYS[1]}"}
    assert guarded.post("/v1/reports", json={}, headers=both).status_code == 201
    assert len(spy.calls) == 2 * len(KEYS)
    # Digests of equal length are compared, so not even the length of a key shows in the timing.
    assert {len(a) for a, _ in spy.calls} | {len(b) for _, b in spy.calls} == {hashlib.sha256().digest_size}


def test_no_other_comparison_touches_a_key() -> None:
    """By inspection: the key check has no ==, !=, in or not in; only deps.py reads the configured keys."""
    tree = ast.parse(inspect.getsource(deps))
    check = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "require_write_key")
    compares = [ast.unparse(node) for node in ast.walk(check) if isinstance(node, ast.Compare)]
    assert compares == []
    api_dir = Path(deps.__file__).parent
    readers = sorted(str(p.relative_to(api_dir)) for p in api_dir.rglob("*.py") if "api_keys" in p.read_text())
    assert readers == ["deps.py"]


def test_keys_never_reach_a_log_an_error_body_or_the_metrics(
    tmp_path: Path, example_bodies: dict[str, dict[str, Any]]
) -> None:
    """A real server with keys: valid and wrong keys on every kind of answer; its whole log is then searched."""
    log_path = tmp_path / "server.log"
    seen: list[str] = []
    env = {"FACTCHECK_API_KEYS": ",".join(KEYS)}
    with live_server(tmp_path / "data", log_path, env) as (base, _), httpx.Client(base_url=base, timeout=60) as http:

        def send(method: str, url: str, key: str, *, bearer: bool = False, **kwargs: Any) -> httpx.Response:
            headers = {"Authorization": f"Bearer {key}"} if bearer else {"X-API-Key": key}
            headers["Content-Type"] = "application/json"
            response = http.request(method, url, headers=headers, **kwargs)
            seen.append(f"{response.status_code} {response.headers} {response.text}")
            return response

        body = example_bodies["northern-ledger"]
        assert send("POST", "/v1/sources", KEYS[0], json=body).status_code == 201
        assert send("POST", "/v1/sources", KEYS[1], bearer=True, json=body).status_code == 200
        assert send("POST", "/v1/reports", KEYS[0], json={}).status_code == 201
        assert send("POST", "/v1/sources", KEYS[0], json={"text": ""}).status_code == 422
        assert send("POST", "/v1/sources", KEYS[0], content=b"{not json").status_code == 400
        assert send("POST", "/v1/sources", KEYS[0], content=b"x" * (11 << 20)).status_code == 413
        assert send("DELETE", "/v1/sources/unknown", KEYS[1]).status_code == 404
        assert send("GET", "/v1/nowhere", KEYS[0]).status_code == 404
        for wrong in WRONG:
            assert send("POST", "/v1/sources", wrong, json=body).status_code == 403
            assert send("DELETE", "/v1/sources/northern-ledger", wrong, bearer=True).status_code == 403
        assert send("DELETE", "/v1/sources/northern-ledger", KEYS[1]).status_code == 204
        metrics = http.get("/metrics").text
    log = log_path.read_text()
    assert '"POST /v1/sources HTTP/1.1" 201' in log and '"DELETE /v1/sources/northern-ledger HTTP/1.1" 403' in log
    assert 'status="403"' in metrics
    for secret in [*KEYS, *WRONG]:
        assert secret not in log, secret
        assert secret not in metrics, secret
        assert not any(secret in answer for answer in seen), secret


def test_keys_stay_out_of_the_app_logs_at_debug_level(guarded: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for method, path in write_routes(guarded):
        for key in (KEYS[0], WRONG[0]):
            guarded.request(**request_for(guarded, method, path), headers={"X-API-Key": key})
    text = caplog.text + "".join(str(record.__dict__) for record in caplog.records)
    assert all(secret not in text for secret in [*KEYS, *WRONG])
