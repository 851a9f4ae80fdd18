"""Hostile source text in every field a person sees, through every view, in a real headless Chromium: the page's
source list, a claim check, a report built from the page and the report's renderings, the source view (text,
claims, conflicts), the conflicts shown when an article arrives, the upload list, and the report read in the
page. Each payload would set window.__pwned and call alert() if it ever ran; the test listens for dialogs,
checks the variable, counts the elements the payloads would create, and checks that the text is shown literally.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

pytest.importorskip("playwright", reason="playwright is not installed (pip install -e '.[dev]')")

from playwright.sync_api import Dialog, Error, FilePayload, Page, expect

from tests.api.browser.conftest import (
    SOURCE_CLAIMS,
    SOURCE_CONFLICTS,
    UPLOAD,
    needs_chromium,
    needs_endpoint,
    reports_arrival_conflicts,
)
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


# -- the views added to the page: source view, arrival conflicts, uploads, the report read in the page ---------
HOSTILE_SENTENCE = f"The United Nations says 90 people have been killed in the floods since March 1 {SCRIPT}."
NEW_VIEW_TIMEOUT_MS = 60_000


def settled(page: Page) -> None:
    """The source view has loaded its claims and conflicts (whatever it could load)."""
    for status in ("#claims-status", "#conflicts-status"):
        busy = re.compile(r"^(Loading|Comparing)|^$")
        expect(page.locator(status)).not_to_have_text(busy, timeout=NEW_VIEW_TIMEOUT_MS)


def test_hostile_fields_stay_text_in_the_source_view_and_the_report_read_in_the_page(page: Page, hostile: str) -> None:
    watch = Watch(page)
    page.set_default_timeout(NEW_VIEW_TIMEOUT_MS)
    page.goto(f"{hostile}/#source/{HOSTILE['id']}")
    expect(page.locator("#source-title")).to_have_text(HOSTILE["title"])
    assert page.title() == f"factcheck: {HOSTILE['title']}"
    meta = page.locator("#source-meta")
    expect(meta).to_contain_text(HOSTILE["outlet"])
    expect(meta).to_contain_text(f"address: {HOSTILE['url']}")  # not a web address: text, never a link
    expect(meta.get_by_role("link")).to_have_count(0)
    expect(page.locator("#source-text")).to_contain_text(f"Rescue teams quoted {IMG} and {SVG} and {BREAKOUT}")
    settled(page)
    assert_inert(page, watch, scripts=1)

    # A passage with markup in it, highlighted.
    text = httpx.get(f"{hostile}/v1/sources/{HOSTILE['id']}", timeout=30).json()["text"]
    start = text.index(HOSTILE_SENTENCE)
    page.goto(f"{hostile}/#source/{HOSTILE['id']}/{start}-{start + len(HOSTILE_SENTENCE)}")
    expect(page.locator("#source-text mark")).to_have_text(HOSTILE_SENTENCE)
    expect(page.get_by_role("status")).to_contain_text(SCRIPT)
    assert_inert(page, watch, scripts=1)

    # The report over the hostile source and one example, built and read in the page.
    page.locator("#source-view").get_by_role("link", name="Back to checks and sources").click()
    page.get_by_role("checkbox", name=re.compile(re.escape(f"({HOSTILE['id']})"))).check()
    page.get_by_role("checkbox", name=re.compile(r"\(northern-ledger\)")).check()
    page.get_by_role("button", name="Build a report").click()
    page.locator("#reports-list li").first.get_by_role("link", name="Open in the page").click()
    conflict = page.locator("#report-topics li.topic[data-status=conflict]").first
    hostile_value = conflict.locator(f'.value-cell[data-source-id="{HOSTILE["id"]}"]')
    expect(hostile_value.locator("blockquote")).to_have_text(HOSTILE_SENTENCE)
    expect(hostile_value.locator(".value-source")).to_contain_text(HOSTILE["outlet"])
    expect(page.locator("#report-summary")).to_contain_text(HOSTILE["outlet"])
    assert_inert(page, watch, scripts=1)
    page.get_by_role("radio", name=re.compile(r"^Single source")).check()
    page.get_by_role("radio", name=re.compile(r"^All topics")).check()
    hostile_value.get_by_role("link", name="Read it in the article").click()
    expect(page.locator("#source-text mark")).to_have_text(HOSTILE_SENTENCE)
    settled(page)
    assert_inert(page, watch, scripts=1)


def test_hostile_claims_and_conflicts_stay_text_in_the_source_view(page: Page, hostile: str) -> None:
    needs_endpoint(hostile, SOURCE_CLAIMS)
    needs_endpoint(hostile, SOURCE_CONFLICTS)
    watch = Watch(page)
    page.set_default_timeout(NEW_VIEW_TIMEOUT_MS)
    claims = httpx.get(f"{hostile}/v1/sources/{HOSTILE['id']}/claims", timeout=30).json()["claims"]
    page.goto(f"{hostile}/#source/{HOSTILE['id']}")
    settled(page)
    listed = page.locator("#source-claims .claim-value")
    expect(listed).to_have_text([c["value"] or c["text"] for c in sorted(claims, key=lambda c: c["start"])])
    # The toll's claim sits in the sentence that carries the script: chosen, it is highlighted as text.
    toll = next(c for c in claims if c["text"] == "90")
    page.locator(f'#source-claims a[href$="/{toll["start"]}-{toll["end"]}"]').first.click()
    expect(page.locator("#source-text mark")).to_have_text("90")
    conflict = page.locator("#source-conflicts li.topic").first
    expect(conflict.locator(f'.value-cell[data-source-id="{HOSTILE["id"]}"] blockquote')).to_have_text(HOSTILE_SENTENCE)
    expect(conflict.locator(".value-cell", has_text="63 people killed")).not_to_have_count(0)
    assert_inert(page, watch, scripts=1)


def test_a_hostile_article_pasted_shows_its_conflicts_on_arrival_as_text(page: Page, hostile: str) -> None:
    if not reports_arrival_conflicts(hostile):
        pytest.skip("waits on POST /v1/sources answering `conflicts` and `compared` (api/routes/sources.py)")
    watch = Watch(page)
    page.set_default_timeout(NEW_VIEW_TIMEOUT_MS)
    arrival = {**HOSTILE, "id": "hostile-arrival", "text": HOSTILE["text"].replace("90 people", "95 people")}
    page.goto(hostile + "/")
    try:
        page.get_by_label("Article text").fill(arrival["text"])
        page.get_by_label("Title").fill(arrival["title"])
        page.get_by_label("Outlet").fill(arrival["outlet"])
        page.get_by_label("Address (URL)").fill(arrival["url"])
        page.get_by_label("Id (optional)").fill(arrival["id"])
        page.get_by_role("button", name="Add the article").click()
        panel = page.locator('#add-result .arrival[data-source-id="hostile-arrival"]')
        summary = re.compile(r"^This article contradicts \d+ stored facts?:$")
        expect(panel.locator(".arrival-summary")).to_have_text(summary)
        own = panel.locator('.value-cell[data-source-id="hostile-arrival"]').first
        expect(own.locator("blockquote")).to_have_text(HOSTILE_SENTENCE.replace("90 people", "95 people"))
        expect(own.locator(".value-source")).to_contain_text(HOSTILE["outlet"])
        # The other hostile source, 90 dead, is one of those it contradicts: its outlet is text too.
        expect(panel.locator(f'.value-cell[data-source-id="{HOSTILE["id"]}"] .value-source').first).to_contain_text(
            HOSTILE["outlet"]
        )
        row = page.locator('#sources-body tr[data-source-id="hostile-arrival"] td')
        expect(row.nth(2)).to_have_text(HOSTILE["title"])
        assert_inert(page, watch, scripts=1)
    finally:
        httpx.delete(f"{hostile}/v1/sources/hostile-arrival", timeout=60)


def test_hostile_file_names_and_upload_answers_stay_text(page: Page, hostile: str) -> None:
    needs_endpoint(hostile, UPLOAD)
    watch = Watch(page)
    page.set_default_timeout(NEW_VIEW_TIMEOUT_MS)
    before = {s["id"] for s in httpx.get(f"{hostile}/v1/sources", params={"limit": 500}, timeout=30).json()["items"]}
    article = f'---\ntitle: "{BREAKOUT.replace(chr(34), chr(39))}"\n---\n\n{HOSTILE["text"]}\n'.encode()
    refused = ('{"id": "' + IMG.replace('"', '\\"') + '", "text": "Ten people died."}\n{' + SCRIPT + "\n").encode()
    page.goto(hostile + "/")
    try:
        page.get_by_label("Files (.txt, .md, .html, .jsonl)").set_input_files(
            [
                FilePayload(name=f"{IMG}.txt", mimeType="text/plain", buffer=article),
                FilePayload(name=f"{SVG}.jsonl", mimeType="application/jsonl", buffer=refused),
            ]
        )
        page.get_by_role("button", name="Upload").click()
        files = page.locator("#upload-list li.upload")
        expect(files.nth(0).locator(".upload-name")).to_have_text(f"{IMG}.txt")
        expect(files.nth(0)).to_have_attribute("data-state", "stored")
        expect(files.nth(1).locator(".upload-name")).to_have_text(f"{SVG}.jsonl")
        expect(files.nth(1)).to_have_attribute("data-state", "refused")
        expect(files.nth(1).locator(".upload-state")).to_contain_text(f"invalid source id '{IMG.split(chr(39))[0]}")
        assert_inert(page, watch, scripts=1)
    finally:
        after = httpx.get(f"{hostile}/v1/sources", params={"limit": 500}, timeout=30).json()["items"]
        for source in after:
            if source["id"] not in before:
                httpx.delete(f"{hostile}/v1/sources/{source['id']}", timeout=60)
