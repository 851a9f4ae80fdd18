"""Operations: liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse

from api.errors import ApiError, error_responses
from api.metrics import CONTENT_TYPE, Gauge, Metrics
from api.schemas import Health
from factcheck import __version__
from factcheck.corpus import Corpus

router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=Health, summary="Liveness: the process answers")
async def healthz() -> Health:
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    summary="Readiness: the model, the claim extractor and the index are loaded",
    responses=error_responses(503),
)
async def readyz(request: Request) -> Health:
    if not getattr(request.app.state, "ready", False):
        raise ApiError(503, "not_ready", "the model and the index are still loading")
    return Health(status="ready")


@router.get(
    "/metrics",
    response_class=PlainTextResponse,
    summary="Prometheus metrics",
    description="Request counts by method, route and status; a latency histogram by method and route; the "
    "number of stored sources and sentences; whether the service is ready. Text format 0.0.4.",
    responses={200: {"content": {CONTENT_TYPE: {"example": "factcheck_sources 3\n"}}}},
)
async def metrics(request: Request) -> PlainTextResponse:
    registry: Metrics = request.app.state.metrics
    ready = bool(getattr(request.app.state, "ready", False))
    gauges = [
        Gauge("factcheck_build_info", "The running version.", 1, {"version": __version__}),
        Gauge("factcheck_ready", "1 when the model, the claim extractor and the index are loaded.", int(ready)),
    ]
    if ready:
        corpus: Corpus = request.app.state.corpus
        sources, sentences = await run_in_threadpool(lambda: (corpus.count_sources(), corpus.count_sentences()))
        gauges += [
            Gauge("factcheck_sources", "Sources stored.", sources),
            Gauge("factcheck_sentences", "Sentences stored, each with its vector in the index.", sentences),
        ]
    return PlainTextResponse(registry.render(gauges), media_type=CONTENT_TYPE)
