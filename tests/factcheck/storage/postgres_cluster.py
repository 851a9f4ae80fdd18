"""A throwaway PostgreSQL 15 cluster for the tests: initdb into a temporary directory, a server on a free loopback
port, one fresh database per test, stopped and removed at the end of the session.

Run as root (the development machines), the server runs as the ``postgres`` user, which initdb requires; run as
anyone else, it runs as that user. Without the server binaries the PostgreSQL variants of the tests are skipped.
"""

from __future__ import annotations

import itertools
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BINDIRS = (Path("/usr/lib/postgresql/15/bin"),)
USER = "fc"


def find_bindir() -> Path | None:
    """The directory of ``initdb`` and ``pg_ctl``: PostgreSQL 15's on Debian, else the one on PATH."""
    candidates = list(BINDIRS)
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for directory in candidates:
        if (directory / "initdb").is_file() and (directory / "pg_ctl").is_file():
            return directory
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        # Under /tmp, not pytest's tmp_path: the postgres user must reach it (pytest's is private to root), and a
        # Unix socket path must stay short.
        self.directory = Path(tempfile.mkdtemp(prefix="factcheck-pg-"))
        self.data = self.directory / "data"
        self.port = 0
        self._as_root = os.geteuid() == 0
        self._names = itertools.count(1)
        if self._as_root:
            shutil.chown(self.directory, "postgres")

    def _run(self, *command: str) -> None:
        argv = [str(self.bindir / command[0]), *command[1:]]
        if self._as_root:
            argv = ["su", "postgres", "-c", shlex.join(argv)]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=180)
        if result.returncode != 0:
            log = self.directory / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{shlex.join(command)} failed: {result.stderr or result.stdout}\n{tail}")

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C.UTF-8", "-N")
        # Durability is not under test here (a SIGKILLed client is; the server is never killed): no fsync.
        for attempt in range(3):
            self.port = _free_port()
            options = (
                f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
            )
            log = str(self.directory / "log")
            try:
                self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")
                return
            except RuntimeError:
                if attempt == 2:  # the port was taken between the probe and the start, three times over
                    raise

    def stop(self) -> None:
        try:
            if self.port:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{dbname}"

    @contextmanager
    def database(self) -> Iterator[str]:
        """A new empty database's URL, dropped afterwards (with any connection a test left open)."""
        import psycopg

        name = f"fc_test_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        try:
            yield self.url(name)
        finally:
            with psycopg.connect(self.url(), autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
