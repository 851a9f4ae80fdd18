"""GET /metrics in the Prometheus text format, and the hand-written exposition itself."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from api.metrics import Gauge, Metrics

SAMPLE = re.compile(r'^([a-z_]+)(\{(?:[a-z_]+="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|\+Inf)$')


def parse(text: str) -> dict[str, float]:
    """Every sample line as 'name{labels}' -> value; fails on any line that is not valid exposition."""
    samples = {}
    assert text.endswith("\n")
    for line in text.splitlines():
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            continue
        match = SAMPLE.match(line)
        assert match, line
        samples[line.rsplit(" ", 1)[0]] = float(match.group(3))
    return samples


def test_metrics_count_requests_by_route_template_and_status(seeded_client: TestClient) -> None:
    seeded_client.get("/v1/sources/harbor-daily")
    seeded_client.get("/v1/sources/northern-ledger")
    seeded_client.get("/v1/sources/missing-one")
    seeded_client.get("/v1/sources", params={"limit": 0})
    seeded_client.get("/not/a/route")
    response = seeded_client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    samples = parse(response.text)

    route = 'method="GET",route="/v1/sources/{source_id}"'
    assert samples[f'factcheck_http_requests_total{{{route},status="200"}}'] >= 2
    assert samples[f'factcheck_http_requests_total{{{route},status="404"}}'] >= 1
    assert samples['factcheck_http_requests_total{method="GET",route="/v1/sources",status="422"}'] >= 1
    assert samples['factcheck_http_requests_total{method="GET",route="unmatched",status="404"}'] >= 1
    assert "harbor-daily" not in response.text  # ids never become labels

    count = samples[f"factcheck_http_request_duration_seconds_count{{{route}}}"]
    assert count >= 3 and samples[f"factcheck_http_request_duration_seconds_sum{{{route}}}"] > 0
    buckets = [
        value
        for key, value in samples.items()
        if key.startswith(f"factcheck_http_request_duration_seconds_bucket{{{route}")
    ]
    assert buckets == sorted(buckets) and buckets[-1] == count
    assert f'factcheck_http_request_duration_seconds_bucket{{{route},le="+Inf"}}' in samples

    page = seeded_client.get("/v1/sources").json()
    assert samples["factcheck_sources"] == page["total"] == 3
    assert samples["factcheck_sentences"] == sum(item["sentences"] for item in page["items"])
    assert samples["factcheck_ready"] == 1
    assert samples['factcheck_build_info{version="0.1.0"}'] == 1


def test_exposition_format() -> None:
    metrics = Metrics(buckets=(0.1, 1.0))
    metrics.observe("GET", '/odd"route\\with\nnewline', 200, 0.1)  # on the bound: counts in le="0.1"
    metrics.observe("GET", '/odd"route\\with\nnewline', 500, 5.0)
    metrics.observe("BREW", "/x", 405, 0.5)
    text = metrics.render([Gauge("factcheck_sources", "Sources stored.", 3)])
    samples = parse(text)
    label = 'method="GET",route="/odd\\"route\\\\with\\nnewline"'
    assert samples[f'factcheck_http_requests_total{{{label},status="200"}}'] == 1
    assert samples[f'factcheck_http_request_duration_seconds_bucket{{{label},le="0.1"}}'] == 1
    assert samples[f'factcheck_http_request_duration_seconds_bucket{{{label},le="1"}}'] == 1
    assert samples[f'factcheck_http_request_duration_seconds_bucket{{{label},le="+Inf"}}'] == 2
    assert samples[f"factcheck_http_request_duration_seconds_sum{{{label}}}"] == 5.1
    assert samples["factcheck_sources"] == 3
    assert "# TYPE factcheck_http_request_duration_seconds histogram" in text
    assert "# TYPE factcheck_sources gauge" in text
