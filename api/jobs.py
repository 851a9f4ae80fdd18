"""Report builds of one replica: a bounded number at once, in requests and in the background together; the
background ones are queued in the store, so any replica sharing it (PostgreSQL) may build them.

A report is CPU work that can take minutes. Small ones are built within their request (through the server's
thread pool, which every other request shares), large ones by a background worker; both take one of the
``max_report_jobs`` slots, so a burst of small reports cannot starve checks and ingests of threads and CPU.
A small report that finds every slot taken is queued instead of waiting in its request.

The queue is the reports table itself (status ``queued``): a worker takes the oldest queued report, marking it
running in the same statement (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so that replicas taking at once get
different reports). A queued report survives the replica that accepted it: another one, or the same after a
restart, builds it. Workers look for work when this replica queues a report and every ``poll_seconds``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

#: How often an idle worker looks for reports queued through other replicas.
POLL_SECONDS = 1.0


class ReportJobs:
    """``build_next`` builds the oldest queued report and returns True, or returns False when none waits;
    ``pending`` counts the reports queued or running in the store (across replicas)."""

    def __init__(
        self,
        max_running: int,
        max_queued: int,
        *,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self._slots = threading.BoundedSemaphore(max_running)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._max_running = max_running
        self._poll_seconds = poll_seconds
        self.max_queued = max_queued

    def start(self, build_next: Callable[[], bool], queued: Callable[[], int]) -> None:
        """Start the background workers (one per slot): ``queued`` counts the reports waiting in the store,
        ``build_next`` takes the oldest and builds it (False when another worker took it first)."""
        for n in range(self._max_running):
            worker = threading.Thread(target=self._work, args=(build_next, queued), name=f"report-{n}", daemon=True)
            worker.start()

    def _work(self, build_next: Callable[[], bool], queued: Callable[[], int]) -> None:
        while not self._stop.is_set():
            built = False
            try:
                # A slot is taken only when there is work: an idle worker holding one while it looks would turn
                # a small report that finds it busy into a queued one.
                if queued() > 0:
                    with self._slots:
                        if not self._stop.is_set():
                            built = build_next()
            except Exception:  # a store that is briefly unreachable must not end the worker
                log.exception("taking a queued report failed; trying again in %.1f s", self._poll_seconds)
            if not built:
                self._wake.wait(self._poll_seconds)
                self._wake.clear()

    def run_inline(self, build: Callable[[], None]) -> bool:
        """Build now, in the calling thread, if a slot is free; False (nothing done) when every slot is taken."""
        if not self._slots.acquire(blocking=False):
            return False
        try:
            build()
        finally:
            self._slots.release()
        return True

    def has_room(self, pending: int) -> bool:
        """Whether one more report may be queued, ``pending`` being those queued or running in the store."""
        return pending < self.max_queued

    def notify(self) -> None:
        """A report was queued: wake an idle worker now rather than at its next poll."""
        self._wake.set()

    def shutdown(self) -> None:
        """Stop taking reports; queued ones stay queued in the store, a running one is marked failed at the next
        start (or, on a shared store, by the next replica to start once this process is gone)."""
        self._stop.set()
        self._wake.set()
