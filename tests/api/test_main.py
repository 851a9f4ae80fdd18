"""The app as built by create_app: OpenAPI documentation and CORS."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import YOUNG_OBJECTS_PER_COLLECTION, create_app
from tests.api.conftest import make_settings

ENDPOINTS = {
    ("/healthz", "get"),
    ("/readyz", "get"),
    ("/metrics", "get"),
    ("/v1/search", "get"),
    ("/v1/sources", "get"),
    ("/v1/sources", "post"),
    ("/v1/sources/file", "post"),
    ("/v1/sources/{source_id}", "get"),
    ("/v1/sources/{source_id}", "delete"),
    ("/v1/sources/{source_id}/claims", "get"),
    ("/v1/sources/{source_id}/conflicts", "get"),
    ("/v1/claims/check", "post"),
    ("/v1/reports", "post"),
    ("/v1/reports", "get"),
    ("/v1/reports/{report_id}", "get"),
}


@pytest.fixture(scope="module")
def openapi(seeded_client: TestClient) -> dict[str, Any]:
    schema: dict[str, Any] = seeded_client.get("/openapi.json").json()
    return schema


def test_every_endpoint_is_documented(openapi: dict[str, Any]) -> None:
    documented = {(path, method) for path, operations in openapi["paths"].items() for method in operations}
    assert documented == ENDPOINTS
    for path, method in ENDPOINTS:
        operation = openapi["paths"][path][method]
        assert operation.get("summary"), (path, method)


def test_errors_are_documented_with_the_one_shape(openapi: dict[str, Any]) -> None:
    assert "HTTPValidationError" not in str(openapi)
    expected = {
        ("/v1/sources", "post"): {"200", "201", "400", "401", "403", "409", "413", "415", "422", "503"},
        ("/v1/sources", "get"): {"200", "422", "503"},
        ("/v1/sources/{source_id}", "get"): {"200", "404", "503"},
        ("/v1/sources/{source_id}", "delete"): {"204", "401", "403", "404", "503"},
        ("/v1/sources/{source_id}/claims", "get"): {"200", "404", "503"},
        ("/v1/sources/{source_id}/conflicts", "get"): {"200", "404", "503"},
        ("/v1/claims/check", "post"): {"200", "400", "404", "413", "415", "422", "503"},
        ("/v1/search", "get"): {"200", "422", "503"},
        ("/v1/reports", "get"): {"200", "422", "503"},
        ("/readyz", "get"): {"200", "503"},
    }
    for (path, method), statuses in expected.items():
        responses = openapi["paths"][path][method]["responses"]
        assert set(responses) == statuses, (path, method)
        for status, response in responses.items():
            if status.startswith(("4", "5")):
                content = response["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/ErrorBody"}
                assert set(content["example"]["error"]) == {"code", "message"}


def test_bodies_have_models_and_examples(openapi: dict[str, Any]) -> None:
    schemas = openapi["components"]["schemas"]
    ok = openapi["paths"]["/v1/claims/check"]["post"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"] == {"$ref": "#/components/schemas/CheckOut"}
    for name in ("SourceIn", "SourceStored", "ClaimCheckIn", "CheckOut"):
        assert schemas[name].get("examples"), name
    assert set(schemas["SourceIn"]["properties"]) == {"id", "title", "outlet", "url", "published_at", "text"}
    assert schemas["SourceIn"]["required"] == ["text"]
    assert set(openapi["components"]["securitySchemes"]) == {"bearer", "apiKey"}
    assert openapi["paths"]["/v1/sources"]["post"]["security"] == [{"bearer": []}, {"apiKey": []}]
    assert "security" not in openapi["paths"]["/v1/claims/check"]["post"]


def test_cors_only_for_configured_origins(app_factory: Callable[..., TestClient], tmp_path: Path) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-api-key",
    }
    plain = app_factory()
    response = plain.options("/v1/sources", headers={"Origin": "https://desk.example", **preflight})
    assert "access-control-allow-origin" not in response.headers

    allowed = app_factory(tmp_path / "cors", cors_origins=["https://desk.example"])
    response = allowed.options("/v1/sources", headers={"Origin": "https://desk.example", **preflight})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "https://desk.example"
    assert "x-api-key" in response.headers["access-control-allow-headers"].lower()
    response = allowed.options("/v1/sources", headers={"Origin": "https://elsewhere.example", **preflight})
    assert response.status_code == 400 and "access-control-allow-origin" not in response.headers
    got = allowed.get("/v1/sources", headers={"Origin": "https://desk.example"})
    assert got.headers["access-control-allow-origin"] == "https://desk.example"
    too_large = allowed.post(
        "/v1/sources",
        content=b"x" * (11 * 1024 * 1024),
        headers={"Origin": "https://desk.example", "content-type": "application/json"},
    )
    assert too_large.status_code == 413
    assert too_large.headers["access-control-allow-origin"] == "https://desk.example"


def test_the_running_service_collects_young_objects_in_larger_passes(tmp_path: Path, embedder: Any) -> None:
    # What is loaded at start is frozen out of the collector's passes and the young generation is collected less
    # often while the service runs; both are undone at shutdown (a test process starts many apps).
    before, frozen_before = gc.get_threshold(), gc.get_freeze_count()
    with TestClient(create_app(make_settings(tmp_path / "data"))) as running:
        assert running.get("/readyz").status_code == 200
        assert gc.get_threshold() == (YOUNG_OBJECTS_PER_COLLECTION, *before[1:])
        assert gc.get_freeze_count() > frozen_before
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
