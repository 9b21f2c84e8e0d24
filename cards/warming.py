"""Warming the page cache after a content change: the most visited pages rendered under the new revision.

``standards.revision.bump_revision`` runs :func:`warm_pages` (settings ``PAGE_WARMER``) in a background
thread once an import or an admin save commits. Each page goes through the whole application (its
middleware, its view, ``standards.caching.cached_by_revision``) as an anonymous visitor's request
would, so what is stored is exactly what that visitor would have made the server render and store.

The pages: the overview, the lists of standards and cards, the occupation groups and the quality
report, then every in-force card page, in both languages (the pages a crawler or a reader walking the
registry opens first). With a shared cache (``CACHE_URL=redis://``) one warm-up serves every app
server; with ``locmem://`` it warms the cache of the process that made the change.
"""

from __future__ import annotations

import io
import logging
import time

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse
from django.utils import translation

from cards.identity import card_path
from cards.models import ProfessionCard

logger = logging.getLogger(__name__)

LISTS = ("overview", "standard_list", "card_list", "occupation_groups", "quality_report")


def most_visited_paths() -> list[str]:
    """The paths to warm, most visited first, in both languages."""
    languages = [code for code, _name in settings.LANGUAGES]
    cards = list(
        ProfessionCard.objects.in_force()
        .select_related("edition__standard")
        .only("position", "edition__status", "edition__key", "edition__standard__code")
        .order_by("edition__standard__code", "position")
    )
    paths = []
    for language in languages:
        with translation.override(language):
            paths += [reverse(name) for name in LISTS]
    for language in languages:
        with translation.override(language):
            paths += [card_path(card) for card in cards]
    return list(dict.fromkeys(paths))  # a kk and a ru card of one place share a page


def _environ(path: str) -> dict:
    host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".") and h != "*"), "localhost")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": "gzip",  # as browsers ask: the page is stored compressed too, compressed here
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "https",  # as behind the HTTPS proxy: no redirect to https
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def warm_pages(paths: list[str] | None = None) -> int:
    """Render ``paths`` (default: :func:`most_visited_paths`) through the application; returns how many
    answered 200. A page that fails is logged and skipped."""
    started = time.perf_counter()
    handler = WSGIHandler()
    paths = most_visited_paths() if paths is None else paths
    statuses: list[str] = []
    answered = 0
    for path in paths:
        statuses.clear()
        response = handler(_environ(path), lambda status, headers, *args: statuses.append(status))
        try:
            b"".join(response)  # rendered and stored by cached_by_revision; the body itself is not needed
        finally:
            response.close()
        if statuses and statuses[0].startswith("200"):
            answered += 1
        else:
            logger.warning("Warming %s answered %s", path, statuses[0] if statuses else "nothing")
    logger.info("Warmed %d of %d pages in %.1f s", answered, len(paths), time.perf_counter() - started)
    return answered
