"""Request body size limit, as ASGI middleware that counts the bytes actually received.

``Content-Length`` is only a shortcut (a declared size over the limit is answered 413 before anything reaches
the app); the bytes are counted as they stream in, so a chunked body or a body longer than its declared length
is stopped as soon as it passes the limit, without being buffered.

Either way the client gets the 413 with the JSON error body, not a reset connection: most clients send the
whole body before they read the answer, and a server that closes its socket with unread bytes in it makes the
kernel reset the connection, throwing the answer away. So the rest of the body is read and discarded first,
up to a bound: at most :data:`DISCARD_BYTES` (64 MiB) beyond the limit, i.e. 74 MiB in all with the default
10 MiB limit. A declared ``Content-Length`` over that bound is not read at all, and a chunked body still
coming at the bound is left unread: the 413 is sent either way, but a client still sending may then see a
reset instead. A client that sent ``Expect: 100-continue`` is answered at once (it waits for the answer
before sending). Every 413 says ``Connection: close``.
"""

from __future__ import annotations

import json

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import ApiError, error_body

DISCARD_BYTES = 64 * 1024 * 1024  # read and dropped beyond the limit, so the client can read its 413


class BodyTooLargeError(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "too_large", f"the request body is over the {limit:,} byte limit")


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int, discard_bytes: int = DISCARD_BYTES) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.discard_bytes = discard_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        headers = Headers(scope=scope)
        declared = headers.get("content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            # Answer first (a client that reads while sending stops early), then read what is being sent.
            waits_for_answer = headers.get("expect", "").strip().lower() == "100-continue"
            await _send_too_large(send, limit, more_body=True)
            if not waits_for_answer and int(declared) <= limit + self.discard_bytes:
                await self._discard(receive, 0)
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return

        received = 0
        too_large = False
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    too_large = True
                    if message.get("more_body", False):
                        await self._discard(receive, received)  # before the answer: then it is too late
                    # An HTTPException: FastAPI re-raises it from its body reader and the app's error handler
                    # answers with the JSON error shape; anything else that reads the body lands below.
                    raise BodyTooLargeError(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                if too_large:  # the rest of a body over the bound is unread: do not reuse the connection
                    message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLargeError:
            if response_started:
                raise
            await _send_too_large(send, limit)

    async def _discard(self, receive: Receive, received: int) -> None:
        """Read and drop the rest of the body, until its end or until ``received`` passes the bound."""
        bound = self.max_body_bytes + self.discard_bytes
        while received <= bound:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            received += len(message.get("body", b""))
            if not message.get("more_body", False):
                return


async def _send_too_large(send: Send, limit: int, *, more_body: bool = False) -> None:
    error = BodyTooLargeError(limit)
    body = json.dumps(error_body(error.code, str(error.detail)), separators=(",", ":")).encode()  # as JSONResponse
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),  # the rest of a body over the bound is not read: do not reuse it
            ],
        }
    )
    await send({"type": "http.response.body", "body": body, "more_body": more_body})
