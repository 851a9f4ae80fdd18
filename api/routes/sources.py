"""Sources: store an article, list, read and delete them."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response, status
from fastapi.concurrency import run_in_threadpool

from api.deps import CorpusDep, Guards, GuardsDep, WriteAccess
from api.errors import error_responses
from api.schemas import (
    INTEGER_TEXT,
    MAX_LIST_LIMIT,
    MAX_OFFSET,
    SourceClaims,
    SourceConflicts,
    SourceDetail,
    SourceIn,
    SourceMeta,
    SourcePage,
    SourceStored,
    StoredClaimOut,
)
from factcheck.arrival import ArrivalConflicts, arrival_conflicts
from factcheck.corpus import Corpus
from factcheck.errors import InputTooLargeError, InvalidInputError
from factcheck.records import IngestResult, IngestStatus, Source, SourceInput, derive_source_id, normalize_text
from factcheck.report_render import topic_json
from factcheck.sources.formats import parse_date

router = APIRouter(prefix="/v1/sources", tags=["sources"])

SourceId = Annotated[str, Path(description="The source id.", examples=["northern-ledger"])]
_HAS_WORD = re.compile(r"\w")  # the segmenter finds no sentence in text without a word character


def to_source_input(body: SourceIn, max_chars: int) -> SourceInput:
    """The library's input from the request: normalized text, the id given or derived, the date parsed."""
    text = normalize_text(body.text)
    if len(text) > max_chars:
        raise InputTooLargeError(f"the text has {len(text):,} characters, over the {max_chars:,} limit")
    if not text:
        raise InvalidInputError("text is empty (or only whitespace)")
    if not _HAS_WORD.search(text):
        raise InvalidInputError("no sentences found in the text: it has no words")
    return SourceInput(
        id=body.id if body.id is not None else derive_source_id("", text),
        text=text,
        title=body.title or None,
        outlet=body.outlet or None,
        url=body.url or None,
        published_at=parse_date(body.published_at),
    )


def count_typed_claims(corpus: Corpus, source_id: str) -> int:
    """Typed claims (figures, roles, groups, places, times) stored for a source; statements are not counted."""
    return corpus.count_claims(source_id, typed_only=True)


def stored_answer(corpus: Corpus, result: IngestResult, *, compare: bool = True) -> SourceStored:
    """What a write answers for a stored source: its counts and (``compare``) the conflicts it brings with
    stored sources."""
    found = _conflicts_json(arrival_conflicts(corpus, result.source_id)) if compare else {}
    return SourceStored(
        id=result.source_id,
        sentences=result.sentences,
        claims=count_typed_claims(corpus, result.source_id),
        compared=found.get("compared"),
        conflicts=found.get("conflicts"),
    )


def _conflicts_json(arrival: ArrivalConflicts) -> dict[str, Any]:
    return {"compared": list(arrival.compared), "conflicts": [topic_json(t) for t in arrival.topics]}


def _meta(source: Source) -> SourceMeta:
    return SourceMeta(
        id=source.id,
        title=source.title,
        outlet=source.outlet,
        url=source.url,
        published_at=source.published_at,
        sentences=source.sentence_count,
        content_hash=source.content_hash,
        created_at=source.created_at,
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SourceStored,
    summary="Store a source",
    description="Splits the text into sentences, embeds and indexes them and extracts their typed claims. "
    "The answer lists the facts of the new source that stored sources contradict (``conflicts``: the conflict "
    "topics a report would give, limited to the new source and the stored sources that tell its story, "
    "``compared``). Posting identical text under the same id again changes nothing and answers 200 with the "
    "same body; other text under a stored id is a 409 (delete the source first).",
    responses={
        200: {"model": SourceStored, "description": "Identical text was already stored under this id."},
        201: {"description": "Stored.", "headers": {"Location": {"description": "/v1/sources/{id}"}}},
        **error_responses(400, 401, 403, 409, 413, 415, 422, 503),
    },
    dependencies=[WriteAccess],
)
async def create_source(
    body: SourceIn,
    response: Response,
    corpus: CorpusDep,
    guards: GuardsDep,
    conflicts: Annotated[
        bool,
        Query(description="Compare the new source with the stored ones (false for bulk loads: null fields)."),
    ] = True,
) -> SourceStored:
    def ingest() -> tuple[IngestResult, SourceStored]:
        source = to_source_input(body, corpus.config.max_source_chars)  # normalizing 10 MB is work too
        with guards.writes:
            result = corpus.ingest(source)
        # Compared after the write lock is released: other writers need not wait for the comparison, and a
        # delete in between is a 404 (the source is gone), never a half-read source.
        with guards.deletes.reading():
            return result, stored_answer(corpus, result, compare=conflicts)

    result, answer = await run_in_threadpool(ingest)
    if result.status is IngestStatus.UNCHANGED:
        response.status_code = status.HTTP_200_OK
    else:
        response.headers["Location"] = f"/v1/sources/{result.source_id}"
    return answer


@router.get(
    "",
    response_model=SourcePage,
    summary="List sources",
    description="Sources in id order, without their text.",
    responses=error_responses(422, 503),
)
async def list_sources(
    corpus: CorpusDep,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Sources to skip."), INTEGER_TEXT] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIST_LIMIT, description="Page size."), INTEGER_TEXT] = 50,
) -> SourcePage:
    sources, total = await run_in_threadpool(
        lambda: (corpus.list_sources(offset=offset, limit=limit), corpus.count_sources())
    )
    return SourcePage(items=[_meta(s) for s in sources], total=total, offset=offset, limit=limit)


@router.get(
    "/{source_id}",
    response_model=SourceDetail,
    summary="Read a source",
    description="Metadata and the stored text; evidence offsets index this text.",
    responses=error_responses(404, 503),
)
async def get_source(source_id: SourceId, corpus: CorpusDep) -> SourceDetail:
    source, claims = await run_in_threadpool(
        lambda: (corpus.get_source(source_id), count_typed_claims(corpus, source_id))
    )
    return SourceDetail(**_meta(source).model_dump(), claims=claims, text=source.text)


@router.get(
    "/{source_id}/claims",
    response_model=SourceClaims,
    summary="A source's typed claims",
    description="The figures, roles, parties, groups, places and times read in the source, in text order, with their "
    "offsets in the stored text.",
    responses=error_responses(404, 503),
)
async def get_source_claims(source_id: SourceId, corpus: CorpusDep) -> SourceClaims:
    found = await run_in_threadpool(corpus.typed_claims, source_id)
    return SourceClaims(
        source_id=source_id,
        claims=[
            StoredClaimOut(
                kind=claim.kind,
                text=claim.text,
                value=claim.describe(),
                start=sentence.start + claim.start,
                end=sentence.start + claim.end,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
            )
            for sentence, claim in found
        ],
    )


@router.get(
    "/{source_id}/conflicts",
    response_model=SourceConflicts,
    summary="Facts of a source that stored sources contradict",
    description="The same conflicts ``POST /v1/sources`` answered when the source arrived, against the sources "
    "stored now: the conflict topics a report would give over this source and the stored sources that tell its "
    "story (at most 8, found through the vector index), limited to those this source takes part in.",
    responses=error_responses(404, 503),
)
async def get_source_conflicts(source_id: SourceId, corpus: CorpusDep, guards: GuardsDep) -> SourceConflicts:
    def run() -> ArrivalConflicts:
        with guards.deletes.reading():
            return arrival_conflicts(corpus, source_id)

    arrival = await run_in_threadpool(run)
    found = _conflicts_json(arrival)
    return SourceConflicts(source_id=source_id, compared=found["compared"], topics=found["conflicts"])


@router.delete(
    "/{source_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete a source",
    description="Removes the source with its sentences, their vectors and its claims.",
    responses=error_responses(401, 403, 404, 503),
    dependencies=[WriteAccess],
)
async def delete_source(source_id: SourceId, corpus: CorpusDep, guards: GuardsDep) -> Response:
    await run_in_threadpool(_delete, corpus, guards, source_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _delete(corpus: Corpus, guards: Guards, source_id: str) -> None:
    with guards.writes, guards.deletes.writing():
        corpus.delete(source_id)
