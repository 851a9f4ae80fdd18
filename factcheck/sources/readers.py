"""Files in, :class:`SourceInput` out, with one clear message per file that cannot be read.

Readers never raise for a bad file: they yield a :class:`ReadFailure` so a batch keeps going and the caller
decides how to report it. Only configuration mistakes raise.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError, InputTooLargeError, InvalidInputError, UnsupportedFormatError
from factcheck.records import SourceInput, derive_source_id, normalize_text
from factcheck.sources.formats import Document, parse_date, read_html, read_markdown, read_plain_text

_DOCUMENT_READERS: dict[str, Callable[[str], Document]] = {
    ".txt": read_plain_text,
    ".text": read_plain_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
}
_JSONL_EXTENSIONS = {".jsonl", ".ndjson"}
SUPPORTED_EXTENSIONS = tuple(sorted([*_DOCUMENT_READERS, *_JSONL_EXTENSIONS]))
_BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class ReadFailure:
    """A file (or one line of a JSON Lines file) that could not be read; ``message`` is one line."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True)
class SourceOverrides:
    """Metadata given on the command line; it wins over what the files say."""

    outlet: str | None = None
    published_at: date | None = None


def walk_paths(paths: Iterable[str | Path]) -> Iterator[Path | ReadFailure]:
    """Expand directories (recursively, sorted, hidden entries skipped); report paths that do not exist."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield ReadFailure(str(path), "no such file or directory")


def read_path(
    path: Path,
    *,
    max_file_bytes: int,
    max_source_chars: int,
    overrides: SourceOverrides | None = None,
) -> Iterator[SourceInput | ReadFailure]:
    """Read one file into one source (or several, for JSON Lines)."""
    overrides = overrides or SourceOverrides()
    origin = str(path)
    try:
        suffix = path.suffix.lower()
        reader = _DOCUMENT_READERS.get(suffix)
        if reader is None and suffix not in _JSONL_EXTENSIONS:
            raise UnsupportedFormatError(
                f"unsupported file type {suffix or '(no extension)'!r}; use one of {', '.join(SUPPORTED_EXTENSIONS)}"
            )
        text = _read_text(path, max_file_bytes)
        if reader is None:
            yield from _read_jsonl(text, origin, max_source_chars, overrides)
            return
        document = reader(text)
        yield _to_source(document, path.stem, origin, max_source_chars, overrides)
    except FactcheckError as exc:
        yield ReadFailure(origin, str(exc))
    except OSError as exc:
        yield ReadFailure(origin, f"cannot read: {exc.strerror or exc}")


def _read_text(path: Path, max_file_bytes: int) -> str:
    # Non-blocking open: a named pipe would otherwise wait for a writer forever and hang the whole batch.
    with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnsupportedFormatError("not a regular file (a pipe, socket or device)")
        if info.st_size > max_file_bytes:
            size = info.st_size
            raise InputTooLargeError(f"file is {size / 1e6:.1f} MB, over the {max_file_bytes / 1e6:.1f} MB limit")
        data = handle.read(max_file_bytes + 1)
    if len(data) > max_file_bytes:  # grew while we looked
        raise InputTooLargeError(f"file is over the {max_file_bytes / 1e6:.1f} MB limit")
    if not data.strip():
        raise InvalidInputError("file is empty")
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        raise UnsupportedFormatError("file looks binary (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}; save the file as UTF-8"
        ) from exc


def _read_jsonl(
    text: str, origin: str, max_source_chars: int, overrides: SourceOverrides
) -> Iterator[SourceInput | ReadFailure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidInputError(f"invalid JSON: {exc.msg} at column {exc.colno}") from exc
            if not isinstance(record, dict):
                raise InvalidInputError("each line must be a JSON object with at least a 'text' field")
            body = record.get("text")
            if not isinstance(body, str):
                raise InvalidInputError("missing or non-string 'text' field")
            metadata = {key: record[key] for key in ("id", "title", "outlet", "url", "published_at") if key in record}
            yield _to_source(Document(body, metadata), None, where, max_source_chars, overrides)
        except FactcheckError as exc:
            yield ReadFailure(where, str(exc))


def _to_source(
    document: Document, stem: str | None, origin: str, max_source_chars: int, overrides: SourceOverrides
) -> SourceInput:
    text = normalize_text(document.text)
    if not text:
        raise InvalidInputError("no article text found")
    if len(text) > max_source_chars:
        raise InputTooLargeError(f"article text has {len(text):,} characters, over the {max_source_chars:,} limit")
    meta = document.metadata
    given_id = meta.get("id")
    if given_id is not None and not isinstance(given_id, str):
        raise InvalidInputError(f"id must be a string, got {given_id!r}")
    source_id = given_id or derive_source_id(stem or "", text)
    return SourceInput(
        id=source_id,
        text=text,
        title=_optional_str(meta, "title"),
        outlet=overrides.outlet or _optional_str(meta, "outlet"),
        url=_optional_str(meta, "url"),
        published_at=overrides.published_at or parse_date(meta.get("published_at")),
        origin=origin,
    )


def _optional_str(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str | int | float):
        raise InvalidInputError(f"{key} must be a string, got {type(value).__name__}")
    return str(value).strip() or None
