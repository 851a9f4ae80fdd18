"""The news pairs the verifier is trained on: shortened claims keep what makes them right or wrong."""

from __future__ import annotations

import pytest

from train.news_pairs import PairMaker, _drop_spans, _tidy

SENTENCE = (
    "Senator John Smith, who chairs the finance panel, said on Tuesday that the bill would cut taxes by "
    "$3 billion in Ohio."
)


@pytest.fixture(scope="module")
def maker() -> PairMaker:
    return PairMaker(5, abstractive=True)


def test_clauses_set_off_by_commas_can_be_left_out(maker: PairMaker) -> None:
    sentence = next(iter(maker._nlp(SENTENCE).sents))
    shortened = {_tidy(SENTENCE[:a] + SENTENCE[b:]) for a, b in _drop_spans(sentence)}
    assert "Senator John Smith said on Tuesday that the bill would cut taxes by $3 billion in Ohio." in shortened
    other = "After the talks collapsed in Geneva, Russian officials said 40 soldiers had been killed."
    sentence = next(iter(maker._nlp(other).sents))
    assert [_tidy(other[:a] + other[b:]) for a, b in _drop_spans(sentence)] == [
        "Russian officials said 40 soldiers had been killed."
    ]


def test_a_shortened_contradiction_keeps_its_change(maker: PairMaker) -> None:
    sentence = next(iter(maker._nlp(SENTENCE).sents))
    entities = {"MONEY": ["$8 million"], "DATE": ["Friday"], "PERSON": ["Mary Jones"]}
    shortened = 0
    for _ in range(40):
        made = maker._contradiction(sentence, [sentence], entities)
        assert made is not None
        premise, claim = made
        assert premise == SENTENCE and claim != SENTENCE
        # the claim is the sentence with one thing changed, perhaps without the clause that does not hold it
        assert any(word in claim for word in ("$8 million", "Friday", "Mary Jones", "not", "$")), claim
        if "who chairs" not in claim:
            shortened += 1
            assert claim.startswith("Senator") and ", said" not in claim
    assert 5 <= shortened <= 35  # about half of them


def test_the_held_out_sets_are_made_as_before() -> None:
    """Without ``abstractive`` the generator makes the pairs the held-out news sets were built with."""
    plain = PairMaker(5)
    sentence = next(iter(plain._nlp(SENTENCE).sents))
    for _ in range(20):
        made = plain._contradiction(sentence, [sentence], {"MONEY": ["$8 million"], "DATE": ["Friday"]})
        assert made is not None and "who chairs the finance panel" in made[1]
