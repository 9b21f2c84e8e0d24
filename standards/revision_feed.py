"""This process's copy of the content revision, kept current by PostgreSQL's LISTEN/NOTIFY.

Every cached page is looked up under the content revision (``standards.caching``). Reading it from
the database on each hit cost two round trips (the revision, and Django's health check of the reused
connection before it): about a third of a cache hit. Instead, :func:`standards.revision.bump_revision`
announces each new revision with ``NOTIFY`` inside the writing transaction; PostgreSQL delivers the
announcement when, and only if, that transaction commits, to every connection that listens, on
every app server. A daemon thread per process holds one such connection (not Django's: it never
takes part in a request) and re-reads the revision on each announcement, so a cache hit asks the
database nothing.

The copy is only trusted while the listening connection is known to be alive: until it has read
the revision, after any error on it, and for a second after it stops answering, :meth:`value`
returns ``None`` and the caller reads the database as before. Every ``RECHECK_SECONDS`` the thread
re-reads the revision anyway, which proves the connection alive and would heal a missed
announcement. A process that commits a change takes the new number at once (:meth:`committed`),
without waiting for its own announcement.
"""

from __future__ import annotations

import logging
import os
import select
import threading
import time

logger = logging.getLogger(__name__)

CHANNEL = "registry_content_revision"
RECHECK_SECONDS = 2.0  # the thread re-reads the revision this often even with no announcement
RETRY_SECONDS = 1.0  # after losing its connection, the thread reconnects after this long
WAKE_SECONDS = 0.25  # how soon the thread notices it is asked to stop
APPLICATION_NAME = "registry-revision-feed"  # how its connection shows in pg_stat_activity


class RevisionFeed:
    """One listening thread per process (started on first use, again after a fork)."""

    def __init__(self, connect, read_revision):
        self._connect = connect  # () -> a new DB-API connection to the registry's database
        self._read = read_revision  # (cursor) -> int, the revision as the database holds it now
        self._lock = threading.Lock()
        self._value: int | None = None
        self._fresh_until = 0.0  # monotonic time until which the copy is trusted
        self._pid: int | None = None
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def value(self) -> int | None:
        """The revision, if this process's copy is current; ``None``: read the database instead."""
        if self._pid != os.getpid():
            self._start()
            return None
        if time.monotonic() > self._fresh_until:
            return None
        return self._value

    def committed(self, number: int) -> None:
        """This process committed revision ``number``: serve it at once (the announcement follows)."""
        with self._lock:
            if self._value is not None and number > self._value:
                self._value = number

    def stop(self, timeout: float | None = 5.0) -> None:
        """End the listening thread (tests); the next :meth:`value` starts a new one."""
        self._stopping.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        with self._lock:
            self._value, self._pid, self._thread = None, None, None
        self._stopping = threading.Event()

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid, self._value = os.getpid(), None  # a forked child has no thread of its parent's
            self._thread = threading.Thread(
                target=self._listen, args=(self._stopping,), name="content-revision-feed", daemon=True
            )
            self._thread.start()

    def _listen(self, stopping: threading.Event) -> None:
        while not stopping.is_set():
            connection = None
            try:
                connection = self._connect()
                connection.autocommit = True
                with connection.cursor() as cursor:
                    cursor.execute(f"LISTEN {CHANNEL}")  # before the first read: no commit falls between
                    self._store(self._read(cursor))
                    recheck_at = time.monotonic() + RECHECK_SECONDS / 2
                    while not stopping.is_set():
                        readable, _, _ = select.select([connection], [], [], WAKE_SECONDS)
                        if readable:
                            connection.poll()  # raises when the connection is gone
                        if connection.notifies or time.monotonic() >= recheck_at:
                            connection.notifies.clear()
                            self._store(self._read(cursor))
                            recheck_at = time.monotonic() + RECHECK_SECONDS / 2
            except Exception:
                if not stopping.is_set():
                    logger.warning(
                        "The content revision feed lost its database connection; pages read the revision "
                        "from the database until it reconnects.",
                        exc_info=True,
                    )
            finally:
                with self._lock:
                    self._value = None
                if connection is not None:
                    try:
                        connection.close()
                    except Exception:
                        pass
            stopping.wait(RETRY_SECONDS)

    def _store(self, number: int) -> None:
        with self._lock:
            self._value = number
            self._fresh_until = time.monotonic() + RECHECK_SECONDS
