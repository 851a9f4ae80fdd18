"""Bad input through HTTP: every case is a 4xx in the one error shape, and what was stored stays.

Cases covered elsewhere are not repeated here: malformed JSON, lone surrogates and wrong content types
(test_errors.py), the body limit (test_limits.py), invalid source fields, ids, dates and the 409
(test_sources.py), invalid checks (test_claims.py), bad searches and pagination (test_search.py,
test_sources.py). This module adds what those leave out, and runs every case against one service on a copy
of the seeded data, comparing the stored corpus after each case with the corpus before: the same sources with
the same text and sentence counts, the same rows, one vector in the index per stored sentence, no report left
behind. The full list of cases with their answers is in docs/reliability.md (section "Bad input").
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import example, given, settings
from hypothesis import strategies as st

from api.main import create_app
from api.schemas import SOURCE_ID_PATTERN
from factcheck.errors import InvalidInputError
from factcheck.records import validate_source_id
from tests.api.conftest import EXAMPLE_IDS, UN_CLAIM, assert_error, make_settings

JSON = {"content-type": "application/json"}
TEXT = "The minister resigned on Friday after the vote."
HUGE_FIGURE = "1" + "0" * 400  # over 1e308: no float holds it


@dataclass(frozen=True)
class Stored:
    sources: tuple[tuple[str, str, int], ...]  # id, content hash, sentences, as the service lists them
    sentences: int  # rows in the database
    vectors: int  # vectors in the running service's index
    claims: int
    reports: int


def stored(client: TestClient, data_dir: Path) -> Stored:
    page = client.get("/v1/sources", params={"limit": 500}).json()
    with sqlite3.connect(f"file:{data_dir / 'factcheck.sqlite3'}?mode=ro", uri=True) as db:
        sentences, claims, reports = (
            db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("sentences", "claims", "reports")
        )
    return Stored(
        sources=tuple((item["id"], item["content_hash"], item["sentences"]) for item in page["items"]),
        sentences=sentences,
        vectors=len(client.app.state.corpus.index),
        claims=claims,
        reports=reports,
    )


@pytest.fixture(scope="module")
def service(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    """One service on a private copy of the seeded data; server errors come back as responses, not raised."""
    data_dir = tmp_path_factory.mktemp("bad-input") / "data"
    shutil.copytree(seeded_template, data_dir)
    with TestClient(create_app(make_settings(data_dir)), raise_server_exceptions=False) as client:
        yield client, data_dir


@pytest.fixture(scope="module")
def before(service: tuple[TestClient, Path]) -> Stored:
    snapshot = stored(*service)
    assert [source_id for source_id, _, _ in snapshot.sources] == list(EXAMPLE_IDS)
    assert snapshot.sentences == snapshot.vectors > 0 and snapshot.reports == 0
    return snapshot


def case(label: str, method: str, path: str, status: int, code: str, **request: Any) -> Any:
    return pytest.param(method, path, request, status, code, id=label)


def raw(body: bytes) -> dict[str, Any]:
    """Request arguments for a body sent as is, declared as JSON."""
    return {"content": body, "headers": JSON}


S, C, R = "/v1/sources", "/v1/claims/check", "/v1/reports"
CASES = [
    # -- invalid JSON, encodings and binary bodies ------------------------------------------------------
    case("single-quoted JSON", "POST", S, 400, "invalid_json", **raw(b"{'text': 'Some text.'}")),
    case("two JSON documents", "POST", C, 400, "invalid_json", **raw(b'{"claim": "a"} {"claim": "b"}')),
    case("every byte value", "POST", S, 400, "invalid_json", **raw(bytes(range(256)) * 4)),
    case("overlong UTF-8", "POST", S, 400, "invalid_json", **raw(b'{"text": "overlong \xc0\xaf here."}')),
    case("UTF-8 of a surrogate", "POST", C, 422, "invalid_input", **raw(b'{"claim": "cesu \xed\xa0\x80"}')),
    case("report body not JSON", "POST", R, 400, "invalid_json", **raw(b"{source_ids: all}")),
    case("multipart upload", "POST", S, 415, "unsupported_media_type", files={"text": ("a.txt", b"Some text.")}),
    case(
        "text/json",
        "POST",
        C,
        415,
        "unsupported_media_type",
        content=b'{"claim": "x"}',
        headers={"content-type": "text/json"},
    ),
    case(
        "binary report body",
        "POST",
        R,
        415,
        "unsupported_media_type",
        content=b"\x00\x01",
        headers={"content-type": "application/octet-stream"},
    ),
    case("top_k Infinity", "POST", C, 422, "invalid_input", **raw(b'{"claim": "x", "top_k": Infinity}')),
    case("top_k -Infinity", "POST", C, 422, "invalid_input", **raw(b'{"claim": "x", "top_k": -Infinity}')),
    case("top_k 1e309", "POST", C, 422, "invalid_input", **raw(b'{"claim": "x", "top_k": 1e309}')),
    # -- wrong types --------------------------------------------------------------------------------------
    case("claims: array body", "POST", C, 422, "invalid_input", json=[UN_CLAIM]),
    case("claims: top_k object", "POST", C, 422, "invalid_input", json={"claim": UN_CLAIM, "top_k": {"$gt": 1}}),
    case("claims: top_k null", "POST", C, 422, "invalid_input", json={"claim": UN_CLAIM, "top_k": None}),
    case("claims: top_k 2.0000001", "POST", C, 422, "invalid_input", json={"claim": UN_CLAIM, "top_k": 2.0000001}),
    case("reports: array body", "POST", R, 422, "invalid_input", json=["harbor-daily"]),
    case("reports: string body", "POST", R, 422, "invalid_input", json="all"),
    case("reports: ids of numbers", "POST", R, 422, "invalid_input", json={"source_ids": [1, 2]}),
    case("reports: ids object", "POST", R, 422, "invalid_input", json={"source_ids": {"harbor-daily": True}}),
    case("reports: no ids", "POST", R, 422, "invalid_input", json={"source_ids": []}),  # was a 201 "failed"
    case("reports: empty id", "POST", R, 422, "invalid_input", json={"source_ids": [""]}),
    case("search: k 1e3", "GET", "/v1/search", 422, "invalid_input", params={"q": "floods", "k": "1e3"}),
    case("search: k 5.0", "GET", "/v1/search", 422, "invalid_input", params={"q": "floods", "k": "5.0"}),
    case("search: k empty", "GET", "/v1/search", 422, "invalid_input", params={"q": "floods", "k": ""}),
    case("list: offset +0.0", "GET", S, 422, "invalid_input", params={"offset": "+0.0"}),  # was read as 0
    case("list: limit ' 5'", "GET", S, 422, "invalid_input", params={"limit": " 5"}),
    case("list: limit 1_0", "GET", S, 422, "invalid_input", params={"limit": "1_0"}),
    case("report: format a path", "GET", "/v1/reports/x", 422, "invalid_input", params={"format": "../../etc"}),
    # -- empty, whitespace-only and wordless text -----------------------------------------------------------
    case("text: Unicode spaces", "POST", S, 422, "invalid_input", json={"text": "\u2003\u00a0\u3000\n\u2029"}),
    case("text: BOM only", "POST", S, 422, "invalid_input", json={"text": "\ufeff"}),
    case("text: invisible only", "POST", S, 422, "invalid_input", json={"text": "\u200b\u2060\u200b"}),
    case("text: control only", "POST", S, 422, "invalid_input", json={"text": "\x01\x02\x03\x7f"}),
    case("claim: Unicode spaces", "POST", C, 422, "invalid_input", json={"claim": "\u3000\u2003\n\t"}),
    case("search: Unicode spaces", "GET", "/v1/search", 422, "invalid_input", params={"q": "\u3000\u2003"}),
    # -- sizes ------------------------------------------------------------------------------------------------
    case("claim of 1 MB", "POST", C, 422, "invalid_input", json={"claim": "x" * 1_000_000}),
    case("claim of 1 MB words", "POST", C, 422, "invalid_input", json={"claim": "word " * 200_000}),
    case("claim of 1 MB spaces", "POST", C, 422, "invalid_input", json={"claim": " " * 1_000_000}),
    # A URL holds no 1 MB query (the client refuses over 64 kB); 60,000 characters is six times the limit.
    case("query of 60 kB", "GET", "/v1/search", 422, "invalid_input", params={"q": "x" * 60_000}),
    case(
        "report body over limit",
        "POST",
        R,
        413,
        "too_large",
        **raw(b'{"source_ids": ["' + b"a" * 10_485_760 + b'"]}'),
    ),
    # -- negative and enormous numbers ------------------------------------------------------------------------
    case("top_k -1", "POST", C, 422, "invalid_input", json={"claim": UN_CLAIM, "top_k": -1}),
    case("top_k -10^30", "POST", C, 422, "invalid_input", json={"claim": UN_CLAIM, "top_k": -(10**30)}),
    case("top_k 10^30", "POST", C, 422, "invalid_input", json={"claim": UN_CLAIM, "top_k": 10**30}),
    case("top_k 2^63", "POST", C, 422, "invalid_input", json={"claim": UN_CLAIM, "top_k": 2**63}),
    case("search: k -1", "GET", "/v1/search", 422, "invalid_input", params={"q": "floods", "k": "-1"}),
    case("search: k 10^30", "GET", "/v1/search", 422, "invalid_input", params={"q": "floods", "k": str(10**30)}),
    case("list: limit -5", "GET", S, 422, "invalid_input", params={"limit": "-5"}),
    # -- unknown ids and ids with path characters ---------------------------------------------------------------
    case("report: one unknown id", "POST", R, 404, "not_found", json={"source_ids": ["harbor-daily", "nope"]}),
    case(
        "claims: traversal id", "POST", C, 404, "not_found", json={"claim": UN_CLAIM, "source_ids": ["../etc/passwd"]}
    ),
    case("claims: empty id", "POST", C, 404, "not_found", json={"claim": UN_CLAIM, "source_ids": [""]}),
    case("report: traversal id", "POST", R, 404, "not_found", json={"source_ids": ["../../factcheck.sqlite3"]}),
    case("read: encoded traversal", "GET", f"{S}/..%2F..%2Fetc%2Fpasswd", 404, "not_found"),
    case("read: encoded dots", "GET", f"{S}/%2e%2e%2f%2e%2e", 404, "not_found"),
    case("read: NUL", "GET", f"{S}/%00", 404, "not_found"),
    case("read: bytes not UTF-8", "GET", f"{S}/%FF%FE", 404, "not_found"),
    case("delete: encoded traversal", "DELETE", f"{S}/..%2Ffactcheck.sqlite3", 404, "not_found"),
    case("delete: NUL", "DELETE", f"{S}/harbor-daily%00", 404, "not_found"),
    case("delete: case differs", "DELETE", f"{S}/HARBOR-DAILY", 404, "not_found"),
    case("report: encoded traversal", "GET", f"{R}/..%2F..%2Fetc", 404, "not_found"),
    case("store: backslash id", "POST", S, 422, "invalid_input", json={"id": "..\\x", "text": TEXT}),
    case("store: encoded dots id", "POST", S, 422, "invalid_input", json={"id": "%2e%2e", "text": TEXT}),
    case("store: NUL in id", "POST", S, 422, "invalid_input", json={"id": "a\x00b", "text": TEXT}),
    case("store: space in id", "POST", S, 422, "invalid_input", json={"id": "harbor daily", "text": TEXT}),
    case("store: absolute id", "POST", S, 422, "invalid_input", json={"id": "/etc/passwd", "text": TEXT}),
    # -- the same id with other text ------------------------------------------------------------------------------
    case("store: stored id, other text", "POST", S, 409, "conflict", json={"id": "harbor-daily", "text": TEXT}),
    # -- dates in the wrong format ------------------------------------------------------------------------------
    *[
        case(
            f"date {value!r}",
            "POST",
            S,
            422,
            "invalid_input",
            json={"id": "dated", "text": TEXT, "published_at": value},
        )
        for value in [
            "12/03/2026",
            "2026-13-01",
            "2026-03-12T25:00:00Z",
            "2026-03-12T08:30:00+24:00",
            "2026-03-12 08:30",
            "2026-03-12T08:30",
            " 2026-03-12",
            "2026-03-12\n",
            "20260312",
            "2026-W11-4",
            "0000-01-01",
            "\u0662\u0660\u0662\u0666-03-12",
        ]
    ],
]


@pytest.mark.parametrize(("method", "path", "request_kwargs", "status", "code"), CASES)
def test_bad_input_is_a_4xx_and_changes_nothing(
    service: tuple[TestClient, Path],
    before: Stored,
    method: str,
    path: str,
    request_kwargs: dict[str, Any],
    status: int,
    code: str,
) -> None:
    client, data_dir = service
    start = stored(client, data_dir)
    assert_error(client.request(method, path, **request_kwargs), status, code)
    after = stored(client, data_dir)
    assert after == start
    assert after.vectors == after.sentences


def test_after_every_case_the_corpus_is_the_seeded_one(service: tuple[TestClient, Path], before: Stored) -> None:
    """Runs after the cases above (file order): together they left the seeded corpus as it was."""
    assert stored(*service) == before


def test_a_405_lists_every_method_of_the_path(client: TestClient) -> None:
    """Regression: the router answered from one route, so /v1/sources/{id} advertised only GET (not DELETE)."""
    for method, path, allowed in [
        ("OPTIONS", "/v1/sources/any", "DELETE, GET, HEAD"),
        ("PUT", "/v1/sources/any", "DELETE, GET, HEAD"),
        ("OPTIONS", "/v1/sources", "GET, HEAD, POST"),
        ("GET", "/v1/claims/check", "POST"),
        ("DELETE", "/v1/reports/any", "GET, HEAD"),
    ]:
        response = client.request(method, path)
        assert_error(response, 405, "method_not_allowed")
        assert response.headers["allow"] == allowed, (method, path)


def test_input_the_schema_allows_is_accepted(app_factory: Callable[..., TestClient]) -> None:
    """Regressions from the schema fuzzing: valid input that was refused, or stored wrongly."""
    client = app_factory()
    # JSON Schema's integer includes 5.0.
    assert client.post("/v1/claims/check", json={"claim": UN_CLAIM, "top_k": 5.0}).status_code == 200
    # RFC 3339 allows "t" and "z" and a leap second; "" means unknown, as for the other metadata.
    for number, (value, day) in enumerate(
        [("2026-03-12t08:30:00z", "2026-03-12"), ("2016-12-31T23:59:60Z", "2016-12-31"), ("", None)]
    ):
        body = {"id": f"dated-{number}", "text": f"{TEXT} Story {number}.", "published_at": value}
        assert client.post("/v1/sources", json=body).status_code == 201, value
        assert client.get(f"/v1/sources/dated-{number}").json()["published_at"] == day
    # An id of dots and letters is fine, only "." and ".." are not.
    assert client.post("/v1/sources", json={"id": ".E", "text": TEXT}).status_code == 201


def test_figures_too_large_for_a_float_are_stored_and_checked(client: TestClient) -> None:
    """Regression: the figure's rounding slack overflowed, a 500 for the source and for the claim."""
    text = f"The flood killed {HUGE_FIGURE} people. Rescue teams arrived on Friday."
    response = client.post("/v1/sources", json={"id": "huge", "text": text})
    assert response.status_code == 201 and response.json()["sentences"] == 2, response.text
    checked = client.post("/v1/claims/check", json={"claim": f"The flood killed {HUGE_FIGURE} people"})
    assert checked.status_code == 200 and checked.json()["sources"][0]["source_id"] == "huge"
    assert "fewer than" not in client.post("/v1/claims/check", json={"claim": "Under 0 people died"}).text


def test_html_with_scripts_is_stored_as_text_and_escaped_in_reports(client: TestClient) -> None:
    """Markup in articles is text: stored and returned verbatim as JSON, escaped in the HTML report."""
    hostile = {
        "a": "The UN says 63 people died in the floods <script>alert(1)</script> on Friday.",
        "b": 'The UN says 81 people died in the floods <img src=x onerror="alert(2)"> on Friday.',
    }
    for source_id, text in hostile.items():
        body = {"id": source_id, "text": text, "title": "<script>alert(3)</script>", "url": "javascript:alert(4)"}
        assert client.post("/v1/sources", json=body).status_code == 201
        read = client.get(f"/v1/sources/{source_id}")
        assert read.headers["content-type"] == "application/json" and read.json()["text"] == text
    report = client.post("/v1/reports", json={"source_ids": ["a", "b"]}).json()
    assert report["summary"]["conflict"] == 1, report  # the hostile sentences are in the report
    html = client.get(f"/v1/reports/{report['id']}", params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html.text and "&lt;img src=x" in html.text
    assert not re.search(r"<script|<img|onerror=\"|javascript:", html.text, re.IGNORECASE)
    markdown = client.get(f"/v1/reports/{report['id']}", params={"format": "md"}).text
    assert "<script>" not in markdown and "<img" not in markdown


@settings(max_examples=500)
@given(st.one_of(st.text(max_size=140), st.from_regex(r"[A-Za-z0-9._\-/\\ %]{0,130}", fullmatch=True)))
@example(".")
@example("..")
@example("...")
@example("x" * 128)
@example("x" * 129)
def test_the_documented_id_pattern_is_the_library_rule(source_id: str) -> None:
    """The OpenAPI pattern (no lookaround, so every client's regex engine reads it) accepts exactly what the
    library accepts. Regression: the pattern was missing from the description and allowed "." and ".."."""
    try:
        validate_source_id(source_id)
        valid = True
    except InvalidInputError:
        valid = False
    assert bool(re.fullmatch(SOURCE_ID_PATTERN, source_id)) == valid


def test_the_documented_id_pattern_is_in_the_openapi_description(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["SourceIn"]["properties"]["id"]
    assert {"type": "string", "pattern": SOURCE_ID_PATTERN} in schema["anyOf"]
