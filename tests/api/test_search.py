"""GET /v1/search: sentences by meaning, with the error shape for bad parameters."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import assert_error


def test_search(seeded_client: TestClient) -> None:
    response = seeded_client.get("/v1/search", params={"q": "who heads the Kastavian delegation", "k": 2})
    assert response.status_code == 200
    hits = response.json()
    assert len(hits) == 2 and set(hits[0]) == {"source_id", "sentence", "start", "end", "score"}
    assert "Ostrovsky" in hits[0]["sentence"] or "Sarkan" in hits[0]["sentence"]
    text = seeded_client.get(f"/v1/sources/{hits[0]['source_id']}").json()["text"]
    assert text[hits[0]["start"] : hits[0]["end"]] == hits[0]["sentence"]
    assert hits[0]["score"] >= hits[1]["score"]


@pytest.mark.parametrize(
    "params",
    [{"q": "x", "k": 0}, {"q": "x", "k": 1001}, {"q": "x", "k": "many"}, {}, {"q": "   "}, {"q": "x" * 10_001}],
)
def test_bad_searches_are_a_422(seeded_client: TestClient, params: dict[str, Any]) -> None:
    assert_error(seeded_client.get("/v1/search", params=params), 422, "invalid_input")
