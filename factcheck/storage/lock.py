"""One writer per data directory: an exclusive, non-blocking flock on a file holding the writer's pid.

With SQLite the lock guards the whole store. With PostgreSQL the store needs none (transactions and unique
constraints arbitrate between writers) and the lock only decides which process writes the index cache file in
the data directory (:func:`try_acquire_write_lock`).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from factcheck.errors import StorageError

LOCK_FILE = "write.lock"


def acquire_write_lock(data_dir: Path) -> int:
    """The lock's file handle; StorageError naming the holder's pid when another process has it."""
    handle, holder = _try_lock(data_dir)
    if handle is None:
        raise StorageError(
            f"data directory {data_dir} is in use by another factcheck process (pid {holder}); "
            "stop it, or send the work to its HTTP API"
        )
    return handle


def try_acquire_write_lock(data_dir: Path) -> int | None:
    """The lock's file handle, or None when another process has it (StorageError: the directory is unusable)."""
    return _try_lock(data_dir)[0]


def _try_lock(data_dir: Path) -> tuple[int | None, str]:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handle = os.open(data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StorageError(f"cannot use data directory {data_dir}: {exc.strerror or exc}") from exc
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(handle, 32, 0).decode(errors="replace").strip() or "unknown"
        os.close(handle)
        return None, holder
    os.ftruncate(handle, 0)
    os.pwrite(handle, str(os.getpid()).encode(), 0)
    return handle, ""


def release_write_lock(handle: int | None) -> None:
    if handle is not None:
        try:
            fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            os.close(handle)
