"""Whole-page caching keyed by the content revision.

A cached page is stored under the request's path and query, the interface
language, whether the user is staff, and the registry's content revision
(``standards.revision``). Every content write bumps the revision, so an edit in
admin or an import shows at once, on every app server, whatever cache backend
(local memory per process, or a shared Redis): no cache must agree with another,
stale entries are simply never read again and expire.
"""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from standards.revision import current_revision


def page_key(request, revision: int) -> str:
    staff = request.user.is_authenticated and request.user.is_staff
    raw = f"{revision}|{get_language()}|{int(staff)}|{request.get_full_path()}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_by_revision(view):
    """Cache a GET view's successful HTML responses until the content changes."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS:
            return view(request, *args, **kwargs)
        key = page_key(request, current_revision())
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper
