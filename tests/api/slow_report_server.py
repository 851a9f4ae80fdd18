"""``factcheck serve`` with report jobs slowed down, so a test can kill the server while one is being built.

Run as a script by test_server_crash.py: ``python slow_report_server.py serve --port P --data-dir D``. Every
progress step of a report sleeps SLOW_REPORT_STEP_SECONDS (default 0.5) first; nothing else changes.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from typing import Any

import factcheck.report_store as report_store
from factcheck.cli import main

STEP_SECONDS = float(os.environ.get("SLOW_REPORT_STEP_SECONDS", "0.5"))
_build_report = report_store.build_report


def slow_build_report(corpus: Any, source_ids: Sequence[str] | None, *, progress: Any = None) -> Any:
    def slow_progress(stage: str, done: int, total: int) -> None:
        time.sleep(STEP_SECONDS)
        if progress is not None:
            progress(stage, done, total)

    return _build_report(corpus, source_ids, progress=slow_progress)


report_store.build_report = slow_build_report  # type: ignore[assignment]

if __name__ == "__main__":
    sys.exit(main())
