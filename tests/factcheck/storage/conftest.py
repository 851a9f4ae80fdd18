"""A storage of each backend: SQLite in a temporary directory, then PostgreSQL in a fresh database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.storage import SQLiteStorage, Storage


@pytest.fixture
def storage(database_url: str | None, tmp_path: Path) -> Iterator[Storage]:
    if database_url is None:
        opened: Storage = SQLiteStorage(tmp_path / "factcheck.sqlite3")
    else:
        from factcheck.storage.postgres import PostgresStorage

        opened = PostgresStorage(database_url)
    yield opened
    opened.close()
