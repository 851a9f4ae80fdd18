"""The storage protocol: sources, sentences and their vectors. SQLite (embedded) and PostgreSQL (shared) implement it.

The database is the source of truth. The vector index is a cache of the stored vectors that can always be
rebuilt from here, which is what makes an ingest crash-safe.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from factcheck.claims.model import Claim
from factcheck.records import Sentence, Source, SourceInput, Span

Ids = npt.NDArray[np.int64]
Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True)
class SourceContent:
    """A source's sentences with their claims and vectors, read with no write in between."""

    sentences: list[Sentence]  # in text order
    claims: dict[int, list[Claim]]  # by sentence id
    vector_ids: Ids
    vectors: Matrix


ChangeKind = Literal["insert", "delete"]


@dataclass(frozen=True)
class Change:
    """One committed insert or delete of a source, numbered by the store's change sequence.

    ``sentence_ids`` are the sentences the source gained (insert) or lost (delete), so that a replica can bring its
    vector index up to date without a full reconcile (a deleted source's sentences can no longer be read).
    """

    seq: int
    source_id: str
    kind: ChangeKind
    sentence_ids: tuple[int, ...]
    at: datetime


@runtime_checkable
class ChangeLog(Protocol):
    """A store shared by replicas numbers every source insert and delete (PostgreSQL does; SQLite has one writer).

    Sequence numbers only grow, and they are assigned in commit order: once a reader sees change N, every change
    below N that will ever be visible already is. A replica can therefore keep the last number it applied and ask
    for what follows, with no gap to fear.
    """

    def changes_since(self, seq: int, *, limit: int | None = None) -> list[Change]:
        """Changes numbered above ``seq``, oldest first (at most ``limit``)."""
        ...

    def current_sequence(self) -> int:
        """The number of the last committed change (0: none yet)."""
        ...


class Storage(Protocol):
    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...

    def get_source(self, source_id: str) -> Source | None: ...

    def list_sources(self, *, offset: int = 0, limit: int | None = None) -> list[Source]: ...

    def source_ids(self) -> list[str]: ...

    def count_claims(self, source_id: str, *, typed_only: bool = True) -> int: ...

    def put_report(
        self,
        report_id: str,
        *,
        status: str,
        params: str,
        progress: str | None = None,
        body: str | None = None,
        error: str | None = None,
    ) -> None: ...

    def get_report(self, report_id: str) -> dict[str, str | None] | None: ...

    def fail_running_reports(self, error: str) -> int: ...

    def take_queued_report(self) -> tuple[str, str] | None:
        """(id, params) of the oldest queued report, now marked running by this process; None when none waits."""
        ...

    def count_reports(self, statuses: Sequence[str]) -> int: ...

    def list_reports(self, *, offset: int = 0, limit: int = 50) -> list[dict[str, str | None]]:
        """Reports newest first: id, created_at, updated_at, status, params, error (no body, no progress)."""
        ...

    def count_sources(self) -> int: ...

    def count_sentences(self) -> int: ...

    def add_source(
        self,
        source: SourceInput,
        spans: Sequence[Span],
        vectors: Matrix,
        claims: Sequence[Sequence[Claim]] | None = None,
    ) -> list[int]:
        """Store a source, its sentences and their vectors in one transaction; return the sentence ids.

        Raises SourceConflictError when the id exists with other text (checked inside the transaction).
        """
        ...

    def delete_source(self, source_id: str) -> list[int]:
        """Delete a source and everything attached to it in one transaction; return its sentence ids."""
        ...

    def sentences(self, ids: Sequence[int]) -> dict[int, Sentence]: ...

    def source_sentences(self, source_id: str) -> list[Sentence]: ...

    def source_content(self, source_id: str) -> SourceContent | None:
        """Everything stored for one source, read atomically; None when the source does not exist."""
        ...

    def sentence_ids(self) -> Ids: ...

    def vectors(self, ids: Sequence[int]) -> tuple[Ids, Matrix]: ...

    def iter_vectors(self, batch_size: int = 10_000) -> Iterator[tuple[Ids, Matrix]]: ...

    def replace_vectors(self, ids: Sequence[int], vectors: Matrix) -> None:
        """Overwrite the vectors of existing sentences, in one transaction (re-embedding with another model)."""
        ...

    def replace_claims(
        self, source_id: str, sentence_ids: Sequence[int], claims: Sequence[Sequence[Claim]]
    ) -> None: ...

    def sentences_in_slots(
        self, slots: Sequence[str], source_ids: Sequence[str] | None, *, among: Sequence[int] | None = None
    ) -> list[int]:
        """Ids of the sentences holding a claim filed under one of ``slots``: in ``source_ids`` only (None: any
        source), and among the sentence ids ``among`` only (None: any sentence)."""
        ...

    def claims_of_sentences(self, sentence_ids: Sequence[int]) -> dict[int, list[Claim]]: ...

    def close(self) -> None: ...
