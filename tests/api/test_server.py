"""A real server process: `factcheck serve` on loopback, driven over HTTP with httpx, then stopped."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.conftest import UN_CLAIM
from tests.api.live import live_server

KEY = "server-test-key-4f1c"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    log_path = tmp_path / "server.log"
    # comma-separated, as an operator would set it
    with live_server(tmp_path / "data", log_path, {"FACTCHECK_API_KEYS": f"other-key,{KEY}"}) as (base, process):
        yield base, process, log_path


def test_a_real_server_stores_a_source_and_checks_a_claim(
    server: tuple[str, subprocess.Popen[bytes], Path], example_bodies: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    base, process, log_path = server
    with httpx.Client(base_url=base, timeout=30) as http:
        assert http.post("/v1/sources", json=example_bodies["radio-meridian"]).status_code == 401
        stored = http.post("/v1/sources", json=example_bodies["radio-meridian"], headers={"X-API-Key": KEY})
        assert stored.status_code == 201, stored.text
        assert stored.json()["id"] == "radio-meridian"
        other = http.post(
            "/v1/sources", json=example_bodies["northern-ledger"], headers={"Authorization": f"Bearer {KEY}"}
        )
        assert other.status_code == 201, other.text

        checked = http.post("/v1/claims/check", json={"claim": UN_CLAIM})
        assert checked.status_code == 200, checked.text
        result = checked.json()
        assert result["verdict"] == "mixed"
        assert {s["source_id"]: s["verdict"] for s in result["sources"]} == {
            "northern-ledger": "agree",
            "radio-meridian": "conflict",
        }
        # Over a real socket, a chunked body over the limit is refused as it streams in.
        too_large = http.post(
            "/v1/sources",
            content=iter([b'{"text": "', *([b"x" * 1_048_576] * 11), b'"}']),
            headers={"content-type": "application/json", "X-API-Key": KEY},
        )
        assert too_large.status_code == 413 and too_large.json()["error"]["code"] == "too_large"
        assert 'route="/v1/claims/check",status="200"} 1' in http.get("/metrics").text

    process.send_signal(signal.SIGTERM)
    # uvicorn shuts down gracefully, then re-raises the signal so the exit status shows what stopped it.
    assert process.wait(timeout=20) in (0, -signal.SIGTERM)
    log = log_path.read_text()
    assert "Application shutdown complete" in log
    assert KEY not in log and "Traceback" not in log
    assert (tmp_path / "data" / "vectors.faiss.npz").is_file()  # the index was checkpointed on the way out
