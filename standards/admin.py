"""Admin of standards, editions, source documents and import issues.

The classes are registered by ``cards.admin``, which routes every save and delete through
the edit service (``cards.services``: search rows of the cards touched, then the content
revision) and adds an edition's cards as an inline: ``standards`` imports nothing of ``cards``.
Each class names its model in the accusative too (``accusative_name``), for titles such as
"Change %s" (``cards.admin_language``).
"""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from standards.models import Edition

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


class ImportIssueAdmin(admin.ModelAdmin):
    accusative_name = pgettext_lazy("accusative", "import issue")
    list_display = ("document", "line", "severity", "message", "text")
    list_filter = ("severity", "document")
    search_fields = ("message", "text")
    list_select_related = ("document",)
