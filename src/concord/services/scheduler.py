"""The deadline scheduler: a thread that closes due procedures as their deadlines pass.

It sleeps until the earliest open deadline (at most ``poll`` seconds, so that
procedures opened by other server processes are seen) and then closes everything due.
Exactly-once closing is the store's job (``live.close_due``), so any number of
schedulers — after a restart, or one per server process — may run at once.
"""

from __future__ import annotations

import logging
import threading

from concord.services import live
from concord.services.runtime import Service

log = logging.getLogger("concord.scheduler")


class Scheduler:
    def __init__(self, svc: Service, poll: float = 0.5) -> None:
        self.svc = svc
        self.poll = poll
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._loop, name="concord-scheduler", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def wake(self) -> None:
        """A deadline may have been added: look again now."""
        self._wake.set()

    def run_once(self) -> int:
        """Close what is due now (taking the write lock only when something is due)."""
        nxt = live.next_deadline(self.svc)
        if nxt is None or nxt > self.svc.clock.now():
            return 0
        closed = live.close_due(self.svc)
        log.info("closed %d procedure(s)", len(closed))
        return len(closed)

    def _delay(self) -> float:
        nxt = live.next_deadline(self.svc)
        if nxt is None:
            return self.poll
        left = (nxt - self.svc.clock.now()).total_seconds()
        return min(self.poll, max(0.0, left))

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
                delay = self._delay()
            except Exception:
                log.exception("scheduler pass failed; retrying")
                delay = self.poll
            if delay > 0:
                self._wake.wait(delay)
                self._wake.clear()
