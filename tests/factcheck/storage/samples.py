"""Sources ready to store, with made-up vectors and claims: storage tests need neither the model nor spaCy."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date

import numpy as np

from factcheck.claims.model import Claim, PlaceClaim, StatementClaim, TimeClaim
from factcheck.records import SourceInput, Span
from factcheck.storage import Storage

DIMENSION = 8


@dataclass(frozen=True)
class Sample:
    source: SourceInput
    spans: list[Span]
    vectors: np.ndarray
    claims: list[list[Claim]]

    def store(self, storage: Storage) -> list[int]:
        return storage.add_source(self.source, self.spans, self.vectors, self.claims)


def sample(source_id: str, *sentences: str, seed: int = 0, **metadata: object) -> Sample:
    """A source made of ``sentences`` (joined by spaces), each with a unit vector and claims: a place and a time of
    talks when the sentence mentions talks, and always a whole-sentence statement."""
    sentences = sentences or (f"Talks on {source_id} begin on Friday.", f"Nobody commented on {source_id}.")
    text = " ".join(sentences)
    spans, start = [], 0
    for sentence in sentences:
        spans.append(Span(start, start + len(sentence), sentence))
        start += len(sentence) + 1
    rng = np.random.default_rng([zlib.crc32(source_id.encode()), seed])
    vectors = rng.standard_normal((len(spans), DIMENSION)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    claims: list[list[Claim]] = []
    for span in spans:
        found: list[Claim] = []
        if "Talks" in span.text:
            found.append(PlaceClaim(0, 5, "Talks", event="talks", place=source_id, place_key=source_id))
            found.append(TimeClaim(0, 5, "Talks", event="talks", weekday=4))
        found.append(StatementClaim(0, len(span.text), span.text, verb="be", terms=tuple(span.text.lower().split())))
        claims.append(found)
    source = SourceInput(id=source_id, text=text, **metadata)  # type: ignore[arg-type]
    return Sample(source, spans, vectors, claims)


PUBLISHED = date(2026, 3, 13)
