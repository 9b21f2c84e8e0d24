"""What changed between a standard's editions; where its Kazakh and Russian texts disagree."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from cards.changes import changes_of_standard
from cards.quality import quality_report as build_quality_report
from cards.worklist import ImportIssueFilter
from standards.caching import cached_by_revision
from standards.models import ImportIssue, Standard


@cached_by_revision
def edition_changes(request, code: str):
    """Cards kept, added and dropped from each superseded edition of ``code`` to its in-force text."""
    standard = get_object_or_404(Standard, code=code.upper())
    ctx = {
        "standard": standard,
        "standard_title": standard.title_in(get_language()),
        "changes": changes_of_standard(standard),
    }
    return render(request, "standards/changes.html", ctx)


@cached_by_revision
def quality_report(request):
    """Kazakh/Russian twins that disagree, levels taken from the passport list, open import issues."""
    # The issue worklist (source lines, resolutions) is for staff only (cards/worklist.py).
    staff = request.user.is_staff
    worklist = ImportIssueFilter(request.GET, queryset=ImportIssue.objects.all()) if staff else None
    report = build_quality_report(worklist.qs if worklist is not None else None)
    ctx = {"report": report, "worklist": worklist, "show_admin_links": staff}
    return render(request, "cards/quality.html", ctx)
