"""Sentence segmentation with character offsets into the original text.

pysbd does the sentence-level work (abbreviations such as "Mr.", "U.S.", "a.m.", numbers such as "1,000km",
quotes that end a sentence). Around it we add what pysbd does not know about news copy: paragraphs and
caption lines are hard boundaries, a clock time followed by a day ("10 a.m. Friday") is not a break, and no
sentence begins with a comma, semicolon or colon: pysbd ends one at the period of a party and state after a name
("Sen. Rand Paul, R-Ky., said ..."), which left the speaker in one sentence and what was said in the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

import pysbd

from factcheck.records import Span

# A blank line always ends a block. Inside a block a single newline also ends the line unless the text was
# merely hard-wrapped: a line ending in a letter, digit, comma or hyphen continued by a lowercase word.
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SOFT_WRAP = re.compile(r"(?<=[A-Za-z0-9,;\-])[ \t]*\n[ \t]*(?=[a-z0-9(])")
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_HAS_WORD = re.compile(r"\w")
# pysbd splits "10 a.m. Friday": the abbreviation's period looks final before a capitalised word.
_CLOCK_END = re.compile(r"\b\d{1,2}(?::\d{2})?\s*[ap]\.m\.$", re.IGNORECASE)
_DAY_OR_MONTH_START = re.compile(
    r"^(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d|^(?:local|GMT|UTC|[A-Z]{2,4}T)\b"
)

# Punctuation that continues a sentence and never starts one.
_CONTINUATIONS = frozenset(",;:")


class Segmenter:
    """Splits text into sentence spans; ``text[span.start:span.end] == span.text`` always holds."""

    def __init__(self, language: str = "en") -> None:
        self.language = language

    @cached_property
    def _pysbd(self) -> pysbd.Segmenter:
        return pysbd.Segmenter(language=self.language, clean=False, char_span=True)

    def split(self, text: str) -> list[Span]:
        return list(self._iter_spans(text))

    def _iter_spans(self, text: str) -> Iterator[Span]:
        for line_start, line_end in _lines(text):
            pending: tuple[int, int] | None = None
            for start, end in self._sentences(text, line_start, line_end):
                if pending is not None and _joins(text[pending[0] : pending[1]], text[start:end]):
                    pending = (pending[0], end)
                    continue
                if pending is not None:
                    yield Span(pending[0], pending[1], text[pending[0] : pending[1]])
                pending = (start, end)
            if pending is not None:
                yield Span(pending[0], pending[1], text[pending[0] : pending[1]])

    def _sentences(self, text: str, line_start: int, line_end: int) -> Iterator[tuple[int, int]]:
        # Soft-wrapped newlines become spaces so pysbd sees one line; lengths are equal, offsets survive.
        line = text[line_start:line_end].replace("\n", " ")
        # pysbd drops text around some symbols ("Hello there \u2604 friend." comes back as "friend."): words it left
        # out before a sentence join that sentence, and words after the last one are a sentence of their own, so
        # no word of the article is ever lost.
        pieces: list[tuple[int, int]] = []
        cursor = 0
        for piece in sorted(self._pysbd.segment(line), key=lambda p: (p.start, p.end)):
            if piece.end <= cursor:
                continue
            start = max(piece.start, cursor)
            if _HAS_WORD.search(line, cursor, start):
                start = cursor
            pieces.append((start, piece.end))
            cursor = piece.end
        if _HAS_WORD.search(line, cursor, len(line)):
            pieces.append((cursor, len(line)))
        for piece_start, piece_end in pieces:
            start, end = _trim(line, piece_start, piece_end)
            if start < end and _HAS_WORD.search(line, start, end):
                yield line_start + start, line_start + end


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Offsets of hard lines: blocks split at blank lines, then at newlines that are not soft wraps."""
    soft = {m.start() + m.group(0).index("\n") for m in _SOFT_WRAP.finditer(text)}
    start = 0
    for match in _LINE_BREAK.finditer(text):
        newline = match.start() + match.group(0).index("\n")
        if newline in soft and not _BLOCK_BREAK.match(text, match.start()):
            continue
        if start < match.start():
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _joins(previous: str, following: str) -> bool:
    return following[:1] in _CONTINUATIONS or bool(_CLOCK_END.search(previous) and _DAY_OR_MONTH_START.match(following))
