"""``/healthz``: is this app server able to serve the registry? For load balancers and monitoring.

One trivial query proves the database answers; the content revision (``standards.revision``) says
which state of the registry the server sees, so two app servers can be compared; ``revision_feed``
is the revision this process's cached pages are looked up under (``standards.revision_feed``), or
null while the feed is off or not known current: pages then read the revision per request. It
trails ``revision`` for milliseconds after a change, never longer. Never cached.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from standards.revision import current_revision, feed_revision

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        revision = current_revision()
    except DatabaseError as exc:
        logger.error("health check: the database is down", extra={"exception_type": type(exc).__name__})
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "revision": revision, "revision_feed": feed_revision()})
