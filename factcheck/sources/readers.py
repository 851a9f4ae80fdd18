"""Files in, :class:`SourceInput` out, with one clear message per file that cannot be read.

:func:`read_file` is the one way from a file's name and bytes to sources: the CLI reaches it through
:func:`read_path`, the HTTP upload (``POST /v1/sources/file``) calls it directly. It raises when the file as a
whole cannot be read, and yields a :class:`ReadFailure` for each bad record of a JSON Lines file.
:func:`read_path` never raises for a bad file: it yields a :class:`ReadFailure` so a batch keeps going and the
caller decides how to report it. Only configuration mistakes raise.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
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


class NoArticleError(FactcheckError):
    """A file (or JSON Lines record) without article text: empty, blank, or only markup or front matter.

    Not an :class:`InvalidInputError`: the HTTP service answers it with a 400, as a request with nothing in it.
    """


@dataclass(frozen=True)
class ReadFailure:
    """A file (or one line of a JSON Lines file) that could not be read; ``message`` is one line."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True)
class SourceOverrides:
    """Metadata given on the command line (or with an upload); it wins over what the files say.

    ``title`` and ``url`` name one article: a JSON Lines file, one article per line, refuses them.
    """

    outlet: str | None = None
    published_at: date | None = None
    title: str | None = None
    url: str | None = None


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
    """Read one file into one source (or several, for JSON Lines), through :func:`read_file`."""
    origin = str(path)
    try:
        _reader_for(path.name)  # an unsupported type is refused before the file is opened
        data = _read_bytes(path, max_file_bytes)
        yield from read_file(
            path.name,
            data,
            max_file_bytes=max_file_bytes,
            max_source_chars=max_source_chars,
            overrides=overrides,
            origin=origin,
        )
    except FactcheckError as exc:
        yield ReadFailure(origin, str(exc))
    except OSError as exc:
        yield ReadFailure(origin, f"cannot read: {exc.strerror or exc}")


def read_file(
    name: str,
    data: bytes,
    *,
    max_file_bytes: int,
    max_source_chars: int,
    overrides: SourceOverrides | None = None,
    origin: str | None = None,
) -> Iterator[SourceInput | ReadFailure]:
    """A file's sources from its name and bytes: one, or one per line of a JSON Lines file.

    The extension of ``name`` (its last path component) picks the format, and its stem is the id when the file
    names none. ``origin`` names the file in messages (default ``name``). Raises :class:`UnsupportedFormatError`,
    :class:`InputTooLargeError`, :class:`NoArticleError` or :class:`InvalidInputError` when the file as a whole
    cannot be read; a bad record of a JSON Lines file is yielded as a :class:`ReadFailure` (its origin is
    ``ORIGIN:LINE``), and the other records are still read.
    """
    overrides = overrides or SourceOverrides()
    origin = origin or name
    reader = _reader_for(name)
    if len(data) > max_file_bytes:
        raise InputTooLargeError(f"file is {len(data) / 1e6:.1f} MB, over the {max_file_bytes / 1e6:.1f} MB limit")
    text = _decode(data)
    if reader is None:
        if overrides.title or overrides.url:
            raise InvalidInputError(
                "title and url name one article; a JSON Lines file holds one per line: give them in each line"
            )
        yield from _read_jsonl(text, origin, max_source_chars, overrides)
        return
    yield _to_source(reader(text), _file_name(name).stem, origin, max_source_chars, overrides)


def _file_name(name: str) -> PurePosixPath:
    return PurePosixPath(PurePosixPath(name).name)


def _reader_for(name: str) -> Callable[[str], Document] | None:
    """The reader of a file name's format (None: JSON Lines); raises for an extension factcheck does not read."""
    suffix = _file_name(name).suffix.lower()
    reader = _DOCUMENT_READERS.get(suffix)
    if reader is None and suffix not in _JSONL_EXTENSIONS:
        raise UnsupportedFormatError(
            f"unsupported file type {suffix or '(no extension)'!r}; use one of {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    return reader


def _read_bytes(path: Path, max_file_bytes: int) -> bytes:
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
    return data


def _decode(data: bytes) -> str:
    if not data.strip():
        raise NoArticleError("file is empty")
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
        raise NoArticleError("no article text found")
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
        title=overrides.title or _optional_str(meta, "title"),
        outlet=overrides.outlet or _optional_str(meta, "outlet"),
        url=overrides.url or _optional_str(meta, "url"),
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
