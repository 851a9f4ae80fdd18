"""Search: the sentences closest in meaning to a query."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from api.deps import CorpusDep
from api.errors import error_responses
from api.schemas import INTEGER_TEXT, SearchHitOut
from factcheck.corpus import MAX_TOP_K

router = APIRouter(prefix="/v1", tags=["search"])


@router.get(
    "/search",
    response_model=list[SearchHitOut],
    summary="Search sentences by meaning",
    description="The k stored sentences closest in meaning to the query (cosine similarity), best first.",
    responses=error_responses(422, 503),
)
async def search(
    corpus: CorpusDep,
    q: Annotated[str, Query(min_length=1, max_length=10_000, description="Query text (not only whitespace).")],
    k: Annotated[int, Query(ge=1, le=MAX_TOP_K, description="Number of sentences."), INTEGER_TEXT] = 5,
) -> list[SearchHitOut]:
    hits = await run_in_threadpool(corpus.search, q, k)
    return [
        SearchHitOut(source_id=h.source_id, sentence=h.sentence, start=h.start, end=h.end, score=h.score) for h in hits
    ]
