"""Reports: the batch consistency report, built in the request when small, as a background job when large."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from api.deps import CorpusDep, WriteAccess, get_settings
from api.errors import ApiError, error_responses
from api.jobs import ReportJobs
from api.schemas import INTEGER_TEXT, MAX_LIST_LIMIT, MAX_OFFSET
from factcheck.corpus import Corpus
from factcheck.errors import InvalidInputError
from factcheck.report_render import HTML_POLICY, MEDIA_TYPES, render, report_from_json
from factcheck.report_store import (
    DONE,
    QUEUED,
    RUNNING,
    StoredReport,
    count_reports,
    get_report,
    list_reports,
    new_report_id,
    queue_report,
    run_report,
    start_report,
    take_queued_report,
)

router = APIRouter(prefix="/v1/reports", tags=["reports"])
BUSY_RETRY_SECONDS = 30
# A report holds source text, which is untrusted: opened in a browser, no rendering may be sniffed into HTML,
# run a script, load anything or be framed (the policy in a header applies before the page's own meta tag).
RENDERING_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": f"{HTML_POLICY}; frame-ancestors 'none'",
}


class ReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    source_ids: list[Annotated[str, Field(min_length=1, max_length=128)]] | None = Field(
        None,
        min_length=1,
        description="Sources to compare (at least one); all stored sources when left out.",
        examples=[["a", "b"]],
    )


class ReportOut(BaseModel):
    """A report: while it runs, ``progress``; when done, its topics and summary; when failed, ``error``."""

    model_config = ConfigDict(extra="allow")
    id: str
    status: Literal["running", "done", "failed"]
    progress: dict[str, Any] | None = None
    error: str | None = None
    sources: list[str] | None = None
    topics: list[dict[str, Any]] | None = None
    summary: dict[str, int] | None = None


def _jobs(request: Request) -> ReportJobs:
    jobs: ReportJobs = request.app.state.report_jobs
    return jobs


def _out(stored: StoredReport) -> dict[str, Any]:
    if stored.status == DONE and stored.body is not None:
        return stored.body | {"status": DONE}
    return {"id": stored.id, "status": stored.status, "progress": stored.progress, "error": stored.error}


@router.post(
    "",
    response_model=ReportOut,
    status_code=201,
    dependencies=[WriteAccess],
    summary="Build a consistency report",
    description="Groups comparable claims of the sources into topics: `agree`, `conflict` or `single_source`, "
    "each with its claims and a reason. Small reports are built in the request (201, status `done`); large ones, "
    "and small ones while `FACTCHECK_MAX_REPORT_JOBS` reports are being built, run as a job (202, status "
    "`running`) that `GET /v1/reports/{id}` follows. 503 `busy` (with `Retry-After`) when "
    "`FACTCHECK_MAX_REPORT_QUEUE` jobs are already waiting or running.",
    responses={
        202: {"description": "Accepted: the report runs as a job", "model": ReportOut},
        **error_responses(400, 401, 403, 404, 413, 415, 422, 503),
    },
)
async def create_report(body: ReportIn, request: Request, corpus: CorpusDep) -> Any:
    settings = get_settings(request)
    ids = list(dict.fromkeys(body.source_ids)) if body.source_ids is not None else None
    if ids is not None and len(ids) > settings.max_report_sources:
        raise InvalidInputError(f"a report may name at most {settings.max_report_sources} sources, got {len(ids)}")

    def size() -> int:
        if ids is None:
            return corpus.count_sentences()
        return sum(corpus.get_source(source_id).sentence_count for source_id in ids)  # 404 for unknown ids

    sentences = await run_in_threadpool(size)
    report_id = new_report_id()
    jobs = _jobs(request)

    def build_inline() -> None:
        start_report(corpus, ids, report_id)
        run_report(corpus, report_id, ids)

    # Small reports are built in the request when a slot is free; otherwise, like large ones, as a job.
    if sentences <= settings.report_inline_sentences and await run_in_threadpool(jobs.run_inline, build_inline):
        return _out(await run_in_threadpool(get_report, corpus, report_id))
    if not jobs.has_room(await run_in_threadpool(count_reports, corpus, QUEUED, RUNNING)):
        raise ApiError(
            503,
            "busy",
            f"{jobs.max_queued} reports are already waiting or being built; try again later",
            headers={"Retry-After": str(BUSY_RETRY_SECONDS)},
        )
    await run_in_threadpool(queue_report, corpus, ids, report_id)
    jobs.notify()
    stored = await run_in_threadpool(get_report, corpus, report_id)
    return JSONResponse(_out(stored), status_code=202, headers={"Location": f"/v1/reports/{report_id}"})


class ReportListed(BaseModel):
    id: str
    status: Literal["running", "done", "failed"]
    created_at: str
    updated_at: str
    source_ids: list[str] | None = Field(description="The sources it compares; null: every stored source.")
    error: str | None = None


class ReportPage(BaseModel):
    items: list[ReportListed]
    total: int = Field(description="Number of reports stored.")
    offset: int
    limit: int


@router.get(
    "",
    response_model=ReportPage,
    summary="List reports, newest first",
    description="Each report's id, status, times and sources, without its topics (`GET /v1/reports/{id}`).",
    responses=error_responses(422, 503),
)
async def list_stored_reports(
    corpus: CorpusDep,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Reports to skip."), INTEGER_TEXT] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIST_LIMIT, description="Page size."), INTEGER_TEXT] = 50,
) -> ReportPage:
    reports, total = await run_in_threadpool(lambda: list_reports(corpus, offset=offset, limit=limit))
    items = [
        ReportListed(
            id=r.id,
            status=r.status,
            created_at=r.created_at,
            updated_at=r.updated_at,
            source_ids=list(r.source_ids) if r.source_ids is not None else None,
            error=r.error,
        )
        for r in reports
    ]
    return ReportPage(items=items, total=total, offset=offset, limit=limit)


def build_next_report(corpus: Corpus) -> bool:
    """Build the oldest report queued in the store (by any replica); False when none waits."""
    taken = take_queued_report(corpus)
    if taken is None:
        return False
    run_report(corpus, *taken)
    return True


@router.get(
    "/{report_id}",
    response_model=ReportOut,
    summary="Get a report (JSON, or Markdown, HTML or CSV when done)",
    responses={
        200: {"content": {"text/markdown": {}, "text/html": {}, "text/csv": {}}},
        **error_responses(404, 409, 422, 503),
    },
)
async def read_report(
    report_id: str,
    corpus: CorpusDep,
    response: Response,
    format: Annotated[Literal["json", "md", "html", "csv"], Query(description="Rendering")] = "json",
) -> Any:
    stored = await run_in_threadpool(get_report, corpus, report_id)
    if format == "json":
        response.headers.update(RENDERING_HEADERS)
        return _out(stored)
    if stored.status != DONE or stored.body is None:
        raise ApiError(409, "not_ready", f"report {report_id} is {stored.status}; renderings exist once it is done")
    text = render(report_from_json(stored.body), format)
    return Response(text, media_type=MEDIA_TYPES[format], headers=RENDERING_HEADERS)


__all__ = ["router"]
