"""The faster claim extraction (issue 12) extracts what the pipeline as spaCy ships it extracted.

The reference is the extraction as it was before: ``spacy.load`` of the same package with every component as
shipped (BLIS arithmetic), one ``nlp.pipe(sentences, batch_size=64)`` per article, then the same readings
(``claims_of_docs``). The library runs all articles' sentences through the pipeline together, matches the
attribute ruler's patterns and looks lemmas up through caches, decodes the entity recogniser for a whole batch at
once, and multiplies matrices on OpenBLAS where that is safe (``factcheck.claims.extract``,
``factcheck.claims.fast_components``). Claims must come out the same: kind, description, offsets and every field
(their JSON), sentence by sentence; and so must the annotations they are read from.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from thinc.api import NumpyOps

from factcheck.claims.extract import (
    SPACY_MODEL,
    SpacyClaimExtractor,
    _ExtractionOps,
    claims_of_docs,
    create_extractor,
)
from factcheck.claims.model import Claim
from factcheck.config import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_SOURCE_CHARS
from factcheck.records import normalize_text
from factcheck.segment import Segmenter
from factcheck.sources import ReadFailure, read_path

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples" / "articles"
SHARED_DATA = ROOT.parent / "shared" / "data"
BASIL = SHARED_DATA / "basil" / "articles"
FNC_BODIES = SHARED_DATA / "fnc-1-train" / "train_bodies.csv"
SENTENCES_PER_SET = 300  # "a few hundred" per shared data set: bench/ingest.py --baseline-extraction does thousands

Article = tuple[list[str], date | None]


@pytest.fixture(scope="module")
def extractor() -> SpacyClaimExtractor:
    found = create_extractor("spacy")
    assert isinstance(found, SpacyClaimExtractor)
    return found


@pytest.fixture(scope="module")
def shipped() -> Any:
    """spaCy's pipeline exactly as the package ships it: what the extractor ran before issue 12."""
    import spacy

    return spacy.load(SPACY_MODEL)


def reference_claims(nlp: Any, articles: Sequence[Article]) -> list[list[list[Claim]]]:
    return [claims_of_docs(list(nlp.pipe(sentences, batch_size=64)), published) for sentences, published in articles]


def claim_keys(found: Sequence[Sequence[Sequence[Claim]]]) -> list[list[tuple[str, str, int, int, str]]]:
    return [
        [(type(c).__name__, c.describe(), c.start, c.end, c.to_json()) for c in claims]
        for article in found
        for claims in article
    ]


def annotations(doc: Any) -> list[tuple[object, ...]]:
    """Everything the readings use: tags, parts of speech, lemmas, morphology, the parse, sentences, entities."""
    return [
        (t.text, t.tag_, t.pos_, t.lemma_, str(t.morph), t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_)
        for t in doc
    ]


def assert_same_extraction(extractor: SpacyClaimExtractor, shipped: Any, articles: Sequence[Article]) -> int:
    """The library's claims and annotations equal the shipped pipeline's; returns the number of sentences."""
    texts = [text for sentences, _ in articles for text in sentences]
    assert texts, "no sentences to compare"
    expected_docs = [annotations(doc) for doc in shipped.pipe(texts, batch_size=64)]
    differing = [i for i, doc in enumerate(extractor.parse(texts)) if annotations(doc) != expected_docs[i]]
    assert not differing, f"{len(differing)} sentences analysed differently, first: {texts[differing[0]]!r}"
    expected = claim_keys(reference_claims(shipped, articles))
    assert claim_keys(extractor.extract_many(articles)) == expected
    assert claim_keys([extractor.extract(sentences, published) for sentences, published in articles]) == expected
    return len(texts)


def segmented(text: str) -> list[str]:
    return [span.text for span in Segmenter().split(text)]


def example_articles() -> list[Article]:
    articles: list[Article] = []
    for path in sorted(p for p in EXAMPLES.iterdir() if p.is_file()):
        for item in read_path(path, max_file_bytes=DEFAULT_MAX_FILE_BYTES, max_source_chars=DEFAULT_MAX_SOURCE_CHARS):
            assert not isinstance(item, ReadFailure), item
            articles.append((segmented(item.text), item.published_at))
    return articles


def _paragraph(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return " ".join(part for part in map(_paragraph, value) if part)
    return ""


def basil_articles(limit: int) -> list[Article]:
    """BASIL articles spread over its years (every 7th by path), until ``limit`` sentences."""
    if not BASIL.is_dir():
        pytest.skip(f"{BASIL} is absent (the shared data ships with the development machines, not with a clone)")
    articles: list[Article] = []
    for path in sorted(BASIL.glob("*/*.json"))[::7]:
        record = json.loads(path.read_text(encoding="utf-8"))
        text = normalize_text("\n\n".join(p for p in map(_paragraph, record.get("body-paragraphs") or []) if p))
        if text:
            raw_date = str(record.get("date") or "")[:10]
            articles.append((segmented(text), date.fromisoformat(raw_date) if raw_date else None))
        if sum(len(sentences) for sentences, _ in articles) >= limit:
            break
    return articles


def fnc_articles(limit: int) -> list[Article]:
    """FNC-1 training bodies (every 5th), until ``limit`` sentences; they carry no date."""
    if not FNC_BODIES.is_file():
        pytest.skip(f"{FNC_BODIES} is absent (the shared data ships with the development machines, not a clone)")
    articles: list[Article] = []
    with FNC_BODIES.open(encoding="utf-8", newline="") as handle:
        for row in list(csv.DictReader(handle))[::5]:
            articles.append((segmented(normalize_text(row["articleBody"])), None))
            if sum(len(sentences) for sentences, _ in articles) >= limit:
                break
    return articles


def test_the_faster_components_are_in_use(extractor: SpacyClaimExtractor) -> None:
    """A spaCy or model upgrade whose attribute ruler, lemmatizer or entity recogniser the equivalents do not cover
    falls back to the shipped component (same claims, slower): this says so."""
    assert set(extractor._fast) == {"attribute_ruler", "lemmatizer", "ner"}


def test_example_articles_extract_as_the_shipped_pipeline(extractor: SpacyClaimExtractor, shipped: Any) -> None:
    assert assert_same_extraction(extractor, shipped, example_articles()) >= 30


def test_basil_articles_extract_as_the_shipped_pipeline(extractor: SpacyClaimExtractor, shipped: Any) -> None:
    assert assert_same_extraction(extractor, shipped, basil_articles(SENTENCES_PER_SET)) >= SENTENCES_PER_SET


def test_fnc_bodies_extract_as_the_shipped_pipeline(extractor: SpacyClaimExtractor, shipped: Any) -> None:
    assert assert_same_extraction(extractor, shipped, fnc_articles(SENTENCES_PER_SET)) >= SENTENCES_PER_SET


def test_a_sentence_is_analysed_the_same_alone_or_in_a_batch(extractor: SpacyClaimExtractor) -> None:
    """Articles go through the pipeline together, in batches of any make-up: no sentence may depend on them."""
    texts = [*[text for sentences, _ in example_articles() for text in sentences][:40], "Yes.", "Kyiv"]
    together = [annotations(doc) for doc in extractor.parse(texts)]
    assert [annotations(extractor.parse([text])[0]) for text in texts] == together
    assert [annotations(doc) for doc in extractor.parse(texts[::-1])] == together[::-1]


def test_gather_add_is_thincs_to_the_bit() -> None:
    random = np.random.default_rng(7)
    table = random.standard_normal((500, 96)).astype(np.float32)
    table[3] = -0.0
    indices = random.integers(0, 500, size=(300, 4)).astype(np.uint32)  # as HashEmbed gives them
    indices[0] = 3
    ours = _ExtractionOps(None).gather_add(table, indices)
    theirs = NumpyOps(use_blis=True).gather_add(table, indices)
    assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs)
    assert np.array_equal(np.signbit(ours), np.signbit(theirs))


def test_matrix_products_keep_rows_apart(extractor: SpacyClaimExtractor) -> None:
    """Where the products run on OpenBLAS, each row of a product is the same whatever rows come with it (checked on
    the pipeline's own weight shapes when it loads; BLIS is kept otherwise). Either way, products agree with BLIS
    to within float32 rounding."""
    ops = extractor._ops
    with ops.one_blas_thread():
        assert ops.rows_are_independent([(96, 50), (288, 288), (64, 1024)])
        random = np.random.default_rng(3)
        x = random.standard_normal((37, 288)).astype(np.float32)
        w = random.standard_normal((96, 288)).astype(np.float32)
        np.testing.assert_allclose(
            ops.gemm(x, w, trans2=True), NumpyOps(use_blis=True).gemm(x, w, trans2=True), rtol=1e-4, atol=1e-4
        )
