"""POST /v1/sources/file: an article file's raw bytes, read by the readers `factcheck ingest` uses, stored as by
POST /v1/sources; bad JSON Lines records refused one by one; a file with nothing in it a 400; 415 for a format
factcheck does not read."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from factcheck.records import content_hash
from tests.api.conftest import assert_error

URL = "/v1/sources/file"


def upload(client: TestClient, name: str, data: bytes, **params: str) -> Any:
    return client.post(URL, params={"name": name, **params}, content=data, headers={"content-type": "text/plain"})


def listed(client: TestClient) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in client.get("/v1/sources").json()["items"]}


def test_a_text_file_is_stored_with_its_front_matter(client: TestClient, examples_dir: Path) -> None:
    data = (examples_dir / "radio-meridian.txt").read_bytes()
    response = upload(client, "radio-meridian.txt", data)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["name"] == "radio-meridian.txt" and body["refused"] == []
    (stored,) = body["stored"]
    assert stored["id"] == "radio-meridian" and stored["status"] == "new"
    assert stored["sentences"] > 20 and stored["claims"] > 0
    assert response.headers["location"] == "/v1/sources/radio-meridian"
    meta = listed(client)["radio-meridian"]
    assert meta["title"] == "Kastavia-Dravenia ceasefire talks begin as Velmar flood toll climbs"
    assert meta["outlet"] == "Radio Meridian" and meta["published_at"] == "2026-03-13"

    again = upload(client, "radio-meridian.txt", data)
    assert again.status_code == 200, again.text
    assert again.json()["stored"] == [{**stored, "status": "unchanged"}]


def test_the_upload_stores_what_the_cli_reads(
    client: TestClient, examples_dir: Path, example_bodies: dict[str, dict[str, Any]]
) -> None:
    """Same readers as `factcheck ingest`: the stored text is the text the CLI's reader gives for each example."""
    for path in sorted(examples_dir.iterdir()):
        response = upload(client, path.name, path.read_bytes())
        assert response.status_code == 201, response.text
    for source_id, body in example_bodies.items():
        detail = client.get(f"/v1/sources/{source_id}").json()
        assert detail["content_hash"] == content_hash(body["text"])
        assert (detail["title"], detail["outlet"], detail["url"]) == (body["title"], body["outlet"], body["url"])


def test_an_html_page_with_metadata_overrides(client: TestClient, examples_dir: Path) -> None:
    data = (examples_dir / "harbor-daily.html").read_bytes()
    params = {"title": "Talks and floods", "outlet": "Harbor Daily (print)", "published_at": "2026-03-14"}
    response = client.post(URL, params={"name": "harbor-daily.html", **params}, content=data)  # no content type
    assert response.status_code == 201, response.text
    assert [s["id"] for s in response.json()["stored"]] == ["harbor-daily"]
    detail = client.get("/v1/sources/harbor-daily").json()
    assert (detail["title"], detail["outlet"], detail["published_at"]) == tuple(params.values())
    assert detail["url"] == "https://harbor-daily.example/world/2026/03/13/lindhaven-ceasefire-talks-velmar-floods"
    assert "cookie" not in detail["text"].lower() and "Ostrovskyy" in detail["text"]


def test_a_json_lines_file_stores_the_good_lines_and_refuses_the_bad_one(client: TestClient) -> None:
    lines = [
        json.dumps({"id": "wire-1", "outlet": "Wire", "text": "According to the UN, 63 people have died."}),
        "{not json",
        "",
        json.dumps({"id": "wire-2", "title": "Talks", "text": "Talks open in Lindhaven on Friday."}),
    ]
    response = upload(client, "feed.jsonl", "\n".join(lines).encode(), outlet="Example Wire")
    assert response.status_code == 201, response.text
    body = response.json()
    assert [(s["id"], s["status"]) for s in body["stored"]] == [("wire-1", "new"), ("wire-2", "new")]
    (refused,) = body["refused"]
    assert refused["record"] == "line 2" and refused["error"].startswith("invalid JSON")
    assert "\n" not in refused["error"]
    assert "location" not in response.headers  # two sources: no one URL
    sources = listed(client)
    assert sources["wire-1"]["outlet"] == sources["wire-2"]["outlet"] == "Example Wire"  # the override, for all


def test_an_unsupported_extension_is_a_415(client: TestClient) -> None:
    message = assert_error(upload(client, "article.pdf", b"%PDF-1.7 ..."), 415, "unsupported_media_type")
    assert "unsupported file type '.pdf'" in message and ".jsonl" in message
    assert "'(no extension)'" in assert_error(upload(client, "README", b"Some text."), 415)
    assert client.get("/v1/sources").json()["total"] == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.md", b" \n\n ", "file is empty"),
        ("front-only.md", b"---\ntitle: T\n---\n", "no article text found"),
        ("markup.html", b"<html><body><script>x()</script></body></html>", "no article text found"),
        ("all-bad.jsonl", b"{nope\n[1]\n", "nothing stored from all-bad.jsonl: line 1: invalid JSON"),
    ],
)
def test_a_file_with_nothing_to_store_is_a_400(client: TestClient, name: str, data: bytes, message: str) -> None:
    text = assert_error(upload(client, name, data), 400, "bad_request")
    assert message in text
    assert client.get("/v1/sources").json()["total"] == 0


def test_other_bad_files_get_the_library_status(client: TestClient) -> None:
    assert "not valid UTF-8" in assert_error(upload(client, "a.txt", "Café.".encode("latin-1")), 422, "invalid_input")
    assert "binary" in assert_error(upload(client, "a.txt", b"PNG\x00\x00"), 415)
    one = upload(client, "feed.jsonl", b'{"text": "One."}', title="T")
    assert "title and url name one article" in assert_error(one, 422, "invalid_input")
    assert "name" in assert_error(client.post(URL, content=b"Text."), 422, "invalid_input")
    bad_date = upload(client, "a.txt", b"Text.", published_at="13/03/2026")
    assert "published_at" in assert_error(bad_date, 422, "invalid_input")


def test_an_id_taken_by_other_text_is_a_409(client: TestClient) -> None:
    assert upload(client, "story.txt", b"The river rose on Tuesday.").status_code == 201
    message = assert_error(upload(client, "story.txt", b"The river fell on Tuesday."), 409, "conflict")
    assert "nothing stored from story.txt: source id 'story' is already stored with different text" in message


def test_a_plain_text_files_headline_is_its_title(client: TestClient) -> None:
    data = b"Floods kill 14 in Velmar\n\nAt least 14 people died in a single day, the Red Cross said.\n"
    assert upload(client, "velmar.txt", data).status_code == 201
    assert listed(client)["velmar"]["title"] == "Floods kill 14 in Velmar"


def test_the_body_limit_applies(app_factory: Callable[..., TestClient]) -> None:
    small = app_factory(max_body_bytes=4096)
    assert_error(upload(small, "big.txt", b"Word. " * 1000), 413, "too_large")
    assert upload(small, "small.txt", b"Word. " * 100).status_code == 201


def test_writes_need_a_key(app_factory: Callable[..., TestClient]) -> None:
    guarded = app_factory(api_keys=["upload-key-9d2e"])
    assert_error(upload(guarded, "a.txt", b"Text here."), 401, "unauthorized")
    response = guarded.post(
        URL, params={"name": "a.txt"}, content=b"Text here.", headers={"X-API-Key": "upload-key-9d2e"}
    )
    assert response.status_code == 201, response.text


def test_the_route_is_not_shadowed_by_the_source_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"][URL]) == {"post"}
    assert spec["paths"][URL]["post"]["security"] == [{"bearer": []}, {"apiKey": []}]
    assert_error(client.get(URL), 404, "not_found")  # GET /v1/sources/{source_id} with the id "file"
    assert upload(client, "file.txt", b"A source whose id is file.").status_code == 201
    assert client.get(URL).json()["id"] == "file"


def test_an_uploaded_article_brings_its_conflicts_with_stored_ones(client: TestClient, examples_dir: Path) -> None:
    for name in ("northern-ledger.md", "harbor-daily.html"):
        first = upload(client, name, (examples_dir / name).read_bytes(), conflicts="false")
        assert first.status_code == 201, first.text
        assert first.json()["stored"][0]["conflicts"] is None  # not compared: a bulk load
    response = upload(client, "radio-meridian.txt", (examples_dir / "radio-meridian.txt").read_bytes())
    (stored,) = response.json()["stored"]
    assert set(stored["compared"]) == {"northern-ledger", "harbor-daily"}
    # Radio Meridian's toll (81) against the others' 63: the same topics as GET /v1/sources/{id}/conflicts.
    assert any("81" in topic["reason"] and "63" in topic["reason"] for topic in stored["conflicts"])
    later = client.get("/v1/sources/radio-meridian/conflicts").json()
    assert later["topics"] == stored["conflicts"]
