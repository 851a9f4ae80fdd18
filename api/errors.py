"""Maps the library's exception tree to HTTP statuses, once, with one JSON error shape for every error.

Every 4xx and 5xx the service sends has the body ``{"error": {"code": ..., "message": ...}}``: domain errors
(:class:`factcheck.FactcheckError` subclasses) through :data:`STATUS_BY_ERROR`, request validation, HTTP
errors raised by the framework or by :class:`ApiError`, and (as a last resort) unexpected exceptions, which
become a 500 without a traceback in the body.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from factcheck.errors import (
    ConfigError,
    FactcheckError,
    InputTooLargeError,
    InvalidInputError,
    NotFoundError,
    SourceConflictError,
    StorageError,
    UnsupportedFormatError,
)

# Most specific first: the first matching class decides.
STATUS_BY_ERROR: tuple[tuple[type[FactcheckError], int, str], ...] = (
    (InputTooLargeError, 413, "too_large"),
    (UnsupportedFormatError, 415, "unsupported_media_type"),
    (InvalidInputError, 422, "invalid_input"),
    (NotFoundError, 404, "not_found"),
    (SourceConflictError, 409, "conflict"),
    (StorageError, 503, "storage_unavailable"),
    (ConfigError, 503, "misconfigured"),
    (FactcheckError, 400, "bad_request"),
)

# Codes of HTTP errors raised by the framework (unknown path, wrong method, unparseable body, ...).
CODE_BY_STATUS: Mapping[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    503: "not_ready",
}

# FastAPI's detail when a body declared as JSON cannot be decoded at all (e.g. it is not UTF-8).
_UNPARSEABLE_BODY = "There was an error parsing the body"


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. `not_found`, `invalid_input`, `conflict`.")
    message: str = Field(description="One sentence for a human; never contains credentials or a traceback.")


class ErrorBody(BaseModel):
    """The one error shape of the service."""

    error: ErrorDetail


class ApiError(StarletteHTTPException):
    """An error of the HTTP layer itself (auth, readiness, body size), with its own code."""

    def __init__(self, status_code: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status_code=status_code, detail=message, headers=dict(headers) if headers else None)
        self.code = code


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def status_of(exc: FactcheckError) -> tuple[int, str]:
    for error_class, status, code in STATUS_BY_ERROR:
        if isinstance(exc, error_class):
            return status, code
    raise AssertionError("unreachable: FactcheckError is in the table")  # pragma: no cover


_DESCRIPTIONS: Mapping[int, str] = {
    400: "The body is not valid JSON text (UTF-8; UTF-16 and UTF-32 are detected as RFC 8259 readers do).",
    401: "Write access needs an API key (`Authorization: Bearer KEY` or `X-API-Key: KEY`) and none was sent.",
    403: "The API key sent is not one of the configured keys.",
    404: "No such source (or path).",
    409: "The id is already stored with different text.",
    413: "The request body or the text is over the size limit.",
    415: "The body is not sent as `Content-Type: application/json`.",
    422: "The JSON is well formed but a field is missing, of the wrong type or out of range.",
    503: "The model or the index is not loaded yet, the data directory cannot be used, or (reports) too many are "
    "already waiting (`busy`, with `Retry-After`).",
}
_EXAMPLES: Mapping[int, tuple[str, str]] = {
    400: ("invalid_json", "the request body is not valid JSON: Expecting value at position 0"),
    401: ("unauthorized", "this endpoint needs an API key: send Authorization: Bearer KEY or X-API-Key: KEY"),
    403: ("forbidden", "the API key is not valid"),
    404: ("not_found", "no source with id 'northern-ledger'"),
    409: (
        "conflict",
        "source id 'northern-ledger' is already stored with different text; delete it first or use another id",
    ),
    413: ("too_large", "the request body is over the 10,485,760 byte limit"),
    415: ("unsupported_media_type", "send the body as JSON with Content-Type: application/json"),
    422: ("invalid_input", "text: String should have at least 1 character"),
    503: ("not_ready", "the model and the index are still loading"),
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries, with the error shape and an example, for the given statuses."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        code, message = _EXAMPLES[status]
        responses[status] = {
            "model": ErrorBody,
            "description": _DESCRIPTIONS[status],
            "content": {"application/json": {"example": error_body(code, message)}},
        }
    return responses


def _validation_message(errors: Sequence[Any]) -> str:
    parts = []
    for error in errors[:3]:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        message = str(error.get("msg", "invalid value"))
        if not where and error.get("type") == "missing":
            message = "missing: send a JSON object"
        parts.append(f"{where}: {message}" if where else f"request body: {message}")
    more = len(errors) - 3
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "") if parts else "invalid request"


def allowed_methods(request: Request) -> str | None:
    """Every documented method at the request's path, for the ``Allow`` header of a 405 (None: not documented).

    The router answers a 405 from the first route whose path matches, so ``/v1/sources/{id}`` (GET and DELETE,
    two routes) would advertise only one of them. The OpenAPI description lists every method of a path.
    """
    path, root = request.scope["path"], request.scope.get("root_path", "")
    path = path[len(root) :] if root and path.startswith(root) else path
    for template, operations in request.app.openapi().get("paths", {}).items():
        if _path_pattern(template).match(path):
            methods = {method.upper() for method in operations}
            return ", ".join(sorted(methods | ({"HEAD"} if "GET" in methods else set())))
    return None


@lru_cache(maxsize=256)
def _path_pattern(template: str) -> re.Pattern[str]:
    pattern, _, _ = compile_path(template)
    return pattern


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(FactcheckError)
    async def _domain(_: Request, exc: FactcheckError) -> JSONResponse:
        status, code = status_of(exc)
        return JSONResponse(error_body(code, str(exc)), status_code=status)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        broken = next((e for e in errors if e.get("type") == "json_invalid"), None)
        if broken is not None:
            reason = (broken.get("ctx") or {}).get("error", "JSON decode error")
            position = broken.get("loc", ("body", "?"))[-1]
            message = f"the request body is not valid JSON: {reason} at position {position}"
            return JSONResponse(error_body("invalid_json", message), status_code=400)
        if any(e.get("loc") == ("body",) and isinstance(e.get("input"), bytes) for e in errors):
            # FastAPI hands the raw bytes to the model when the content type is not JSON.
            message = "send the body as JSON with Content-Type: application/json"
            return JSONResponse(error_body("unsupported_media_type", message), status_code=415)
        return JSONResponse(error_body("invalid_input", _validation_message(errors)), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = getattr(exc, "code", None) or CODE_BY_STATUS.get(exc.status_code, "http_error")
        message = str(exc.detail)
        if exc.status_code == 400 and message == _UNPARSEABLE_BODY:
            code, message = "invalid_json", "the request body is not valid JSON (or not UTF-8)"
        headers = exc.headers
        allow = allowed_methods(request) if exc.status_code == 405 else None
        if allow:
            headers = {**(headers or {}), "Allow": allow}
        return JSONResponse(error_body(code, message), status_code=exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        # Starlette's ServerErrorMiddleware calls this for anything unhandled and re-raises afterwards, so the
        # traceback reaches the server log; the client only gets the error shape.
        return JSONResponse(error_body("internal", "internal server error"), status_code=500)
