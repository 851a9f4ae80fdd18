"""Stored reports: a report is written when it starts (``running``, with progress) and when it ends (``done``
with its body, or ``failed`` with a reason), so it survives a restart and a client can follow a long one.
A process that stops mid-report leaves it ``running``; the next writer to open the corpus marks it failed."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.corpus import Corpus
from factcheck.errors import NotFoundError
from factcheck.report import Report, build_report
from factcheck.report_render import report_json

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
INTERRUPTED = "the service stopped while this report was being built; request it again"


@dataclass(frozen=True)
class StoredReport:
    id: str
    status: str
    created_at: str
    updated_at: str
    source_ids: tuple[str, ...] | None
    progress: dict[str, Any] | None
    body: dict[str, Any] | None  # the report as report_json gives it, once done
    error: str | None


def new_report_id() -> str:
    return uuid.uuid4().hex[:12]


def start_report(corpus: Corpus, source_ids: Sequence[str] | None, report_id: str | None = None) -> str:
    report_id = report_id or new_report_id()
    params = _params(source_ids)
    corpus._storage.put_report(
        report_id, status=RUNNING, params=params, progress=json.dumps({"stage": "queued", "done": 0, "total": 0})
    )
    return report_id


def queue_report(corpus: Corpus, source_ids: Sequence[str] | None, report_id: str | None = None) -> str:
    """Queue a report in the store, for whichever worker (of any replica sharing the store) takes it first."""
    report_id = report_id or new_report_id()
    corpus._storage.put_report(
        report_id,
        status=QUEUED,
        params=_params(source_ids),
        progress=json.dumps({"stage": QUEUED, "done": 0, "total": 0}),
    )
    return report_id


def take_queued_report(corpus: Corpus) -> tuple[str, list[str] | None] | None:
    """(id, source ids) of the oldest queued report, now running in this process; None when none waits."""
    taken = corpus._storage.take_queued_report()
    if taken is None:
        return None
    report_id, params = taken
    ids = json.loads(params or "{}").get("source_ids")
    return report_id, (list(ids) if ids is not None else None)


def count_reports(corpus: Corpus, *statuses: str) -> int:
    return corpus._storage.count_reports(statuses)


def run_report(corpus: Corpus, report_id: str, source_ids: Sequence[str] | None) -> Report | None:
    """Build a started report and store the outcome; failures are stored, not raised."""
    params = _params(source_ids)
    storage = corpus._storage
    last = {"stage": ""}

    def progress(stage: str, done: int, total: int) -> None:
        if stage != last["stage"] or done == total or done % 50 == 0:  # a write now and then, not per step
            last["stage"] = stage
            storage.put_report(
                report_id,
                status=RUNNING,
                params=params,
                progress=json.dumps({"stage": stage, "done": done, "total": total}),
            )

    try:
        report = build_report(corpus, source_ids, progress=progress)
    except Exception as exc:  # stored for the client to read; the job itself must not die silently
        storage.put_report(report_id, status=FAILED, params=params, error=f"{type(exc).__name__}: {exc}")
        return None
    body = report_json(report) | {"id": report_id}
    storage.put_report(
        report_id,
        status=DONE,
        params=params,
        body=json.dumps(body, ensure_ascii=False),
        progress=json.dumps({"stage": "done", "done": 1, "total": 1}),
    )
    return report


def get_report(corpus: Corpus, report_id: str) -> StoredReport:
    row = corpus._storage.get_report(report_id)
    if row is None:
        raise NotFoundError(f"no report with id {report_id!r}")
    return _stored(row)


def _stored(row: dict[str, str | None]) -> StoredReport:
    params = json.loads(row["params"] or "{}")
    ids = params.get("source_ids")
    status = str(row["status"])
    return StoredReport(
        id=str(row["id"]),
        # A queued report is shown as running in its "queued" stage: to a client, it is on its way.
        status=RUNNING if status == QUEUED else status,
        created_at=str(row["created_at"]),
        updated_at=str(row["updated_at"]),
        source_ids=tuple(ids) if ids is not None else None,
        progress=json.loads(row["progress"]) if row["progress"] else None,
        body=json.loads(row["body"]) if row["body"] else None,
        error=row["error"],
    )


def list_reports(corpus: Corpus, *, offset: int = 0, limit: int = 50) -> tuple[list[StoredReport], int]:
    """Stored reports, newest first, without their bodies (read one with :func:`get_report`), and how many."""
    rows = corpus._storage.list_reports(offset=offset, limit=limit)
    total = corpus._storage.count_reports((QUEUED, RUNNING, DONE, FAILED))
    return [_stored(row | {"progress": None, "body": None}) for row in rows], total


def _params(source_ids: Sequence[str] | None) -> str:
    return json.dumps({"source_ids": list(source_ids) if source_ids is not None else None})


def fail_interrupted(corpus: Corpus) -> int:
    return corpus._storage.fail_running_reports(INTERRUPTED)
