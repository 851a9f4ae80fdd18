"""The HTML consistency report, opened in Debian's headless Chromium from a real server."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

pytest.importorskip("playwright", reason="playwright is not installed (pip install -e '.[dev]')")

from playwright.sync_api import Page, expect

from tests.api.browser.conftest import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

HOSTILE = {
    "id": "hostile-wire",
    "outlet": '<img src=x onerror="window.__pwned=1">',
    # The same story as the example articles (a report compares sources story by story), with its own toll.
    "text": "Floods along the Tessa River have forced tens of thousands of people from their homes in Kastavia's "
    "border province of Velmar. The United Nations says 90 people have been killed in the floods since March 1 "
    '<script>window.__pwned=2</script> <img src=x onerror="window.__pwned=3">. Unusually heavy rain began falling '
    "across the Tessa basin at the start of March, and rescue teams are still searching villages around Velmar.",
}


def build(base: str, body: dict[str, Any]) -> str:
    with httpx.Client(base_url=base, timeout=60) as http:
        response = http.post("/v1/reports", json=body)
        assert response.status_code == 201, response.text
        return str(response.json()["id"])


def test_report_reads_conflicts_first_with_each_sources_value(page: Page, live_server: str) -> None:
    report_id = build(live_server, {"source_ids": ["harbor-daily", "northern-ledger", "radio-meridian"]})
    page.goto(f"{live_server}/v1/reports/{report_id}?format=html")
    expect(page.locator("h1")).to_contain_text(report_id)
    expect(page.locator(".summary .conflict")).to_have_text("2 conflicts")
    first = page.locator("section.topic").first
    expect(first).to_have_class(re.compile(r"\bconflict\b"))
    conflicts = page.locator("section.topic.conflict")
    expect(conflicts).to_have_count(2)
    toll = conflicts.filter(has_text="people killed")
    expect(toll.locator("mark").filter(has_text="81")).to_have_count(1)
    expect(page.locator("table.matrix tr.conflict")).to_have_count(2)
    # topic and source anchors link both ways
    page.locator("table.matrix tr.conflict a").first.click()
    assert re.search(r"#topic-t\d+$", page.url)
    expect(page.locator("#source-radio-meridian a").first).to_be_visible()


def test_report_shows_hostile_source_text_as_text(page: Page, live_server: str) -> None:
    with httpx.Client(base_url=live_server, timeout=30) as http:
        assert http.post("/v1/sources", json=HOSTILE).status_code == 201
    try:
        report_id = build(live_server, {"source_ids": ["northern-ledger", HOSTILE["id"]]})
        page.goto(f"{live_server}/v1/reports/{report_id}?format=html")
        expect(page.locator("section.topic.conflict").first).to_contain_text("<script>window.__pwned=2</script>")
        expect(page.locator("img")).to_have_count(0)
        expect(page.locator("script")).to_have_count(0)
        assert page.evaluate("typeof window.__pwned") == "undefined"
    finally:
        with httpx.Client(base_url=live_server, timeout=30) as http:
            http.delete(f"/v1/sources/{HOSTILE['id']}")


def test_the_page_builds_a_report_and_links_its_renderings(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    expect(page.locator("#sources-body tr")).to_have_count(3, timeout=30_000)
    page.get_by_role("button", name="Build a report").click()
    item = page.locator("#reports-list li").first
    expect(item).to_contain_text("2 conflicts", timeout=30_000)
    html_link = item.get_by_role("link", name="HTML")
    href = html_link.get_attribute("href")
    assert href is not None and href.endswith("?format=html")
    page.goto(live_server + href)
    expect(page.locator(".summary .conflict")).to_have_text("2 conflicts")
