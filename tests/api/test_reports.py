"""POST /v1/reports and GET /v1/reports/{id}: inline and background reports, renderings, persistence."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from tests.api.conftest import assert_error


def wait_done(client: TestClient, report_id: str, seconds: float = 30) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = client.get(f"/v1/reports/{report_id}").json()
        if body["status"] != "running":
            return body  # type: ignore[no-any-return]
        time.sleep(0.05)
    raise AssertionError("the report never finished")


def test_inline_report_and_renderings(app_factory: Callable[..., TestClient], seeded_dir: Path) -> None:
    client = app_factory(seeded_dir)
    response = client.post("/v1/reports", json={})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "done" and body["summary"]["conflict"] == 2
    assert set(body) >= {"id", "status", "sources", "topics", "summary"}
    topic = body["topics"][0]
    assert topic["status"] == "conflict" and set(topic) >= {"id", "kind", "label", "status", "claims", "reason"}
    assert set(topic["claims"][0]) >= {"source_id", "text", "start", "end", "value"}
    report_id = body["id"]
    assert client.get(f"/v1/reports/{report_id}").json() == body
    html = client.get(f"/v1/reports/{report_id}", params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html") and "2 conflicts" in html.text
    markdown = client.get(f"/v1/reports/{report_id}", params={"format": "md"})
    assert markdown.text.startswith("# Consistency report")
    csv_text = client.get(f"/v1/reports/{report_id}", params={"format": "csv"}).text
    assert csv_text.splitlines()[0].startswith("topic_id,status")
    assert_error(client.get(f"/v1/reports/{report_id}", params={"format": "pdf"}), 422)
    assert_error(client.get("/v1/reports/nope"), 404)


def test_report_of_named_sources(app_factory: Callable[..., TestClient], seeded_dir: Path) -> None:
    client = app_factory(seeded_dir)
    body = client.post("/v1/reports", json={"source_ids": ["northern-ledger", "harbor-daily"]}).json()
    assert body["summary"]["conflict"] == 0 and body["sources"] == ["northern-ledger", "harbor-daily"]
    assert_error(client.post("/v1/reports", json={"source_ids": ["missing"]}), 404)
    assert_error(client.post("/v1/reports", json={"source_ids": "all"}), 422)
    assert_error(client.post("/v1/reports", json={"sources": []}), 422)


def test_large_report_runs_as_a_job_and_survives_a_restart(
    app_factory: Callable[..., TestClient], seeded_dir: Path
) -> None:
    client = app_factory(seeded_dir, report_inline_sentences=0)
    response = client.post("/v1/reports", json={})
    assert response.status_code == 202, response.text
    # 202 with the job's state at that moment: small examples may already be done when the answer is written
    assert response.json()["status"] in {"running", "done"}
    assert response.headers["location"].startswith("/v1/reports/")
    report_id = response.json()["id"]
    done = wait_done(client, report_id)
    assert done["status"] == "done"
    client.__exit__(None, None, None)
    restarted = app_factory(seeded_dir)
    assert restarted.get(f"/v1/reports/{report_id}").json() == done


def test_a_report_left_running_by_a_stopped_service_is_marked_failed(
    app_factory: Callable[..., TestClient], seeded_dir: Path
) -> None:
    from factcheck import Config, Corpus
    from factcheck.report_store import start_report

    with Corpus.open(Config(data_dir=seeded_dir)) as corpus:
        report_id = start_report(corpus, None)  # as if the process died right after starting it
    client = app_factory(seeded_dir)
    body = client.get(f"/v1/reports/{report_id}").json()
    assert body["status"] == "failed" and "stopped" in body["error"]
    assert_error(client.get(f"/v1/reports/{report_id}", params={"format": "html"}), 409)


def test_reports_need_a_key_when_keys_are_set(app_factory: Callable[..., TestClient], seeded_dir: Path) -> None:
    client = app_factory(seeded_dir, api_keys=["secret"])
    assert_error(client.post("/v1/reports", json={}), 401)
    assert_error(client.post("/v1/reports", json={}, headers={"X-API-Key": "wrong"}), 403)
    assert client.post("/v1/reports", json={}, headers={"Authorization": "Bearer secret"}).status_code == 201


def test_every_rendering_is_sent_as_inert_text(app_factory: Callable[..., TestClient], seeded_dir: Path) -> None:
    """Reports hold untrusted source text: no rendering may be sniffed into a page, run a script or be framed
    (tests/api/browser/test_escaping.py opens them in Chromium)."""
    client = app_factory(seeded_dir)
    report_id = client.post("/v1/reports", json={}).json()["id"]
    for rendering in ("json", "md", "html", "csv"):
        answer = client.get(f"/v1/reports/{report_id}", params={"format": rendering})
        assert answer.status_code == 200
        assert answer.headers["x-content-type-options"] == "nosniff"
        policy = answer.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy and "script-src" not in policy


def test_reports_are_listed_newest_first_without_their_topics(
    app_factory: Callable[..., TestClient], seeded_dir: Path
) -> None:
    client = app_factory(seeded_dir)
    assert client.get("/v1/reports").json() == {"items": [], "total": 0, "offset": 0, "limit": 50}
    first = client.post("/v1/reports", json={}).json()
    time.sleep(1.1)  # created_at has whole seconds in SQLite: the second report is newer, not only later inserted
    second = client.post("/v1/reports", json={"source_ids": ["northern-ledger", "harbor-daily"]}).json()
    listed = client.get("/v1/reports").json()
    assert listed["total"] == 2 and [r["id"] for r in listed["items"]] == [second["id"], first["id"]]
    newest = listed["items"][0]
    assert newest["status"] == "done" and newest["source_ids"] == ["northern-ledger", "harbor-daily"]
    assert "topics" not in newest and listed["items"][1]["source_ids"] is None
    page = client.get("/v1/reports", params={"offset": 1, "limit": 1}).json()
    assert [r["id"] for r in page["items"]] == [first["id"]] and page["total"] == 2
    assert_error(client.get("/v1/reports", params={"limit": 0}), 422)
    assert_error(client.get("/v1/reports", params={"offset": -1}), 422)
