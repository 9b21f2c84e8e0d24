"""The import issues as an editors' worklist: the one FilterSet of the quality report's issue list.

Filters: the source document, the severity (without one, errors and warnings: the notes are counted,
listed only on request), the standard (the issues within the source lines of its
editions, ``cards.selectors.import_issues_of``'s rule) and the state: open (the default, when the
parameter is absent), resolved, or all. Strict like the card list's FilterSet: an invalid value gives
errors and an empty list, never the unfiltered one.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from standards.models import Edition, ImportIssue, SourceDocument

STATE_CHOICES = [("open", _("open")), ("resolved", _("resolved")), ("all", _("all"))]


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.label()}, {obj.language_text()}"  # the order as readers name it, not a file name


class DocumentFilter(django_filters.ModelChoiceFilter):
    field_class = DocumentChoiceField


class ImportIssueFilter(django_filters.FilterSet):
    document = DocumentFilter(field_name="document", queryset=SourceDocument.objects.all(), label=_("source document"))
    severity = django_filters.ChoiceFilter(
        field_name="severity", lookup_expr="exact", choices=ImportIssue.Severity.choices, label=_("severity")
    )
    standard = django_filters.CharFilter(method="filter_standard", label=_("standard"))
    state = django_filters.ChoiceFilter(choices=STATE_CHOICES, method="filter_state", label=_("state"))

    class Meta:
        model = ImportIssue
        fields = ["document", "severity", "standard", "state"]

    @property
    def qs(self):
        if not self.is_valid():
            return self.queryset.none()
        issues = super().qs
        if not self.form.cleaned_data.get("state"):
            issues = issues.filter(resolved_at__isnull=True)  # no state given: the open ones
        if not self.form.cleaned_data.get("severity"):
            issues = issues.exclude(severity=ImportIssue.Severity.INFO)  # notes are counted, listed on request
        return issues

    def filter_state(self, queryset, name, value):
        if value == "open":
            return queryset.filter(resolved_at__isnull=True)
        if value == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset

    def filter_standard(self, queryset, name, value):
        editions = Edition.objects.filter(standard__code=value.strip().upper()).values(
            "document_id", "first_line", "last_line"
        )
        ranges = [
            models.Q(document_id=e["document_id"], line__gte=e["first_line"], line__lte=e["last_line"])
            for e in editions
        ]
        return queryset.filter(reduce(or_, ranges)) if ranges else queryset.none()
