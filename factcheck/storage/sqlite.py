"""SQLite storage in WAL mode: one file in the data directory, one transaction per ingested source."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np

from factcheck.claims.model import Claim, claim_from_json, slot_keys
from factcheck.errors import SourceConflictError, StorageError
from factcheck.records import Sentence, Source, SourceInput, Span
from factcheck.storage.base import Ids, Matrix, SourceContent

SCHEMA_VERSION = "2"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id TEXT PRIMARY KEY,
    title TEXT, outlet TEXT, url TEXT, published_at TEXT,
    content_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    sentence_count INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
-- AUTOINCREMENT: a deleted sentence's id is never reused, so a stale index entry can never point at new text.
CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS sentences_by_source ON sentences(source_id, position);
"""
# Version 2: typed claims, stored with their sentence and indexed by slot.
_SCHEMA_V2 = """
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    source_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_by_sentence ON claims(sentence_id);
CREATE TABLE IF NOT EXISTS claim_slots (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    slot TEXT NOT NULL,
    source_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_slots_by_slot ON claim_slots(slot, source_id);
CREATE INDEX IF NOT EXISTS claim_slots_by_claim ON claim_slots(claim_id);
-- Consistency reports, stored whole so that they survive a restart.
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL,
    params TEXT NOT NULL,
    progress TEXT,
    body TEXT,
    error TEXT
);
"""
_SENTENCE_COLUMNS = 'id, source_id, position, start, "end", text'
_SOURCE_COLUMNS = "id, title, outlet, url, published_at, content_hash, text, sentence_count, created_at"


class SQLiteStorage:
    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            if read_only:
                uri = f"{path.resolve().as_uri()}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
                self._db.execute("PRAGMA journal_mode=WAL")
                # NORMAL is durable across application crashes in WAL mode (only a power loss may lose the
                # last commits, never corrupt the file).
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.executescript(_SCHEMA)
                self._db.execute(
                    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
                )
                self._db.executescript(_SCHEMA_V2)  # also migrates a version 1 file: it only adds tables
                self._db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION,))
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=10000")
            version = self.get_meta("schema_version")
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot open database {path}: {exc}") from exc
        if version != SCHEMA_VERSION:
            raise StorageError(f"database {path} has schema version {version!r}, this factcheck needs {SCHEMA_VERSION}")

    # -- meta -----------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- sources --------------------------------------------------------------------------------------
    def get_source(self, source_id: str) -> Source | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE id = ?", (source_id,)).fetchone()
        return None if row is None else _source(row)

    def list_sources(self, *, offset: int = 0, limit: int | None = None) -> list[Source]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY id LIMIT ? OFFSET ?",
                (-1 if limit is None else limit, offset),
            ).fetchall()
        return [_source(row) for row in rows]

    def source_ids(self) -> list[str]:
        with self._lock:
            return [str(r[0]) for r in self._db.execute("SELECT id FROM sources ORDER BY id")]

    def count_claims(self, source_id: str, *, typed_only: bool = True) -> int:
        query = "SELECT count(*) FROM claims WHERE source_id = ?" + (" AND kind != 'statement'" if typed_only else "")
        with self._lock:
            return int(self._db.execute(query, (source_id,)).fetchone()[0])

    def put_report(
        self,
        report_id: str,
        *,
        status: str,
        params: str,
        progress: str | None = None,
        body: str | None = None,
        error: str | None = None,
    ) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock, self._transaction():
            self._db.execute(
                "INSERT INTO reports (id, created_at, updated_at, status, params, progress, body, error) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, "
                "status = excluded.status, progress = excluded.progress, body = excluded.body, error = excluded.error",
                (report_id, now, now, status, params, progress, body, error),
            )

    def get_report(self, report_id: str) -> dict[str, str | None] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, created_at, updated_at, status, params, progress, body, error FROM reports WHERE id = ?",
                (report_id,),
            ).fetchone()
        if row is None:
            return None
        keys = ("id", "created_at", "updated_at", "status", "params", "progress", "body", "error")
        return dict(zip(keys, row, strict=True))

    def fail_running_reports(self, error: str) -> int:
        """Mark reports left running by a stopped process as failed; returns how many."""
        with self._lock, self._transaction():
            cursor = self._db.execute(
                "UPDATE reports SET status = 'failed', error = ?, updated_at = ? WHERE status = 'running'",
                (error, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        return cursor.rowcount

    def take_queued_report(self) -> tuple[str, str] | None:
        """The oldest queued report, marked running (one writer per data directory: no one else can take it)."""
        with self._lock, self._transaction():
            row = self._db.execute(
                "UPDATE reports SET status = 'running', updated_at = ? WHERE id = (SELECT id FROM reports "
                "WHERE status = 'queued' ORDER BY created_at, rowid LIMIT 1) RETURNING id, params",
                (datetime.now(UTC).isoformat(timespec="seconds"),),
            ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def count_reports(self, statuses: Sequence[str]) -> int:
        marks = ", ".join("?" * len(statuses))
        with self._lock:
            return int(
                self._db.execute(f"SELECT count(*) FROM reports WHERE status IN ({marks})", statuses).fetchone()[0]
            )

    def list_reports(self, *, offset: int = 0, limit: int = 50) -> list[dict[str, str | None]]:
        keys = ("id", "created_at", "updated_at", "status", "params", "error")
        with self._lock:
            rows = self._db.execute(
                f"SELECT {', '.join(keys)} FROM reports ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def count_sources(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM sources").fetchone()[0])

    def count_sentences(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM sentences").fetchone()[0])

    def add_source(
        self,
        source: SourceInput,
        spans: Sequence[Span],
        vectors: Matrix,
        claims: Sequence[Sequence[Claim]] | None = None,
    ) -> list[int]:
        if len(spans) != len(vectors) or (claims is not None and len(claims) != len(spans)):
            raise ValueError("one vector and one claim list per sentence")
        blobs = [np.ascontiguousarray(v, dtype=np.float32).tobytes() for v in vectors]
        with self._lock, self._transaction():
            row = self._db.execute("SELECT content_hash FROM sources WHERE id = ?", (source.id,)).fetchone()
            if row is not None:
                raise SourceConflictError(_conflict_message(source.id, row[0] == source.content_hash))
            self._db.execute(
                f"INSERT INTO sources ({_SOURCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    source.id,
                    source.title,
                    source.outlet,
                    source.url,
                    source.published_at.isoformat() if source.published_at else None,
                    source.content_hash,
                    source.text,
                    len(spans),
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            ids: list[int] = []
            for position, (span, blob) in enumerate(zip(spans, blobs, strict=True)):
                cursor = self._db.execute(
                    'INSERT INTO sentences (source_id, position, start, "end", text, vector) VALUES (?, ?, ?, ?, ?, ?)',
                    (source.id, position, span.start, span.end, span.text, blob),
                )
                ids.append(int(cursor.lastrowid or 0))
            if claims is not None:
                self._insert_claims(source.id, ids, claims)
        return ids

    def _insert_claims(self, source_id: str, sentence_ids: Sequence[int], claims: Sequence[Sequence[Claim]]) -> None:
        for sentence_id, sentence_claims in zip(sentence_ids, claims, strict=True):
            for claim in sentence_claims:
                cursor = self._db.execute(
                    "INSERT INTO claims (sentence_id, source_id, kind, payload) VALUES (?, ?, ?, ?)",
                    (sentence_id, source_id, claim.kind, claim.to_json()),
                )
                self._db.executemany(
                    "INSERT INTO claim_slots (claim_id, slot, source_id) VALUES (?, ?, ?)",
                    [(cursor.lastrowid, slot, source_id) for slot in slot_keys(claim)],
                )

    def replace_claims(self, source_id: str, sentence_ids: Sequence[int], claims: Sequence[Sequence[Claim]]) -> None:
        """Swap a source's claims for freshly extracted ones, in one transaction."""
        with self._lock, self._transaction():
            self._db.execute("DELETE FROM claims WHERE source_id = ?", (source_id,))
            self._insert_claims(source_id, sentence_ids, claims)

    def sentences_in_slots(
        self, slots: Sequence[str], source_ids: Sequence[str] | None, *, among: Sequence[int] | None = None
    ) -> list[int]:
        """Ids of the sentences holding a claim filed under one of ``slots`` (optionally in some sources, and
        among some sentences)."""
        if not slots or (among is not None and not among):
            return []
        slot_marks = ",".join("?" * len(slots))
        source_filter = "" if source_ids is None else f" AND s.source_id IN ({','.join('?' * len(source_ids))})"
        sources = list(source_ids or ())
        if among is None:
            query = (
                "SELECT DISTINCT c.sentence_id FROM claim_slots s JOIN claims c ON c.id = s.claim_id "
                f"WHERE s.slot IN ({slot_marks}){source_filter}"
            )
            with self._lock:
                return [int(r[0]) for r in self._db.execute(query, [*slots, *sources]).fetchall()]
        found: set[int] = set()
        with self._lock:
            for chunk in _chunks([int(i) for i in among], 500):
                # The few named sentences drive the join (a common slot holds thousands of claims).
                query = (
                    "SELECT DISTINCT c.sentence_id FROM claims c CROSS JOIN claim_slots s ON s.claim_id = c.id "
                    f"WHERE c.sentence_id IN ({','.join('?' * len(chunk))}) AND s.slot IN ({slot_marks}){source_filter}"
                )
                found.update(int(r[0]) for r in self._db.execute(query, [*chunk, *slots, *sources]))
        return sorted(found)

    def claims_of_sentences(self, sentence_ids: Sequence[int]) -> dict[int, list[Claim]]:
        found: dict[int, list[Claim]] = {}
        with self._lock:
            for chunk in _chunks([int(i) for i in sentence_ids], 500):
                marks = ",".join("?" * len(chunk))
                for row in self._db.execute(
                    f"SELECT sentence_id, payload FROM claims WHERE sentence_id IN ({marks}) ORDER BY id", chunk
                ):
                    found.setdefault(int(row[0]), []).append(claim_from_json(row[1]))
        return found

    def delete_source(self, source_id: str) -> list[int]:
        with self._lock, self._transaction():
            ids = [int(r[0]) for r in self._db.execute("SELECT id FROM sentences WHERE source_id = ?", (source_id,))]
            self._db.execute("DELETE FROM claims WHERE source_id = ?", (source_id,))
            self._db.execute("DELETE FROM sentences WHERE source_id = ?", (source_id,))
            self._db.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        return ids

    # -- sentences and vectors ------------------------------------------------------------------------
    def sentences(self, ids: Sequence[int]) -> dict[int, Sentence]:
        found: dict[int, Sentence] = {}
        unique = list(dict.fromkeys(int(i) for i in ids))
        with self._lock:
            for chunk in _chunks(unique, 500):
                marks = ",".join("?" * len(chunk))
                for row in self._db.execute(f"SELECT {_SENTENCE_COLUMNS} FROM sentences WHERE id IN ({marks})", chunk):
                    found[int(row[0])] = Sentence(*row)
        return found

    def source_sentences(self, source_id: str) -> list[Sentence]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_SENTENCE_COLUMNS} FROM sentences WHERE source_id = ? ORDER BY position",
                (source_id,),
            ).fetchall()
        return [Sentence(*row) for row in rows]

    def source_content(self, source_id: str) -> SourceContent | None:
        # One lock around the reads: every write goes through this connection and takes the same lock.
        with self._lock:
            if self._db.execute("SELECT 1 FROM sources WHERE id = ?", (source_id,)).fetchone() is None:
                return None
            sentences = self.source_sentences(source_id)
            ids = [s.id for s in sentences]
            claims = self.claims_of_sentences(ids)
            vector_ids, vectors = self.vectors(ids)
        return SourceContent(sentences, claims, vector_ids, vectors)

    def sentence_ids(self) -> Ids:
        with self._lock:
            rows = self._db.execute("SELECT id FROM sentences").fetchall()
        return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))

    def vectors(self, ids: Sequence[int]) -> tuple[Ids, Matrix]:
        found_ids: list[int] = []
        blobs: list[bytes] = []
        with self._lock:
            for chunk in _chunks([int(i) for i in ids], 500):
                marks = ",".join("?" * len(chunk))
                for row in self._db.execute(f"SELECT id, vector FROM sentences WHERE id IN ({marks})", chunk):
                    found_ids.append(int(row[0]))
                    blobs.append(row[1])
        return np.asarray(found_ids, dtype=np.int64), _matrix(blobs)

    def replace_vectors(self, ids: Sequence[int], vectors: Matrix) -> None:
        pairs = zip(ids, vectors, strict=True)  # one vector per sentence id
        rows = [(np.ascontiguousarray(v, dtype=np.float32).tobytes(), int(i)) for i, v in pairs]
        with self._lock, self._transaction():
            self._db.executemany("UPDATE sentences SET vector = ? WHERE id = ?", rows)

    def iter_vectors(self, batch_size: int = 10_000) -> Iterator[tuple[Ids, Matrix]]:
        last = -1
        while True:
            with self._lock:
                rows = self._db.execute(
                    "SELECT id, vector FROM sentences WHERE id > ? ORDER BY id LIMIT ?", (last, batch_size)
                ).fetchall()
            if not rows:
                return
            last = int(rows[-1][0])
            yield np.asarray([r[0] for r in rows], dtype=np.int64), _matrix([r[1] for r in rows])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- helpers --------------------------------------------------------------------------------------
    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (including KeyboardInterrupt)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self._db.execute("COMMIT")
        else:
            self._db.execute("ROLLBACK")


def _conflict_message(source_id: str, same_text: bool) -> str:
    if same_text:  # only reachable in a race: the caller checks for identical text first
        return f"source {source_id!r} was stored concurrently with the same text"
    return f"source id {source_id!r} is already stored with different text; delete it first or use another id"


def _source(row: tuple[object, ...]) -> Source:
    (source_id, title, outlet, url, published_at, content_hash, text, sentence_count, created_at) = row
    return Source(
        id=str(source_id),
        text=str(text),
        content_hash=str(content_hash),
        sentence_count=int(str(sentence_count)),
        created_at=str(created_at),
        title=_opt(title),
        outlet=_opt(outlet),
        url=_opt(url),
        published_at=date.fromisoformat(str(published_at)) if published_at else None,
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _matrix(blobs: list[bytes]) -> Matrix:
    if not blobs:
        return np.zeros((0, 0), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1).copy()


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
