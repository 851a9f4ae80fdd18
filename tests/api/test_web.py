"""The web page at GET /: served with a strict CSP, its assets served by the app, nothing loaded from outside.

The page does not need the corpus, so these tests use an app whose lifespan never runs (no model is loaded).
What the page does in a browser is tested in tests/api/browser/.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.web.page import ASSETS
from tests.api.conftest import assert_error, make_settings

WEB_DIR = Path(__file__).resolve().parents[2] / "api" / "web"
# The one absolute URL allowed anywhere: the SVG namespace, a name that is never fetched.
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
URL_WITH_SCHEME = re.compile(r"\b[a-z][a-z0-9+.-]*://", re.IGNORECASE)
PROTOCOL_RELATIVE = re.compile(r"""(?:src|href|action)\s*=\s*["']?//|url\(\s*["']?//|@import""", re.IGNORECASE)
# Sinks that parse strings as HTML or code: the page builds its DOM with createElement and textContent only.
UNSAFE_JS = re.compile(
    r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function|setTimeout\(\s*[\"'`]"
)


class PageParts(HTMLParser):
    """Collects what a page loads and anything inline that a strict CSP would refuse."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[tuple[str, str]] = []  # (tag, url)
        self.inline_scripts = 0
        self.inline_styles: list[str] = []
        self.handlers: list[str] = []
        self.ids: set[str] = set()
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.handlers += [f"<{tag} {name}>" for name in values if name.startswith("on")]
        if "style" in values:
            self.inline_styles.append(tag)
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "style":
            self.inline_styles.append("<style>")
        if tag == "script":
            self._in_script = "src" not in values
            if "src" in values:
                self.loads.append((tag, values["src"]))
        if tag == "link" and "href" in values:
            self.loads.append((tag, values["href"]))
        if tag in ("img", "iframe", "object", "embed", "source", "audio", "video") and "src" in values:
            self.loads.append((tag, values["src"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """The app without its lifespan: the corpus is never opened, so the page must not need it."""
    return TestClient(create_app(make_settings(tmp_path_factory.mktemp("web") / "data")))


@pytest.fixture(scope="module")
def page_parts(web: TestClient) -> PageParts:
    parser = PageParts()
    parser.feed(web.get("/").text)
    return parser


def test_the_page_is_html_with_a_strict_content_security_policy(web: TestClient) -> None:
    response = web.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-cache"
    directives = [d.partition(" ") for d in response.headers["content-security-policy"].split("; ")]
    policy = {name: value for name, _, value in directives}
    assert policy["default-src"] == "'none'"
    for directive in ("script-src", "style-src", "img-src", "connect-src"):
        assert policy[directive] == "'self'", directive
    assert policy["base-uri"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert policy["require-trusted-types-for"] == "'script'"
    assert "unsafe" not in response.headers["content-security-policy"]
    assert "<title>factcheck" in response.text


def test_the_page_has_no_inline_script_style_or_handler(page_parts: PageParts) -> None:
    assert page_parts.inline_scripts == 0
    assert page_parts.inline_styles == []
    assert page_parts.handlers == []
    # What the script looks up by id is in the page.
    script = ASSETS["app.js"].body.decode()
    assert set(re.findall(r'byId\("([a-z-]+)"\)', script)) <= page_parts.ids


def test_the_page_assets_are_served_by_the_app(web: TestClient, page_parts: PageParts) -> None:
    loaded = {url for _, url in page_parts.loads}
    assert loaded == {asset.url for asset in ASSETS.values()}
    for url in loaded:
        assert url.startswith("/web/"), url
        response = web.get(url)
        assert response.status_code == 200, url
        name = url.removeprefix("/web/").split("?")[0]
        assert response.headers["content-type"] == ASSETS[name].media_type
        assert response.content == (WEB_DIR / "static" / name).read_bytes()
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"  # the URL has the digest


def test_an_asset_is_revalidated_under_another_url(web: TestClient) -> None:
    response = web.get("/web/app.js")
    assert response.status_code == 200 and response.headers["cache-control"] == "no-cache"
    again = web.get("/web/app.js", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert_error(web.get("/web/app.py"), 404, "not_found")
    assert_error(web.get("/web/../api/main.py"), 404, "not_found")


def test_nothing_references_an_external_url(web: TestClient) -> None:
    texts = {"/": web.get("/").text} | {name: web.get(asset.url).text for name, asset in ASSETS.items()}
    for name, text in texts.items():
        schemes = [text[m.start() : m.start() + 40] for m in URL_WITH_SCHEME.finditer(text.replace(SVG_NAMESPACE, ""))]
        assert schemes == [], (name, schemes)
        assert not PROTOCOL_RELATIVE.search(text), name
    assert "@font-face" not in texts["app.css"] and "url(" not in texts["app.css"]
    assert SVG_NAMESPACE not in texts["/"] + texts["app.js"] + texts["app.css"]
    # The script talks to the service's own JSON endpoints, by path.
    assert set(re.findall(r'"(/v1/[a-z/]+)', texts["app.js"])) == {
        "/v1/sources",
        "/v1/claims/check",
        "/v1/reports",
        "/v1/reports/",
    }


def test_the_script_never_parses_strings_as_html(web: TestClient) -> None:
    script = web.get(ASSETS["app.js"].url).text
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("//"))
    assert not UNSAFE_JS.search(code), UNSAFE_JS.search(code)
    assert "textContent" in code and "createElement" in code


def test_the_page_is_not_in_the_api_description(web: TestClient) -> None:
    paths = web.get("/openapi.json").json()["paths"]
    assert "/" not in paths and not any(path.startswith("/web/") for path in paths)
