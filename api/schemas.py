"""Request and response bodies of the HTTP service. Pydantic lives here, at the edge, and nowhere in the library."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from factcheck.check import DEFAULT_TOP_K, MAX_CLAIM_CHARS
from factcheck.config import DEFAULT_MAX_TOP_K
from factcheck.errors import InvalidInputError
from factcheck.records import validate_source_id

Verdict = Literal["agree", "conflict", "mixed", "unverified"]
MAX_LIST_LIMIT = 500
MAX_OFFSET = 2**62  # a page offset beyond any store, small enough for SQLite's and PostgreSQL's 64-bit integers
MAX_SOURCE_IDS = 1000


def _encodable(value: str) -> str:
    # JSON may carry lone surrogates ("\ud800"), which no UTF-8 database or hash accepts.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains an unpaired surrogate (\\ud800-\\udfff): not valid Unicode text") from None
    return value


Text = Annotated[str, AfterValidator(_encodable)]


def _whole_number(value: object) -> object:
    # JSON Schema's "integer" includes 16.0, and some encoders write whole numbers that way; strict mode would
    # refuse it. 16.5, "16" and true stay errors.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# Last in Annotated[int, Field(ge=..., le=...), WHOLE_NUMBER]: after the bounds, or pydantic documents them
# as the non-standard "ge"/"le" instead of "minimum"/"maximum".
WHOLE_NUMBER = BeforeValidator(_whole_number)


def _integer_text(value: object) -> object:
    # A query string is text; pydantic alone would also read "5.0", " 5" and "1_0" as 5, which no schema calls
    # an integer. Only digits, with an optional sign, are.
    if isinstance(value, str) and not re.fullmatch(r"[+-]?[0-9]+", value):
        raise ValueError("must be a whole number written with digits, e.g. 5")
    return value


# Last in a query parameter's Annotated[int, Query(...), INTEGER_TEXT], for the same reason.
INTEGER_TEXT = BeforeValidator(_integer_text)

# The library's rule for ids (factcheck.records.validate_source_id) as one regular expression without lookaround,
# so the OpenAPI description states it exactly: 1-128 of A-Z a-z 0-9 . _ - but not "." or "..".
SOURCE_ID_PATTERN = (
    r"^(?:[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}|\.[A-Za-z0-9_-][A-Za-z0-9._-]{0,126}|\.\.[A-Za-z0-9._-]{1,126})$"
)


def _source_id(value: str) -> str:
    try:
        return validate_source_id(value)
    except InvalidInputError as exc:
        raise ValueError(str(exc)) from None


SourceIdIn = Annotated[
    str, AfterValidator(_source_id), WithJsonSchema({"type": "string", "pattern": SOURCE_ID_PATTERN})
]
# RFC 3339 full-date or date-time (the JSON Schema formats), or "" for unknown. The library's parser
# (factcheck.sources.formats.parse_date) then checks the calendar; it also reads other ISO 8601 forms from
# files, but the HTTP contract is this one, documented and enforced alike.
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TIME = r"[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})"
_RFC3339 = re.compile(rf"(?:{_DATE}(?:{_TIME})?)?")


def _rfc3339(value: str) -> str:
    if not _RFC3339.fullmatch(value):
        raise ValueError("must be YYYY-MM-DD or an RFC 3339 date-time such as 2026-03-12T08:30:00Z")
    return value


PublishedAt = Annotated[
    Text,
    AfterValidator(_rfc3339),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": 64,
            "pattern": f"^{_RFC3339.pattern}$",
            "anyOf": [{"format": "date"}, {"format": "date-time"}, {"maxLength": 0}],
        }
    ),
]


class _Request(BaseModel):
    # Strict: "5" is not a number and 1 is not a string; unknown fields are refused so a typo
    # ("source_id" for "source_ids") is an error instead of a silently different request.
    model_config = ConfigDict(strict=True, extra="forbid")


# -- sources -------------------------------------------------------------------------------------------
class SourceIn(_Request):
    id: SourceIdIn | None = Field(
        None,
        description="1-128 characters from `A-Z a-z 0-9 . _ -` (not `.` or `..`). Omitted: `src-` and the "
        "first 16 hex digits of the SHA-256 of the normalized text, as for JSON Lines files without an id.",
    )
    title: Text | None = Field(None, max_length=1000)
    outlet: Text | None = Field(None, max_length=300)
    url: Text | None = Field(None, max_length=2048)
    published_at: PublishedAt | None = Field(
        None,
        max_length=64,
        description="`YYYY-MM-DD` or an RFC 3339 date-time (`2026-03-12T08:30:00Z`); only the date is kept. Empty or "
        "null: unknown.",
    )
    text: Text = Field(
        min_length=1,
        description="The article text (plain text), with at least one word and no NUL character (422 otherwise). "
        "Normalized before storing: NFC, LF line ends, no BOM, trimmed; sentence offsets refer to the normalized "
        "text.",
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "wire-1",
                    "title": "Floods in Velmar",
                    "outlet": "Example Wire",
                    "url": "https://wire.example/velmar-floods",
                    "published_at": "2026-03-12",
                    "text": "According to the UN, 63 people have died in the floods since March 1.",
                }
            ]
        }
    )


class TopicClaimOut(BaseModel):
    source_id: str
    text: str = Field(description="The claim's words.")
    start: int = Field(description="Offset of the claim's words in the source text.")
    end: int
    value: str = Field(description="The claim in words.")
    sentence: str
    sentence_start: int = Field(description="Offset of the sentence in the source text.")
    sentence_end: int


class TopicOut(BaseModel):
    """One fact as a report compares it: each source's claim about it and whether they agree."""

    id: str
    kind: str
    label: str
    status: Literal["conflict", "agree", "single_source"]
    reason: str
    claims: list[TopicClaimOut]


class SourceConflicts(BaseModel):
    source_id: str
    compared: list[str] = Field(
        description="The stored sources that tell the same story, compared with this one (closest first)."
    )
    topics: list[TopicOut] = Field(description="Facts of this source that stored sources contradict.")


class SourceStored(BaseModel):
    id: str = Field(description="The source id (given or derived).")
    sentences: int = Field(description="Number of sentences stored.")
    claims: int = Field(
        description="Number of typed claims stored for the source: figures, roles, groups, places and times. "
        "Free-form statement readings are not counted."
    )
    compared: list[str] | None = Field(
        description="The stored sources that tell the same story, compared with the new one (closest first); "
        "null when not compared (``conflicts=false``)."
    )
    conflicts: list[TopicOut] | None = Field(
        description="Facts of the new source that stored sources contradict: the conflict topics a report over "
        "these sources would give, limited to pairs the new source takes part in; null when not compared."
    )

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"id": "wire-1", "sentences": 1, "claims": 1, "compared": [], "conflicts": []}]}
    )


class StoredClaimOut(BaseModel):
    kind: str = Field(description="quantity (a figure), role, affiliation (a person's party), group, place or time.")
    text: str = Field(description="The claim's words.")
    value: str = Field(description="The claim in words.")
    start: int = Field(description="Offset of the claim's words in the source text.")
    end: int
    sentence_start: int = Field(description="Offset of its sentence in the source text.")
    sentence_end: int


class SourceClaims(BaseModel):
    source_id: str
    claims: list[StoredClaimOut] = Field(description="The source's typed claims in text order.")


class SourceMeta(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published_at: date | None
    sentences: int = Field(description="Number of sentences stored.")
    content_hash: str = Field(description="SHA-256 (hex) of the normalized text.")
    created_at: str = Field(description="When the source was stored (ISO 8601, UTC).")


class SourceDetail(SourceMeta):
    claims: int = Field(description="Number of typed claims stored (statements excluded), as in POST /v1/sources.")
    text: str = Field(description="The stored (normalized) text; sentence and evidence offsets index it.")


class SourcePage(BaseModel):
    items: list[SourceMeta]
    total: int = Field(description="Number of sources stored.")
    offset: int
    limit: int


# -- claims --------------------------------------------------------------------------------------------
class ClaimCheckIn(_Request):
    claim: Text = Field(
        min_length=1,
        description="The claim in one or a few sentences; not only whitespace, and at most "
        f"`FACTCHECK_MAX_CLAIM_CHARS` (default {MAX_CLAIM_CHARS:,}) characters once runs of whitespace are "
        "collapsed (422 otherwise).",
    )
    source_ids: list[Text] | None = Field(
        None,
        min_length=1,
        max_length=MAX_SOURCE_IDS,
        description="Check against these sources only (each must exist). Omitted: every stored source.",
    )
    top_k: Annotated[int, Field(ge=1, le=DEFAULT_MAX_TOP_K), WHOLE_NUMBER] = Field(
        DEFAULT_TOP_K,
        description=f"Sentences close in meaning considered per source (1-{DEFAULT_MAX_TOP_K}; "
        "`FACTCHECK_MAX_TOP_K` may lower the maximum).",
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "claim": "The UN says 63 people have been killed in the floods since March 1",
                    "source_ids": ["northern-ledger", "harbor-daily", "radio-meridian"],
                    "top_k": 5,
                }
            ]
        }
    )


class ClaimPart(BaseModel):
    kind: str = Field(description="`quantity`, `role`, `group`, `place` or `time`.")
    text: str = Field(description="The words of the claim that carry this part.")
    start: int = Field(description="Offset of those words in the claim text.")
    end: int
    description: str = Field(description="What factcheck understood, in words.")


class ClaimRead(BaseModel):
    text: str = Field(description="The claim with runs of whitespace collapsed.")
    parts: list[ClaimPart] = Field(description="Typed readings of the claim; empty when it is judged by meaning only.")


class Highlight(BaseModel):
    start: int = Field(description="Offset in the source text of the first deciding character.")
    end: int


class EvidenceOut(BaseModel):
    sentence: str
    start: int = Field(description="Offset of the sentence in the source text (GET /v1/sources/{id}).")
    end: int
    similarity: float = Field(description="Cosine similarity of the sentence to the claim.")
    verdict: Verdict
    reason: str
    highlight: Highlight | None = Field(description="The words that decide the verdict, when there are some.")


class SourceVerdictOut(BaseModel):
    source_id: str
    verdict: Verdict
    reason: str = Field(description="One sentence for the source as a whole.")
    evidence: list[EvidenceOut] = Field(description="Deciding sentences first; at least the closest sentence.")


class CheckOut(BaseModel):
    claim: ClaimRead
    verdict: Verdict = Field(description="Overall: agree, conflict, mixed (some of each) or unverified.")
    sources: list[SourceVerdictOut] = Field(
        description="One entry per requested source, in request order. Without `source_ids`, a corpus of more "
        "than 20 sources lists only the sources holding a sentence near the claim or a claim in one of its slots "
        "that decides something."
    )
    unlisted_sources: int = Field(
        0,
        description="Sources checked but not listed: nothing in them is near the claim or decides it (all unverified).",
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "claim": {
                        "text": "The UN says 63 people have been killed in the floods since March 1",
                        "parts": [
                            {
                                "kind": "quantity",
                                "text": "63",
                                "start": 12,
                                "end": 14,
                                "description": 'figure "63": people killed in all, according to UN',
                            }
                        ],
                    },
                    "verdict": "mixed",
                    "sources": [
                        {
                            "source_id": "radio-meridian",
                            "verdict": "conflict",
                            "reason": "claim says 63 people killed; source says 81 people killed, according to "
                            "United Nations",
                            "evidence": [
                                {
                                    "sentence": "The United Nations says 81 people have been killed in the floods "
                                    "since the heavy rain began on March 1.",
                                    "start": 1851,
                                    "end": 1954,
                                    "similarity": 0.8685,
                                    "verdict": "conflict",
                                    "reason": "claim says 63 people killed; source says 81 people killed, according "
                                    "to United Nations",
                                    "highlight": {"start": 1875, "end": 1877},
                                }
                            ],
                        }
                    ],
                }
            ]
        }
    )


# -- search and operations -----------------------------------------------------------------------------
class SearchHitOut(BaseModel):
    source_id: str
    sentence: str
    start: int = Field(description="Offset of the sentence in the source text.")
    end: int
    score: float = Field(description="Cosine similarity to the query.")


class Health(BaseModel):
    status: str
