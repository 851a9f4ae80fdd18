"""PostgreSQL storage: the store that several factcheck replicas share (``Config.database_url``).

Same semantics as :class:`~factcheck.storage.sqlite.SQLiteStorage`: one transaction per source write, the source
id unique (other text under a stored id raises :class:`SourceConflictError`; the corpus turns identical text into a
no-op before writing), a delete removes the source's sentences, claims and vectors, vectors stored as float32 bytes.
What differs is that writers need no lock of their own: each write is one transaction, the unique constraint on the
source id decides between two replicas storing the same id, and rows are locked in one order (the source row
first), so any number of processes write at once.

Every source insert and delete also records a numbered :class:`~factcheck.storage.base.Change`, for replicas that
keep their vector index in step with the store (:meth:`PostgresStorage.changes_since`). The schema is created and
upgraded at open by :mod:`factcheck.storage.postgres_migrations`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from typing import Any, cast
from urllib.parse import urlsplit

import numpy as np
import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool

from factcheck.claims.model import Claim, claim_from_json, slot_keys
from factcheck.errors import ConfigError, InvalidInputError, SourceConflictError, StorageError
from factcheck.records import Sentence, Source, SourceInput, Span
from factcheck.storage.base import Change, ChangeKind, Ids, Matrix, SourceContent
from factcheck.storage.postgres_migrations import (
    LOCK_CLASS_CHANGES,
    LOCK_CLASS_REPORT_OWNER,
    check_schema,
    migrate,
)
from factcheck.storage.sqlite import _conflict_message

URL_SCHEMES = ("postgresql://", "postgres://")
_CONNECT_TIMEOUT = 10  # seconds, unless the URL sets connect_timeout
_POOL_TIMEOUT = 10.0  # seconds a request waits for a pooled connection before StorageError
_CHUNK = 10_000  # ids per ANY(array) query
_SENTENCE_COLUMNS = 'id, source_id, position, start, "end", text'
_SOURCE_COLUMNS = "id, title, outlet, url, published_at, content_hash, text, sentence_count, created_at"
_REPORT_COLUMNS = ("id", "created_at", "updated_at", "status", "params", "progress", "body", "error")

Conn = psycopg.Connection[tuple[Any, ...]]


def is_postgres_url(url: str) -> bool:
    return url.startswith(URL_SCHEMES)


def describe_url(url: str) -> str:
    """``user@host:port/dbname`` of a connection URL, never its password (for messages and logs)."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.Error:
        return "(unparseable URL)"
    user = f"{params['user']}@" if params.get("user") else ""
    host = params.get("host") or "local socket"
    port = f":{params['port']}" if params.get("port") else ""
    return f"postgresql://{user}{host}{port}/{params.get('dbname') or ''}"


class PostgresStorage:
    """The :class:`~factcheck.storage.base.Storage` protocol and :class:`~factcheck.storage.base.ChangeLog` on
    PostgreSQL, through a connection pool (thread-safe: each call borrows a connection).

    A writer applies missing schema migrations at open; a reader (``read_only``) only checks that the schema is
    current and runs every transaction read-only. Connection failures raise :class:`StorageError`, an invalid URL
    :class:`ConfigError`; messages name the server, never the password.
    """

    def __init__(self, url: str, *, read_only: bool = False, pool_size: int = 8) -> None:
        if not is_postgres_url(url):
            raise ConfigError("a PostgreSQL store needs a postgresql:// URL")
        self.where = describe_url(url)
        self.read_only = read_only
        self._closed = False
        self._close_lock = threading.Lock()
        kwargs = _connect_kwargs(url)
        try:
            with psycopg.connect(url, autocommit=True, **kwargs) as conn:
                if read_only:
                    check_schema(conn)
                else:
                    migrate(conn)
        except psycopg.OperationalError as exc:
            raise StorageError(f"cannot use the PostgreSQL store {self.where}: {_reason(exc, url)}") from exc
        except psycopg.Error as exc:  # e.g. no permission to create the tables
            raise StorageError(f"cannot set up the PostgreSQL store {self.where}: {_reason(exc, url)}") from exc
        self._owner: Conn | None = None
        self._owner_key: int | None = None
        if not read_only:
            self._owner, self._owner_key = self._claim_owner_key(url, kwargs)
        self._pool: ConnectionPool[Conn] = ConnectionPool(
            url,
            kwargs={"autocommit": True, **kwargs},
            min_size=1,
            max_size=max(1, pool_size),
            timeout=_POOL_TIMEOUT,
            configure=_read_only_session if read_only else None,
            check=ConnectionPool.check_connection,  # a replica outlives a database restart
            name="factcheck",
            open=False,
        )
        try:
            self._pool.open(wait=True, timeout=_POOL_TIMEOUT)
        except psycopg.OperationalError as exc:
            self.close()
            raise StorageError(
                f"cannot open connections to the PostgreSQL store {self.where}: {_reason(exc, url)}"
            ) from exc

    def _claim_owner_key(self, url: str, kwargs: dict[str, Any]) -> tuple[Conn, int]:
        """A connection of its own holding this process's report-owner lock for as long as the storage is open."""
        try:
            conn = psycopg.connect(url, autocommit=True, **kwargs)
        except psycopg.Error as exc:
            raise StorageError(f"cannot use the PostgreSQL store {self.where}: {_reason(exc, url)}") from exc
        try:
            while True:  # the key sequence cycles: skip a key that a live process still holds
                row = conn.execute("SELECT nextval('report_owner_keys')::integer").fetchone()
                key = _scalar(row)
                locked = conn.execute("SELECT pg_try_advisory_lock(%s, %s)", (LOCK_CLASS_REPORT_OWNER, key)).fetchone()
                if locked and locked[0]:
                    return conn, key
        except psycopg.Error as exc:
            conn.close()
            raise StorageError(f"cannot use the PostgreSQL store {self.where}: {_reason(exc, url)}") from exc

    @contextmanager
    def _connection(self) -> Iterator[Conn]:
        try:
            with self._pool.connection() as conn:
                yield conn
        except psycopg.errors.ReadOnlySqlTransaction as exc:
            raise StorageError(f"the PostgreSQL store {self.where} was opened read-only") from exc
        except psycopg.OperationalError as exc:  # connection lost, pool exhausted or closed, server shutting down
            raise StorageError(f"the PostgreSQL store {self.where} is unavailable: {_reason(exc)}") from exc

    # -- meta -----------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self._connection() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = %s", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._connection() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- sources --------------------------------------------------------------------------------------
    def get_source(self, source_id: str) -> Source | None:
        with self._connection() as conn:
            row = conn.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE id = %s", (source_id,)).fetchone()
        return None if row is None else _source(row)

    def list_sources(self, *, offset: int = 0, limit: int | None = None) -> list[Source]:
        with self._connection() as conn:
            rows = conn.execute(
                f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY id LIMIT %s OFFSET %s", (limit, offset)
            ).fetchall()
        return [_source(row) for row in rows]

    def source_ids(self) -> list[str]:
        with self._connection() as conn:
            return [str(r[0]) for r in conn.execute("SELECT id FROM sources ORDER BY id").fetchall()]

    def count_claims(self, source_id: str, *, typed_only: bool = True) -> int:
        query = "SELECT count(*) FROM claims WHERE source_id = %s" + (" AND kind != 'statement'" if typed_only else "")
        with self._connection() as conn:
            return _scalar(conn.execute(query, (source_id,)).fetchone())

    def count_sources(self) -> int:
        with self._connection() as conn:
            return _scalar(conn.execute("SELECT count(*) FROM sources").fetchone())

    def count_sentences(self) -> int:
        with self._connection() as conn:
            return _scalar(conn.execute("SELECT count(*) FROM sentences").fetchone())

    def add_source(
        self,
        source: SourceInput,
        spans: Sequence[Span],
        vectors: Matrix,
        claims: Sequence[Sequence[Claim]] | None = None,
    ) -> list[int]:
        if len(spans) != len(vectors) or (claims is not None and len(claims) != len(spans)):
            raise ValueError("one vector and one claim list per sentence")
        for what in ("title", "outlet", "url"):
            if "\x00" in (getattr(source, what) or ""):
                raise InvalidInputError(f"the {what} of source {source.id!r} contains NUL characters")
        with self._connection() as conn, conn.transaction():
            inserted = conn.execute(
                f"INSERT INTO sources ({_SOURCE_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, now()) "
                "ON CONFLICT (id) DO NOTHING RETURNING id",
                (
                    source.id,
                    source.title,
                    source.outlet,
                    source.url,
                    source.published_at,
                    source.content_hash,
                    source.text,
                    len(spans),
                ),
            ).fetchone()
            if inserted is None:  # stored already, or by a concurrent writer that committed while this one waited
                row = conn.execute("SELECT content_hash FROM sources WHERE id = %s", (source.id,)).fetchone()
                same_text = row is not None and row[0] == source.content_hash
                raise SourceConflictError(_conflict_message(source.id, same_text))
            ids = _allocate(conn, "sentences", len(spans))
            starts, ends, texts, blobs = [], [], [], []
            for span, vector in zip(spans, vectors, strict=True):
                starts.append(span.start)
                ends.append(span.end)
                texts.append(span.text)
                blobs.append(np.ascontiguousarray(vector, dtype=np.float32).tobytes())
            conn.execute(
                'INSERT INTO sentences (id, source_id, position, start, "end", text, vector) '
                "SELECT u.id, %s, u.position - 1, u.start, u.stop, u.text, u.vector "
                "FROM unnest(%s::bigint[], %s::integer[], %s::integer[], %s::text[], %s::bytea[]) "
                "WITH ORDINALITY AS u(id, start, stop, text, vector, position)",
                (source.id, ids, starts, ends, texts, blobs),
            )
            if claims is not None:
                _insert_claims(conn, source.id, ids, claims)
            _record_change(conn, source.id, "insert", ids)
        return ids

    def delete_source(self, source_id: str) -> list[int]:
        with self._connection() as conn, conn.transaction():
            # The source row first, as add_source and replace_claims do: writers lock in one order.
            if conn.execute("SELECT 1 FROM sources WHERE id = %s FOR UPDATE", (source_id,)).fetchone() is None:
                return []
            ids = [
                int(r[0])
                for r in conn.execute(
                    "SELECT id FROM sentences WHERE source_id = %s ORDER BY position", (source_id,)
                ).fetchall()
            ]
            conn.execute("DELETE FROM sources WHERE id = %s", (source_id,))  # cascades: sentences, claims, slots
            _record_change(conn, source_id, "delete", ids)
        return ids

    def replace_claims(self, source_id: str, sentence_ids: Sequence[int], claims: Sequence[Sequence[Claim]]) -> None:
        """Swap a source's claims for freshly extracted ones, in one transaction (a deleted source: nothing)."""
        with self._connection() as conn, conn.transaction():
            # Two replicas re-extracting at once take turns here instead of both inserting a full set.
            if conn.execute("SELECT 1 FROM sources WHERE id = %s FOR UPDATE", (source_id,)).fetchone() is None:
                return
            conn.execute("DELETE FROM claims WHERE source_id = %s", (source_id,))
            _insert_claims(conn, source_id, sentence_ids, claims)

    def sentences_in_slots(
        self, slots: Sequence[str], source_ids: Sequence[str] | None, *, among: Sequence[int] | None = None
    ) -> list[int]:
        """Ids of the sentences holding a claim filed under one of ``slots`` (optionally in some sources, and
        among some sentences)."""
        if not slots or (among is not None and not among):
            return []
        query = (
            "SELECT DISTINCT c.sentence_id FROM claim_slots s JOIN claims c ON c.id = s.claim_id "
            "WHERE s.slot = ANY(%s::text[])"
        )
        params: list[object] = [list(slots)]
        if source_ids is not None:
            query += " AND s.source_id = ANY(%s::text[])"
            params.append(list(source_ids))
        if among is not None:
            query += " AND c.sentence_id = ANY(%s::bigint[])"
            params.append([int(i) for i in among])
        with self._connection() as conn:
            return [int(r[0]) for r in conn.execute(query, params).fetchall()]

    def claims_of_sentences(self, sentence_ids: Sequence[int]) -> dict[int, list[Claim]]:
        with self._connection() as conn:
            return _claims_of(conn, sentence_ids)

    # -- reports --------------------------------------------------------------------------------------
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
        with self._connection() as conn:
            conn.execute(
                "INSERT INTO reports (id, created_at, updated_at, status, params, progress, body, error, owner_key) "
                "VALUES (%s, now(), now(), %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
                "updated_at = excluded.updated_at, status = excluded.status, progress = excluded.progress, "
                "body = excluded.body, error = excluded.error, owner_key = excluded.owner_key",
                (report_id, status, params, progress, body, error, self._owner_key),
            )

    def get_report(self, report_id: str) -> dict[str, str | None] | None:
        with self._connection() as conn:
            columns = ", ".join(_REPORT_COLUMNS)
            row = conn.execute(f"SELECT {columns} FROM reports WHERE id = %s", (report_id,)).fetchone()
        if row is None:
            return None
        values = [_iso(v) if isinstance(v, datetime) else v for v in row]
        return dict(zip(_REPORT_COLUMNS, values, strict=True))

    def fail_running_reports(self, error: str) -> int:
        """Mark failed the running reports whose process is gone; returns how many.

        A live process (this one or another replica) holds its owner lock, so the transaction-level try-lock on
        its key fails and its reports are left alone.
        """
        with self._connection() as conn, conn.transaction():
            cursor = conn.execute(
                "UPDATE reports SET status = 'failed', error = %s, updated_at = now() WHERE status = 'running' "
                "AND (owner_key IS NULL OR pg_try_advisory_xact_lock(%s, owner_key))",
                (error, LOCK_CLASS_REPORT_OWNER),
            )
            return cursor.rowcount

    def take_queued_report(self) -> tuple[str, str] | None:
        """The oldest queued report, marked running and owned by this process; replicas taking at once each get
        another one (a row one of them has locked is skipped, not waited for)."""
        with self._connection() as conn, conn.transaction():
            row = conn.execute(
                "UPDATE reports SET status = 'running', owner_key = %s, updated_at = now() WHERE id = ("
                "SELECT id FROM reports WHERE status = 'queued' ORDER BY created_at, id "
                "FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id, params",
                (self._owner_key,),
            ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def count_reports(self, statuses: Sequence[str]) -> int:
        with self._connection() as conn:
            return _scalar(
                conn.execute("SELECT count(*) FROM reports WHERE status = ANY(%s)", (list(statuses),)).fetchone()
            )

    def list_reports(self, *, offset: int = 0, limit: int = 50) -> list[dict[str, str | None]]:
        keys = ("id", "created_at", "updated_at", "status", "params", "error")
        with self._connection() as conn:
            rows = conn.execute(
                f"SELECT {', '.join(keys)} FROM reports ORDER BY created_at DESC, id DESC LIMIT %s OFFSET %s",
                (limit, offset),
            ).fetchall()
        return [dict(zip(keys, [_iso(v) if isinstance(v, datetime) else v for v in row], strict=True)) for row in rows]

    # -- sentences and vectors ------------------------------------------------------------------------
    def sentences(self, ids: Sequence[int]) -> dict[int, Sentence]:
        found: dict[int, Sentence] = {}
        unique = list(dict.fromkeys(int(i) for i in ids))
        with self._connection() as conn:
            for chunk in _chunks(unique):
                rows = conn.execute(
                    f"SELECT {_SENTENCE_COLUMNS} FROM sentences WHERE id = ANY(%s::bigint[])", (chunk,)
                ).fetchall()
                for row in rows:
                    found[int(row[0])] = Sentence(*row)
        return found

    def source_sentences(self, source_id: str) -> list[Sentence]:
        with self._connection() as conn:
            return _source_sentences(conn, source_id)

    def source_content(self, source_id: str) -> SourceContent | None:
        with self._connection() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")  # one snapshot for all reads
            if conn.execute("SELECT 1 FROM sources WHERE id = %s", (source_id,)).fetchone() is None:
                return None
            sentences = _source_sentences(conn, source_id)
            ids = [s.id for s in sentences]
            claims = _claims_of(conn, ids)
            vector_ids, vectors = _vectors(conn, ids)
        return SourceContent(sentences, claims, vector_ids, vectors)

    def sentence_ids(self) -> Ids:
        with self._connection() as conn:
            rows = conn.execute("SELECT id FROM sentences").fetchall()
        return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))

    def vectors(self, ids: Sequence[int]) -> tuple[Ids, Matrix]:
        with self._connection() as conn:
            return _vectors(conn, ids)

    def replace_vectors(self, ids: Sequence[int], vectors: Matrix) -> None:
        pairs = list(zip(ids, vectors, strict=True))  # one vector per sentence id
        with self._connection() as conn, conn.transaction():
            for start in range(0, len(pairs), _CHUNK):
                chunk = pairs[start : start + _CHUNK]
                conn.execute(
                    "UPDATE sentences SET vector = u.vector FROM unnest(%s::bigint[], %s::bytea[]) AS u(id, vector) "
                    "WHERE sentences.id = u.id",
                    (
                        [int(i) for i, _ in chunk],
                        [np.ascontiguousarray(v, dtype=np.float32).tobytes() for _, v in chunk],
                    ),
                )

    def iter_vectors(self, batch_size: int = 10_000) -> Iterator[tuple[Ids, Matrix]]:
        last = -1
        while True:
            with self._connection() as conn, conn.cursor(binary=True) as cursor:  # not held across a yield
                rows = cursor.execute(
                    "SELECT id, vector FROM sentences WHERE id > %s ORDER BY id LIMIT %s", (last, batch_size)
                ).fetchall()
            if not rows:
                return
            last = int(rows[-1][0])
            yield np.asarray([r[0] for r in rows], dtype=np.int64), _matrix([bytes(r[1]) for r in rows])

    # -- change sequence ------------------------------------------------------------------------------
    def changes_since(self, seq: int, *, limit: int | None = None) -> list[Change]:
        """Changes numbered above ``seq``, oldest first (at most ``limit``): see :class:`ChangeLog`."""
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT seq, source_id, kind, sentence_ids, at FROM changes WHERE seq > %s ORDER BY seq LIMIT %s",
                (seq, limit),
            ).fetchall()
        return [
            Change(int(s), str(source_id), cast(ChangeKind, kind), tuple(int(i) for i in ids), at)
            for s, source_id, kind, ids, at in rows
        ]

    def current_sequence(self) -> int:
        """The number of the last committed change (0: none yet)."""
        with self._connection() as conn:
            return _scalar(conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone())

    # -- lifecycle ------------------------------------------------------------------------------------
    def close(self) -> None:
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
        try:
            if hasattr(self, "_pool"):
                self._pool.close()
        finally:
            if self._owner is not None:
                # Released before the connection closes: a server ends the session (and frees its locks) a moment
                # after the client has gone. From now on, this process's running reports may be marked failed.
                with suppress(psycopg.Error):
                    self._owner.execute("SELECT pg_advisory_unlock(%s, %s)", (LOCK_CLASS_REPORT_OWNER, self._owner_key))
                self._owner.close()


# -- helpers (each takes the connection, so that one transaction can chain them) -----------------------
def _allocate(conn: Conn, table: str, count: int) -> list[int]:
    """``count`` new ids of ``table``, ascending (so that ids follow text order, as in SQLite)."""
    if count == 0:
        return []
    rows = conn.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", (table, count)
    ).fetchall()
    return sorted(int(r[0]) for r in rows)


def _insert_claims(conn: Conn, source_id: str, sentence_ids: Sequence[int], claims: Sequence[Sequence[Claim]]) -> None:
    pairs = zip(sentence_ids, claims, strict=True)
    flat = [(int(sentence_id), claim) for sentence_id, sentence_claims in pairs for claim in sentence_claims]
    if not flat:
        return
    ids = _allocate(conn, "claims", len(flat))
    conn.execute(
        "INSERT INTO claims (id, sentence_id, source_id, kind, payload) "
        "SELECT u.id, u.sentence_id, %s, u.kind, u.payload "
        "FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[]) AS u(id, sentence_id, kind, payload)",
        (source_id, ids, [s for s, _ in flat], [c.kind for _, c in flat], [c.to_json() for _, c in flat]),
    )
    slots = [(claim_id, slot) for claim_id, (_, claim) in zip(ids, flat, strict=True) for slot in slot_keys(claim)]
    if slots:
        conn.execute(
            "INSERT INTO claim_slots (claim_id, slot, source_id) SELECT u.claim_id, u.slot, %s "
            "FROM unnest(%s::bigint[], %s::text[]) AS u(claim_id, slot)",
            (source_id, [c for c, _ in slots], [s for _, s in slots]),
        )


def _record_change(conn: Conn, source_id: str, kind: ChangeKind, sentence_ids: Sequence[int]) -> None:
    """The last statement of a write: numbers taken in commit order.

    The transaction lock is held from here to the commit, so a change numbered N commits before any numbered
    above it is even drawn, and a reader that sees N can never later see a smaller number appear. Only this tail
    of each write is serialized; the rows before it are written concurrently.
    """
    conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))", (LOCK_CLASS_CHANGES,))
    conn.execute(
        "INSERT INTO changes (source_id, kind, sentence_ids) VALUES (%s, %s, %s::bigint[])",
        (source_id, kind, list(sentence_ids)),
    )


def _source_sentences(conn: Conn, source_id: str) -> list[Sentence]:
    rows = conn.execute(
        f"SELECT {_SENTENCE_COLUMNS} FROM sentences WHERE source_id = %s ORDER BY position", (source_id,)
    ).fetchall()
    return [Sentence(*row) for row in rows]


def _claims_of(conn: Conn, sentence_ids: Sequence[int]) -> dict[int, list[Claim]]:
    found: dict[int, list[Claim]] = {}
    for chunk in _chunks([int(i) for i in sentence_ids]):
        rows = conn.execute(
            "SELECT sentence_id, payload FROM claims WHERE sentence_id = ANY(%s::bigint[]) ORDER BY id", (chunk,)
        ).fetchall()
        for sentence_id, payload in rows:
            found.setdefault(int(sentence_id), []).append(claim_from_json(payload))
    return found


def _vectors(conn: Conn, ids: Sequence[int]) -> tuple[Ids, Matrix]:
    found_ids: list[int] = []
    blobs: list[bytes] = []
    for chunk in _chunks([int(i) for i in ids]):
        with conn.cursor(binary=True) as cursor:  # bytea as raw bytes, not hex text
            rows = cursor.execute(
                "SELECT id, vector FROM sentences WHERE id = ANY(%s::bigint[]) ORDER BY id", (chunk,)
            ).fetchall()
        for sentence_id, blob in rows:
            found_ids.append(int(sentence_id))
            blobs.append(bytes(blob))
    return np.asarray(found_ids, dtype=np.int64), _matrix(blobs)


def _read_only_session(conn: Conn) -> None:
    conn.execute("SET default_transaction_read_only = on")


def _connect_kwargs(url: str) -> dict[str, Any]:
    """Defaults the URL does not set itself; ConfigError when it cannot be parsed."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.Error as exc:
        raise ConfigError(f"database_url is not a valid PostgreSQL URL: {_reason(exc, url)}") from None
    kwargs: dict[str, Any] = {}
    if "connect_timeout" not in params:
        kwargs["connect_timeout"] = _CONNECT_TIMEOUT
    if "application_name" not in params:
        kwargs["application_name"] = "factcheck"
    return kwargs


def _reason(exc: BaseException, url: str | None = None) -> str:
    """The error on one line, with any password in it masked (libpq echoes an unparseable URL whole)."""
    text = re.sub(r"\s+", " ", str(exc)).strip() or type(exc).__name__
    text = re.sub(r"(://[^:/@\s\"]*:)[^@\s\"]*@", r"\1***@", text)  # scheme://user:password@
    text = re.sub(r"(password\s*=\s*)('[^']*'|[^\s&\"]+)", r"\1***", text)  # password=... (key=value or query)
    if url:
        with suppress(ValueError):
            password = urlsplit(url).password
            if password:
                text = text.replace(password, "***")
    return text


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds")


def _source(row: tuple[Any, ...]) -> Source:
    (source_id, title, outlet, url, published_at, content_hash, text, sentence_count, created_at) = row
    return Source(
        id=str(source_id),
        text=str(text),
        content_hash=str(content_hash),
        sentence_count=int(sentence_count),
        created_at=_iso(created_at),
        title=title,
        outlet=outlet,
        url=url,
        published_at=published_at,
    )


def _scalar(row: tuple[Any, ...] | None) -> int:
    return 0 if row is None else int(row[0])


def _matrix(blobs: list[bytes]) -> Matrix:
    if not blobs:
        return np.zeros((0, 0), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1).copy()


def _chunks(items: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
