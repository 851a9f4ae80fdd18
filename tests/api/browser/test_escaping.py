"""Hostile source text in every field a person sees, through every view, in a real headless Chromium: the page's
source list, a claim check, a report built from the page and the report's renderings. Each payload would set
window.__pwned and call alert() if it ever ran; the test listens for dialogs, checks the variable, counts the
elements the payloads would create, and checks that the text is shown literally.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

pytest.importorskip("playwright", reason="playwright is not installed (pip install -e '.[dev]')")

from playwright.sync_api import Dialog, Error, Page, expect

from tests.api.browser.conftest import needs_chromium
from tests.api.conftest import assert_error

pytestmark = [pytest.mark.browser, needs_chromium]

TIMEOUT_MS = 30_000
SCRIPT = "<script>window.__pwned='script';alert('script')</script>"
IMG = "<img src=x onerror=\"window.__pwned='img';alert('img')\">"
SVG = "<svg onload=\"window.__pwned='svg';alert('svg')\"></svg>"
BREAKOUT = "\"'><img src=x onerror=alert('attr')>"
HOSTILE = {
    "id": "hostile-everywhere",
    "title": f"Flood toll {IMG} {BREAKOUT}",
    "outlet": f"Wire {SVG}",
    "url": "javascript:window.__pwned='url';alert('url')",
    "published_at": "2026-03-14",
    # The same story as the example articles (a report compares sources story by story), with its own toll.
    "text": "Floods along the Tessa River have forced tens of thousands of people from their homes in Kastavia's "
    f"border province of Velmar. The United Nations says 90 people have been killed in the floods since March 1 "
    f"{SCRIPT}. Unusually heavy rain began falling across the Tessa basin at the start of March, flooding villages "
    f"around Velmar city. Rescue teams quoted {IMG} and {SVG} and {BREAKOUT} in their statement.",
}
CLAIM = f"The UN says 63 people have been killed in the floods since March 1 {SCRIPT}"
MARKUP_SELECTOR = "img, svg, iframe, object, embed, [onerror], [onload], a[href^='javascript']"


class Watch:
    """Dialogs opened and uncaught errors on a page (a payload that ran would show up in one or the other)."""

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", self._error)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _error(self, error: Error) -> None:
        self.errors.append(str(error))


def assert_inert(page: Page, watch: Watch, scripts: int) -> None:
    expect(page.locator(MARKUP_SELECTOR)).to_have_count(0)
    expect(page.locator("script")).to_have_count(scripts)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert watch.dialogs == [] and watch.errors == []


@pytest.fixture
def hostile(live_server: str) -> Iterator[str]:
    with httpx.Client(base_url=live_server, timeout=60) as http:
        # An id can never carry markup: it is refused, with the JSON error shape.
        refused = http.post("/v1/sources", json={**HOSTILE, "id": f"x{SCRIPT}"})
        assert "id" in assert_error(refused, 422, "invalid_input")
        stored = http.post("/v1/sources", json=HOSTILE)
        assert stored.status_code == 201, stored.text
        try:
            yield live_server
        finally:
            assert http.delete(f"/v1/sources/{HOSTILE['id']}").status_code == 204


def test_hostile_fields_stay_text_on_the_page_in_a_check_and_in_a_report(page: Page, hostile: str) -> None:
    watch = Watch(page)
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(hostile + "/")
    row = page.locator(f'#sources-body tr[data-source-id="{HOSTILE["id"]}"] td')
    expect(row.nth(1)).to_have_text(HOSTILE["outlet"])
    expect(row.nth(2)).to_have_text(HOSTILE["title"])

    box = page.get_by_role("checkbox", name=re.compile(re.escape(f"({HOSTILE['id']})")))
    box.check()
    page.get_by_role("checkbox", name=re.compile(r"\(northern-ledger\)")).check()
    page.get_by_label("Claim", exact=True).fill(CLAIM)
    page.get_by_role("button", name="Check claim").click()
    card = page.locator(f'.source-result[data-source-id="{HOSTILE["id"]}"]')
    expect(card.locator(".source-verdict")).to_have_text("conflict")
    expect(card.locator("h3")).to_contain_text(HOSTILE["outlet"])
    expect(card).to_contain_text(SCRIPT)
    expect(page.locator(".claim-echo q")).to_have_text(CLAIM)
    card.locator(".more-evidence summary").click()
    expect(card.get_by_text(f"Rescue teams quoted {IMG} and {SVG} and {BREAKOUT} in their statement.")).to_be_visible()
    assert_inert(page, watch, scripts=1)  # the page's own app.js

    # The report, built from the page over the two ticked sources, then its HTML rendering.
    page.get_by_role("button", name="Build a report").click()
    item = page.locator("#reports-list li").first
    expect(item).to_contain_text("1 conflict")
    assert_inert(page, watch, scripts=1)
    href = item.get_by_role("link", name="HTML").get_attribute("href")
    assert href is not None
    response = page.goto(hostile + href)
    assert response is not None and response.ok
    conflict = page.locator("section.topic.conflict").first
    expect(conflict).to_contain_text(SCRIPT)
    expect(page.locator("body")).to_contain_text(HOSTILE["id"])
    assert_inert(page, watch, scripts=0)


@pytest.mark.parametrize("rendering", ["md", "csv", "json"])
def test_text_renderings_of_a_hostile_report_are_never_run_as_a_page(page: Page, hostile: str, rendering: str) -> None:
    """Opened directly in the browser, the Markdown, CSV and JSON renderings are text (or a download), not HTML."""
    with httpx.Client(base_url=hostile, timeout=60) as http:
        report = http.post("/v1/reports", json={"source_ids": ["northern-ledger", HOSTILE["id"]]}).json()
        url = f"{hostile}/v1/reports/{report['id']}" + ("" if rendering == "json" else f"?format={rendering}")
        answer = http.get(url)
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in answer.headers["content-security-policy"]
    watch = Watch(page)
    try:
        page.goto(url)
    except Error as exc:  # Chromium downloads what it does not display: then nothing of it ran either
        assert "Download is starting" in str(exc)
        return
    assert_inert(page, watch, scripts=0)
    assert "pwned" in page.locator("body").inner_text()  # the payload is there, as text
