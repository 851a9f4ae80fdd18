"""Request metrics in the Prometheus text exposition format (version 0.0.4), written by hand.

Requests are counted by method, route template (``/v1/sources/{source_id}``, never the raw path, so ids do
not multiply the series) and status; latency is a histogram by method and route. Counts are per process.
"""

from __future__ import annotations

import bisect
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
UNMATCHED_ROUTE = "unmatched"
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


@dataclass(frozen=True)
class Gauge:
    """A value read at scrape time (corpus sizes, readiness)."""

    name: str
    help: str
    value: float
    labels: Mapping[str, str] = field(default_factory=dict)


@dataclass
class _Histogram:
    buckets: list[int]  # non-cumulative counts per bucket; the last one is +Inf
    total: float = 0.0
    count: int = 0


@dataclass
class Metrics:
    """The counters of one app instance; thread-safe."""

    buckets: tuple[float, ...] = LATENCY_BUCKETS
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _requests: dict[tuple[str, str, str], int] = field(default_factory=dict)
    _latency: dict[tuple[str, str], _Histogram] = field(default_factory=dict)

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        with self._lock:
            key = (method, route, str(status))
            self._requests[key] = self._requests.get(key, 0) + 1
            histogram = self._latency.get((method, route))
            if histogram is None:
                histogram = self._latency[(method, route)] = _Histogram([0] * (len(self.buckets) + 1))
            histogram.buckets[bisect.bisect_left(self.buckets, seconds)] += 1
            histogram.total += seconds
            histogram.count += 1

    def render(self, gauges: Iterable[Gauge] = ()) -> str:
        """The exposition text, with ``gauges`` after the request series."""
        lines = [
            "# HELP factcheck_http_requests_total HTTP requests handled, by method, route template and status.",
            "# TYPE factcheck_http_requests_total counter",
        ]
        with self._lock:
            requests = sorted(self._requests.items())
            latency = sorted((key, _Histogram(list(h.buckets), h.total, h.count)) for key, h in self._latency.items())
        for (method, route, status), count in requests:
            lines.append(f"factcheck_http_requests_total{_labels(method=method, route=route, status=status)} {count}")
        lines += [
            "# HELP factcheck_http_request_duration_seconds Time to answer an HTTP request, by method and route.",
            "# TYPE factcheck_http_request_duration_seconds histogram",
        ]
        for (method, route), histogram in latency:
            cumulative = 0
            bounds = [*(_number(b) for b in self.buckets), "+Inf"]
            for bound, count in zip(bounds, histogram.buckets, strict=True):
                cumulative += count
                labels = _labels(method=method, route=route, le=bound)
                lines.append(f"factcheck_http_request_duration_seconds_bucket{labels} {cumulative}")
            labels = _labels(method=method, route=route)
            lines.append(f"factcheck_http_request_duration_seconds_sum{labels} {_number(histogram.total)}")
            lines.append(f"factcheck_http_request_duration_seconds_count{labels} {histogram.count}")
        for gauge in gauges:
            labels = _labels(**gauge.labels) if gauge.labels else ""
            lines += [
                f"# HELP {gauge.name} {gauge.help}",
                f"# TYPE {gauge.name} gauge",
                f"{gauge.name}{labels} {_number(gauge.value)}",
            ]
        return "\n".join(lines) + "\n"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _labels(**labels: str) -> str:
    def escape(value: str) -> str:
        return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")

    return "{" + ",".join(f'{name}="{escape(value)}"' for name, value in labels.items()) + "}"


class MetricsMiddleware:
    """Times every HTTP request and records it under its route template once the response has started."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # an exception before the response started ends as a 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            route = getattr(scope.get("route"), "path", None) or UNMATCHED_ROUTE
            method = scope["method"] if scope["method"] in _METHODS else "OTHER"  # clients invent methods
            self.metrics.observe(method, route, status, time.perf_counter() - started)
