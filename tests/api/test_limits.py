"""The request body limit: declared, streamed and lied-about sizes all end in a JSON 413."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import Message, Receive, Scope, Send

from api.limits import BodySizeLimitMiddleware
from tests.api.conftest import assert_error

LIMIT = 4096


@pytest.fixture
def small(app_factory: Callable[..., TestClient]) -> TestClient:
    return app_factory(max_body_bytes=LIMIT)


def body_of(size: int) -> bytes:
    prefix, suffix = b'{"text": "', b'"}'
    return prefix + b"x" * (size - len(prefix) - len(suffix)) + suffix


def test_a_body_at_the_limit_is_read(small: TestClient) -> None:
    response = small.post("/v1/sources", content=body_of(LIMIT), headers={"content-type": "application/json"})
    assert response.status_code == 201, response.text


def test_a_declared_size_over_the_limit_is_a_413(small: TestClient) -> None:
    response = small.post("/v1/sources", content=body_of(LIMIT + 1), headers={"content-type": "application/json"})
    assert "4,096 byte limit" in assert_error(response, 413, "too_large")


def test_a_streamed_body_without_a_length_is_counted(small: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}'

    response = small.post("/v1/sources", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in response.request.headers
    assert_error(response, 413, "too_large")


def test_a_content_length_that_lies_is_not_trusted(small: TestClient) -> None:
    headers = {"content-type": "application/json", "content-length": "20"}
    assert_error(small.post("/v1/sources", content=body_of(3 * LIMIT), headers=headers), 413, "too_large")
    assert small.get("/v1/sources").json()["total"] == 0


def test_the_default_limit_is_ten_megabytes(client: TestClient) -> None:
    response = client.post(
        "/v1/claims/check", content=body_of(10 * 1024 * 1024 + 1), headers={"content-type": "application/json"}
    )
    assert "10,485,760" in assert_error(response, 413, "too_large")


def test_the_middleware_stops_reading_at_the_limit() -> None:
    """Driven directly: the app reads chunk by chunk and the middleware cuts it off after the limit."""
    chunks = [b"x" * 1000 for _ in range(50)]
    delivered: list[int] = []
    sent: list[Message] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        body = await Request(scope, receive).body()
        await JSONResponse({"read": len(body)})(scope, receive, send)

    async def receive() -> Message:
        index = len(delivered)
        delivered.append(index)
        return {"type": "http.request", "body": chunks[index], "more_body": index + 1 < len(chunks)}

    async def send(message: Message) -> None:
        sent.append(message)

    scope: Scope = {"type": "http", "method": "POST", "path": "/", "headers": [], "query_string": b""}
    asyncio.run(BodySizeLimitMiddleware(app, max_body_bytes=2500)(scope, receive, send))
    assert len(delivered) == 3  # 3,000 bytes read, then stopped; the other 47 chunks were never received
    assert sent[0]["status"] == 413
    assert json.loads(sent[1]["body"])["error"]["code"] == "too_large"
