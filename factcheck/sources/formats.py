"""Turning one document's text into article text plus metadata, per format.

HTML goes through trafilatura (main text only: navigation, scripts, cookie banners and footers removed);
Markdown through markdown-it (the rendered text, not the markup). Both return paragraphs separated by a
blank line so the segmenter treats each paragraph, heading and caption as its own block.

Text and Markdown files may start with a YAML front matter block between ``---`` lines (LF or CRLF line ends,
with or without a byte order mark) giving ``id``, ``title``, ``outlet``, ``url`` and ``published_at`` (or
``date``), keys in any case. Without a title there, a Markdown file's first ``#`` heading (else a heading that
opens it) is the title, and so is a plain text file's first line when it stands alone as a headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import trafilatura
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from factcheck.errors import InvalidInputError

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
# Some feeds (and the project's seed files) prefix the body with " date YYYY-MM-DD ": publication metadata.
_DATE_PREFIX = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]+")
_LEAP_SECOND = re.compile(r"(?<=T\d\d:\d\d):60(?=\D|$)")
_METADATA_KEYS = {"id", "title", "outlet", "url", "published_at", "date"}
# A plain text file's first line is its title when it stands alone (a blank line after it, more text after
# that), is short, and reads as a headline rather than a sentence, a caption or a byline.
_TITLE_MAX_CHARS = 200
_NOT_A_HEADLINE = re.compile(r"""[.,;:]["'\u201d\u2019)]*\s*\Z|[.!?]\s+\S|\A\s*by\s""", re.IGNORECASE)


@dataclass(frozen=True)
class Document:
    """The article text of one document and whatever metadata the document itself carried."""

    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


def parse_date(value: object, *, what: str = "published_at") -> date | None:
    """Accept a date, a datetime, ``YYYY-MM-DD`` or an ISO 8601 datetime string; None/"" mean unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        # RFC 3339 (the usual ISO 8601 profile) allows a lowercase "t" and "z", and a leap second (":60"), which
        # Python's parser refuses; only the date is kept, so the leap second may become :59.
        text = _LEAP_SECOND.sub(":59", value.strip().upper())
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise InvalidInputError(f"{what} must be YYYY-MM-DD or an ISO 8601 datetime, got {value!r}")


def split_front_matter(text: str) -> Document:
    """Separate a YAML front matter block (or a leading ``date YYYY-MM-DD`` marker) from the body."""
    metadata: dict[str, Any] = {}
    # Files saved on Windows: the stored text gets LF line ends and no BOM anyway (normalize_text).
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            raise InvalidInputError(f"front matter is not valid YAML: {exc}".splitlines()[0]) from exc
        if isinstance(loaded, dict):
            metadata = {str(k).lower(): v for k, v in loaded.items() if str(k).lower() in _METADATA_KEYS}
            text = text[match.end() :]
    prefix = _DATE_PREFIX.match(text)
    if prefix:
        metadata.setdefault("published_at", prefix.group(1))
        text = text[prefix.end() :]
    if "date" in metadata:
        metadata.setdefault("published_at", metadata.pop("date"))
    return Document(text=text, metadata=metadata)


def read_plain_text(text: str) -> Document:
    document = split_front_matter(text)
    if document.metadata.get("title"):
        return document
    first, blank, rest = document.text.strip().partition("\n\n")
    first = first.strip()
    if not blank or not rest.strip() or "\n" in first or len(first) > _TITLE_MAX_CHARS:
        return document
    if _NOT_A_HEADLINE.search(first) or not any(character.isalpha() for character in first):
        return document
    return Document(text=document.text, metadata={**document.metadata, "title": first})


def read_markdown(text: str) -> Document:
    document = split_front_matter(text)
    tokens = MarkdownIt("commonmark").parse(document.text)
    blocks: list[str] = []
    title: str | None = None
    opening_heading: str | None = None  # a heading of any level that is the first block
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        content = _inline_text(token).strip()
        if not content:
            continue
        opener = tokens[index - 1] if index else None
        is_heading = opener is not None and opener.type == "heading_open"
        if not blocks and is_heading:
            opening_heading = content
        if title is None and is_heading and opener is not None and opener.tag == "h1":
            title = content
        blocks.append(content)
    metadata = dict(document.metadata)
    title = title or opening_heading
    if title and not metadata.get("title"):
        metadata["title"] = title
    return Document(text="\n\n".join(blocks), metadata=metadata)


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def read_html(html: str) -> Document:
    extracted = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not extracted:
        # Short pages defeat the precision heuristics; retry for recall before giving up.
        extracted = trafilatura.extract(html, output_format="txt", include_comments=False, favor_recall=True)
    metadata: dict[str, Any] = {}
    meta = trafilatura.extract_metadata(html)
    if meta is not None:
        for key, attribute in (("title", "title"), ("outlet", "sitename"), ("url", "url"), ("published_at", "date")):
            value = getattr(meta, attribute, None)
            if value:
                metadata[key] = value
    paragraphs = [line.strip() for line in (extracted or "").split("\n") if line.strip()]
    return Document(text="\n\n".join(paragraphs), metadata=metadata)
