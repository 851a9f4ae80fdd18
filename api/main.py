"""The HTTP service: a thin layer over :class:`factcheck.Corpus`. Routes never catch domain errors.

``create_app(settings)`` opens the corpus (taking the data directory's write lock) when the app starts, loads
the embedding model, the claim extractor and the vector index before declaring readiness, and closes the
corpus (checkpointing the index) when it stops.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware

from api.deps import Guards
from api.errors import install_error_handlers
from api.jobs import ReportJobs
from api.limits import BodySizeLimitMiddleware
from api.metrics import Metrics, MetricsMiddleware
from api.routes import claims, ops, reports, search, sources, uploads
from api.web import router as web_page
from factcheck import __version__
from factcheck.check import prepare_checks
from factcheck.corpus import Corpus
from factcheck.report_store import QUEUED, count_reports, fail_interrupted
from factcheck.settings import Settings

#: The collector's young-generation threshold while the service runs (Python's default is 700).
YOUNG_OBJECTS_PER_COLLECTION = 10_000

DESCRIPTION = """\
Cross-check what several news outlets say: store articles as sources, then check a claim against them and get
**agree**, **conflict**, **mixed** or **unverified** per source, with the deciding sentences and their offsets.

Every error has the body `{"error": {"code": "...", "message": "..."}}`. When API keys are configured, writes
(`POST /v1/sources`, `POST /v1/sources/file`, `DELETE /v1/sources/{id}`, `POST /v1/reports`) need
`Authorization: Bearer KEY` or `X-API-Key: KEY`; reads are open.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        corpus = await run_in_threadpool(Corpus.open, settings.to_config())
        app.state.corpus = corpus
        thresholds = gc.get_threshold()
        try:
            # Load the model, the claim extractor, the index and what checks read before declaring readiness,
            # not on the first request (the extractor also re-extracts stored claims once after an upgrade).
            await run_in_threadpool(prepare_checks, corpus)
            # What is loaded now lives as long as the process: leave it out of the collector's full passes, which
            # would otherwise walk the models' and place data's objects (~100 ms a pass, a few times a minute).
            gc.collect()
            gc.freeze()
            # A check makes tens of thousands of short-lived objects (candidates' claims, readings): at the default
            # threshold (700) the young generation is collected ~7 times a check and a full pass follows every few
            # dozen checks. Fewer, larger young passes cost a fraction of that (bench/check.py, docs/benchmarks.md).
            gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, *thresholds[1:])
            await run_in_threadpool(fail_interrupted, corpus)  # reports a stopped process left running
            app.state.report_jobs.start(
                lambda: reports.build_next_report(corpus), lambda: count_reports(corpus, QUEUED)
            )
            app.state.ready = True
            yield
        finally:
            app.state.ready = False
            gc.set_threshold(*thresholds)
            gc.unfreeze()
            app.state.report_jobs.shutdown()  # queued reports stay queued; a running one is failed at the next start
            await run_in_threadpool(corpus.close)

    app = FastAPI(title="factcheck", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.ready = False
    app.state.guards = Guards()
    app.state.report_jobs = ReportJobs(settings.max_report_jobs, settings.max_report_queue)
    app.state.metrics = Metrics()
    install_error_handlers(app)
    for module in (ops, uploads, sources, claims, reports, search):  # uploads first: /v1/sources/file
        app.include_router(module.router)
    app.include_router(web_page)  # the page at GET / and its assets under /web/

    # Added innermost first: the body limit sits inside CORS (so a 413 carries CORS headers), and the metrics
    # wrap everything, 413s and CORS preflights included.
    app.add_middleware(BodySizeLimitMiddleware, max_body_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key"],
        )
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    _document_only_our_errors(app)
    return app


def _document_only_our_errors(app: FastAPI) -> None:
    """Drop FastAPI's default 422 (its own error shape) from operations that cannot fail validation.

    Every operation that can answer 422 lists it with the service's error shape; what is left is the default
    FastAPI adds to any operation with parameters, such as a path id that is any string.
    """
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    default = operation.get("responses", {}).get("422", {})
                    if "HTTPValidationError" in str(default):
                        del operation["responses"]["422"]
            for name in ("HTTPValidationError", "ValidationError"):
                schema.get("components", {}).get("schemas", {}).pop(name, None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
