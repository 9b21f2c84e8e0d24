"""Admin of standards, editions, source documents and import issues.

The classes are registered by ``cards.admin``, which routes every save and delete through
the edit service (``cards.services``: search rows of the cards touched, then the content
revision) and adds an edition's cards as an inline: ``standards`` imports nothing of ``cards``.
Each class names its model in the accusative too (``accusative_name``), for titles such as
"Change %s" (``cards.admin_language``).
"""

from functools import reduce
from operator import or_

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from standards.models import Edition, Standard

PROVENANCE = ("document", "position", "first_line", "last_line")


class EditionInline(admin.TabularInline):
    model = Edition
    fields = ("language", "status", "version", "year", "annex", "title", "document")
    readonly_fields = ("document",)
    show_change_link = True
    extra = 0


class StandardAdmin(admin.ModelAdmin):
    accusative_name = pgettext_lazy("accusative", "standard")
    list_display = ("code", "title_kk", "title_ru", "edition_count")
    search_fields = ("code", "title_kk", "title_ru")
    inlines = [EditionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(edition_total=Count("editions"))

    @admin.display(description=_("editions"), ordering="edition_total")
    def edition_count(self, obj):
        return obj.edition_total


class EditionAdmin(admin.ModelAdmin):
    accusative_name = pgettext_lazy("accusative", "edition")
    list_display = ("standard", "language", "status", "version", "year", "annex", "document")
    list_filter = ("language", "status", "standard", "document")
    search_fields = ("standard__code", "title", "code_as_printed")
    list_select_related = ("standard", "document")
    readonly_fields = PROVENANCE


class SourceDocumentAdmin(admin.ModelAdmin):
    accusative_name = pgettext_lazy("accusative", "source document")
    list_display = ("file_name", "language", "kind", "order_number", "order_date", "landed", "issue_link")
    list_filter = ("language", "kind")
    search_fields = ("file_name", "title", "order_number")
    readonly_fields = ("sha256", "format", "card_chars_total", "card_chars_landed", "imported_at")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(issue_total=Count("issues"))

    @admin.display(description=_("text in fields"))
    def landed(self, obj):
        share = obj.landed_share
        return "—" if share is None else f"{share:.2%}"

    @admin.display(description=_("import issues"), ordering="issue_total")
    def issue_link(self, obj):
        url = reverse("admin:standards_importissue_changelist") + f"?document__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.issue_total)


class IssueStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("open")), ("resolved", _("resolved"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


class IssueStandardFilter(admin.SimpleListFilter):
    """The issues within the source lines of a standard's editions."""

    title = _("standard")
    parameter_name = "standard"

    def lookups(self, request, model_admin):
        return [(code, code) for code in Standard.objects.values_list("code", flat=True)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        ranges = [
            Q(document_id=e.document_id, line__gte=e.first_line, line__lte=e.last_line)
            for e in Edition.objects.filter(standard__code=self.value())
        ]
        return queryset.filter(reduce(or_, ranges)) if ranges else queryset.none()


class ImportIssueAdmin(admin.ModelAdmin):
    accusative_name = pgettext_lazy("accusative", "import issue")
    list_display = ("document", "line", "severity", "display_message", "text", "is_resolved", "resolved_by")
    list_filter = (IssueStateFilter, "severity", IssueStandardFilter, "document", "code")
    search_fields = ("message", "text", "resolution_note")
    list_select_related = ("document", "resolved_by")
    readonly_fields = (
        "document",
        "line",
        "severity",
        "code",
        "params",
        "message",
        "text",
        "source_link",
        "resolved_at",
        "resolved_by",
    )
    fields = (*readonly_fields, "resolution_note")

    def has_add_permission(self, request):
        return False  # issues come from imports

    @admin.display(description=_("resolved"), boolean=True, ordering="resolved_at")
    def is_resolved(self, obj):
        return obj.resolved_at is not None

    @admin.display(description=_("source text"))
    def source_link(self, obj):
        url = reverse("source_document", args=[obj.document_id]) + f"#L{obj.line}"
        return format_html('<a href="{}">{}</a>', url, obj.document.file_name)
