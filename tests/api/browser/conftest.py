"""Browser tests: Debian's Chromium driven by Playwright, against a real `factcheck serve` on loopback.

Playwright never downloads a browser here: it launches /usr/bin/chromium (`apt-get install chromium`, which
.ci/run does). The tests skip with a reason when that binary is absent.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.api.test_server import STARTUP_SECONDS, free_port

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserType, Playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
needs_chromium = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason=f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium) to run the browser tests",
)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright launches Debian's Chromium, never a browser build of its own."""
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


# pytest-playwright keeps one Playwright for the whole session, and its sync API leaves an event loop marked as
# running in the main thread until Playwright stops: every later test that calls asyncio.run() would fail
# ("cannot be called from a running event loop"). So here Playwright and the browser live for one module: the
# plugin's session fixtures that hold them are replaced (its `page` and `context` fixtures are used as they are).
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="module")
def browser(playwright: Playwright, browser_name: str, browser_type_launch_args: dict[str, Any]) -> Iterator[Browser]:
    browser_type: BrowserType = getattr(playwright, browser_name)
    launched = browser_type.launch(**browser_type_launch_args)
    yield launched
    launched.close()


@pytest.fixture(scope="module")
def browser_context_args() -> dict[str, Any]:
    """A plain context: the tests open the live server's address (no base URL, device or video)."""
    return {}


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, example_bodies: dict[str, dict[str, Any]]) -> Iterator[str]:
    """`factcheck serve` on a free loopback port and a fresh data directory holding the example articles."""
    root = tmp_path_factory.mktemp("browser")
    port = free_port()
    log_path = root / "server.log"
    env = {name: value for name, value in os.environ.items() if not name.startswith("FACTCHECK_")}
    command = [sys.executable, "-m", "factcheck.cli", "serve", "--port", str(port), "--data-dir", str(root / "data")]
    with log_path.open("wb") as log:
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
        with httpx.Client(base_url=base, timeout=30) as http:
            for body in example_bodies.values():
                stored = http.post("/v1/sources", json=body)
                assert stored.status_code == 201, stored.text
        yield base
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
