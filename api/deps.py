"""Dependencies shared by the routes: the open corpus, the locks around it, the settings and the API-key check."""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.errors import ApiError
from factcheck.corpus import Corpus
from factcheck.settings import Settings

_bearer = HTTPBearer(
    auto_error=False, scheme_name="bearer", description="`Authorization: Bearer KEY`, for writes when keys are set."
)
_api_key = APIKeyHeader(
    name="X-API-Key", auto_error=False, scheme_name="apiKey", description="`X-API-Key: KEY`, the same keys."
)


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_corpus(request: Request) -> Corpus:
    """The corpus opened at startup; 503 until the model and the index are loaded."""
    if not getattr(request.app.state, "ready", False):
        raise ApiError(503, "not_ready", "the model and the index are still loading")
    corpus: Corpus = request.app.state.corpus
    return corpus


class ReadWriteLock:
    """Many readers or one writer; a waiting writer goes first so readers cannot starve it."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._readers = 0
        self._writing = False
        self._waiting_writers = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._condition:
            while self._writing or self._waiting_writers:
                self._condition.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._condition:
                self._readers -= 1
                if not self._readers:
                    self._condition.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._condition:
            self._waiting_writers += 1
            while self._writing or self._readers:
                self._condition.wait()
            self._waiting_writers -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._condition:
                self._writing = False
                self._condition.notify_all()


class Guards:
    """The service's locks around the library's corpus.

    ``writes`` serializes ingests and deletes (the corpus has one writer, like its SQLite database).
    ``deletes`` keeps a delete from running in the middle of a claim check: ``check_claim`` lists the sources
    and then reads each, so a source deleted in between would turn into a 404 for a source the client never
    named. Ingests do not take it: a check sees a new source either entirely or not at all, and an ingest
    (model and parser work) can take long, which checks should not wait for.
    """

    def __init__(self) -> None:
        self.writes = threading.Lock()
        self.deletes = ReadWriteLock()


def get_guards(request: Request) -> Guards:
    guards: Guards = request.app.state.guards
    return guards


def require_write_key(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    api_key: Annotated[str | None, Security(_api_key)],
) -> None:
    """When API keys are configured, a write needs one of them (either header); reads never do.

    Every configured key is compared (in constant time) whatever matches first, and the key sent is never
    logged or echoed back.
    """
    keys: list[str] = get_settings(request).api_keys
    if not keys:
        return
    offered = [value for value in (bearer.credentials if bearer else None, api_key) if value]
    if not offered:
        raise ApiError(
            401,
            "unauthorized",
            "this endpoint needs an API key: send Authorization: Bearer KEY or X-API-Key: KEY",
            headers={"WWW-Authenticate": "Bearer"},
        )
    # Digests of equal length go to compare_digest, which is constant-time only for inputs of equal length:
    # this way not even a key's length shows in the response time.
    matched = False
    for candidate in offered:
        given = _digest(candidate.encode("latin-1"))  # header values arrive decoded as latin-1: the raw bytes
        for key in keys:
            matched |= hmac.compare_digest(given, _digest(key.encode("utf-8")))
    if not matched:
        raise ApiError(403, "forbidden", "the API key is not valid")


def _digest(value: bytes) -> bytes:
    return hashlib.sha256(value).digest()


CorpusDep = Annotated[Corpus, Depends(get_corpus)]
GuardsDep = Annotated[Guards, Depends(get_guards)]
WriteAccess = Security(require_write_key)
