from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cards.models import ProfessionCard
from standards.models import Edition, ImportIssue, SourceDocument, Standard
from standards.revision import bump_revision

PROVENANCE = ("document", "position", "first_line", "last_line")


class RevisionAdmin(admin.ModelAdmin):
    """Every save or delete in admin bumps the content revision, so cached pages change at once."""

    def content_changed(self, obj) -> None:
        """What must follow an edit of ``obj``; subclasses add to it (e.g. the search index)."""
        bump_revision()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.content_changed(form.instance)  # runs after save_model and the inlines, on every admin save

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump_revision()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        bump_revision()


class EditionInline(admin.TabularInline):
    model = Edition
    fields = ("language", "status", "version", "year", "annex", "title", "document")
    readonly_fields = ("document",)
    show_change_link = True
    extra = 0


@admin.register(Standard)
class StandardAdmin(RevisionAdmin):
    list_display = ("code", "title_kk", "title_ru", "edition_count")
    search_fields = ("code", "title_kk", "title_ru")
    inlines = [EditionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(edition_total=Count("editions"))

    @admin.display(description=_("editions"), ordering="edition_total")
    def edition_count(self, obj):
        return obj.edition_total


class CardInline(admin.TabularInline):
    model = ProfessionCard
    fields = ("position", "number", "title", "level", "group_code", "occupation_code")
    show_change_link = True
    extra = 0


@admin.register(Edition)
class EditionAdmin(RevisionAdmin):
    list_display = ("standard", "language", "status", "version", "year", "annex", "document")
    list_filter = ("language", "status", "standard", "document")
    search_fields = ("standard__code", "title", "code_as_printed")
    list_select_related = ("standard", "document")
    readonly_fields = PROVENANCE
    inlines = [CardInline]


@admin.register(SourceDocument)
class SourceDocumentAdmin(RevisionAdmin):
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


@admin.register(ImportIssue)
class ImportIssueAdmin(RevisionAdmin):
    list_display = ("document", "line", "severity", "message", "text")
    list_filter = ("severity", "document")
    search_fields = ("message", "text")
    list_select_related = ("document",)
