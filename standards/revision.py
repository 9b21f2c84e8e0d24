"""The content revision: read it to key caches, bump it on every content write."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from standards.models import ContentRevision


def current_revision() -> int:
    """The registry's content revision (one indexed single-row query)."""
    return ContentRevision.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def bump_revision() -> None:
    """Mark the content as changed: every page cached under the old revision is stale."""
    if not ContentRevision.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now()):
        ContentRevision.objects.get_or_create(pk=1, defaults={"number": 1})
