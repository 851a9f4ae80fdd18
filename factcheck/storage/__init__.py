"""Persistent storage behind a protocol; SQLite is the embedded default, PostgreSQL the store replicas share
(:mod:`factcheck.storage.postgres`, imported only when a ``postgresql://`` URL is configured)."""

from factcheck.storage.base import Change, ChangeLog, Storage
from factcheck.storage.sqlite import SQLiteStorage

__all__ = ["Change", "ChangeLog", "SQLiteStorage", "Storage"]
