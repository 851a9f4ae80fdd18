"""Ranks a sentence gives and what they rank (factcheck.claims.ranks). Sentences written for these tests."""

from __future__ import annotations

from factcheck.claims.ranks import ranks, with_indefinite


def test_a_rank_in_digits_or_words_with_what_it_ranks() -> None:
    found = ranks("Ivo Petrak, who represents the 27th District, seeks an eighth term in 2026.")
    assert [(r.text, r.rank, set(r.ranked)) for r in found] == [
        ("27th", 27, {"district"}),
        ("eighth", 8, {"term"}),
    ]
    # a rank with nothing after it ranks nothing that can be compared
    assert ranks("Ana Vasko came first.") == []


def test_the_indefinite_article_follows_the_rank_it_stands_before() -> None:
    assert with_indefinite("She seeks an ", "seventh") == "She seeks a "
    assert with_indefinite("She seeks a ", "18th") == "She seeks an "
    assert with_indefinite("An ", "second") == "A "
    assert with_indefinite("She seeks the ", "seventh") == "She seeks the "
