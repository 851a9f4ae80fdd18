"""Upload an article file: the raw bytes of a .txt, .md, .html or .jsonl file, read as `factcheck ingest` reads it."""

from __future__ import annotations

from typing import Annotated, Literal, NoReturn

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from api.deps import CorpusDep, GuardsDep, WriteAccess
from api.errors import error_responses
from api.routes.sources import stored_answer
from api.schemas import PublishedAt, SourceStored
from factcheck.corpus import Corpus, IngestFailure
from factcheck.errors import SourceConflictError
from factcheck.records import IngestResult, IngestStatus, SourceInput
from factcheck.sources.formats import parse_date
from factcheck.sources.readers import SUPPORTED_EXTENSIONS, NoArticleError, ReadFailure, SourceOverrides, read_file

router = APIRouter(prefix="/v1/sources", tags=["sources"])


class FileSourceStored(SourceStored):
    """One stored article of the file, with the conflicts it brings as in ``POST /v1/sources``."""

    status: Literal["new", "unchanged"] = Field(description="`unchanged`: the same text was already stored.")


class FileRecordRefused(BaseModel):
    record: str = Field(description="`line N` for a record of a JSON Lines file, else the file name.")
    error: str = Field(description="Why it was not stored, in one line.")


class FileStored(BaseModel):
    name: str = Field(description="The file name, as given.")
    stored: list[FileSourceStored] = Field(description="The articles stored (or already stored), in file order.")
    refused: list[FileRecordRefused] = Field(description="The records that could not be stored; the others were.")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "feed.jsonl",
                    "stored": [
                        {"id": "wire-1", "sentences": 12, "claims": 9, "compared": [], "conflicts": [], "status": "new"}
                    ],
                    "refused": [{"record": "line 2", "error": "invalid JSON: Expecting value at column 1"}],
                }
            ]
        }
    )


FileName = Annotated[
    str,
    Query(
        min_length=1,
        max_length=255,
        description=f"The file name; its extension gives the format ({', '.join(SUPPORTED_EXTENSIONS)}) and its "
        "stem the id when the file names none.",
        examples=["northern-ledger.md"],
    ),
]
_SINGLE = "Overrides what the file says; single-article formats only (a JSON Lines file with it is a 422)."
_ALL = "Overrides what the file says, for every article of the file."


@router.post(
    "/file",
    status_code=status.HTTP_201_CREATED,
    response_model=FileStored,
    summary="Store the articles of a file",
    description="The request body is the file's bytes as they are (any `Content-Type`, no multipart), read as "
    "`factcheck ingest` reads files: front matter and headings of text and Markdown files, the main text and "
    "metadata of HTML pages, one article per line of JSON Lines. Each article is stored as by "
    "`POST /v1/sources`. A bad JSON Lines record is listed in `refused` and the others are stored. 201 when "
    "an article was stored, 200 when all were already stored with the same text; 400 when the file holds no "
    "article (empty, no text, every record refused), 409 when every article's id is taken by other text, 415 "
    "for an extension factcheck does not read.",
    responses={
        200: {"model": FileStored, "description": "Every article was already stored with the same text."},
        201: {"description": "At least one article stored.", "headers": {"Location": {"description": "one: its URL"}}},
        **error_responses(400, 401, 403, 409, 413, 415, 422, 503),
    },
    dependencies=[WriteAccess],
)
async def upload_file(
    request: Request,
    response: Response,
    corpus: CorpusDep,
    guards: GuardsDep,
    name: FileName,
    title: Annotated[str | None, Query(max_length=1000, description=_SINGLE)] = None,
    url: Annotated[str | None, Query(max_length=2048, description=_SINGLE)] = None,
    outlet: Annotated[str | None, Query(max_length=300, description=_ALL)] = None,
    published_at: Annotated[
        PublishedAt | None, Query(max_length=64, description=f"`YYYY-MM-DD` or an RFC 3339 date-time. {_ALL}")
    ] = None,
    conflicts: Annotated[
        bool,
        Query(
            description="Compare each new article with the stored ones, as `POST /v1/sources` does (false for "
            "bulk loads: null fields)."
        ),
    ] = True,
) -> FileStored:
    data = await request.body()  # the body size limit (middleware) applies as to every request
    overrides = SourceOverrides(
        outlet=outlet or None, published_at=parse_date(published_at), title=title or None, url=url or None
    )

    def ingest() -> FileStored:
        config = corpus.config
        sources: list[SourceInput] = []
        refused: list[FileRecordRefused] = []
        for item in read_file(
            name,
            data,
            max_file_bytes=config.max_file_bytes,
            max_source_chars=config.max_source_chars,
            overrides=overrides,
        ):
            if isinstance(item, ReadFailure):
                refused.append(FileRecordRefused(record=_record(name, item.origin), error=item.message))
            else:
                sources.append(item)
        if not sources:
            _nothing_stored(name, refused, conflict=False)
        with guards.writes:
            outcomes = list(corpus.ingest_many(sources))
        # Compared once the write lock is released, as POST /v1/sources does.
        with guards.deletes.reading():
            stored = [
                _stored(corpus, outcome, compare=conflicts) for outcome in outcomes if isinstance(outcome, IngestResult)
            ]
        failures = [outcome for outcome in outcomes if isinstance(outcome, IngestFailure)]
        refused += [FileRecordRefused(record=_record(name, f.origin), error=f.message) for f in failures]
        if not stored:
            _nothing_stored(name, refused, conflict=len(refused) == len(failures) and all(f.conflict for f in failures))
        return FileStored(name=name, stored=stored, refused=refused)

    answer = await run_in_threadpool(ingest)
    added = [source for source in answer.stored if source.status == "new"]
    if not added:
        response.status_code = status.HTTP_200_OK
    elif len(added) == 1:
        response.headers["Location"] = f"/v1/sources/{added[0].id}"
    return answer


def _stored(corpus: Corpus, result: IngestResult, *, compare: bool) -> FileSourceStored:
    return FileSourceStored(
        **stored_answer(corpus, result, compare=compare).model_dump(),
        status="unchanged" if result.status is IngestStatus.UNCHANGED else "new",
    )


def _record(name: str, origin: str | None) -> str:
    """``line N`` for a JSON Lines record (its origin is ``NAME:N``), else the file name."""
    line = (origin or "").removeprefix(f"{name}:")
    return f"line {line}" if line != origin and line.isdigit() else name


def _nothing_stored(name: str, refused: list[FileRecordRefused], *, conflict: bool) -> NoReturn:
    """Raise the error of a file from which nothing was stored: 409 if every article's id is taken, else 400."""
    if not refused:
        raise NoArticleError(f"no article found in {name}")
    first = refused[0]
    reason = first.error if first.record == name else f"{first.record}: {first.error}"
    more = f" (and {len(refused) - 1} more refused)" if len(refused) > 1 else ""
    message = f"nothing stored from {name}: {reason}{more}"
    raise SourceConflictError(message) if conflict else NoArticleError(message)
