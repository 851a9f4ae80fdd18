"""A real `factcheck serve` process on a free loopback port, for the tests that need one."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def live_server(
    data_dir: Path,
    log_path: Path,
    env_overrides: dict[str, str] | None = None,
    program: Sequence[str] = (sys.executable, "-m", "factcheck.cli"),
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start the server, wait until /readyz answers 200, yield its base URL; SIGTERM it at the end.

    ``program`` is what runs ``serve``: the CLI, or a test script that wraps it. The log is appended to, so one
    log can hold a server's successive runs on the same data directory.
    """
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("FACTCHECK_")}
    env.update(env_overrides or {})
    command = [*program, "serve", "--port", str(port), "--data-dir", str(data_dir)]
    with log_path.open("ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"the server exited with {process.returncode}:\n{log_path.read_text()}")
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the server was not ready after {STARTUP_SECONDS} s:\n{log_path.read_text()}")
            time.sleep(0.1)
        yield base, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
