"""The page in a real headless Chromium: a journalist checks a claim; untrusted text stays text.

The server is a real `factcheck serve` process (see conftest.py) holding the three example articles. Each test
also checks that the page logged no error (a script or style refused by the CSP is logged as one) and requested
nothing but the service itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

pytest.importorskip("playwright", reason="playwright is not installed (pip install -e '.[dev]')")

from playwright.sync_api import ConsoleMessage, Error, Locator, Page, Request, expect

from tests.api.browser.conftest import needs_chromium
from tests.api.conftest import EXAMPLE_IDS, UN_CLAIM

pytestmark = [pytest.mark.browser, needs_chromium]

TIMEOUT_MS = 15_000
SCRIPT_PAYLOAD = "<script>window.__pwned=1</script>"
IMG_PAYLOAD = '<img src=x onerror="window.__pwned=2">'
PROBE = {
    "id": "untrusted-probe",
    "title": '<img src=x onerror="window.__pwned=3"> Storm report',
    "outlet": '<b onmouseover="window.__pwned=4">Evil Outlet</b>',
    "published_at": "2026-03-14",
    # Emoji before the figure: the service counts offsets in code points, JavaScript in UTF-16 units.
    "text": "\U0001f30a\U0001f30a Harbour officials said 12 people died in the storm on Monday, a spokesman said. "
    f"The statement quoted {SCRIPT_PAYLOAD} and {IMG_PAYLOAD} as text.",
}
PROBE_CLAIM = f"Harbour officials said 14 people died in the storm on Monday {IMG_PAYLOAD}"


class Watch:
    """Errors the page logs and requests it sends anywhere but the service."""

    def __init__(self, page: Page, base: str) -> None:
        self.base = base
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", self._page_error)
        page.on("request", self._request)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _page_error(self, error: Error) -> None:
        self.problems.append(f"uncaught: {error}")

    def _request(self, request: Request) -> None:
        if not request.url.startswith(self.base + "/"):
            self.problems.append(f"request outside the service: {request.url}")


@pytest.fixture
def opened(page: Page, live_server: str) -> Iterator[tuple[Page, Watch]]:
    """The page, loaded, with its sources listed."""
    page.set_default_timeout(TIMEOUT_MS)
    watch = Watch(page, live_server)
    yield page, watch
    assert watch.problems == []


def source_card(page: Page, source_id: str) -> Locator:
    return page.locator(f'.source-result[data-source-id="{source_id}"]')


def open_page(page: Page, base: str, sources: int) -> None:
    response = page.goto(base + "/")
    assert response is not None and response.ok
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("#sources-body tr")).to_have_count(sources, timeout=TIMEOUT_MS)


def test_a_journalist_checks_a_claim_against_every_source_then_one(
    opened: tuple[Page, Watch], live_server: str
) -> None:
    page, _ = opened
    open_page(page, live_server, sources=3)
    expect(page.locator("#sources-summary")).to_have_text("3 sources stored.")
    rows = page.locator("#sources-body tr")
    expect(rows.locator("td:first-child")).to_have_text(list(EXAMPLE_IDS))
    meridian = page.locator('#sources-body tr[data-source-id="radio-meridian"] td')
    expect(meridian.nth(4)).to_have_text(re.compile(r"^[1-9][0-9]*$"))  # its sentence count

    claim = page.get_by_label("Claim", exact=True)
    claim.fill(UN_CLAIM)
    claim.press("Control+Enter")  # the keyboard submits as well as the button

    expect(page.locator("#overall-verdict")).to_have_text("mixed", timeout=TIMEOUT_MS)
    expect(page.get_by_role("status")).to_have_text("Overall verdict: mixed (2 agree, 1 conflict).")
    expect(source_card(page, "radio-meridian").locator(".source-verdict")).to_have_text("conflict")
    expect(source_card(page, "northern-ledger").locator(".source-verdict")).to_have_text("agree")
    expect(source_card(page, "harbor-daily").locator(".source-verdict")).to_have_text("agree")
    expect(source_card(page, "radio-meridian").locator(".evidence-list").first.locator("mark")).to_have_text("81")
    ledger_mark = source_card(page, "northern-ledger").locator("mark").first
    expect(ledger_mark).to_have_text("63")
    expect(ledger_mark).to_be_visible()
    assert "63" in page.locator(".source-result mark").all_text_contents()
    expect(source_card(page, "northern-ledger").locator(".reason")).to_contain_text("source says 63 people killed")

    # Only the ticked source is checked; all by keyboard.
    ledger = page.get_by_role("checkbox", name=re.compile(r"\(northern-ledger\)"))
    ledger.focus()
    page.keyboard.press("Space")
    expect(ledger).to_be_checked()
    for _ in range(3):  # the radio-meridian box, the top-k field, the button
        page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Check claim")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".source-result")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.locator("#overall-verdict")).to_have_text("agree")
    expect(source_card(page, "northern-ledger").locator(".source-verdict")).to_have_text("agree")


def test_errors_are_shown_readably(opened: tuple[Page, Watch], live_server: str) -> None:
    page, watch = opened
    open_page(page, live_server, sources=3)
    claim = page.get_by_label("Claim", exact=True)
    check = page.get_by_role("button", name="Check claim")
    alert = page.get_by_role("alert")
    check.click()
    expect(alert).to_have_text("Nothing to check: type or paste a claim first")
    expect(claim).to_have_attribute("aria-invalid", "true")
    expect(claim).to_be_focused()

    claim.fill(UN_CLAIM)
    check.click()
    expect(page.locator("#overall-verdict")).to_have_text("mixed", timeout=TIMEOUT_MS)
    expect(alert).to_be_hidden()

    claim.fill("x" * 2100)  # over the API's 2,000 characters: its 422 error body is shown
    check.click()
    expect(alert).to_have_text(
        "Could not check the claim: the claim has 2,100 characters; the limit is 2,000 (invalid_input, HTTP 422)",
        timeout=TIMEOUT_MS,
    )
    expect(page.get_by_role("status")).to_have_text("The claim could not be checked.")
    expect(page.locator("#overall-verdict")).to_have_count(0)  # the earlier verdict is gone
    # The browser logs every 4xx response it receives as a console error: that one was expected.
    watch.problems = [p for p in watch.problems if "422" not in p]


def test_untrusted_source_text_and_claims_stay_text(
    opened: tuple[Page, Watch], live_server: str, example_bodies: dict[str, Any]
) -> None:
    page, watch = opened
    with httpx.Client(base_url=live_server, timeout=30) as http:
        stored = http.post("/v1/sources", json=PROBE)
        assert stored.status_code == 201, stored.text
        try:
            open_page(page, live_server, sources=len(example_bodies) + 1)
            row = page.locator(f'#sources-body tr[data-source-id="{PROBE["id"]}"] td')
            expect(row.nth(1)).to_have_text(PROBE["outlet"])
            expect(row.nth(2)).to_have_text(PROBE["title"])

            page.get_by_role("checkbox", name=re.compile(re.escape(f"({PROBE['id']})"))).check()
            page.get_by_label("Claim", exact=True).fill(PROBE_CLAIM)
            page.get_by_role("button", name="Check claim").click()

            card = source_card(page, PROBE["id"])
            expect(card.locator(".source-verdict")).to_have_text("conflict", timeout=TIMEOUT_MS)
            expect(card.locator("h3")).to_contain_text(PROBE["outlet"])
            expect(card.locator("mark").first).to_have_text("12")  # after two emoji: counted in code points
            expect(page.locator(".claim-echo q")).to_have_text(PROBE_CLAIM)
            card.locator(".more-evidence summary").click()
            payload = card.get_by_text(f"The statement quoted {SCRIPT_PAYLOAD} and {IMG_PAYLOAD} as text.")
            expect(payload).to_be_visible()

            # Nothing of it became markup, and nothing ran.
            expect(page.locator("img")).to_have_count(0)
            expect(page.locator("b")).to_have_count(0)
            expect(page.locator("script")).to_have_count(1)  # the page's own app.js
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert watch.problems == []
            # And the CSP's Trusted Types would refuse HTML parsing from script, were the page ever to try.
            refused = page.evaluate(
                "() => { try { document.body.innerHTML = '<b>x</b>'; return false } catch (e) { return true } }"
            )
            assert refused
            watch.problems = [p for p in watch.problems if "TrustedHTML" not in p]
        finally:
            assert http.delete(f"/v1/sources/{PROBE['id']}").status_code == 204
