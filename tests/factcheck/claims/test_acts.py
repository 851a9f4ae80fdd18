"""Who did what to whom, read with the real spaCy pipeline from sentences written for these tests, and compared
between a claim and a source sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.claims.act_compare import ACT_SIMILARITY, compare_acts
from factcheck.claims.acts import Act
from factcheck.claims.model import StatementClaim
from factcheck.embedding import Embedder
from tests.factcheck.claims.test_extract import claims_of, only
from tests.factcheck.test_check import check_one_source


def statement(sentence: str) -> StatementClaim:
    ((found,),) = [only(c, StatementClaim) for c in claims_of(sentence)]
    assert isinstance(found, StatementClaim)
    return found


def acts(sentence: str) -> list[tuple[str, str, str]]:
    return [(a.doer_text, a.verb, a.target_text) for a in map(Act.decode, statement(sentence).acts)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Judge Ana Roal administered the oath to the new mayor.", [("Ana Roal", "administer", "oath")]),
        ("The oath was administered by Judge Ana Roal.", [("Ana Roal", "administer", "oath")]),  # passive
        ("Ivo Petrak took the oath, which was administered by Judge Ana Roal.", [("Ana Roal", "administer", "oath")]),
        ("Senator Lena Ortiz endorsed Marek Vasko for governor.", [("Lena Ortiz", "endorse", "Marek Vasko")]),
        ("He endorsed Marek Vasko for governor.", []),  # a pronoun doer: nothing to compare
        ("Senator Lena Ortiz had a long career.", []),  # a light verb carries no act
    ],
)
def test_acts_name_their_doer_and_what_was_done(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert acts(sentence) == expected


def judge(claim: str, sentence: str, similarity: float = 0.7) -> str | None:
    judged = compare_acts(statement(claim), statement(sentence), similarity)
    return judged.verdict if judged is not None else None


def test_another_doer_of_the_same_act_conflicts_and_the_reason_quotes_both() -> None:
    claim, sentence = "Judge Ivo Petrak administered the oath.", "The oath was administered by Judge Ana Roal."
    judged = compare_acts(statement(claim), statement(sentence), 0.7)
    assert judged is not None and judged.verdict == "conflict"
    assert "Ivo Petrak administered the oath" in judged.reason and "administered by Judge Ana Roal" in judged.reason
    assert judged.evidence is not None and "Ana Roal" in judged.evidence.text  # the words that decide
    assert judge("Judge Ana Roal administered the oath.", sentence) == "agree"


@pytest.mark.parametrize(
    ("claim", "sentence", "verdict"),
    [
        # the same doer, someone else named as the one it was done to
        (
            "Senator Lena Ortiz endorsed Marek Vasko.",
            "Senator Lena Ortiz endorsed Ines Varga for governor.",
            "conflict",
        ),
        ("Lena Ortiz endorsed Marek Vasko.", "Senator Lena Ortiz endorsed Mr Vasko for governor.", "agree"),
        # many may endorse one candidate, and each releases their own returns: no other doer is ruled out
        ("Senator Lena Ortiz endorsed Marek Vasko.", "Senator Ivo Petrak endorsed Marek Vasko.", None),
        ("Ivo Petrak released his tax returns.", "Lena Ortiz released her tax returns.", None),
        # whose thing it is, when both say it
        ("Ivo Petrak leads Kastavia's delegation.", "Dravenia's delegation is led by Lena Ortiz.", None),
        # another recipient is another act
        ("Judge Ivo Petrak administered the oath to Vasko.", "Judge Ana Roal administered the oath to Varga.", None),
        # a body named short and in full is one doer
        ("The Chamber approved the budget bill.", "The Chamber of Deputies approved the budget bill.", "agree"),
        ("The Senate approved the budget bill.", "The U.S. Senate approved the budget bill on Friday.", "agree"),
        ("The Senate approved the budget bill.", "The Chamber of Deputies approved the budget bill.", "conflict"),
        # a denial on one side only is for the polarity rules, not this one
        ("Judge Ivo Petrak administered the oath.", "Judge Ana Roal did not administer the oath.", None),
        # a list of doers: the claim's among the source's agree; one of the claim's several says nothing of the rest
        (
            "Velmar Steel, Strenna Mining and Kastavia Rail filed briefs.",
            "The Velmar Chamber of Commerce and companies including Velmar Steel, Strenna Mining and Kastavia Rail "
            "filed briefs.",
            "agree",
        ),
        ("Velmar Steel, Strenna Mining and Kastavia Rail filed briefs.", "Strenna Mining filed briefs.", None),
        ("Velmar Steel and Strenna Mining filed briefs.", "Kastavia Rail and Dravenia Oil filed briefs.", "conflict"),
    ],
)
def test_acts_compare_only_where_one_side_is_the_same(claim: str, sentence: str, verdict: str | None) -> None:
    assert judge(claim, sentence) == verdict


def test_acts_need_sentences_of_one_story() -> None:
    claim, sentence = "Judge Ivo Petrak administered the oath.", "The oath was administered by Judge Ana Roal."
    assert judge(claim, sentence, similarity=ACT_SIMILARITY - 0.01) is None


@pytest.mark.parametrize(
    ("claim", "sentence", "verdict"),
    [
        # the doer and the one done to swapped, in either voice
        ("Dravenia invaded Kastavia in 2014.", "Kastavia invaded Dravenia in 2014.", "conflict"),
        ("Ivo Petrak sued Lena Ortiz.", "Lena Ortiz was sued by Ivo Petrak.", "agree"),
        ("Ivo Petrak sued Lena Ortiz.", "Ivo Petrak was sued by Lena Ortiz.", "conflict"),
        # what two do together has no doer apart from the one it is done with
        ("Kastavia played Dravenia in the final.", "Dravenia played Kastavia in the final.", None),
    ],
)
def test_a_doer_swapped_with_the_one_done_to_conflicts(claim: str, sentence: str, verdict: str | None) -> None:
    assert judge(claim, sentence) == verdict


def test_a_swap_is_firm_and_a_check_keeps_it_whatever_the_verifier_reads(tmp_path: Path, embedder: Embedder) -> None:
    """The trained verifier reads a swap as the same fact; the typed conflict stands, with its evidence."""
    sentence = "Kastavia invaded Dravenia in 2014, the ministry said."
    judged = compare_acts(statement("Dravenia invaded Kastavia in 2014."), statement(sentence), 0.9)
    assert judged is not None and judged.verdict == "conflict" and judged.firm
    (source,) = check_one_source(tmp_path / "swap", embedder, sentence, "Dravenia invaded Kastavia in 2014.").sources
    assert source.verdict == "conflict" and source.evidence[0].sentence == sentence
    assert "Kastavia invaded Dravenia" in source.evidence[0].reason
    (same,) = check_one_source(tmp_path / "same", embedder, sentence, "Kastavia invaded Dravenia in 2014.").sources
    assert same.verdict == "agree" and same.evidence[0].sentence == sentence
