"""Claims: check one claim against the stored sources."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from api.deps import CorpusDep, GuardsDep
from api.errors import error_responses
from api.schemas import CheckOut, ClaimCheckIn
from factcheck.check import check_claim
from factcheck.claimreview import claim_review, sources_of
from factcheck.render import result_json

router = APIRouter(prefix="/v1/claims", tags=["claims"])
JSON_LD = "application/ld+json"


class JsonLdResponse(JSONResponse):
    media_type = JSON_LD


@router.post(
    "/check",
    response_model=CheckOut,
    summary="Check a claim against the sources",
    description="Reads the claim into typed parts (figures, roles, groups, places, times), compares it with "
    "every requested source and answers agree, conflict, mixed or unverified per source and overall, each "
    "with the deciding sentences, their offsets in the source text, the deciding words and a reason. "
    "`?format=claimreview` answers the same check as schema.org `ClaimReview` JSON-LD (`application/ld+json`): "
    "the overall verdict as a rating (5 supported, 3 disputed, 2 unverified, 1 contradicted), each source as a "
    "`NewsArticle` with its verdict, reason and deciding sentences.",
    responses={
        200: {"content": {JSON_LD: {"schema": {"type": "object", "description": "A schema.org ClaimReview"}}}},
        **error_responses(400, 404, 413, 415, 422, 503),
    },
)
async def check(
    body: ClaimCheckIn,
    corpus: CorpusDep,
    guards: GuardsDep,
    format: Annotated[
        Literal["json", "claimreview"],
        Query(description="`json` (default): verdicts, evidence and offsets; `claimreview`: schema.org ClaimReview."),
    ] = "json",
) -> Any:
    def run() -> Any:
        with guards.deletes.reading():
            result = check_claim(corpus, body.claim, source_ids=body.source_ids, top_k=body.top_k)
            if format == "claimreview":
                return JsonLdResponse(claim_review(result, sources_of(corpus, result)))
            return result_json(result)

    return await run_in_threadpool(run)
