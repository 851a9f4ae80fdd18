"""Segmentation of news prose: every span's text is exactly ``source[start:end]``."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import Segmenter, SourceInput
from factcheck.sources import read_path

SEGMENTER = Segmenter()


def sentences(text: str) -> list[str]:
    spans = SEGMENTER.split(text)
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip() and span.text
    return [span.text for span in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr Zelensky met Mr. Putin at 10am on Friday. The US said no.",
            ["Mr Zelensky met Mr. Putin at 10am on Friday.", "The US said no."],
        ),
        (
            "The U.S. and the U.N. agreed. Talks resume on Monday.",
            ["The U.S. and the U.N. agreed.", "Talks resume on Monday."],
        ),
        (
            "Fighting goes on along the 1,000km (621-mile) border. Engineers are preparing.",
            ["Fighting goes on along the 1,000km (621-mile) border.", "Engineers are preparing."],
        ),
        (
            "She said: \u201cWe won\u2019t leave anyone behind.\u201d The briefing resumed at 10am.",
            ["She said: \u201cWe won\u2019t leave anyone behind.\u201d", "The briefing resumed at 10am."],
        ),
        (
            '"We will not surrender." That was the message.',
            ['"We will not surrender."', "That was the message."],
        ),
        (
            "They meet at 10 a.m. Friday in Geneva. Dr. Karin Holm will chair.",
            ["They meet at 10 a.m. Friday in Geneva.", "Dr. Karin Holm will chair."],
        ),
        (
            "It rained.\nA family wades through floodwater on Wednesday (Piet Amsel/AP)\nThe river rose again.",
            ["It rained.", "A family wades through floodwater on Wednesday (Piet Amsel/AP)", "The river rose again."],
        ),
        (
            "Talks in Lindhaven\n\nNegotiators are due to meet on Friday.",
            ["Talks in Lindhaven", "Negotiators are due to meet on Friday."],
        ),
        (
            "The governor speaks to reporters in Velmar, Kastavia. Photograph: Harbor Daily\n\n"
            "Kastavia and Dravenia are set to hold talks.",
            [
                "The governor speaks to reporters in Velmar, Kastavia.",
                "Photograph: Harbor Daily",
                "Kastavia and Dravenia are set to hold talks.",
            ],
        ),
        (
            "Sen. Ivo Petrak, R-Ky., said the vote was close. Rep. Ana Vasko, D-N.Y., told reporters: no.",
            ["Sen. Ivo Petrak, R-Ky., said the vote was close.", "Rep. Ana Vasko, D-N.Y., told reporters: no."],
        ),
    ],
    ids=[
        "honorifics",
        "acronyms",
        "units",
        "curly-quote-end",
        "straight-quote-end",
        "clock-then-day",
        "caption",
        "heading",
        "photo-credit",
        "party-and-state",
    ],
)
def test_news_prose(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_soft_wrapped_lines_join_but_paragraphs_do_not() -> None:
    text = "The delegation is headed by the\nforeign minister, officials said.\n\nA new paragraph starts."
    assert sentences(text) == [
        "The delegation is headed by the\nforeign minister, officials said.",
        "A new paragraph starts.",
    ]


def test_offsets_survive_crlf_free_unicode_and_leading_space() -> None:
    text = "   \u00c9mile Zol\u00e0 arrived.   Then \u201cnothing\u201d happened.\n\n***\n\n\u2014"
    assert sentences(text) == ["\u00c9mile Zol\u00e0 arrived.", "Then \u201cnothing\u201d happened."]


def test_example_articles_round_trip(examples_dir: Path) -> None:
    for path in sorted(examples_dir.iterdir()):
        (source,) = read_path(path, max_file_bytes=1 << 20, max_source_chars=1 << 20)
        assert isinstance(source, SourceInput), source
        texts = sentences(source.text)
        assert len(texts) >= 20
        assert not any(len(t) < 12 and t.endswith(".") for t in texts), "a fragment split off an abbreviation"


def test_seed_articles_split_where_a_reader_would(shared_dir: Path) -> None:
    text = (shared_dir / "seeds" / "000_ffb46453cc274d5e.txt").read_text()
    found = sentences(text)
    # Every line of the article is one or more whole sentences: no sentence spans two lines, none is a stray
    # abbreviation fragment, and the line with the UN toll (which has "1,000-kilometre (620-mile)") stays whole.
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert all(any(s in line for line in lines) for s in found)
    toll = next(line for line in lines if "12,000" in line)
    assert toll.strip() in found
    assert not any(len(s) < 12 and s.endswith(".") for s in found)


def test_words_the_sentence_splitter_drops_around_a_symbol_are_kept() -> None:
    """pysbd returns only "friend." for the first line (and nothing for the second): no word may be lost."""
    text = "Hello there \u2604 friend. The ministers met again.\n0\u2604"
    spans = Segmenter().split(text)
    assert [s.text for s in spans] == ["Hello there \u2604 friend.", "The ministers met again.", "0\u2604"]
    assert all(text[s.start : s.end] == s.text for s in spans)
