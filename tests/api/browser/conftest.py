"""Browser tests: Debian's Chromium driven by Playwright, against a real `factcheck serve` on loopback.

Playwright never downloads a browser here: it launches /usr/bin/chromium (`apt-get install chromium`, which
.ci/run does). The tests skip with a reason when that binary is absent.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.api.live import live_server as start_live_server

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserType, ConsoleMessage, Error, Page, Playwright, Request

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


# -- endpoints that colleagues are still writing: the tests that need one skip, naming it, until it is served --
UPLOAD = ("POST", "/v1/sources/file", "api/routes/uploads.py")
SOURCE_CLAIMS = ("GET", "/v1/sources/{source_id}/claims", "api/routes/sources.py")
SOURCE_CONFLICTS = ("GET", "/v1/sources/{source_id}/conflicts", "api/routes/sources.py")
_PARAMETER = re.compile(r"\{[^}]*\}")


def _openapi(base: str) -> dict[str, Any]:
    description: dict[str, Any] = httpx.get(f"{base}/openapi.json", timeout=30).json()
    return description


def serves(base: str, method: str, path: str) -> bool:
    """Whether the running service documents this operation (path parameters may have any name)."""
    wanted = _PARAMETER.sub("{}", path)
    paths = _openapi(base).get("paths", {})
    return any(_PARAMETER.sub("{}", p) == wanted and method.lower() in ops for p, ops in paths.items())


def needs_endpoint(base: str, endpoint: tuple[str, str, str]) -> None:
    method, path, where = endpoint
    if not serves(base, method, path):
        pytest.skip(f"waits on {method} {path} ({where}), not served yet")


def _resolve(description: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = description["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def reports_arrival_conflicts(base: str, path: str = "/v1/sources") -> bool:
    """Whether a write answers with the conflicts a new source brings (`conflicts`): POST /v1/sources in its
    body, POST /v1/sources/file in each entry of `stored`."""
    description = _openapi(base)
    operation = description["paths"].get(path, {}).get("post")
    if operation is None:
        return False
    answers = operation["responses"]
    content: dict[str, Any] = answers.get("201", answers.get("200", {})).get("content", {})
    media: dict[str, Any] = next(iter(content.values()), {})
    schema = _resolve(description, media.get("schema", {}))
    stored = schema.get("properties", {}).get("stored")
    if stored is not None:
        schema = _resolve(description, stored.get("items", {}))
    return "conflicts" in schema.get("properties", {})


@pytest.fixture
def patient_expect() -> Iterator[None]:
    """expect() waits up to 60 s: articles are embedded and reports built while a training run has the CPUs."""
    from playwright.sync_api import expect

    expect.set_options(timeout=60_000)
    yield
    expect.set_options(timeout=5_000)  # Playwright's default


class PageWatch:
    """What a page logs as an error, throws, or requests outside the service.

    The browser logs every 4xx and 5xx response as a console error: a test that provokes one on purpose says so
    with ``expect_http(status)``; any other stays a problem.
    """

    def __init__(self, page: Page, base: str) -> None:
        self.base = base
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.expected_statuses: set[int] = set()
        page.on("console", self._console)
        page.on("pageerror", self._page_error)
        page.on("request", self._request)
        page.on("dialog", self._dialog)

    def expect_http(self, *statuses: int) -> None:
        self.expected_statuses.update(statuses)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        status = re.search(r"status of (\d{3})", message.text)
        if status and int(status.group(1)) in self.expected_statuses:
            return
        self.problems.append(f"console error: {message.text} ({message.location.get('url', '')})")

    def _page_error(self, error: Error) -> None:
        self.problems.append(f"uncaught: {error}")

    def _request(self, request: Request) -> None:
        if not request.url.startswith(self.base + "/"):
            self.problems.append(f"request outside the service: {request.url}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()
