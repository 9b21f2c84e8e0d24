"""Reads of standards, their editions and the orders that approved them."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404

from standards.models import Edition, SourceDocument, Standard


def standard_or_404(code: str) -> Standard:
    """The standard whose code is ``code`` in any letter case; raises Http404."""
    standard = Standard.objects.filter(code__iexact=code).first()
    if standard is None:
        raise Http404("No such standard")
    return standard


def editions_of(standard: Standard) -> list[Edition]:
    """In force first, then superseded; with their source documents and card counts."""
    return list(
        standard.editions.select_related("document")
        .annotate(card_count=Count("cards"))
        .order_by("status", "language", "-year", "key")
    )


def shown_edition(editions: list[Edition], language: str) -> Edition | None:
    """The in-force edition a page in ``language`` shows: the one in that language where it exists."""
    in_force = [e for e in editions if e.status == Edition.Status.IN_FORCE]
    in_force.sort(key=lambda e: e.language != language)
    return in_force[0] if in_force else None


def approving_order(editions: list[Edition]) -> SourceDocument | None:
    """The order that approved the standard (its Russian text may come from an amending order)."""
    return next((e.document for e in editions if e.document.kind == SourceDocument.Kind.ORDER), None)


def source_orders():
    """The orders the registry's texts come from, oldest first (standalone texts have no number)."""
    return SourceDocument.objects.exclude(order_number="").order_by("order_date")
