"""Request body size limit, as ASGI middleware that counts the bytes actually received.

``Content-Length`` is only a shortcut (a declared size over the limit is refused before reading anything);
the bytes are counted as they stream in, so a chunked body or a body longer than its declared length is
stopped as soon as it passes the limit, without being buffered.
"""

from __future__ import annotations

import json

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import ApiError, error_body


class BodyTooLargeError(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "too_large", f"the request body is over the {limit:,} byte limit")


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            await _send_too_large(send, limit)
            return

        received = 0
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # An HTTPException: FastAPI re-raises it from its body reader and the app's error handler
                    # answers with the JSON error shape; anything else that reads the body lands below.
                    raise BodyTooLargeError(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLargeError:
            if response_started:
                raise
            await _send_too_large(send, limit)


async def _send_too_large(send: Send, limit: int) -> None:
    error = BodyTooLargeError(limit)
    body = json.dumps(error_body(error.code, str(error.detail))).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),  # the rest of the body is not read: do not reuse the connection
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
