"""Screenshots of each view of the page, for docs/web.md, taken in Debian's headless Chromium at 1280x900.

Run with UPDATE_SCREENSHOTS=1 to write them to docs/screenshots/ (otherwise they go to a temporary directory, so
an ordinary test run never changes the docs):

    UPDATE_SCREENSHOTS=1 python -m pytest tests/api/browser/test_screenshots.py

The articles are the project's fictional examples plus short made-up ones below.
"""

from __future__ import annotations

import json
import os
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("playwright", reason="playwright is not installed (pip install -e '.[dev]')")

from playwright.sync_api import FilePayload, Page, expect

from tests.api.browser.conftest import UPLOAD, needs_chromium, needs_endpoint
from tests.api.conftest import UN_CLAIM
from tests.api.live import live_server as start_live_server

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.usefixtures("patient_expect")]

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
MAX_BODY_BYTES = 64 * 1024
# Made-up articles about the examples' fictional story.
COURIER = """---
id: coastal-courier
title: "Velmar flood toll rises as ceasefire talks open"
outlet: The Coastal Courier
published_at: 2026-03-13
---

Floods along the Tessa River have forced tens of thousands of people from their homes in Kastavia's border province
of Velmar. The United Nations says 70 people have been killed in the floods since March 1. Rescue teams are still
searching villages around Velmar city, the regional governor said on Friday.
"""
BRIEFS = [
    {
        "id": "wire-brief-talks",
        "outlet": "Example Wire",
        "title": "Ceasefire talks open in Lindhaven",
        "published_at": "2026-03-13",
        "text": "Delegations from Kastavia and Dravenia met in Lindhaven on Friday for ceasefire talks. Osterland's "
        "foreign minister, Dr Karin Holmqvist, chaired the first session.",
    },
    {
        "id": "wire-brief-aid",
        "outlet": "Example Wire",
        "title": "Aid convoy reaches Velmar",
        "published_at": "2026-03-14",
        "text": "A convoy of twelve aid trucks reached Velmar city on Saturday morning, the Kastavian Red Cross said.",
    },
]


@pytest.fixture(scope="module")
def browser_context_args() -> dict[str, Any]:
    return {"viewport": VIEWPORT, "device_scale_factor": 1, "color_scheme": "light", "reduced_motion": "reduce"}


@pytest.fixture(scope="module")
def shown_server(tmp_path_factory: pytest.TempPathFactory, example_bodies: dict[str, dict[str, Any]]) -> Iterator[str]:
    """The example articles, with a 64 KiB body limit (so an oversized upload shows its refusal)."""
    root = tmp_path_factory.mktemp("screenshots")
    overrides = {"FACTCHECK_MAX_BODY_BYTES": str(MAX_BODY_BYTES)}
    with start_live_server(root / "data", root / "server.log", overrides) as (base, _process):
        with httpx.Client(base_url=base, timeout=120) as http:
            for body in example_bodies.values():
                assert http.post("/v1/sources", json=body).status_code == 201
        yield base


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where the screenshots go: docs/screenshots/ with UPDATE_SCREENSHOTS=1, else a temporary directory."""
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return DOCS_SCREENSHOTS
    return tmp_path


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def scroll_to(page: Page, selector: str) -> None:
    """Scroll the window so that the element's top sits just under the top of the viewport."""
    page.locator(selector).evaluate(
        "node => window.scrollTo(0, node.getBoundingClientRect().top + window.scrollY - 16)"
    )


def shoot(page: Page, directory: Path, name: str) -> Path:
    path = directory / name
    page.screenshot(path=str(path), animations="disabled", caret="hide")
    assert png_size(path) == (VIEWPORT["width"], VIEWPORT["height"])
    return path


def test_screenshots_of_each_view(page: Page, shown_server: str, screenshots: Path) -> None:
    needs_endpoint(shown_server, UPLOAD)
    page.set_default_timeout(60_000)
    page.goto(shown_server + "/")
    expect(page.locator("#sources-summary")).to_have_text("3 sources stored.")

    # 1. The main view with a check's verdict.
    page.get_by_label("Claim", exact=True).fill(UN_CLAIM)
    page.get_by_role("button", name="Check claim").click()
    expect(page.locator("#overall-verdict")).to_have_text("mixed")
    page.locator("#claim").blur()
    scroll_to(page, "#result")
    shoot(page, screenshots, "main-check.png")

    # 2. The source view, reached from the Ledger's evidence: its sentence highlighted.
    ledger = page.locator('.source-result[data-source-id="northern-ledger"] .evidence').first
    ledger.get_by_role("link", name="Show in the article").click()
    expect(page.locator("#source-text mark.passage")).to_be_in_viewport()
    expect(page.locator("#conflicts-status")).to_have_text(re.compile(r"^(Other sources contradict|No conflicts)"))
    page.locator("#source-title").blur()
    shoot(page, screenshots, "source-view.png")

    # 3. Adding sources: an article pasted, then three files, one of them over the body limit.
    page.locator("#source-view").get_by_role("link", name="Back to checks and sources").click()
    page.get_by_label("Article text").fill(BRIEFS[0]["text"])
    page.get_by_label("Title").fill(BRIEFS[0]["title"])
    page.get_by_label("Outlet").fill(BRIEFS[0]["outlet"])
    page.get_by_label("Published").fill(BRIEFS[0]["published_at"])
    page.get_by_label("Id (optional)").fill(BRIEFS[0]["id"])
    page.get_by_role("button", name="Add the article").click()
    expect(page.locator("#add-result .arrival-summary")).to_be_visible()
    oversized = ("The harbour board met on Tuesday to discuss the lighthouse. " * 1200).encode()
    assert len(oversized) > MAX_BODY_BYTES
    page.get_by_label("Files (.txt, .md, .html, .jsonl)").set_input_files(
        [
            FilePayload(name="coastal-courier.txt", mimeType="text/plain", buffer=COURIER.encode()),
            FilePayload(name="wire-briefs.jsonl", mimeType="application/jsonl", buffer=jsonl(BRIEFS[1:])),
            FilePayload(name="harbour-archive.txt", mimeType="text/plain", buffer=oversized),
        ]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("#add-status")).to_have_text("Uploaded 3 files: 2 stored, 1 refused.")
    page.get_by_role("button", name="Upload").blur()
    scroll_to(page, "#add-heading")
    shoot(page, screenshots, "add-sources.png")

    # 4. A report over the examples and the courier, read in the page: conflicts first.
    for source_id in ("harbor-daily", "northern-ledger", "radio-meridian", "coastal-courier"):
        page.get_by_role("checkbox", name=re.compile(rf"\({source_id}\)")).check()
    page.get_by_role("button", name="Build a report").click()
    page.locator("#reports-list li").first.get_by_role("link", name="Open in the page").click()
    expect(page.locator("#report-topics li.topic").first).to_have_attribute("data-status", "conflict")
    page.locator("#report-title").blur()
    shoot(page, screenshots, "report.png")


def jsonl(records: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(record) + "\n" for record in records).encode()
