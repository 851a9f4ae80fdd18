"""Claims: check one claim against the stored sources."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from api.deps import CorpusDep, GuardsDep
from api.errors import error_responses
from api.schemas import CheckOut, ClaimCheckIn
from factcheck.check import check_claim
from factcheck.render import result_json

router = APIRouter(prefix="/v1/claims", tags=["claims"])


@router.post(
    "/check",
    response_model=CheckOut,
    summary="Check a claim against the sources",
    description="Reads the claim into typed parts (figures, roles, groups, places, times), compares it with "
    "every requested source and answers agree, conflict, mixed or unverified per source and overall, each "
    "with the deciding sentences, their offsets in the source text, the deciding words and a reason.",
    responses=error_responses(400, 404, 413, 415, 422, 503),
)
async def check(body: ClaimCheckIn, corpus: CorpusDep, guards: GuardsDep) -> Any:
    def run() -> Any:
        with guards.deletes.reading():
            return result_json(check_claim(corpus, body.claim, source_ids=body.source_ids, top_k=body.top_k))

    return await run_in_threadpool(run)
