"""Persistent storage behind a protocol; SQLite is the embedded default."""

from factcheck.storage.base import Storage
from factcheck.storage.sqlite import SQLiteStorage

__all__ = ["SQLiteStorage", "Storage"]
