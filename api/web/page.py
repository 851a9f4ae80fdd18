"""The page at ``GET /`` and its three assets (script, style sheet, icon), all served by the app itself.

The HTML is rendered once, at import, from ``index.html``; the assets are read from ``static/`` and referenced
with a digest of their content (``/web/app.js?v=...``), so browsers may cache them for good and still never run
a stale script after an upgrade. The page and its assets are left out of the OpenAPI description.

The page reaches nothing but this service: a strict Content-Security-Policy allows scripts, styles, images and
requests from the same origin only, no inline script, style or event handler, and (Trusted Types) no HTML
parsing of strings from script, so untrusted source text can only ever become text.
"""

from __future__ import annotations

import functools
import hashlib
import html
from dataclasses import dataclass
from importlib import resources
from string import Template
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import HTMLResponse, Response

from api.errors import ApiError
from factcheck import __version__
from factcheck.check import DEFAULT_TOP_K, MAX_CLAIM_CHARS
from factcheck.config import DEFAULT_MAX_TOP_K
from factcheck.settings import Settings

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
ASSET_PREFIX = "/web/"
_FOREVER = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Asset:
    name: str
    media_type: str
    body: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.body).hexdigest()[:16]

    @property
    def url(self) -> str:
        return f"{ASSET_PREFIX}{self.name}?v={self.digest}"


def _read(name: str) -> bytes:
    return resources.files(__package__ or "api.web").joinpath(name).read_bytes()


ASSETS = {
    asset.name: asset
    for asset in (
        Asset("app.js", "text/javascript; charset=utf-8", _read("static/app.js")),
        Asset("app.css", "text/css; charset=utf-8", _read("static/app.css")),
        Asset("icon.svg", "image/svg+xml", _read("static/icon.svg")),
    )
}


@functools.cache
def render_page(
    max_claim_chars: int = MAX_CLAIM_CHARS, max_top_k: int = DEFAULT_MAX_TOP_K, max_body_bytes: int = 10 * 2**20
) -> str:
    """The page, with the limits the service applies (they are settings) written into its help and fields."""
    values = {
        "version": __version__,
        "js_url": ASSETS["app.js"].url,
        "css_url": ASSETS["app.css"].url,
        "icon_url": ASSETS["icon.svg"].url,
        "default_top_k": str(min(DEFAULT_TOP_K, max_top_k)),
        "max_top_k": str(max_top_k),
        "max_claim_chars": f"{max_claim_chars:,}",
        "max_upload": f"{max_body_bytes / 2**20:.1f} MiB" if max_body_bytes >= 2**20 else f"{max_body_bytes:,} bytes",
    }
    template = Template(_read("index.html").decode("utf-8"))
    return template.substitute({name: html.escape(value) for name, value in values.items()})


router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def page(request: Request) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    body = render_page(settings.max_claim_chars, settings.max_top_k, settings.max_body_bytes)
    return HTMLResponse(body, headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"})


@router.get(ASSET_PREFIX + "{name}")
async def asset(name: str, v: str | None = None, if_none_match: Annotated[str | None, Header()] = None) -> Response:
    found = ASSETS.get(name)
    if found is None:
        raise ApiError(404, "not_found", "no such page asset")
    etag = f'"{found.digest}"'
    # Cached for good under the URL the page uses (its digest); revalidated under any other.
    headers = {**SECURITY_HEADERS, "Cache-Control": _FOREVER if v == found.digest else "no-cache", "ETag": etag}
    if if_none_match is not None and etag in {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(found.body, media_type=found.media_type, headers=headers)
