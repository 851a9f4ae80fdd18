"""A batch ingest that keeps the sentence encoder and the claim extractor busy at the same time.

Sources are split into sentences and gathered into batches of about ``INGEST_BATCH_SENTENCES``; each batch is
encoded in one model call while its claims are extracted in a worker thread. Both spend most of their time in
native code that releases the GIL, so on two cores they overlap. A batch is stored only once the next one is
segmented and encoded, so that its extraction also runs alongside those (a batch's extraction may take longer than
its encoding, and segmentation is single-threaded Python). What is stored, and how, is the caller's
(``Corpus.ingest_many``): this module only orders the work and yields one outcome per source, in input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from factcheck.claims.extract import ClaimExtractor, extract_articles
from factcheck.claims.model import Claim
from factcheck.embedding import Embedder
from factcheck.records import IngestFailure, IngestResult, SourceInput, Span
from factcheck.segment import Segmenter

# Sentences embedded per model call: large enough to keep the model busy, small enough that a progress bar moves
# and a kill loses little work.
INGEST_BATCH_SENTENCES = 512
OVERLAP_EXTRACTION = True  # bench/ingest.py measures with and without

Outcome = IngestResult | IngestFailure
# What ingesting a source comes to before any work (unchanged, a conflict, a repeated id), or None: new. It is given
# the ids of the batch not yet stored.
Precheck = Callable[[SourceInput, set[str]], Outcome | None]
# Store one split, embedded and extracted source.
Store = Callable[[SourceInput, list[Span], np.ndarray, list[list[Claim]]], Outcome]
_Pending = tuple[SourceInput, list[Span]] | Outcome


@dataclass
class _Encoded:
    """A batch whose sentences are embedded, waiting for its claims (extracted in the worker) to be stored."""

    batch: list[_Pending]
    vectors: np.ndarray
    claims: Future[dict[str, list[list[Claim]]]]

    @property
    def ids(self) -> set[str]:
        return {item[0].id for item in self.batch if isinstance(item, tuple)}


@dataclass(frozen=True)
class BatchIngest:
    """The stages of one batch ingest: how to split, embed and extract, and the caller's check and store."""

    segmenter: Segmenter
    embedder: Embedder
    extractor: ClaimExtractor
    precheck: Precheck
    store: Store
    after_batch: Callable[[], None]  # called once a batch is stored (the caller's checkpoint)

    def run(self, sources: Iterable[SourceInput]) -> Iterator[Outcome]:
        workers = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factcheck-extract")
        encoded: _Encoded | None = None
        try:
            # Outcomes decided without the model (unchanged, conflicting) wait in the batch so that outcomes come
            # out in input order.
            batch: list[_Pending] = []
            pending_ids: set[str] = set()
            sentence_count = 0
            for source in sources:
                if encoded is not None and source.id in encoded.ids:
                    # Its outcome (unchanged, conflict) depends on what the batch not yet stored holds.
                    yield from self._stored(encoded)
                    encoded = None
                early = self.precheck(source, pending_ids)
                if early is None:
                    spans = self.segmenter.split(source.text)
                    if spans:
                        batch.append((source, spans))
                        pending_ids.add(source.id)
                        sentence_count += len(spans)
                    else:
                        batch.append(IngestFailure(source.id, source.origin, "no sentences found in the text"))
                else:
                    batch.append(early)
                if sentence_count >= INGEST_BATCH_SENTENCES:
                    previous, encoded = encoded, self._encoded(batch, workers)
                    if previous is not None:
                        yield from self._stored(previous)
                    batch, pending_ids, sentence_count = [], set(), 0
            if batch:
                previous, encoded = encoded, self._encoded(batch, workers)
                if previous is not None:
                    yield from self._stored(previous)
            if encoded is not None:
                last, encoded = encoded, None
                yield from self._stored(last)
        finally:
            # Never leave an extraction running past the call (a batch not stored by now is dropped: the database
            # is the truth, as after a kill).
            workers.shutdown(wait=True, cancel_futures=True)

    def _encoded(self, batch: list[_Pending], workers: Executor) -> _Encoded:
        """Embed a batch's sentences; its claims are extracted in ``workers`` meanwhile (or after, without)."""
        texts = [span.text for item in batch if isinstance(item, tuple) for span in item[1]]

        def extract() -> dict[str, list[list[Claim]]]:
            # One pass of the pipeline over the whole batch's sentences, not one per source.
            items = [item for item in batch if isinstance(item, tuple)]
            articles = [([span.text for span in spans], source.published_at) for source, spans in items]
            found = extract_articles(self.extractor, articles)
            return {source.id: claims for (source, _), claims in zip(items, found, strict=True)}

        if not OVERLAP_EXTRACTION:
            vectors = self.embedder.encode(texts)
            claims: Future[dict[str, list[list[Claim]]]] = Future()
            claims.set_result(extract())
        else:
            claims = workers.submit(extract)
            vectors = self.embedder.encode(texts)
        return _Encoded(batch, vectors, claims)

    def _stored(self, encoded: _Encoded) -> Iterator[Outcome]:
        claims = encoded.claims.result()
        offset = 0
        for item in encoded.batch:
            if not isinstance(item, tuple):
                yield item
                continue
            source, spans = item
            vectors = encoded.vectors[offset : offset + len(spans)]
            offset += len(spans)
            yield self.store(source, spans, vectors, claims[source.id])
        self.after_batch()
