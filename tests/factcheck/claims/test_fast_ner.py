"""The batch decoder of the entity recogniser gives spaCy's entities, token by token (factcheck.claims.fast_ner).

Both read the same docs, analysed by the pipeline up to the recogniser; spaCy's own ``ner`` component is the
reference. Edge cases (empty docs, whitespace tokens, a doc the parser split into several sentences, one-token docs)
are written here; real news comes from the example articles and, where the shared data is present, BASIL.
"""

from __future__ import annotations

import copy
import random
from typing import Any

import numpy as np
import pytest

from factcheck.claims.extract import SpacyClaimExtractor, create_extractor
from factcheck.claims.fast_ner import FastEntityRecognizer, valid_moves
from tests.factcheck.claims.test_extract_speed_equivalence import basil_articles, example_articles

EDGE_CASES = [
    "",
    "Kyiv",
    "   ",
    "Yes.",
    "Ivo Petrak",
    "Velmar's port authority said on Tuesday that 1,200 containers, worth $3.5 million, were held in Kastavia.",
    "Talks in Dravenia ended.   The Kastavian delegation, led by Ana Horvat, left at 10:00 GMT on 3 March 2026.",
    "The Red Cross\n\nsaid 40 people died in Lake Oren , Dravenia . Officials of the U.N. agreed.",
    "PRESIDENT IVO PETRAK VISITED THE NORTHERN LEDGER IN VELMAR ON MONDAY",
    "  leading spaces and a trailing Ministry of Defence   ",
]


@pytest.fixture(scope="module")
def extractor() -> SpacyClaimExtractor:
    found = create_extractor("spacy")
    assert isinstance(found, SpacyClaimExtractor)
    return found


def up_to_ner(extractor: SpacyClaimExtractor, texts: list[str]) -> list[Any]:
    """The docs as the recogniser receives them: every component before it has run."""
    nlp = extractor._nlp
    with extractor._ops.one_blas_thread():
        docs = [nlp.make_doc(text) for text in texts]
        for name, component in nlp.pipeline:
            if name == "ner":
                return docs
            runner = extractor._fast.get(name) or component
            docs = list(runner.pipe(docs, batch_size=64))
    raise AssertionError("the pipeline has no ner")


def entities(doc: Any) -> list[tuple[str, str]]:
    return [(token.ent_iob_, token.ent_type_) for token in doc]


def assert_same_entities(extractor: SpacyClaimExtractor, texts: list[str], batch_size: int = 256) -> int:
    ner = extractor._nlp.get_pipe("ner")
    fast = FastEntityRecognizer.wrap(ner)
    assert fast is not None
    theirs, ours = up_to_ner(extractor, texts), up_to_ner(extractor, texts)
    with extractor._ops.one_blas_thread():
        expected = [entities(doc) for doc in ner.pipe(theirs, batch_size=batch_size)]
        found = [entities(doc) for doc in fast.pipe(ours, batch_size=batch_size)]
    differing = [text for text, a, b in zip(texts, expected, found, strict=True) if a != b]
    assert not differing, f"{len(differing)} docs differ, first {differing[0]!r}"
    return sum(1 for labels in found for iob, _ in labels if iob == "B")


def test_edge_cases_get_spacys_entities(extractor: SpacyClaimExtractor) -> None:
    assert assert_same_entities(extractor, EDGE_CASES) >= 10  # entities were read, not only 'O'
    assert assert_same_entities(extractor, EDGE_CASES, batch_size=3) >= 10  # batches ending mid-list


def test_a_sentence_start_inside_a_name_splits_it_as_spacy_does(extractor: SpacyClaimExtractor) -> None:
    """spaCy's rules forbid an entity across a sentence start; a start put inside names the model reads as one
    entity changes what spaCy finds, and the decoder finds the same."""
    nlp = extractor._nlp
    ner = nlp.get_pipe("ner")
    fast = FastEntityRecognizer.wrap(ner)
    assert fast is not None
    texts = ["President Ivo Petrak met Ana Maria Horvat of the Kastavia Port Authority in New York City on Monday."]

    def split(text: str) -> Any:
        doc = nlp.make_doc(text)  # not parsed, so its sentence starts may be set by hand
        for token in doc:
            token.is_sent_start = token.i in (0, 2, 6, 10, 14)  # Petrak, Horvat, Port, York
        return doc

    with extractor._ops.one_blas_thread():
        whole = list(ner.pipe([nlp.make_doc(text) for text in texts]))
        expected = [entities(doc) for doc in ner.pipe([split(text) for text in texts])]
        found = [entities(doc) for doc in fast.pipe([split(text) for text in texts], batch_size=8)]
    assert found == expected
    assert [entities(doc) for doc in whole] != expected  # the starts changed what was read
    assert all(iob != "I" for iob, _ in (expected[0][i] for i in (2, 6, 10, 14)))


def test_example_articles_get_spacys_entities(extractor: SpacyClaimExtractor) -> None:
    texts = [text for sentences, _ in example_articles() for text in sentences]
    assert len(texts) >= 30
    assert assert_same_entities(extractor, texts) >= 50


def test_news_sentences_get_spacys_entities(extractor: SpacyClaimExtractor) -> None:
    texts = [text for sentences, _ in basil_articles(900) for text in sentences]
    assert len(texts) >= 900
    assert assert_same_entities(extractor, texts) >= 600


def test_preset_entities_go_to_spacys_component(extractor: SpacyClaimExtractor) -> None:
    """A token already annotated (a rule before the recogniser) needs spaCy's preset rules: the batch is theirs."""
    from spacy.tokens import Span

    ner = extractor._nlp.get_pipe("ner")
    fast = FastEntityRecognizer.wrap(ner)
    assert fast is not None
    texts = ["The Kastavian delegation met Ivo Petrak in Velmar on Monday.", "Ana Horvat stayed in Dravenia."]
    theirs, ours = up_to_ner(extractor, texts), up_to_ner(extractor, texts)
    for doc in (theirs[0], ours[0]):
        doc.set_ents([Span(doc, 1, 3, label="ORG")], default="unmodified")
    with extractor._ops.one_blas_thread():
        expected = [entities(doc) for doc in ner.pipe(theirs, batch_size=8)]
        found = [entities(doc) for doc in fast.pipe(ours, batch_size=8)]
    assert found == expected
    assert found[0][1:3] == [("B", "ORG"), ("I", "ORG")]


def test_other_recognisers_are_not_wrapped(extractor: SpacyClaimExtractor) -> None:
    ner = extractor._nlp.get_pipe("ner")
    assert FastEntityRecognizer.wrap(extractor._nlp.get_pipe("parser")) is None
    beam = copy.copy(ner)
    beam.cfg = {**ner.cfg, "beam_width": 4}
    assert FastEntityRecognizer.wrap(beam) is None


def test_the_validity_rules_are_spacys_in_every_state(extractor: SpacyClaimExtractor) -> None:
    """Walk random move sequences through docs with whitespace tokens and sentence starts; in every state the moves
    valid_moves allows are the moves spaCy's own transition system allows (its ``is_valid``), move by move."""
    from spacy.pipeline._parser_internals.stateclass import StateClass

    ner = extractor._nlp.get_pipe("ner")
    fast = FastEntityRecognizer.wrap(ner)
    assert fast is not None
    names = [ner.moves.get_class_name(index) for index in range(ner.moves.n_moves)]
    texts = ["Ivo  Petrak met Ana Horvat in Velmar .", "\n\nKastavia 's  port", "A B C D E F", "Velmar"]
    docs = [extractor._nlp.make_doc(text) for text in texts]  # no model needed: the rules read only the doc
    for doc, starts in zip(docs, [(0, 3), (0,), (0, 2, 4), (0,)], strict=True):
        for token in doc:
            token.is_sent_start = token.i in starts
    assert any(token.is_space for doc in docs for token in doc)
    chooser = random.Random(11)
    states = 0
    for doc in docs:
        starts = [token.is_sent_start is True for token in doc]
        for _walk in range(40):
            state = StateClass(doc)
            open_label, step = 0, 0
            while not state.is_final():
                expected = np.array([ner.moves.is_valid(state, name) for name in names])
                last = step == len(doc) - 1
                found = valid_moves(
                    fast._moves,
                    fast._labels,
                    np.array([open_label], dtype=np.uint64),
                    np.array([last]),
                    np.array([not last and starts[step + 1]]),
                    np.array([doc[step].is_space]),
                )[0]
                assert list(found) == list(expected), (doc.text, step, names)
                states += 1
                choice = chooser.choice([name for name, ok in zip(names, expected, strict=True) if ok])
                ner.moves.apply_transition(state, choice)
                if choice[0] == "B":
                    open_label = extractor._nlp.vocab.strings[choice[2:]]
                elif choice[0] in "LU":
                    open_label = 0
                step += 1
    assert states >= 500
