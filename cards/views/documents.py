"""A source document's text as the registry imported it, with numbered lines to link to."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from standards.caching import cached_by_revision
from standards.models import Edition, SourceDocument
from standards.source_text import imported_lines


@cached_by_revision
def source_document(request, pk: int):
    """Every line of the document, escaped, each with the anchor ``#L<n>`` that "source lines" link to."""
    editions = Edition.objects.select_related("standard").order_by("position")
    document = get_object_or_404(SourceDocument.objects.prefetch_related(Prefetch("editions", editions)), pk=pk)
    lines = imported_lines(document)
    if lines is None:
        raise Http404("The text of this document is no longer available")
    ctx = {"document": document, "editions": document.editions.all(), "lines": lines}
    return render(request, "standards/source_document.html", ctx)
