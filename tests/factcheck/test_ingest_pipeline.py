"""Batch ingest with claims extracted alongside encoding, a batch stored once the next one is encoded.

Small batches (two sentences) make every source its own batch, so the outcomes that depend on a batch not yet
stored (the same id again: unchanged or a conflict) and the claims stored are checked across batches.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date

import numpy as np
import pytest

import factcheck.ingest_batches as batches_module
from factcheck import Corpus, IngestFailure, IngestResult, IngestStatus, SourceInput
from factcheck.embedding import Embedder

TALKS = SourceInput(
    id="talks",
    text="Negotiators meet at 10am on Friday in Lindhaven. The delegation is headed by the foreign minister.",
    published_at=date(2025, 5, 14),
)
FLOODS = SourceInput(
    id="floods",
    text="At least 14 people died in the floods in the past day. More than 1,200 people were evacuated.",
)
TOLL = SourceInput(id="toll", text="The toll rose to 31 on Sunday, officials said. It also includes two children.")


class FailingEmbedder:
    """The session's embedder, failing on its ``fail_on``-th call."""

    def __init__(self, inner: Embedder, fail_on: int) -> None:
        self._inner, self._fail_on, self.calls = inner, fail_on, 0

    @property
    def model_id(self) -> str:
        return self._inner.model_id

    @property
    def dimension(self) -> int:
        return self._inner.dimension

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        if self.calls == self._fail_on:
            raise RuntimeError("the model failed")
        return self._inner.encode(texts)


@pytest.fixture(params=[True, False], ids=["overlapped", "serial"])
def small_batches(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batches_module, "INGEST_BATCH_SENTENCES", 2)
    monkeypatch.setattr(batches_module, "OVERLAP_EXTRACTION", request.param)


@pytest.mark.usefixtures("small_batches")
def test_outcomes_in_order_across_batches_not_yet_stored(corpus: Corpus) -> None:
    outcomes = list(
        corpus.ingest_many(
            [
                TALKS,
                FLOODS,
                SourceInput(id="floods", text=FLOODS.text),  # the batch holding it is not stored yet
                SourceInput(id="talks", text="Other text about talks."),
                TOLL,
                SourceInput(id="empty", text="..."),
            ]
        )
    )
    assert outcomes[:3] == [
        IngestResult("talks", IngestStatus.ADDED, 2),
        IngestResult("floods", IngestStatus.ADDED, 2),
        IngestResult("floods", IngestStatus.UNCHANGED, 2),
    ]
    assert isinstance(outcomes[3], IngestFailure) and outcomes[3].conflict
    assert outcomes[4] == IngestResult("toll", IngestStatus.ADDED, 2)
    assert isinstance(outcomes[5], IngestFailure) and not outcomes[5].conflict
    assert corpus.count_sentences() == 6 and len(corpus.index) == 6


@pytest.mark.usefixtures("small_batches")
def test_stored_claims_are_each_sources_own(corpus: Corpus) -> None:
    """Claims extracted for a whole batch at once land with their own source and sentence, read in sequence
    ('It also includes ...' continues the sentence before it) and with the source's publication date."""
    sources = [TALKS, FLOODS, TOLL]
    list(corpus.ingest_many(sources))
    for source in sources:
        content = corpus._storage.source_content(source.id)
        assert content is not None
        texts = [sentence.text for sentence in content.sentences]
        expected = corpus.extractor.extract(texts, source.published_at)
        assert [content.claims.get(sentence.id, []) for sentence in content.sentences] == expected


@pytest.mark.usefixtures("small_batches")
def test_a_model_failure_stops_the_ingest_and_leaves_no_extraction_running(corpus: Corpus, embedder: Embedder) -> None:
    corpus._embedder = FailingEmbedder(embedder, fail_on=3)  # type: ignore[assignment]
    outcomes: list[object] = []
    with pytest.raises(RuntimeError, match="the model failed"):
        outcomes.extend(corpus.ingest_many([TALKS, FLOODS, TOLL]))
    assert not [t for t in threading.enumerate() if t.name.startswith("factcheck-extract")]
    stored = {source.id for source in corpus.list_sources()}
    assert [o.source_id for o in outcomes] == sorted(stored, key=["talks", "floods", "toll"].index)  # type: ignore[attr-defined]
    assert "toll" not in stored
    assert np.array_equal(np.sort(corpus.index.ids()), np.sort(corpus._storage.sentence_ids()))
