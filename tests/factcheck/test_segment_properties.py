"""Properties of sentence segmentation (hypothesis), on arbitrary text and on news-like text.

Invariants read off the code (and relied on by evidence offsets): every sentence is ``text[start:end]``, not
empty, trimmed and holding a word character; sentences come in order without overlapping; no word of the
text is lost (every word character lies in some sentence); and the same holds for the stored (normalized)
form of the text.
"""

from __future__ import annotations

import itertools
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.records import Span, normalize_text
from factcheck.segment import Segmenter

SEGMENTER = Segmenter()
_WORD = re.compile(r"\w")

# Pieces of news copy that steer the segmenter's special cases: abbreviations, clock times before a day,
# quotes, figures with separators, soft-wrapped and blank lines, captions, odd whitespace.
PIECES = (
    "Mr.|Mrs|Dr.|U.S.|U.N.|a.m.|p.m.|10|10 a.m.|on Friday|Friday|March 3|GMT|local|No.|1,000km|(621-mile)|"
    "said|that|the|minister|Talks|resume|he|\u201c|\u201d|'|\"|.|!|?|...|;|,|-|\u2014|:|\n|\n\n|\r\n| \n |\t|"
    "\u00a0|\u2028|\u2029|\x0b|\x0c|\x1c|\x85|\ufeff|\u200b|caf\u00e9|cafe\u0301|\u0661\u0662|\U0001f600|e.g.|etc."
).split("|")
news_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts)
)
any_text = st.one_of(st.text(max_size=300), news_text)


def check_spans(text: str, spans: list[Span]) -> None:
    for span in spans:
        assert 0 <= span.start < span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span
        assert span.text == span.text.strip(), span
        assert _WORD.search(span.text), span
    for left, right in itertools.pairwise(spans):
        assert left.end <= right.start, (left, right)
    covered = set()
    for span in spans:
        covered.update(range(span.start, span.end))
    lost = [i for i, char in enumerate(text) if _WORD.match(char) and i not in covered]
    assert not lost, f"word characters outside every sentence at {lost[:5]}: {text!r}"


@settings(max_examples=400, deadline=None)
@given(any_text)
@example("Mr. Smith met Dr. Jones at 10 a.m. Friday. They left.\n\nCaption line\nNext para.")
@example("\u2028x\u2029y\x85z")
def test_sentences_index_the_text(text: str) -> None:
    check_spans(text, SEGMENTER.split(text))


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_sentences_index_the_stored_text(text: str) -> None:
    stored = normalize_text(text)
    check_spans(stored, SEGMENTER.split(stored))


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_segmentation_is_deterministic(text: str) -> None:
    assert SEGMENTER.split(text) == Segmenter().split(text)
