"""A service with write keys, used from the page: it asks for the key when a write is refused, sends it once given,
and forgets it on request (the key lives in the tab's sessionStorage, never in the page's address or markup)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

pytest.importorskip("playwright", reason="playwright is not installed (pip install -e '.[dev]')")

from playwright.sync_api import Page, expect

from tests.api.browser.conftest import needs_chromium
from tests.api.browser.test_newsroom import paste_article
from tests.api.live import live_server as start_live_server

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.usefixtures("patient_expect")]

KEY = "desk-key-7f3a"


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("keyed")
    with start_live_server(root / "data", root / "server.log", {"FACTCHECK_API_KEYS": KEY}) as (base, _process):
        yield base


def fill_article(page: Page, body: dict[str, Any]) -> None:
    page.get_by_label("Article text").fill(body["text"])
    page.get_by_label("Id (optional)").fill(body["id"])
    page.get_by_role("button", name="Add the article").click()


def test_the_page_asks_for_the_write_key_sends_it_and_forgets_it(
    page: Page, keyed: str, example_bodies: dict[str, dict[str, Any]]
) -> None:
    page.set_default_timeout(60_000)
    page.goto(keyed + "/")
    key_form = page.locator("#key-form")
    expect(key_form).to_be_hidden()  # reads need no key: nothing to ask yet
    expect(page.locator("#sources-summary")).to_have_text(re.compile(r"stored\.$"))

    body = example_bodies["northern-ledger"]
    fill_article(page, body)
    expect(page.locator("#add-error")).to_contain_text("needs an API key")
    expect(key_form).to_be_visible()
    expect(page.locator("#key-status")).to_have_text(re.compile("needs a write key"))

    page.get_by_label("API key").fill("not-the-key")
    page.get_by_role("button", name="Use this key").click()
    page.get_by_role("button", name="Add the article").click()
    expect(page.locator("#add-error")).to_contain_text("not valid")
    expect(page.locator("#key-status")).to_have_text(re.compile("did not accept this key"))

    page.get_by_label("API key").fill(KEY)
    page.get_by_role("button", name="Use this key").click()
    expect(page.get_by_label("API key")).to_have_value("")  # not left in the field
    paste_article(page, body)
    with httpx.Client(base_url=keyed, timeout=30) as http:
        assert [s["id"] for s in http.get("/v1/sources").json()["items"]] == [body["id"]]
    assert KEY not in page.content() and KEY not in page.url

    page.reload()  # the tab keeps the key
    expect(key_form).to_be_visible()
    page.get_by_role("button", name="Forget the key").click()
    expect(page.locator("#key-status")).to_have_text(re.compile("forgotten"))
    assert page.evaluate("() => window.sessionStorage.getItem('factcheck.apiKey')") is None
    fill_article(page, example_bodies["radio-meridian"])
    expect(page.locator("#add-error")).to_contain_text("needs an API key")
