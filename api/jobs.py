"""Report builds of one app: a bounded number at once, in requests and in the background together, and a bounded
number of background reports accepted and not yet finished.

A report is CPU work that can take minutes. Small ones are built within their request (through the server's
thread pool, which every other request shares), large ones by a background worker; both take one of the
``max_report_jobs`` slots, so a burst of small reports cannot starve checks and ingests of threads and CPU.
A small report that finds every slot taken becomes a background job instead of waiting in its request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor


class ReportJobs:
    def __init__(self, max_running: int, max_queued: int) -> None:
        self._slots = threading.BoundedSemaphore(max_running)
        self._executor = ThreadPoolExecutor(max_workers=max_running, thread_name_prefix="report")
        self._lock = threading.Lock()
        self._accepted = 0  # background jobs submitted and not finished
        self.max_queued = max_queued

    def run_inline(self, build: Callable[[], None]) -> bool:
        """Build now, in the calling thread, if a slot is free; False (nothing done) when every slot is taken."""
        if not self._slots.acquire(blocking=False):
            return False
        try:
            build()
        finally:
            self._slots.release()
        return True

    def reserve(self) -> bool:
        """Hold a place for a background job; False when ``max_queued`` are already accepted and not finished."""
        with self._lock:
            if self._accepted >= self.max_queued:
                return False
            self._accepted += 1
            return True

    def release_reservation(self) -> None:
        with self._lock:
            self._accepted -= 1

    def submit(self, build: Callable[[], None]) -> None:
        """Run a reserved job in the background, in a slot of its own."""

        def job() -> None:
            try:
                with self._slots:
                    build()
            finally:
                self.release_reservation()

        self._executor.submit(job)

    def shutdown(self) -> None:
        """Stop taking jobs and drop the queued ones; a running report is marked failed at the next start."""
        self._executor.shutdown(wait=False, cancel_futures=True)
