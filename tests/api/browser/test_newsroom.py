"""A newsroom's day on the page, in Debian's headless Chromium against a real `factcheck serve` that starts empty.

Articles are added from the page (pasted, and uploaded as files), a claim is checked, its evidence is read in its
article with the sentence highlighted, a report is built and read in the page, and a source is deleted after a
confirmation. The articles are the project's fictional examples (examples/articles/).

Some steps need endpoints that are being written: the tests that need one skip with its name until the service
serves it (see conftest.py: UPLOAD, SOURCE_CLAIMS, SOURCE_CONFLICTS, arrival conflicts).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("playwright", reason="playwright is not installed (pip install -e '.[dev]')")

from playwright.sync_api import FilePayload, Locator, Page, expect

from tests.api.browser.conftest import (
    SOURCE_CLAIMS,
    SOURCE_CONFLICTS,
    UPLOAD,
    PageWatch,
    needs_chromium,
    needs_endpoint,
    reports_arrival_conflicts,
)
from tests.api.conftest import UN_CLAIM
from tests.api.live import live_server as start_live_server
from tests.conftest import EXAMPLES

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.usefixtures("patient_expect")]

TIMEOUT_MS = 60_000
# Low enough that a test can send a body over it, high enough for every example article.
MAX_BODY_BYTES = 64 * 1024
TOPIC_ORDER = ["conflict", "agree", "single_source"]


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`factcheck serve` on an empty data directory, with a 64 KiB body limit."""
    root = tmp_path_factory.mktemp("newsroom")
    overrides = {"FACTCHECK_MAX_BODY_BYTES": str(MAX_BODY_BYTES)}
    with start_live_server(root / "data", root / "server.log", overrides) as (base, _process):
        yield base


@pytest.fixture
def watched(page: Page, newsroom: str) -> Iterator[tuple[Page, PageWatch]]:
    """The page with its errors watched; every source a test added is deleted afterwards."""
    page.set_default_timeout(TIMEOUT_MS)
    watch = PageWatch(page, newsroom)
    try:
        yield page, watch
        assert watch.problems == [] and watch.dialogs == []
    finally:
        with httpx.Client(base_url=newsroom, timeout=60) as http:
            for source in http.get("/v1/sources", params={"limit": 500}).json()["items"]:
                http.delete(f"/v1/sources/{source['id']}")


# -- steps ---------------------------------------------------------------------------------------------------
def open_page(page: Page, base: str) -> None:
    response = page.goto(base + "/")
    assert response is not None and response.ok
    expect(page.locator("#sources-summary")).to_have_text(re.compile(r"stored\.$"))


def paste_article(page: Page, body: dict[str, Any]) -> Locator:
    """Fill the paste form with an article and add it; returns the arrival panel."""
    page.get_by_label("Article text").fill(body["text"])
    page.get_by_label("Title").fill(body.get("title") or "")
    page.get_by_label("Outlet").fill(body.get("outlet") or "")
    page.get_by_label("Published").fill(body.get("published_at") or "")
    page.get_by_label("Address (URL)").fill(body.get("url") or "")
    page.get_by_label("Id (optional)").fill(body.get("id") or "")
    page.get_by_role("button", name="Add the article").click()
    panel = page.locator(f'#add-result .arrival[data-source-id="{body["id"]}"]')
    expect(panel.locator(".arrival-stored")).to_contain_text(f"Stored {body['id']} (")
    expect(page.get_by_label("Article text")).to_have_value("")  # the form is ready for the next one
    return panel


def expect_arrival(panel: Locator, base: str, conflicts: bool, path: str = "/v1/sources") -> None:
    """The arrival panel says what the article contradicts, or that nothing, or (a service that does not report
    them on this path) that they are not known."""
    if not reports_arrival_conflicts(base, path):
        expect(panel.locator(".arrival-summary")).to_have_text(
            re.compile(r"^Conflicts with stored sources are not known")
        )
        return
    summary = panel.locator(".arrival-summary")
    if not conflicts:
        expect(summary).to_have_text(re.compile(r"^No conflicts with stored sources"))
        expect(panel.locator(".topic")).to_have_count(0)
        return
    expect(summary).to_have_text(re.compile(r"^This article contradicts \d+ stored facts?:$"))
    toll = panel.locator(".topic", has_text="people killed").first
    values = toll.locator(".value-cell .value")
    expect(values.filter(has_text="81 people killed")).to_have_count(1)
    expect(values.filter(has_text="63 people killed")).not_to_have_count(0)
    expect(toll.locator(".reason")).to_contain_text("81")


def source_text(base: str, source_id: str) -> str:
    text: str = httpx.get(f"{base}/v1/sources/{source_id}", timeout=30).json()["text"]
    return text


def expect_passage(page: Page, base: str, source_id: str, sentence: str) -> None:
    """The source view shows the source with exactly `sentence` highlighted, in view, at the URL's offsets."""
    view = page.locator("#source-view")
    expect(view).to_be_visible()
    expect(page.locator("#main-view")).to_be_hidden()
    mark = view.locator("mark.passage")
    expect(mark).to_have_text(sentence)
    expect(mark).to_be_in_viewport()
    route = re.search(rf"#source/{re.escape(source_id)}/(\d+)-(\d+)$", page.url)
    assert route, page.url
    assert source_text(base, source_id)[int(route[1]) : int(route[2])] == sentence  # offsets in code points


def check_and_follow_evidence(page: Page, base: str) -> None:
    """Check the UN claim; open Radio Meridian's conflicting sentence in its article; come back."""
    page.get_by_label("Claim", exact=True).fill(UN_CLAIM)
    page.get_by_role("button", name="Check claim").click()
    expect(page.locator("#overall-verdict")).to_have_text("mixed")
    card = page.locator('.source-result[data-source-id="radio-meridian"]')
    expect(card.locator(".source-verdict")).to_have_text("conflict")
    evidence = card.locator(".evidence-list").first.locator(".evidence").first
    sentence = evidence.locator("blockquote").text_content()
    assert sentence and "81" in sentence
    evidence.get_by_role("link", name="Show in the article").click()

    expect_passage(page, base, "radio-meridian", sentence)
    expect(page.locator("#source-title")).to_be_focused()  # keyboard focus follows the view
    expect(page.locator("#source-title")).to_have_text(re.compile("Velmar flood toll climbs"))
    expect(page.locator("#source-meta")).to_contain_text("Radio Meridian")
    assert page.title().startswith("factcheck: ")

    page.locator("#source-view").get_by_role("link", name="Back to checks and sources").click()
    expect(page.locator("#main-view")).to_be_visible()
    expect(page.locator("#source-view")).to_be_hidden()
    expect(evidence.get_by_role("link", name="Show in the article")).to_be_focused()  # where the reader was
    expect(page.locator("#overall-verdict")).to_have_text("mixed")  # the check is still there


def report_in_the_page(page: Page, base: str) -> None:
    """Build a report, open it in the page: conflicts first, values side by side, filter, links to sentences."""
    page.get_by_role("button", name="Build a report").click()
    item = page.locator("#reports-list li").first
    expect(item).to_contain_text(re.compile(r"[1-9]\d* conflicts?"))
    item.get_by_role("link", name="Open in the page").click()

    view = page.locator("#report-view")
    expect(view).to_be_visible()
    expect(page.locator("#report-title")).to_be_focused()
    expect(page.locator("#report-title")).to_have_text(re.compile(r"^Report \S+$"))
    topics = view.locator("#report-topics li.topic")
    expect(topics.first).to_have_attribute("data-status", "conflict")
    statuses = topics.evaluate_all("items => items.map(item => item.dataset.status)")
    assert statuses == sorted(statuses, key=TOPIC_ORDER.index), statuses  # conflicts, agreements, single source
    expect(view.locator("#report-view-status")).to_have_text(f"Showing {len(statuses)} topics (conflicts first).")
    summary = view.locator("#report-summary")
    expect(summary).to_contain_text(f"{statuses.count('conflict')} conflict")
    expect(summary.get_by_role("link")).to_have_count(3)  # each source, to its view

    toll = topics.filter(has_text="people killed").first
    expect(toll).to_have_attribute("data-status", "conflict")
    cells = toll.locator(".value-cell")
    expect(cells.filter(has_text="81 people killed")).to_have_count(1)
    expect(cells.filter(has_text="63 people killed")).not_to_have_count(0)
    expect(cells.filter(has_text="81 people killed").locator(".value-source")).to_contain_text("Radio Meridian")

    # The filter, by status: only the topics of that status, and back to all.
    for name, status in (("Agreements", "agree"), ("Single source", "single_source"), ("Conflicts", "conflict")):
        radio = view.get_by_role("radio", name=re.compile(rf"^{name} \((\d+)\)$"))
        count = int(re.search(r"\((\d+)\)", radio.evaluate("r => r.labels[0].textContent"))[1])  # type: ignore[index]
        assert count == statuses.count(status)
        radio.check()
        expect(topics).to_have_count(count)
        if count:
            assert set(topics.evaluate_all("items => items.map(item => item.dataset.status)")) == {status}
    expect(topics).to_have_count(statuses.count("conflict"))

    # Each value links to its sentence in its article.
    ledger = toll.locator('.value-cell[data-source-id="northern-ledger"]')
    sentence = ledger.locator("blockquote").text_content()
    assert sentence
    ledger.get_by_role("link", name="Read it in the article").click()
    expect_passage(page, base, "northern-ledger", sentence)
    page.go_back()  # the browser's back button returns to the report, filter kept
    expect(view).to_be_visible()
    expect(view.get_by_role("radio", name=re.compile(r"^Conflicts"))).to_be_checked()
    view.get_by_role("radio", name=re.compile(r"^All topics")).check()
    expect(topics).to_have_count(len(statuses))
    view.get_by_role("link", name="Back to checks and sources").click()
    expect(page.locator("#main-view")).to_be_visible()


def delete_with_confirmation(page: Page, base: str, source_id: str, left: int) -> None:
    row = page.locator(f'#sources-body tr[data-source-id="{source_id}"]')
    # Delete asks first; Escape (or Cancel) keeps the source.
    row.get_by_role("button", name=f"Delete {source_id}").click()
    confirm = row.get_by_role("button", name=f"Confirm delete of {source_id}")
    expect(confirm).to_be_focused()
    expect(row).to_contain_text(f"Delete {source_id}?")
    page.keyboard.press("Escape")
    expect(row.get_by_role("button", name=f"Delete {source_id}")).to_be_focused()
    assert httpx.get(f"{base}/v1/sources/{source_id}", timeout=30).status_code == 200

    row.get_by_role("button", name=f"Delete {source_id}").click()
    confirm.click()
    expect(row).to_have_count(0)
    expect(page.locator("#sources-status")).to_have_text(f"Deleted {source_id}.")
    expect(page.locator("#sources-summary")).to_have_text(f"{left} sources stored.")
    expect(page.get_by_role("checkbox", name=re.compile(re.escape(f"({source_id})")))).to_have_count(0)
    assert httpx.get(f"{base}/v1/sources/{source_id}", timeout=30).status_code == 404


# -- tests ---------------------------------------------------------------------------------------------------
def test_a_newsroom_pastes_and_uploads_articles_checks_reads_reports_and_deletes(
    watched: tuple[Page, PageWatch], newsroom: str, example_bodies: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    needs_endpoint(newsroom, UPLOAD)
    page, _ = watched
    open_page(page, newsroom)
    expect(page.locator("#sources-summary")).to_have_text("0 sources stored.")

    # One article pasted, with its metadata.
    panel = paste_article(page, example_bodies["northern-ledger"])
    expect_arrival(panel, newsroom, conflicts=False)
    expect(page.locator("#sources-summary")).to_have_text("1 source stored.")

    # Two uploaded: a text file as it is (front matter and all), and a JSON Lines file.
    jsonl = tmp_path / "harbor-daily.jsonl"
    jsonl.write_text(json.dumps(example_bodies["harbor-daily"]) + "\n", encoding="utf-8")
    page.get_by_label("Files (.txt, .md, .html, .jsonl)").set_input_files([EXAMPLES / "radio-meridian.txt", jsonl])
    page.get_by_role("button", name="Upload").click()
    files = page.locator("#upload-list li.upload")
    expect(files).to_have_count(2)
    for index, (name, source_id) in enumerate([("radio-meridian.txt", "radio-meridian"), (jsonl.name, "harbor-daily")]):
        row = files.nth(index)
        expect(row.locator(".upload-name")).to_have_text(name)
        expect(row).to_have_attribute("data-state", "stored")
        expect(row.locator(".upload-state")).to_have_text("stored 1 source (1 new)")
        expect(row.locator(f'.arrival[data-source-id="{source_id}"] .arrival-stored')).to_contain_text(
            f"Stored {source_id}"
        )
    expect(page.locator("#add-status")).to_have_text("Uploaded 2 files: 2 stored, 0 refused.")
    # Radio Meridian's 81 dead contradicts the Ledger's 63; the Harbor Daily's 63 contradicts Radio Meridian.
    expect_arrival(files.nth(0).locator(".arrival"), newsroom, conflicts=True, path="/v1/sources/file")
    expect_arrival(files.nth(1).locator(".arrival"), newsroom, conflicts=True, path="/v1/sources/file")
    expect(page.locator("#sources-summary")).to_have_text("3 sources stored.")
    expect(page.locator("#sources-body tr td:first-child")).to_have_text(
        ["harbor-daily", "northern-ledger", "radio-meridian"]
    )

    check_and_follow_evidence(page, newsroom)
    report_in_the_page(page, newsroom)
    delete_with_confirmation(page, newsroom, "harbor-daily", left=2)


def test_pasted_articles_are_checked_read_reported_and_deleted(
    watched: tuple[Page, PageWatch], newsroom: str, example_bodies: dict[str, dict[str, Any]]
) -> None:
    """The same day with every article pasted (no upload endpoint needed)."""
    page, _ = watched
    open_page(page, newsroom)
    for source_id in ("northern-ledger", "radio-meridian", "harbor-daily"):
        panel = paste_article(page, example_bodies[source_id])
        expect_arrival(panel, newsroom, conflicts=source_id != "northern-ledger")
    expect(page.locator("#add-status")).to_have_text(re.compile(r"^Added harbor-daily\. "))
    expect(page.locator("#sources-summary")).to_have_text("3 sources stored.")
    # Each id in the table opens its source.
    page.locator("#sources-body").get_by_role("link", name="northern-ledger", exact=True).click()
    expect(page.locator("#source-title")).to_have_text(example_bodies["northern-ledger"]["title"])
    expect(page.locator("#source-text")).to_have_text(example_bodies["northern-ledger"]["text"])
    expect(page.locator("#source-text mark")).to_have_count(0)
    page.go_back()
    expect(page.locator("#main-view")).to_be_visible()

    check_and_follow_evidence(page, newsroom)
    report_in_the_page(page, newsroom)
    delete_with_confirmation(page, newsroom, "radio-meridian", left=2)


def test_pasting_the_same_article_again_changes_nothing_and_says_so(
    watched: tuple[Page, PageWatch], newsroom: str, example_bodies: dict[str, dict[str, Any]]
) -> None:
    page, _ = watched
    open_page(page, newsroom)
    paste_article(page, example_bodies["northern-ledger"])
    body = example_bodies["northern-ledger"]
    page.get_by_label("Article text").fill(body["text"])
    page.get_by_label("Id (optional)").fill(body["id"])
    page.get_by_role("button", name="Add the article").click()
    expect(page.locator("#add-result .arrival-stored")).to_contain_text("Already stored, unchanged: northern-ledger")
    expect(page.locator("#add-status")).to_have_text(re.compile(r"^Already stored: northern-ledger\. "))

    # Nothing to add: said, and the text field is marked and focused.
    page.get_by_role("button", name="Add the article").click()
    expect(page.locator("#add-error")).to_have_text("Nothing to add: paste the article's text first")
    expect(page.get_by_label("Article text")).to_be_focused()
    expect(page.get_by_label("Article text")).to_have_attribute("aria-invalid", "true")


def test_the_source_view_lists_its_claims_and_highlights_the_one_chosen(
    watched: tuple[Page, PageWatch], newsroom: str, example_bodies: dict[str, dict[str, Any]]
) -> None:
    needs_endpoint(newsroom, SOURCE_CLAIMS)
    page, _ = watched
    with httpx.Client(base_url=newsroom, timeout=120) as http:
        assert http.post("/v1/sources", json=example_bodies["radio-meridian"]).status_code == 201
        claims = http.get("/v1/sources/radio-meridian/claims").json()["claims"]
    text = source_text(newsroom, "radio-meridian")
    toll = next(c for c in claims if "81" in c["text"])

    page.goto(f"{newsroom}/#source/radio-meridian")
    listed = page.locator("#source-claims li.claim")
    expect(listed).to_have_count(len(claims))
    expect(page.locator("#claims-status")).to_have_text(re.compile(rf"^{len(claims)} claims? "))
    expect(page.locator("#source-text mark")).to_have_count(0)

    chosen = page.locator(f'#source-claims a[href="#source/radio-meridian/{toll["start"]}-{toll["end"]}"]')
    chosen = chosen.filter(has_text=toll["value"]).first
    chosen.click()
    mark = page.locator("#source-text mark.passage")
    expect(mark).to_have_text(text[toll["start"] : toll["end"]])
    expect(mark).to_be_in_viewport()
    expect(chosen).to_have_attribute("aria-current", "true")
    expect(chosen).to_be_focused()  # choosing a claim keeps the reader in the list
    expect(page.locator("#source-status")).to_contain_text(f"Highlighted characters {toll['start']}\u2013{toll['end']}")

    # By keyboard: the next claim that is somewhere else in the text, with Tab and Enter.
    focused = page.locator("#source-claims a:focus")
    while focused.get_attribute("href") == chosen.get_attribute("href"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    start, end = (int(n) for n in focused.get_attribute("href").rsplit("/", 1)[1].split("-"))  # type: ignore[union-attr]
    expect(mark).to_have_text(text[start:end])
    expect(focused).to_have_attribute("aria-current", "true")
    expect(chosen).not_to_have_attribute("aria-current", "true")


def test_the_source_view_lists_the_facts_other_sources_contradict(
    watched: tuple[Page, PageWatch], newsroom: str, example_bodies: dict[str, dict[str, Any]]
) -> None:
    needs_endpoint(newsroom, SOURCE_CONFLICTS)
    page, _ = watched
    with httpx.Client(base_url=newsroom, timeout=120) as http:
        for source_id in ("northern-ledger", "radio-meridian"):
            assert http.post("/v1/sources", json=example_bodies[source_id]).status_code == 201

    page.goto(f"{newsroom}/#source/radio-meridian")
    expect(page.locator("#conflicts-status")).to_have_text(
        re.compile(r"^Other sources contradict \d+ facts? of this article \(compared with 1 source\):$")
    )
    toll = page.locator("#source-conflicts li.topic", has_text="people killed").first
    expect(toll.locator(".value-cell")).to_have_count(2)
    ledger = toll.locator('.value-cell[data-source-id="northern-ledger"]')
    expect(ledger.locator(".value")).to_have_text("63 people killed")
    expect(ledger.locator(".value-source")).to_contain_text("The Northern Ledger")
    sentence = ledger.locator("blockquote").text_content()
    assert sentence
    ledger.get_by_role("link", name="Read it in the article").click()
    expect_passage(page, newsroom, "northern-ledger", sentence)
    expect(page.locator("#source-title")).to_be_focused()  # another source: focus goes to its title
    expect(page.locator("#conflicts-status")).to_have_text(re.compile(r"^Other sources contradict"))


def test_an_unknown_source_or_a_range_outside_the_text_is_said_plainly(
    watched: tuple[Page, PageWatch], newsroom: str, example_bodies: dict[str, dict[str, Any]]
) -> None:
    page, watch = watched
    watch.expect_http(404)
    with httpx.Client(base_url=newsroom, timeout=120) as http:
        assert http.post("/v1/sources", json=example_bodies["northern-ledger"]).status_code == 201
    page.goto(f"{newsroom}/#source/no-such-source")
    expect(page.locator("#source-view").get_by_role("alert")).to_have_text(
        "Could not open no-such-source: no source with id 'no-such-source' (not_found, HTTP 404)"
    )
    expect(page.get_by_role("status")).to_have_text("The source could not be opened.")

    page.goto(f"{newsroom}/#source/northern-ledger/999990-999999")
    expect(page.locator("#source-view").get_by_role("alert")).to_be_hidden()
    expect(page.get_by_role("status")).to_have_text(
        re.compile("^Characters 999990\u2013999999 are not in this article")
    )
    expect(page.locator("#source-text mark")).to_have_count(0)
    expect(page.locator("#source-text")).to_have_text(example_bodies["northern-ledger"]["text"])

    page.goto(f"{newsroom}/#report/no-such-report")
    expect(page.locator("#report-view").get_by_role("alert")).to_contain_text("Could not open report no-such-report: ")
    expect(page.locator("#report-title")).to_be_focused()


def test_an_oversized_file_or_article_is_refused_with_a_readable_message(
    watched: tuple[Page, PageWatch], newsroom: str
) -> None:
    page, watch = watched
    watch.expect_http(413)
    open_page(page, newsroom)
    limit = f"the request body is over the {MAX_BODY_BYTES:,} byte limit"
    sentence = "The harbour board met on Tuesday and agreed to repaint the lighthouse before the summer season. "
    oversized = (sentence * (MAX_BODY_BYTES // len(sentence) + 200)).encode()
    assert len(oversized) > MAX_BODY_BYTES
    # The body limit answers before any route: this needs no upload endpoint.
    page.get_by_label("Files (.txt, .md, .html, .jsonl)").set_input_files(
        [FilePayload(name="lighthouse-archive.txt", mimeType="text/plain", buffer=oversized)]
    )
    page.get_by_role("button", name="Upload").click()
    row = page.locator("#upload-list li.upload")
    expect(row).to_have_attribute("data-state", "refused")
    expect(row.locator(".upload-name")).to_have_text("lighthouse-archive.txt")
    expect(row.locator(".upload-state")).to_have_text(f"refused: {limit} (too_large, HTTP 413)")
    expect(page.locator("#add-status")).to_have_text("Uploaded 1 file: 0 stored, 1 refused.")

    page.get_by_label("Article text").fill(oversized.decode())
    page.get_by_role("button", name="Add the article").click()
    expect(page.locator("#add-error")).to_have_text(f"Could not add the article: {limit} (too_large, HTTP 413)")
    expect(page.locator("#add-status")).to_have_text("The article could not be added.")
    expect(page.locator("#sources-summary")).to_have_text("0 sources stored.")


def test_an_upload_stores_what_it_can_and_says_what_it_refused(
    watched: tuple[Page, PageWatch], newsroom: str, example_bodies: dict[str, dict[str, Any]]
) -> None:
    needs_endpoint(newsroom, UPLOAD)
    page, watch = watched
    watch.expect_http(415)
    open_page(page, newsroom)
    feed = json.dumps(example_bodies["northern-ledger"]) + "\n{not json\n"
    page.get_by_label("Files (.txt, .md, .html, .jsonl)").set_input_files(
        [
            FilePayload(name="feed.jsonl", mimeType="application/jsonl", buffer=feed.encode()),
            FilePayload(name="scan.pdf", mimeType="application/pdf", buffer=b"%PDF-1.7 not an article"),
        ]
    )
    page.get_by_role("button", name="Upload").click()
    files = page.locator("#upload-list li.upload")
    expect(files).to_have_count(2)
    feed_row, pdf_row = files.nth(0), files.nth(1)
    expect(feed_row).to_have_attribute("data-state", "stored")
    expect(feed_row.locator(".upload-state")).to_have_text("stored 1 source (1 new), refused 1 record")
    expect(feed_row.locator(".refused-records li")).to_have_text([re.compile(r"^refused line 2: invalid JSON: ")])
    expect(pdf_row).to_have_attribute("data-state", "refused")
    expect(pdf_row.locator(".upload-state")).to_have_text(
        re.compile(r"^refused: unsupported file type '\.pdf'; use one of .*\(unsupported_media_type, HTTP 415\)$")
    )
    expect(page.locator("#add-status")).to_have_text("Uploaded 2 files: 1 stored, 1 refused.")
    expect(page.locator("#sources-summary")).to_have_text("1 source stored.")

    # The same file again: stored already, unchanged.
    page.get_by_label("Files (.txt, .md, .html, .jsonl)").set_input_files(
        [FilePayload(name="feed.jsonl", mimeType="application/jsonl", buffer=feed.encode())]
    )
    page.get_by_role("button", name="Upload").click()
    row = page.locator("#upload-list li.upload")
    expect(row.locator(".upload-state")).to_have_text("stored 1 source (1 unchanged), refused 1 record")
    expect(row.locator(".arrival-stored")).to_contain_text("Already stored, unchanged: northern-ledger")


def test_uploaded_articles_show_their_conflicts_on_arrival(
    watched: tuple[Page, PageWatch], newsroom: str, example_bodies: dict[str, dict[str, Any]]
) -> None:
    needs_endpoint(newsroom, UPLOAD)
    if not reports_arrival_conflicts(newsroom, "/v1/sources/file"):
        pytest.skip("waits on POST /v1/sources/file answering `conflicts` in each stored entry (api/routes/uploads.py)")
    page, _ = watched
    open_page(page, newsroom)
    page.get_by_label("Files (.txt, .md, .html, .jsonl)").set_input_files(
        [EXAMPLES / "northern-ledger.md", EXAMPLES / "radio-meridian.txt"]
    )
    page.get_by_role("button", name="Upload").click()
    files = page.locator("#upload-list li.upload")
    expect(files.nth(1)).to_have_attribute("data-state", "stored")
    expect_arrival(files.nth(0).locator(".arrival"), newsroom, conflicts=False, path="/v1/sources/file")
    expect_arrival(files.nth(1).locator(".arrival"), newsroom, conflicts=True, path="/v1/sources/file")
