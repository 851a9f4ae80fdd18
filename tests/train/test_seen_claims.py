"""Pairs from readers' claims with per-outlet labels and quoting notes (train/seen_claims.py)."""

from __future__ import annotations

from tests.train.test_cross_outlet import bag_of_words
from train.datasets import Pair
from train.seen_claims import SeenClaimSettings, _quoted, seen_claim_pairs

ARTICLES = {
    "a": (
        "The Velmar council approved a budget of $40 million on Tuesday. "
        "Mayor Ines Varga said the money would repair bridges across the city. "
        "Residents have complained about the roads for years."
    ),
    "b": (
        "Velmar's council rejected the spending plan on Tuesday after a long debate. "
        "The vote was seven to two, officials said."
    ),
    "c": "Kastavia's harbour reopened after the storm. Fishing boats returned on Monday. Prices fell.",
}


def test_quotations_are_read_with_ellipses_as_breaks() -> None:
    note = "_1 (nyt): 'the council approved ... a budget of $40 million'; _2: \"rejected the spending plan\""
    assert _quoted(note) == "the council approved  |  a budget of $40 million | rejected the spending plan"


def test_each_label_gives_its_pair_from_the_quoted_or_the_closest_sentence() -> None:
    row = {
        "id": "x-1",
        "claim": "The Velmar council approved a $40 million budget.",
        "expected_sources": {"a": "agree", "b": "conflict", "c": "unverified"},
        "note": "_a: 'council approved a budget of $40 million on Tuesday'; "
        "_b: 'council rejected the spending plan on'",
    }
    pairs = list(seen_claim_pairs([row], ARTICLES, bag_of_words))
    assert pairs[:2] == [
        Pair("The Velmar council approved a budget of $40 million on Tuesday.", row["claim"], 0, "seen-x-1"),
        Pair(
            "Velmar's council rejected the spending plan on Tuesday after a long debate.", row["claim"], 2, "seen-x-1"
        ),
    ]
    # The article that does not answer gives its two closest sentences as neutral, in article order.
    assert [(p.label, p.premise in ARTICLES["c"]) for p in pairs[2:]] == [(1, True), (1, True)]


def test_an_outlet_whose_deciding_words_are_not_quoted_gives_no_pair() -> None:
    row = {
        "id": "x-2",
        "claim": "The vote was nine to nothing.",
        "expected_sources": {"b": "conflict", "a": "mixed"},
        "note": "_b: the tally differs",
    }
    assert list(seen_claim_pairs([row], ARTICLES, bag_of_words)) == []


def test_an_agreement_also_gives_its_changed_claim_as_a_contradiction() -> None:
    row = {
        "id": "x-3",
        "claim": "The Velmar council approved a $40 million budget.",
        "expected_sources": {"a": "agree", "b": "conflict"},
        "note": "_a: 'council approved a budget of $40 million on Tuesday'; "
        "_b: 'council rejected the spending plan on'",
    }
    seen: list[list[str]] = []

    def contradict(claim: str, texts: list[str]) -> str:
        seen.append(texts)
        return claim.replace("$40 million", "$90 million")

    pairs = list(seen_claim_pairs([row], ARTICLES, bag_of_words, contradict=contradict))
    evidence = "The Velmar council approved a budget of $40 million on Tuesday."
    assert pairs[:2] == [
        Pair(evidence, row["claim"], 0, "seen-x-3"),
        Pair(evidence, "The Velmar council approved a $90 million budget.", 2, "seen-x-3"),
    ]
    assert seen == [[ARTICLES["a"], ARTICLES["b"]]]  # the event's articles, to take the changed value from


def test_with_agree_states_an_agreement_whose_sentence_leaves_out_a_day_or_figure_gives_no_pair() -> None:
    # The reader agrees from the whole article; the quoted sentence gives the figure but not the claim's Monday.
    row = {
        "id": "x-4",
        "claim": "Mayor Ines Varga said on Monday the money would repair 12 bridges.",
        "expected_sources": {"a": "agree"},
        "note": "_a: 'said the money would repair bridges across the city'",
    }
    strict = SeenClaimSettings(agree_states=True)
    assert [p.label for p in seen_claim_pairs([row], ARTICLES, bag_of_words)] == [0]
    assert list(seen_claim_pairs([row], ARTICLES, bag_of_words, strict)) == []
    # A sentence that gives the claim's figure and day keeps its pair.
    row = {**row, "claim": "The Velmar council approved $40 million on Tuesday."}
    row["note"] = "_a: 'council approved a budget of $40 million on Tuesday'"
    assert [p.label for p in seen_claim_pairs([row], ARTICLES, bag_of_words, strict)] == [0]
