"""Whole-page caching keyed by the content revision.

A cached page is stored under the request's path and query, the interface
language, whether the user is staff, and the registry's content revision
(``standards.revision``). Every content write bumps the revision, so an edit in
admin or an import shows at once, on every app server, whatever cache backend
(local memory per process, or a shared Redis): no cache must agree with another,
stale entries are simply never read again and expire. A hit asks the database nothing: the revision
comes from the process's copy the revision feed keeps current (``standards.revision_feed``).

A page is read from one snapshot of the database (:func:`one_snapshot`): its half dozen queries
see the registry either wholly before or wholly after an import or an edit that commits meanwhile,
never half of each, and the page is cached under the revision of that snapshot.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils.translation import get_language

from standards.revision import current_revision, known_revision


def page_key(request, revision: int) -> str:
    staff = request.user.is_authenticated and request.user.is_staff
    raw = f"{revision}|{get_language()}|{int(staff)}|{request.get_full_path()}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


@contextmanager
def one_snapshot() -> Iterator[bool]:
    """Run the block's queries in one REPEATABLE READ transaction on PostgreSQL (yields True), so they
    all see the same committed state; inside a transaction already (tests) or on SQLite, whose
    transactions see one state anyway, it does nothing (yields False)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield False
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield True


def cached_by_revision(view):
    """Cache a GET view's successful HTML responses until the content changes; render each from one snapshot."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if not settings.PAGE_CACHE_SECONDS:
            with one_snapshot():
                return view(request, *args, **kwargs)
        revision = known_revision()
        hit = cache.get(page_key(request, revision))
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        with one_snapshot() as snapshot:
            if snapshot:
                revision = current_revision()  # the snapshot's: an import may have committed since
            response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(
                page_key(request, revision), (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS
            )
        return response

    return wrapper
