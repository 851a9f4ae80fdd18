"""POST/GET/DELETE /v1/sources: storing, re-posting, conflicts, reading, pagination and deletion."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from factcheck.claims.extract import create_extractor
from factcheck.records import content_hash, derive_source_id
from factcheck.segment import Segmenter
from tests.api.conftest import EXAMPLE_IDS, UN_CLAIM, assert_error

TEXT = (
    "According to the UN, 63 people have died in the floods since March 1. "
    "Foreign Minister Pavel Ostrovsky heads the Kastavian delegation."
)


def typed_claims(text: str) -> int:
    """What the extractor finds in the text, statements excluded: what the API reports as ``claims``."""
    sentences = [span.text for span in Segmenter().split(text)]
    return sum(claim.kind != "statement" for found in create_extractor("spacy").extract(sentences) for claim in found)


def test_create_answers_201_with_id_sentences_and_claims(client: TestClient) -> None:
    body = {
        "id": "wire-1",
        "title": "Floods",
        "outlet": "Example Wire",
        "url": "https://wire.example/floods",
        "published_at": "2026-03-12T08:30:00Z",
        "text": TEXT,
    }
    response = client.post("/v1/sources", json=body)
    assert response.status_code == 201, response.text
    claims = typed_claims(TEXT)
    assert claims >= 2  # the figure and the head of the delegation, at least
    # Nothing else is stored, so nothing was compared and nothing can conflict.
    assert response.json() == {"id": "wire-1", "sentences": 2, "claims": claims, "compared": [], "conflicts": []}
    assert response.headers["location"] == "/v1/sources/wire-1"

    stored = client.get("/v1/sources/wire-1")
    assert stored.status_code == 200
    assert stored.json() == {
        "id": "wire-1",
        "title": "Floods",
        "outlet": "Example Wire",
        "url": "https://wire.example/floods",
        "published_at": "2026-03-12",  # the datetime's date
        "sentences": 2,
        "claims": claims,
        "content_hash": content_hash(TEXT),
        "created_at": stored.json()["created_at"],
        "text": TEXT,
    }


def test_identical_repost_answers_200_with_the_same_body(client: TestClient) -> None:
    first = client.post("/v1/sources", json={"id": "wire-1", "text": TEXT})
    assert first.status_code == 201
    again = client.post("/v1/sources", json={"id": "wire-1", "text": TEXT})
    assert again.status_code == 200 and again.json() == first.json()
    assert "location" not in again.headers
    # The text is normalized before it is compared: a BOM, CRLF line ends and outer whitespace change nothing.
    variant = client.post("/v1/sources", json={"id": "wire-1", "text": "\ufeff  " + TEXT + "\r\n"})
    assert variant.status_code == 200 and variant.json() == first.json()


def test_same_id_with_other_text_is_a_409(client: TestClient) -> None:
    assert client.post("/v1/sources", json={"id": "wire-1", "text": TEXT}).status_code == 201
    message = assert_error(client.post("/v1/sources", json={"id": "wire-1", "text": "Other text."}), 409, "conflict")
    assert "wire-1" in message and "delete it first" in message
    assert client.get("/v1/sources/wire-1").json()["text"] == TEXT  # untouched


def test_without_an_id_the_id_is_a_hash_of_the_normalized_text(client: TestClient) -> None:
    response = client.post("/v1/sources", json={"text": TEXT + "\r\n"})
    assert response.status_code == 201
    source_id = response.json()["id"]
    assert source_id == derive_source_id("", TEXT) == "src-" + content_hash(TEXT)[:16]
    again = client.post("/v1/sources", json={"text": TEXT})
    assert again.status_code == 200 and again.json()["id"] == source_id


def test_text_is_stored_normalized(client: TestClient) -> None:
    raw = "\ufeffFirst line of the report.\r\nSecond line, cafe\u0301 included.  \n"
    assert client.post("/v1/sources", json={"id": "n", "text": raw}).status_code == 201
    assert client.get("/v1/sources/n").json()["text"] == "First line of the report.\nSecond line, caf\u00e9 included."


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \n\t  "}, "empty"),
        ({"text": "... --- !!!"}, "no sentences"),
        ({"text": "Looks\u0000binary."}, "NUL"),
        ({"id": "../etc/passwd", "text": TEXT}, "id"),
        ({"id": "..", "text": TEXT}, "invalid source id"),
        ({"id": "a/b", "text": TEXT}, "id"),
        ({"id": "", "text": TEXT}, "id"),
        ({"id": "x" * 129, "text": TEXT}, "id"),
        ({"id": "caf\u00e9", "text": TEXT}, "id"),
        ({"published_at": "yesterday", "text": TEXT}, "published_at"),
        ({"published_at": "2026-02-30", "text": TEXT}, "published_at"),
        ({"published_at": 20260312, "text": TEXT}, "published_at"),
        ({"text": 5}, "text"),
        ({"text": ["a"]}, "text"),
        ({"text": None}, "text"),
        ({"title": 5, "text": TEXT}, "title"),
        ({"id": 7, "text": TEXT}, "id"),
        ({"texts": TEXT}, "text"),
        ({"text": TEXT, "author": "someone"}, "author"),
        ([TEXT], "request body"),
        (TEXT, "request body"),
        (None, "request body"),
    ],
)
def test_invalid_sources_are_a_422(client: TestClient, body: Any, fragment: str) -> None:
    message = assert_error(client.post("/v1/sources", json=body), 422, "invalid_input")
    assert fragment in message
    assert client.get("/v1/sources").json()["total"] == 0


def test_a_text_over_the_character_limit_is_a_413(client: TestClient) -> None:
    # 2,000,000 characters is the library's default limit per source (Config.max_source_chars).
    message = assert_error(client.post("/v1/sources", json={"text": "word " * 400_001}), 413, "too_large")
    assert "2,000,000" in message


def test_examples_list_and_read(seeded_client: TestClient, example_bodies: dict[str, dict[str, Any]]) -> None:
    page = seeded_client.get("/v1/sources").json()
    assert page["total"] == 3 and page["offset"] == 0 and page["limit"] == 50
    assert [item["id"] for item in page["items"]] == list(EXAMPLE_IDS)
    for item in page["items"]:
        assert "text" not in item and item["sentences"] > 10
    ledger = seeded_client.get("/v1/sources/northern-ledger").json()
    assert ledger["outlet"] == "The Northern Ledger" and ledger["published_at"] == "2026-03-12"
    assert ledger["text"] == example_bodies["northern-ledger"]["text"]
    assert ledger["claims"] > 10
    # Re-posting an example changes nothing and reports the same counts.
    again = seeded_client.post("/v1/sources", json=example_bodies["northern-ledger"])
    assert again.status_code == 200
    answer = again.json()
    assert {k: answer[k] for k in ("id", "sentences", "claims")} == {
        "id": "northern-ledger",
        "sentences": ledger["sentences"],
        "claims": ledger["claims"],
    }
    # The conflicts it brings are the ones asked for later.
    later = seeded_client.get("/v1/sources/northern-ledger/conflicts").json()
    assert later == {"source_id": "northern-ledger", "compared": answer["compared"], "topics": answer["conflicts"]}


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"limit": 2}, ["harbor-daily", "northern-ledger"]),
        ({"limit": 2, "offset": 2}, ["radio-meridian"]),
        ({"offset": 1, "limit": 1}, ["northern-ledger"]),
        ({"offset": 3}, []),
        ({"offset": 1000}, []),
    ],
)
def test_pagination(seeded_client: TestClient, params: dict[str, int], ids: list[str]) -> None:
    page = seeded_client.get("/v1/sources", params=params).json()
    assert [item["id"] for item in page["items"]] == ids
    assert page["total"] == 3
    assert page["offset"] == params.get("offset", 0) and page["limit"] == params.get("limit", 50)


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"offset": 10**30}, {"limit": "all"}, {"offset": "1.5"}],
)
def test_bad_pagination_is_a_422(seeded_client: TestClient, params: dict[str, Any]) -> None:
    assert_error(seeded_client.get("/v1/sources", params=params), 422, "invalid_input")


@pytest.mark.parametrize("source_id", ["nowhere", "..", "a%00b", "x" * 300])
def test_unknown_ids_are_a_404(seeded_client: TestClient, source_id: str) -> None:
    message = assert_error(seeded_client.get(f"/v1/sources/{source_id}"), 404, "not_found")
    assert "no source" in message or message == "Not Found"
    assert_error(seeded_client.delete(f"/v1/sources/{source_id}"), 404, "not_found")


def test_delete_removes_the_source_its_sentences_vectors_and_claims(
    app_factory: Callable[..., TestClient], seeded_dir: Path
) -> None:
    client = app_factory(seeded_dir)
    before = client.get("/v1/sources/radio-meridian").json()
    response = client.delete("/v1/sources/radio-meridian")
    assert response.status_code == 204 and response.content == b""

    assert_error(client.get("/v1/sources/radio-meridian"), 404, "not_found")
    assert [s["id"] for s in client.get("/v1/sources").json()["items"]] == ["harbor-daily", "northern-ledger"]
    hits = client.get("/v1/search", params={"q": "flood death toll according to the United Nations", "k": 50}).json()
    assert hits and all(hit["source_id"] != "radio-meridian" for hit in hits)
    checked = client.post("/v1/claims/check", json={"claim": UN_CLAIM}).json()
    assert [s["source_id"] for s in checked["sources"]] == ["harbor-daily", "northern-ledger"]
    assert checked["verdict"] == "agree"
    metrics = client.get("/metrics").text
    assert "factcheck_sources 2\n" in metrics

    with sqlite3.connect(f"file:{seeded_dir / 'factcheck.sqlite3'}?mode=ro", uri=True) as db:
        for table in ("sentences", "claims", "claim_slots"):
            count = db.execute(f"SELECT count(*) FROM {table} WHERE source_id = ?", ("radio-meridian",)).fetchone()
            assert count == (0,), table
    assert before["sentences"] > 0

    # The id is free again, for other text.
    assert client.post("/v1/sources", json={"id": "radio-meridian", "text": TEXT}).status_code == 201


def test_a_source_that_contradicts_stored_ones_is_told_on_arrival(
    seeded_client: TestClient, example_bodies: dict[str, dict[str, Any]]
) -> None:
    deleted = seeded_client.delete("/v1/sources/radio-meridian")
    assert deleted.status_code == 204
    # Without the comparison (a bulk load), the fields say it was not made.
    quiet = seeded_client.post("/v1/sources?conflicts=false", json=example_bodies["radio-meridian"])
    assert quiet.status_code == 201, quiet.text
    assert quiet.json()["compared"] is None and quiet.json()["conflicts"] is None
    assert seeded_client.delete("/v1/sources/radio-meridian").status_code == 204

    answer = seeded_client.post("/v1/sources", json=example_bodies["radio-meridian"]).json()
    assert set(answer["compared"]) == {"harbor-daily", "northern-ledger"}
    toll = [t for t in answer["conflicts"] if any(c["text"].startswith("81") for c in t["claims"])]
    assert toll, answer["conflicts"]
    assert all(t["status"] == "conflict" for t in answer["conflicts"])
    claim = next(c for c in toll[0]["claims"] if c["source_id"] == "radio-meridian")
    text = example_bodies["radio-meridian"]["text"]
    stored = seeded_client.get("/v1/sources/radio-meridian").json()["text"]
    assert stored[claim["start"] : claim["end"]] == claim["text"] and claim["text"] in text
    assert stored[claim["sentence_start"] : claim["sentence_end"]] == claim["sentence"]


def test_a_sources_typed_claims_point_into_its_text(seeded_client: TestClient) -> None:
    text = seeded_client.get("/v1/sources/northern-ledger").json()["text"]
    found = seeded_client.get("/v1/sources/northern-ledger/claims").json()
    assert found["source_id"] == "northern-ledger"
    assert len(found["claims"]) == seeded_client.get("/v1/sources/northern-ledger").json()["claims"]
    for claim in found["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert claim["sentence_start"] <= claim["start"] < claim["end"] <= claim["sentence_end"]
    assert any(c["kind"] == "quantity" and c["text"] == "63" for c in found["claims"]), found["claims"][:5]


def test_claims_and_conflicts_of_an_unknown_source_are_404(client: TestClient) -> None:
    for path in ("/v1/sources/nope/claims", "/v1/sources/nope/conflicts"):
        response = client.get(path)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
