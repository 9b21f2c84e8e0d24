"""Whole-page caching keyed by the content revision.

A cached page is stored under the request's path and query, the interface
language, whether the user is staff, and the registry's content revision
(``standards.revision``). Every content write bumps the revision, so an edit in
admin or an import shows at once, on every app server, whatever cache backend
(local memory per process, or a shared Redis): no cache must agree with another,
stale entries are simply never read again and expire. A hit asks the database nothing: the revision
comes from the process's copy the revision feed keeps current (``standards.revision_feed``).

A cached page is also kept gzip-compressed, made the first time a client that accepts gzip asks for
it: GZipMiddleware would otherwise compress every hit anew (3 to 10 times the cost of the hit, for
every browser). The compressed copy has no random padding (GZipMiddleware's defence against
BREACH, which guesses secrets from compressed sizes): a cached page holds no secret, no CSRF token
and nothing of a session, as the pages of forms that post are never cached.

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
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string
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
        key = page_key(request, revision)
        hit = cache.get(key)
        if hit is not None:
            content, content_type, *compressed = hit  # entries stored before gzip was kept have no third part
            gzipped = compressed[0] if compressed else None
            if gzipped is None and _accepts_gzip(request) and len(content) >= MIN_GZIP_BYTES:
                gzipped = _gzip(content)
                cache.set(key, (content, content_type, gzipped), settings.PAGE_CACHE_SECONDS)
            return _cached_response(request, content, content_type, gzipped)
        with one_snapshot() as snapshot:
            if snapshot:
                revision = current_revision()  # the snapshot's: an import may have committed since
            response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            content, content_type = response.content, response["Content-Type"]
            gzipped = _gzip(content) if _accepts_gzip(request) and len(content) >= MIN_GZIP_BYTES else None
            cache.set(page_key(request, revision), (content, content_type, gzipped), settings.PAGE_CACHE_SECONDS)
            if gzipped:
                _send_gzipped(response, gzipped)
        return response

    return wrapper


MIN_GZIP_BYTES = 200  # as GZipMiddleware: shorter pages are not worth compressing


def _accepts_gzip(request) -> bool:
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _gzip(content: bytes) -> bytes | bytearray:
    """``content`` compressed as GZipMiddleware compresses (level 6, no timestamp), or, where that
    would not make it shorter, an empty marker: "tried, serve it as it is"."""
    compressed = compress_string(content)
    return compressed if len(compressed) < len(content) else b""


def _cached_response(request, content: bytes, content_type: str, gzipped) -> HttpResponse:
    """A stored page, compressed for a client that accepts gzip (GZipMiddleware leaves it be)."""
    response = HttpResponse(content, content_type=content_type)
    if gzipped and _accepts_gzip(request):
        _send_gzipped(response, gzipped)
    else:
        patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _send_gzipped(response: HttpResponse, gzipped: bytes) -> None:
    """Send ``response`` compressed, as GZipMiddleware would have made it."""
    response.content = gzipped
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(gzipped))
    patch_vary_headers(response, ("Accept-Encoding",))
