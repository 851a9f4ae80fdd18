"""One fact of a long sentence told on its own: the claims the verifier learns to read against long evidence."""

from __future__ import annotations

import random

import pytest

from train.news_pairs import PairMaker
from train.rewrites import change_between
from train.subfacts import render, subfacts

SENTENCE = (
    "The Velmar council approved the new budget on Monday and sent it to the governor, who is expected to sign "
    "it next week."
)
PARTICIPLES = (
    "Lena Ortiz opened a new account to answer her critics, saying she was deeply saddened by the decision and "
    "linking to a fundraising page."
)


@pytest.fixture(scope="module")
def maker() -> PairMaker:
    return PairMaker(5, subfacts=True)


def told(maker: PairMaker, text: str, seeds: int = 6) -> set[str]:
    sentence = next(iter(maker._nlp(text).sents))
    return {
        claim
        for seed in range(seeds)
        for subfact in subfacts(sentence, random.Random(seed))
        if (claim := render(text, subfact)) is not None
    }


def test_each_predicate_is_told_with_its_subject(maker: PairMaker) -> None:
    found = told(maker, SENTENCE)
    assert "The Velmar council sent it to the governor." in found  # coordinated: the first verb's subject
    assert "The governor is expected to sign it next week." in found  # relative: the noun it follows
    assert any(c.startswith("The Velmar council approved the new budget") for c in found)
    assert SENTENCE not in found  # always shorter than the sentence


def test_participles_take_the_main_verbs_tense(maker: PairMaker) -> None:
    found = told(maker, PARTICIPLES)
    assert "Lena Ortiz linked to a fundraising page." in found
    assert "Lena Ortiz said she was deeply saddened by the decision." in found


def test_what_a_sentence_does_not_assert_is_never_told(maker: PairMaker) -> None:
    # a clause under a reporting verb or a condition is not the sentence's own statement
    text = "Ivo Petrak said the mayor, who resigned on Friday, had misled the council about the port."
    assert not any("resigned on Friday" in claim for claim in told(maker, text))


def test_a_change_is_carried_only_when_the_fact_holds_it() -> None:
    text = "Mara Vasko approved the budget on Monday."
    whole = (0, len(text), None)
    from train.subfacts import Subfact

    fact = Subfact(((0, 10, None), (11, 30, None)))  # "Mara Vasko" + "approved the budget"
    assert render(text, Subfact((whole,))) == text
    assert render(text, fact) == "Mara Vasko approved the budget."
    assert (
        render(text, fact, change_between(text, text.replace("approved", "rejected")))
        == "Mara Vasko rejected the budget."
    )
    assert render(text, fact, change_between(text, text.replace("Monday", "Friday"))) is None  # outside the fact


def test_pairs_of_each_kind(maker: PairMaker) -> None:
    from train.news_pairs import Body

    body = Body(
        1,
        " ".join(
            [SENTENCE, PARTICIPLES, "Lena Ortiz told reporters in Lindhaven on Tuesday that the budget was late."]
        ),
    )
    sentences = list(maker._nlp(body.text).sents)
    entities = {"PERSON": ["Mirela Vasko"], "DATE": ["Friday"], "GPE": ["Kastavia"]}
    contradictions = [maker._subfact_contradiction(s, sentences, entities) for s in sentences for _ in range(8)]
    made = [c for c in contradictions if c is not None]
    assert made
    for premise, claim in made:
        assert claim not in premise and len(claim) < len(premise)  # one changed fact, told shorter
    entailed = [maker._subfact_entailment(s, sentences, entities) for s in sentences]
    assert all(e is None or len(e[1]) < len(e[0]) for e in entailed) and any(entailed)
