"""Maps the library's exception tree to HTTP statuses, once, with one JSON error shape for every 4xx."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from factcheck.errors import (
    ConfigError,
    FactcheckError,
    InputTooLargeError,
    InvalidInputError,
    NotFoundError,
    SourceConflictError,
    StorageError,
)

# Most specific first: the first matching class decides.
STATUS_BY_ERROR: tuple[tuple[type[FactcheckError], int, str], ...] = (
    (InputTooLargeError, 413, "too_large"),
    (InvalidInputError, 422, "invalid_input"),
    (NotFoundError, 404, "not_found"),
    (SourceConflictError, 409, "conflict"),
    (StorageError, 503, "storage_unavailable"),
    (ConfigError, 503, "misconfigured"),
    (FactcheckError, 400, "bad_request"),
)


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(FactcheckError)
    async def _domain(_: Request, exc: FactcheckError) -> JSONResponse:
        for error_class, status, code in STATUS_BY_ERROR:
            if isinstance(exc, error_class):
                return JSONResponse(error_body(code, str(exc)), status_code=status)
        raise AssertionError("unreachable: FactcheckError is in the table")  # pragma: no cover

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
        message = (
            f"{where}: {first.get('msg', 'invalid request')}" if where else str(first.get("msg", "invalid request"))
        )
        return JSONResponse(error_body("invalid_input", message), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}.get(exc.status_code, "http_error")
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code, headers=exc.headers)
