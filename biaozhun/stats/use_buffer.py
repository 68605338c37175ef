"""The use counter's buffer: a page view adds one in this process's memory, and a background thread writes the sums
every `BIAOZHUN_USE_FLUSH_SECONDS` (one transaction, one upsert per standard and day: views = views + n).

Why: counting with a write per view made every detail page a write transaction, and on SQLite a write waits for
any other writer (an import batch, a snapshot) up to the busy timeout: the reader's page waited for a statistic.
Buffered, a page never touches the database to count (docs/benchmarks.md, "Use counter").

What can be lost: the last interval's counts of a worker killed without a clean exit (a clean exit — gunicorn's
graceful restart, `max_requests`, SIGTERM — flushes, atexit). A flush that fails (a locked or unreachable
database) puts its counts back and the next one retries. `BIAOZHUN_USE_FLUSH_SECONDS = 0` writes each count at once
(the tests' default). The thread starts on the first count in each process, so a forked worker starts its own."""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections import Counter
from datetime import date

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

Key = tuple[int, date, str]  # standard id, day, kind (one of services.USE_KINDS)


class UseBuffer:
    def __init__(self, interval: float, *, thread: bool = True) -> None:
        self.interval = interval
        self._thread_wanted = thread
        self._lock = threading.Lock()
        self._counts: Counter[Key] = Counter()
        self._pid: int | None = None
        self._stop = threading.Event()

    def add(self, standard_id: int, day: date, kind: str) -> None:
        with self._lock:
            self._counts[standard_id, day, kind] += 1
        if self._thread_wanted and self._pid != os.getpid():
            self._start()

    def pending(self) -> int:
        with self._lock:
            return sum(self._counts.values())

    def flush(self) -> int:
        """Write what is counted; how many counts were written (0 after a failure, whose counts wait for the next)."""
        from .services import record_uses

        with self._lock:
            taken, self._counts = self._counts, Counter()
        if not taken:
            return 0
        try:
            record_uses(taken)
        except DatabaseError:
            with self._lock:
                self._counts.update(taken)
            logger.warning("use counter: %d counts not written yet, kept for the next flush", sum(taken.values()),
                           exc_info=True)
            return 0
        return sum(taken.values())

    def stop(self) -> None:
        self._stop.set()

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid = os.getpid()
            self._stop = threading.Event()
        threading.Thread(target=self._run, name="use-counter", daemon=True).start()
        atexit.register(self._flush_at_exit)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.flush()
            except Exception:  # noqa: BLE001 (the thread must outlive any one failure)
                logger.exception("use counter: flush failed")
            finally:
                connection.close()  # this thread's own connection: a fresh one each round

    def _flush_at_exit(self) -> None:
        try:
            self.flush()
        except Exception:  # noqa: BLE001 (exiting anyway)
            logger.exception("use counter: flush at exit failed")
