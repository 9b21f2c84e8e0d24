"""The content revision: read it to key caches, bump it on every content write.

Bumping it also schedules the page cache's warming (``PAGE_WARMING``): once the write commits, a
background thread renders the most visited pages under the new revision (``PAGE_WARMER``, a dotted
path: ``standards`` knows nothing of the pages, which live in ``cards``), so the first reader after
an import or an admin save is not the one who waits. Warming never runs in the request or the
import itself, and its failure is logged, never raised.

On PostgreSQL each bump is also announced (``NOTIFY``, delivered at commit) to every app server's
copy of the revision (``standards.revision_feed``), which :func:`known_revision` answers from
without a query.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from standards.models import ContentRevision
from standards.revision_feed import APPLICATION_NAME, CHANNEL, RevisionFeed

logger = logging.getLogger(__name__)


def current_revision() -> int:
    """The registry's content revision, as the database holds it now (one indexed single-row query)."""
    with connection.cursor() as cursor:
        return _read_revision(cursor)


def known_revision() -> int:
    """The content revision to look a cached page up under: this process's copy, kept current by the
    revision feed, when it is (no query); else, and always inside a transaction (whose own
    uncommitted bumps the feed cannot know), :func:`current_revision`."""
    if settings.CONTENT_REVISION_FEED and connection.vendor == "postgresql" and not connection.in_atomic_block:
        number = _feed.value()
        if number is not None:
            return number
    return current_revision()


def feed_revision() -> int | None:
    """This process's copy of the revision, if the feed is on and knows it current (``/healthz`` shows it)."""
    if settings.CONTENT_REVISION_FEED and connection.vendor == "postgresql":
        return _feed.value()
    return None


def _read_revision(cursor) -> int:
    # Written as SQL (quoted as both SQLite and PostgreSQL quote): every cached page reads it, and the
    # ORM's compiling of even this query cost as much as the rest of a cache hit.
    meta = ContentRevision._meta
    cursor.execute(
        f'SELECT "{meta.get_field("number").column}" FROM "{meta.db_table}" WHERE "{meta.pk.column}" = %s', [1]
    )
    row = cursor.fetchone()
    return row[0] if row else 0


def _connect_listener():
    """A connection of the feed's own to the registry's database (never one of Django's)."""
    database = connections["default"]
    params = database.get_connection_params()
    params["application_name"] = APPLICATION_NAME
    return database.Database.connect(**params)


_feed = RevisionFeed(_connect_listener, _read_revision)


def bump_revision() -> None:
    """Mark the content as changed: every page cached under the old revision is stale."""
    if not ContentRevision.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now()):
        ContentRevision.objects.get_or_create(pk=1, defaults={"number": 1})
    if connection.vendor == "postgresql":
        number = current_revision()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, str(number)])  # delivered at commit
        transaction.on_commit(lambda: _feed.committed(number))
    schedule_warming()


def schedule_warming() -> None:
    """After the current transaction commits (at once outside one), warm the page cache in the background.

    Nothing happens when warming is off (``PAGE_WARMING``) or pages are not cached at all."""
    if settings.PAGE_WARMING and settings.PAGE_CACHE_SECONDS:
        transaction.on_commit(_warming.start)


class _Warming:
    """One warming thread per process at a time; changes made while it runs make it run once more."""

    def __init__(self):
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again = False

    def start(self) -> threading.Thread:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                self._again = True
                return self._thread
            self._again = False
            # A daemon: a command (an import) that ends does not wait for it. Its cache is its own
            # unless shared (Redis); after an import from the command line, run `manage.py warm_pages`.
            self._thread = threading.Thread(target=self._run, name="page-cache-warming", daemon=True)
            self._thread.start()
            return self._thread

    def _run(self) -> None:
        while True:
            try:
                import_string(settings.PAGE_WARMER)()
            except Exception:
                logger.exception("Warming the page cache failed; pages are rendered on their first visit instead.")
            finally:
                connections.close_all()  # this thread's own connections
            with self._lock:
                if not self._again:
                    return
                self._again = False

    def join(self, timeout: float | None = None) -> None:
        """Wait for the running warm-up, if any (tests, and a command that must not exit before it)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)


_warming = _Warming()
wait_for_warming = _warming.join
