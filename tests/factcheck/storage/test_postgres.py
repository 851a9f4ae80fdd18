"""What only the PostgreSQL store does: versioned migrations under a lock, the change sequence replicas follow,
many writers at once (threads and processes) with every acknowledged write present, report owners, and clear
errors for a bad or unreachable URL."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import numpy as np
import psycopg
import pytest

from api.errors import status_of
from factcheck import Config, Corpus
from factcheck.errors import ConfigError, NotFoundError, SourceConflictError, StorageError
from factcheck.settings import Settings
from factcheck.storage import ChangeLog
from factcheck.storage.postgres import PostgresStorage, describe_url
from factcheck.storage.postgres_migrations import (
    LOCK_CLASS_CHANGES,
    MIGRATIONS,
    Migration,
    check_schema,
    migrate,
    schema_version,
)
from tests.factcheck.storage.postgres_cluster import Cluster
from tests.factcheck.storage.samples import DIMENSION, sample

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def store(postgres_url: str) -> Iterator[PostgresStorage]:
    opened = PostgresStorage(postgres_url)
    yield opened
    opened.close()


def applied(url: str) -> list[tuple[int, str]]:
    with psycopg.connect(url) as conn:
        return [(int(v), str(n)) for v, n in conn.execute("SELECT version, name FROM schema_migrations ORDER BY 1")]


# -- migrations ----------------------------------------------------------------------------------------------
def test_a_new_database_gets_every_migration_and_opening_again_is_a_no_op(postgres_url: str) -> None:
    PostgresStorage(postgres_url).close()
    assert applied(postgres_url) == [(m.version, m.name) for m in MIGRATIONS]
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        assert migrate(conn) == []  # nothing left to do
        assert schema_version(conn) == MIGRATIONS[-1].version
    with _opened(postgres_url) as again:
        assert again.count_sources() == 0
    assert applied(postgres_url) == [(m.version, m.name) for m in MIGRATIONS]


def test_an_older_schema_is_migrated_with_its_data(postgres_url: str) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        assert migrate(conn, MIGRATIONS[:1]) == [1]  # a store made before the change sequence
        conn.execute("INSERT INTO sources (id, content_hash, text, sentence_count) VALUES ('old', 'h', 'One. Two.', 2)")
        vector = np.ones(DIMENSION, dtype=np.float32).tobytes()
        old_ids = [
            int(r[0])
            for r in conn.execute(
                'INSERT INTO sentences (source_id, position, start, "end", text, vector) '
                "VALUES ('old', 0, 0, 4, 'One.', %s), ('old', 1, 5, 9, 'Two.', %s) RETURNING id",
                (vector, vector),
            ).fetchall()
        ]
        with pytest.raises(StorageError, match="schema version 1, this factcheck needs 2"):
            check_schema(conn)  # a reader does not migrate
    with pytest.raises(StorageError, match="open it once with a writer"):
        PostgresStorage(postgres_url, read_only=True)
    with _opened(postgres_url) as store:
        assert applied(postgres_url)[-1] == (2, "change sequence")
        source = store.get_source("old")
        assert source is not None and [s.text for s in store.source_sentences("old")] == ["One.", "Two."]
        (backlog,) = store.changes_since(0)  # the stored source is the first insert a replica sees
        assert (backlog.seq, backlog.source_id, backlog.kind, list(backlog.sentence_ids)) == (
            1,
            "old",
            "insert",
            old_ids,
        )
        new_ids = sample("new").store(store)
        assert [c.sentence_ids for c in store.changes_since(1)] == [tuple(new_ids)]
        assert min(new_ids) > max(old_ids)


def test_processes_opening_at_once_migrate_once(postgres_url: str) -> None:
    barrier = threading.Barrier(6)

    def open_close() -> None:
        barrier.wait()
        PostgresStorage(postgres_url).close()

    with ThreadPoolExecutor(6) as pool:
        for future in [pool.submit(open_close) for _ in range(6)]:
            future.result()  # none failed (without the lock, CREATE TABLE races fail with duplicate keys)
    assert applied(postgres_url) == [(m.version, m.name) for m in MIGRATIONS]


def test_a_store_from_a_newer_factcheck_or_edited_migrations_are_refused(postgres_url: str) -> None:
    PostgresStorage(postgres_url).close()
    edited = (*MIGRATIONS[:-1], Migration(MIGRATIONS[-1].version, MIGRATIONS[-1].name, MIGRATIONS[-1].sql + " "))
    with psycopg.connect(postgres_url, autocommit=True) as conn, pytest.raises(StorageError, match="other SQL"):
        migrate(conn, edited)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_migrations (version, name, checksum) VALUES (99, 'future', 'x')")
    for read_only in (False, True):
        with pytest.raises(StorageError, match="newer than this factcheck knows"):
            PostgresStorage(postgres_url, read_only=read_only)


def test_two_stores_in_two_schemas_of_one_database_are_independent(postgres_url: str) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute("CREATE SCHEMA newsroom_a")
        admin.execute("CREATE SCHEMA newsroom_b")
    a_url, b_url = (f"{postgres_url}?options=-csearch_path%3Dnewsroom_{n}" for n in "ab")
    with _opened(a_url) as a, _opened(b_url) as b:
        sample("talks").store(a)
        sample("floods").store(b)
        assert (a.source_ids(), b.source_ids()) == (["talks"], ["floods"])
        assert [c.source_id for c in b.changes_since(0)] == ["floods"]
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT to_regclass('public.sources')").fetchone() == (None,)


def test_migration_steps_must_be_numbered_in_order(postgres_url: str) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as conn, pytest.raises(ValueError, match="in order"):
        migrate(conn, (MIGRATIONS[1], MIGRATIONS[0]))


# -- the change sequence -------------------------------------------------------------------------------------
def test_inserts_and_deletes_are_numbered_in_order(store: PostgresStorage) -> None:
    assert isinstance(store, ChangeLog)
    assert store.current_sequence() == 0 and store.changes_since(0) == []
    a1 = sample("a").store(store)
    b = sample("b").store(store)
    assert store.delete_source("a") == a1
    a2 = sample("a", "Other text now.").store(store)
    changes = store.changes_since(0)
    assert [(c.source_id, c.kind, list(c.sentence_ids)) for c in changes] == [
        ("a", "insert", a1),
        ("b", "insert", b),
        ("a", "delete", a1),  # the ids a replica must drop, though the sentences are gone
        ("a", "insert", a2),
    ]
    seqs = [c.seq for c in changes]
    assert seqs == sorted(set(seqs)) and store.current_sequence() == seqs[-1]
    assert changes[0].at.tzinfo is not None and changes[0].at <= changes[-1].at
    assert store.changes_since(seqs[1]) == changes[2:]
    assert store.changes_since(0, limit=2) == changes[:2]
    assert store.changes_since(seqs[-1]) == []


def test_writes_that_change_nothing_record_nothing(store: PostgresStorage) -> None:
    talks = sample("talks")
    talks.store(store)
    before = store.current_sequence()
    with pytest.raises(SourceConflictError):
        talks.store(store)  # identical text: the corpus reports it unchanged
    with pytest.raises(SourceConflictError):
        sample("talks", "Different text.").store(store)
    assert store.delete_source("absent") == []
    with pytest.raises(ValueError, match="one vector"):
        store.add_source(talks.source, talks.spans, talks.vectors[:1])
    store.replace_claims("talks", [], [])  # claims do not change what a replica indexes
    assert store.current_sequence() == before and len(store.changes_since(0)) == 1


def test_a_change_is_numbered_only_once_the_one_before_has_committed(store: PostgresStorage, postgres_url: str) -> None:
    """A writer that drew its number first commits first: a reader never sees N+1 while N is still in flight."""
    with psycopg.connect(postgres_url) as slow:
        slow.execute("SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))", (LOCK_CLASS_CHANGES,))
        slow.execute("INSERT INTO changes (source_id, kind, sentence_ids) VALUES ('slow', 'insert', '{}')")
        done = threading.Event()

        def write() -> None:
            sample("fast").store(store)
            done.set()

        writer = threading.Thread(target=write)
        writer.start()
        time.sleep(0.5)
        assert not done.is_set()  # the second writer waits for the first one's commit...
        assert store.current_sequence() == 0 and store.get_source("fast") is None
        slow.commit()
        writer.join(10)
    assert done.is_set()
    assert [c.source_id for c in store.changes_since(0)] == ["slow", "fast"]  # ...so numbers follow commits


# -- many writers --------------------------------------------------------------------------------------------
def test_replicas_writing_at_once_lose_nothing(postgres_url: str) -> None:
    """Four replicas (one storage each) ingest and delete at once: every acknowledged write is there, each once."""
    replicas = [PostgresStorage(postgres_url, pool_size=2) for _ in range(4)]
    barrier = threading.Barrier(len(replicas))

    def work(n: int) -> tuple[dict[str, list[int]], list[str]]:
        store, acknowledged, deleted = replicas[n], {}, []
        barrier.wait()
        for k in range(25):
            source_id = f"r{n}-{k}"
            acknowledged[source_id] = sample(source_id).store(store)
            if k % 5 == 4:
                victim = f"r{n}-{k - 1}"
                assert store.delete_source(victim) == acknowledged.pop(victim)
                deleted.append(victim)
        return acknowledged, deleted

    try:
        with ThreadPoolExecutor(len(replicas)) as pool:
            results = [f.result() for f in [pool.submit(work, n) for n in range(len(replicas))]]
        reader = replicas[0]
        acknowledged = {k: v for done, _ in results for k, v in done.items()}
        assert set(reader.source_ids()) == set(acknowledged)
        for source_id, ids in acknowledged.items():
            assert [s.id for s in reader.source_sentences(source_id)] == ids
        assert sorted(reader.sentence_ids().tolist()) == sorted(i for ids in acknowledged.values() for i in ids)
        changes = reader.changes_since(0)
        assert [c.seq for c in changes] == sorted(c.seq for c in changes)
        replayed: dict[str, tuple[int, ...]] = {}
        for change in changes:  # replaying the sequence gives the store's content
            if change.kind == "insert":
                replayed[change.source_id] = change.sentence_ids
            else:
                assert replayed.pop(change.source_id) == change.sentence_ids
        assert replayed == {k: tuple(v) for k, v in acknowledged.items()}
    finally:
        for replica in replicas:
            replica.close()


def test_one_id_stored_by_many_replicas_at_once_is_stored_once(postgres_url: str) -> None:
    replicas = [PostgresStorage(postgres_url, pool_size=1) for _ in range(6)]
    barrier = threading.Barrier(len(replicas))

    def store(n: int) -> str:
        barrier.wait()
        try:
            sample("contested", f"Version {n % 2} of the story.").store(replicas[n])
        except SourceConflictError as exc:
            return str(exc)
        return "stored"

    try:
        with ThreadPoolExecutor(len(replicas)) as pool:
            outcomes = list(pool.map(store, range(len(replicas))))
        assert outcomes.count("stored") == 1
        stored = replicas[0].get_source("contested")
        assert stored is not None and replicas[0].count_sentences() == 1
        winner = stored.text.split()[1]  # "Version N of the story."
        for n, outcome in enumerate(outcomes):
            if outcome != "stored":  # identical text: a concurrent no-op; other text: the usual conflict
                assert ("same text" if str(n % 2) == winner else "different text") in outcome
        assert [c.kind for c in replicas[0].changes_since(0)] == ["insert"]
    finally:
        for replica in replicas:
            replica.close()


_CHILD = """
import sys
from factcheck.storage.postgres import PostgresStorage
from tests.factcheck.storage.samples import sample

url, name = sys.argv[1], sys.argv[2]
store = PostgresStorage(url)
for k in range(20):
    sample(f"{name}-{k}").store(store)
    print(f"{name}-{k}", flush=True)  # acknowledged
store.close()
"""


def test_two_processes_writing_at_once_lose_nothing(postgres_url: str) -> None:
    PostgresStorage(postgres_url).close()  # migrated once, so that the children race on writes only
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, postgres_url, name], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        for name in ("p1", "p2")
    ]
    acknowledged = []
    for child in children:
        out, _ = child.communicate(timeout=120)
        assert child.returncode == 0
        acknowledged.extend(out.split())
    assert len(acknowledged) == 40
    with _opened(postgres_url) as store:
        assert sorted(store.source_ids()) == sorted(acknowledged)
        changes = store.changes_since(0)
        assert sorted(c.source_id for c in changes) == sorted(acknowledged) and {c.kind for c in changes} == {"insert"}
        assert [c.seq for c in changes] == sorted({c.seq for c in changes})


# -- reports -------------------------------------------------------------------------------------------------
def test_a_starting_replica_fails_only_the_reports_of_processes_that_are_gone(postgres_url: str) -> None:
    builder, starting = PostgresStorage(postgres_url), PostgresStorage(postgres_url)
    try:
        builder.put_report("live", status="running", params="{}")
        assert starting.fail_running_reports("stopped") == 0  # the builder is alive: its report stays running
        live = starting.get_report("live")
        assert live is not None and live["status"] == "running"
        builder.close()
        assert starting.fail_running_reports("stopped") == 1
        failed = starting.get_report("live")
        assert failed is not None and (failed["status"], failed["error"]) == ("failed", "stopped")
    finally:
        builder.close()
        starting.close()


def test_the_reports_table_serves_a_skip_locked_queue(store: PostgresStorage, postgres_url: str) -> None:
    for report_id in ("q1", "q2"):
        store.put_report(report_id, status="queued", params="{}")
        time.sleep(0.01)
    take = "SELECT id FROM reports WHERE status = 'queued' ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1"
    with (
        psycopg.connect(postgres_url) as one,
        psycopg.connect(postgres_url) as two,
        psycopg.connect(postgres_url) as three,
    ):
        assert one.execute(take).fetchall() == [("q1",)]
        assert two.execute(take).fetchall() == [("q2",)]  # not blocked: the taken row is skipped
        assert three.execute(take).fetchall() == []


def test_replicas_taking_queued_reports_at_once_each_get_another(postgres_url: str) -> None:
    replicas = [PostgresStorage(postgres_url, pool_size=1) for _ in range(4)]
    try:
        for n in range(12):
            replicas[0].put_report(f"q{n:02}", status="queued", params="{}")
        barrier = threading.Barrier(len(replicas))

        def take_all(store: PostgresStorage) -> list[str]:
            barrier.wait()
            taken = []
            while (report := store.take_queued_report()) is not None:
                taken.append(report[0])
            return taken

        with ThreadPoolExecutor(len(replicas)) as pool:
            shares = list(pool.map(take_all, replicas))
        assert sorted(r for share in shares for r in share) == [f"q{n:02}" for n in range(12)]  # each once
        assert replicas[0].count_reports(["running"]) == 12
    finally:
        for replica in replicas:
            replica.close()


# -- opening: URLs, errors, read-only ------------------------------------------------------------------------
def test_vectors_are_float32_bytes(store: PostgresStorage, postgres_url: str) -> None:
    talks = sample("talks")
    ids = talks.store(store)
    with psycopg.connect(postgres_url) as conn:
        rows = conn.execute("SELECT vector FROM sentences WHERE id = ANY(%s) ORDER BY id", (ids,)).fetchall()
    assert [np.frombuffer(r[0], dtype=np.float32).tolist() for r in rows] == talks.vectors.tolist()


def test_a_reader_needs_a_store_and_never_writes(postgres_url: str) -> None:
    with pytest.raises(NotFoundError, match="ingest something first"):
        PostgresStorage(postgres_url, read_only=True)
    PostgresStorage(postgres_url).close()
    with _opened(postgres_url, read_only=True) as reader:
        assert reader.count_sources() == 0
        with pytest.raises(StorageError, match="read-only"):
            reader.set_meta("model_id", "x")
        with pytest.raises(StorageError, match="read-only"):
            sample("talks").store(reader)


def test_an_unreachable_server_is_a_storage_error_without_the_password(postgres_cluster: Cluster) -> None:
    closed_port = f"postgresql://fc:s3cret-pw@127.0.0.1:{_closed_port()}/x"
    started = time.monotonic()
    with pytest.raises(StorageError, match=r"cannot use the PostgreSQL store postgresql://fc@127\.0\.0\.1") as caught:
        PostgresStorage(closed_port)
    assert time.monotonic() - started < 15 and "s3cret" not in str(caught.value)
    with pytest.raises(StorageError, match='database "no_such_db" does not exist'):
        PostgresStorage(postgres_cluster.url("no_such_db"))


def test_dropped_connections_are_replaced_and_a_closed_store_is_unavailable(
    store: PostgresStorage, postgres_url: str
) -> None:
    sample("talks").store(store)
    with psycopg.connect(postgres_url, autocommit=True) as admin:  # as a server restart or a failover does
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    assert store.count_sources() == 1  # the pool checks a connection before lending it
    store.close()
    with pytest.raises(StorageError, match="is unavailable") as caught:
        store.count_sources()
    assert status_of(caught.value) == (503, "storage_unavailable")  # what the HTTP service answers


def test_bad_urls_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="postgresql:// URL"):
        Config(data_dir=Path("x"), database_url="mysql://u:pw@host/db")
    with pytest.raises(ConfigError, match="no scheme"):
        Config(data_dir=Path("x"), database_url="host=localhost")
    for broken in ("postgresql://u:s3cret@host/db?bogus=1", "postgresql://u:s3cret@[::1/db?password=s3cret"):
        with pytest.raises(ConfigError, match="not a valid PostgreSQL URL") as caught:
            PostgresStorage(broken)
        assert "s3cret" not in str(caught.value)
    assert "pw" not in repr(Config(data_dir=Path("x"), database_url="postgresql://u:pw@host/db"))
    assert (
        describe_url("postgresql://u:pw@db.example:5433/news?sslmode=require") == "postgresql://u@db.example:5433/news"
    )


def test_settings_read_the_url_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(tmp_path))
    assert Settings().to_config().database_url is None  # the embedded default
    monkeypatch.setenv("FACTCHECK_DATABASE_URL", "postgresql://u:pw@db.example/news")
    settings = Settings()
    assert settings.to_config().database_url == "postgresql://u:pw@db.example/news"
    assert "pw" not in repr(settings) and "pw" not in str(settings.model_dump())
    monkeypatch.setenv("FACTCHECK_DATABASE_URL", "")
    assert Settings().to_config().database_url is None


def test_an_unreachable_store_fails_the_corpus_open_and_frees_the_data_directory(tmp_path: Path) -> None:
    url = f"postgresql://fc@127.0.0.1:{_closed_port()}/x"
    with pytest.raises(StorageError, match="cannot use the PostgreSQL store"):
        Corpus.open(Config(data_dir=tmp_path, database_url=url))
    with pytest.raises(StorageError, match="cannot use the PostgreSQL store"):
        Corpus.open(Config(data_dir=tmp_path, database_url=url))  # the data directory's lock was released


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the test connects


def _opened(url: str, *, read_only: bool = False) -> closing[PostgresStorage]:
    return closing(PostgresStorage(url, read_only=read_only))
