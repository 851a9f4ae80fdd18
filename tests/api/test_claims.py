"""POST /v1/claims/check on the example articles: verdicts, evidence with offsets, and refusals."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from factcheck.check import MAX_CLAIM_CHARS
from tests.api.conftest import EXAMPLE_IDS, UN_CLAIM, assert_error
from tests.factcheck.test_claimreview import assert_valid_claim_review

VERDICTS = {"agree", "conflict", "mixed", "unverified"}


def check(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/v1/claims/check", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def verdicts(result: dict[str, Any]) -> dict[str, str]:
    return {source["source_id"]: source["verdict"] for source in result["sources"]}


def test_un_death_toll_two_agree_one_conflicts(seeded_client: TestClient) -> None:
    result = check(seeded_client, claim=UN_CLAIM)
    assert result["claim"]["text"] == UN_CLAIM
    (part,) = result["claim"]["parts"]
    assert part["kind"] == "quantity" and part["text"] == "63" and UN_CLAIM[part["start"] : part["end"]] == "63"
    assert "according to UN" in part["description"]
    assert result["verdict"] == "mixed"
    assert verdicts(result) == {"harbor-daily": "agree", "northern-ledger": "agree", "radio-meridian": "conflict"}

    texts = {source_id: seeded_client.get(f"/v1/sources/{source_id}").json()["text"] for source_id in EXAMPLE_IDS}
    expected_figure = {"harbor-daily": "63", "northern-ledger": "63", "radio-meridian": "81"}
    for source in result["sources"]:
        assert source["reason"] and source["evidence"]
        deciding = source["evidence"][0]
        assert deciding["verdict"] == source["verdict"]
        text = texts[source["source_id"]]
        # Offsets index the stored text, as GET /v1/sources/{id} returns it.
        assert text[deciding["start"] : deciding["end"]] == deciding["sentence"]
        highlight = deciding["highlight"]
        assert text[highlight["start"] : highlight["end"]] == expected_figure[source["source_id"]]
        assert deciding["start"] <= highlight["start"] < highlight["end"] <= deciding["end"]
        assert 0 < deciding["similarity"] <= 1
        for evidence in source["evidence"]:
            assert set(evidence) == {"sentence", "start", "end", "similarity", "verdict", "reason", "highlight"}
            assert evidence["verdict"] in VERDICTS and text[evidence["start"] : evidence["end"]] == evidence["sentence"]
    conflict = next(s for s in result["sources"] if s["source_id"] == "radio-meridian")
    assert "81" in conflict["reason"] and "63" in conflict["reason"]


def test_head_of_delegation_conflicts_where_another_head_is_named(seeded_client: TestClient) -> None:
    result = check(seeded_client, claim="Ivo Sarkan heads the Kastavian delegation")
    assert verdicts(result) == {"harbor-daily": "conflict", "northern-ledger": "conflict", "radio-meridian": "agree"}
    assert result["verdict"] == "mixed"
    assert result["claim"]["parts"][0]["kind"] == "group"


def test_requested_sources_all_appear_in_request_order(seeded_client: TestClient) -> None:
    wanted = ["radio-meridian", "harbor-daily", "radio-meridian"]
    result = check(seeded_client, claim=UN_CLAIM, source_ids=wanted, top_k=1)
    assert [s["source_id"] for s in result["sources"]] == ["radio-meridian", "harbor-daily"]
    assert result["verdict"] == "mixed"
    # A claim none of them decides still gets a verdict and the closest sentence for every source.
    unrelated = check(seeded_client, claim="The orchestra played Brahms to a full hall", source_ids=list(EXAMPLE_IDS))
    assert unrelated["verdict"] == "unverified" and unrelated["claim"]["parts"] == []
    assert [s["source_id"] for s in unrelated["sources"]] == list(EXAMPLE_IDS)
    for source in unrelated["sources"]:
        assert source["verdict"] == "unverified" and source["evidence"] and source["reason"]


def test_unknown_source_ids_are_a_404(seeded_client: TestClient) -> None:
    response = seeded_client.post("/v1/claims/check", json={"claim": UN_CLAIM, "source_ids": ["harbor-daily", "nope"]})
    assert "'nope'" in assert_error(response, 404, "not_found")


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"claim": "x " * MAX_CLAIM_CHARS}, f"limit is {MAX_CLAIM_CHARS:,}"),
        ({"claim": "   "}, "empty"),
        ({"claim": ""}, "claim"),
        ({}, "claim"),
        ({"claim": 63}, "claim"),
        ({"claim": UN_CLAIM, "top_k": 0}, "top_k"),
        ({"claim": UN_CLAIM, "top_k": 51}, "top_k"),
        ({"claim": UN_CLAIM, "top_k": "5"}, "top_k"),
        ({"claim": UN_CLAIM, "top_k": 2.5}, "top_k"),
        ({"claim": UN_CLAIM, "top_k": True}, "top_k"),
        ({"claim": UN_CLAIM, "source_ids": []}, "source_ids"),
        ({"claim": UN_CLAIM, "source_ids": "harbor-daily"}, "source_ids"),
        ({"claim": UN_CLAIM, "source_ids": [1]}, "source_ids"),
        ({"claim": UN_CLAIM, "source_id": ["harbor-daily"]}, "source_id"),
    ],
)
def test_invalid_checks_are_a_422(seeded_client: TestClient, body: dict[str, Any], fragment: str) -> None:
    assert fragment in assert_error(seeded_client.post("/v1/claims/check", json=body), 422, "invalid_input")


def test_a_claim_at_the_limit_is_accepted(seeded_client: TestClient) -> None:
    claim = ("The UN says 63 people died. " * 100)[:MAX_CLAIM_CHARS]
    result = check(seeded_client, claim=claim, source_ids=["northern-ledger"], top_k=1)
    assert result["sources"][0]["source_id"] == "northern-ledger"


def test_checking_an_empty_corpus_answers_unverified(client: TestClient) -> None:
    answer = check(client, claim=UN_CLAIM) | {"claim": None}
    assert answer == {"claim": None, "verdict": "unverified", "sources": [], "unlisted_sources": 0}


def test_format_claimreview_answers_schema_org_json_ld(
    seeded_client: TestClient, example_bodies: dict[str, dict[str, Any]]
) -> None:
    response = seeded_client.post("/v1/claims/check", params={"format": "claimreview"}, json={"claim": UN_CLAIM})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/ld+json"
    review = response.json()
    assert_valid_claim_review(review)
    assert review["claimReviewed"] == UN_CLAIM
    assert review["reviewRating"] | {"@type": None} == {
        "@type": None,
        "ratingValue": 3,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Disputed: the sources disagree",
    }
    # Every source with the metadata it was stored with, its verdict and its deciding sentences.
    cited = {c["identifier"]: c for c in review["citation"]}
    assert list(cited) == list(EXAMPLE_IDS)
    json_answer = check(seeded_client, claim=UN_CLAIM)
    for source in json_answer["sources"]:
        article, stored = cited[source["source_id"]], example_bodies[source["source_id"]]
        assert article["url"] == stored["url"] and article["headline"] == stored["title"]
        assert article["publisher"]["name"] == stored["outlet"]
        assert article["datePublished"] == stored["published_at"]
        assert article["review"]["reviewBody"] == source["reason"]
        quoted = [q["text"] for q in article["review"]["citation"]]
        assert source["evidence"][0]["sentence"] == quoted[0]
    assert [a["identifier"] for a in review["itemReviewed"]["appearance"]] == ["harbor-daily", "northern-ledger"]


def test_format_json_is_the_default(seeded_client: TestClient) -> None:
    body = {"claim": UN_CLAIM, "source_ids": ["radio-meridian"], "top_k": 1}
    response = seeded_client.post("/v1/claims/check", params={"format": "json"}, json=body)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.json() == check(seeded_client, **body)


@pytest.mark.parametrize("value", ["claim-review", "jsonld", "CLAIMREVIEW", ""])
def test_an_unknown_format_is_a_422(seeded_client: TestClient, value: str) -> None:
    response = seeded_client.post("/v1/claims/check", params={"format": value}, json={"claim": UN_CLAIM})
    message = assert_error(response, 422, "invalid_input")
    assert "format" in message and "claimreview" in message
