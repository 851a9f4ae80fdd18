"""The library's value types: frozen dataclasses, no behaviour beyond validation."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from factcheck.errors import InvalidInputError

SOURCE_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,128}")


def validate_source_id(source_id: str) -> str:
    """Return ``source_id`` if it matches ``[A-Za-z0-9._-]{1,128}`` and is not a path component like ``..``."""
    if not isinstance(source_id, str) or not SOURCE_ID_PATTERN.fullmatch(source_id) or source_id in {".", ".."}:
        raise InvalidInputError(
            f"invalid source id {source_id!r}: use 1-128 characters from A-Z a-z 0-9 . _ - (not '.' or '..')"
        )
    return source_id


def validate_text(text: str, what: str) -> str:
    """Return ``text`` if it is valid Unicode: no unpaired surrogates.

    They come from JSON escapes ("\\udc80") and from command-line bytes that are not UTF-8 (Python decodes those
    as surrogates); no tokenizer, database or hash accepts them.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInputError(
            f"{what} is not valid Unicode text: unpaired surrogate {text[exc.start]!r} at character {exc.start}"
        ) from None
    return text


def derive_source_id(name: str, fallback_text: str) -> str:
    """A valid id from a file stem or title; falls back to a content hash when nothing usable remains."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-.")[:128]
    if slug and slug not in {".", ".."}:
        return slug
    return "src-" + content_hash(fallback_text)[:16]


def normalize_text(text: str) -> str:
    """The canonical form factcheck stores: NFC, LF line ends, no BOM, no trailing whitespace at the ends.

    Offsets of sentences refer to this form, so it is applied once, before hashing and segmenting.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SourceInput:
    """A source as read from a file or a request, before it is stored. ``text`` is already normalized."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published_at: date | None = None
    origin: str | None = None  # where it came from (a path), for messages only

    def __post_init__(self) -> None:
        validate_source_id(self.id)
        for what in ("text", "title", "outlet", "url"):
            value = getattr(self, what)
            if value is not None:
                validate_text(value, f"the {what} of source {self.id!r}")
        if not self.text.strip():
            raise InvalidInputError(f"source {self.id!r} has no text")
        if "\x00" in self.text:  # a JSON "\u0000" escape gets past the readers' binary-file check
            raise InvalidInputError(
                f"the text of source {self.id!r} contains NUL characters: send article text, not binary data"
            )

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class Source:
    """A stored source."""

    id: str
    text: str
    content_hash: str
    sentence_count: int
    created_at: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published_at: date | None = None


@dataclass(frozen=True)
class Span:
    """A sentence's place in its source: ``source.text[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """A stored sentence. ``id`` is also its vector's id in the index."""

    id: int
    source_id: str
    position: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SearchHit:
    source_id: str
    sentence: str
    start: int
    end: int
    score: float
    sentence_id: int


class IngestStatus(StrEnum):
    ADDED = "added"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class IngestResult:
    source_id: str
    status: IngestStatus
    sentences: int


@dataclass(frozen=True)
class IngestFailure:
    """A source that could not be stored; ``message`` is one line naming it."""

    source_id: str
    origin: str | None
    message: str
    conflict: bool = False  # True: the id is taken by other text; False: the input itself is unusable
