"""Browser tests: Debian's Chromium driven by Playwright, against a real `factcheck serve` on loopback.

Playwright never downloads a browser here: it launches /usr/bin/chromium (`apt-get install chromium`, which
.ci/run does). The tests skip with a reason when that binary is absent.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.api.live import live_server as start_live_server

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
    with start_live_server(root / "data", root / "server.log") as (base, _process):
        with httpx.Client(base_url=base, timeout=30) as http:
            for body in example_bodies.values():
                stored = http.post("/v1/sources", json=body)
                assert stored.status_code == 201, stored.text
        yield base
