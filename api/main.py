"""The HTTP service: a thin layer over :class:`factcheck.Corpus`. Routes never catch domain errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from api.errors import install_error_handlers
from factcheck.corpus import MAX_TOP_K, Corpus
from factcheck.settings import Settings


class SearchHitOut(BaseModel):
    source_id: str
    sentence: str
    start: int
    end: int
    score: float


class Health(BaseModel):
    status: str


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        corpus = Corpus.open(settings.to_config())
        app.state.corpus = corpus
        try:
            # Load the model and the index before declaring readiness, not on the first request.
            await run_in_threadpool(lambda: corpus.index)
            app.state.ready = True
            yield
        finally:
            app.state.ready = False
            await run_in_threadpool(corpus.close)

    app = FastAPI(title="factcheck", version="0.1.0", lifespan=lifespan)
    app.state.ready = False
    install_error_handlers(app)

    @app.get("/healthz", response_model=Health, tags=["ops"])
    async def healthz() -> Health:
        return Health(status="ok")

    @app.get("/readyz", response_model=Health, tags=["ops"], responses={503: {"description": "not ready"}})
    async def readyz(request: Request) -> Health:
        if not request.app.state.ready:
            from fastapi import HTTPException

            raise HTTPException(503, "model or index not loaded yet")
        return Health(status="ready")

    @app.get("/v1/search", response_model=list[SearchHitOut], tags=["search"])
    async def search(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=10_000, description="query text")],
        k: Annotated[int, Query(ge=1, le=MAX_TOP_K)] = 5,
    ) -> list[SearchHitOut]:
        corpus: Corpus = request.app.state.corpus
        hits = await run_in_threadpool(corpus.search, q, k)
        return [
            SearchHitOut(source_id=h.source_id, sentence=h.sentence, start=h.start, end=h.end, score=h.score)
            for h in hits
        ]

    return app
