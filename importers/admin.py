"""The admin of the import's write path: the upload of an order (``importers.upload``) and the conflicts
a re-import listed, with the two ways to resolve them (``importers.conflicts``).

They live here, not in ``cards.admin``, because ``cards`` must not import ``importers``
(``tests/test_layers.py``); the admin site is shared, so the pages sit beside the others.
"""

from django.contrib import admin, messages
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cards.admin_language import AccusativeTitles
from importers import upload
from importers.conflicts import KEEP_MINE, TAKE_FILE, resolve_conflicts
from importers.load import MODELS
from importers.reconcile import kind_of
from standards.models import ImportConflict


def _value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = "; ".join(f"{v}" for v in value.values() if v not in (None, ""))
    return Truncator(str(value)).chars(200)


@admin.register(ImportConflict)
class ImportConflictAdmin(AccusativeTitles, admin.ModelAdmin):
    accusative_name = pgettext_lazy("accusative", "import conflict")
    list_display = ("element_link", "document", "field_name", "edited", "in_file", "resolution", "resolved_by")
    list_filter = ("resolution", "document", "model")
    list_select_related = ("document", "resolved_by")
    search_fields = ("element", "field", "note")
    actions = ["keep_mine", "take_file"]
    readonly_fields = (
        "document",
        "element",
        "model",
        "object_id",
        "field",
        "base_value",
        "edited_value",
        "file_value",
        "found_at",
        "resolution",
        "resolved_at",
        "resolved_by",
    )
    fields = (*readonly_fields, "note")

    def has_add_permission(self, request):
        return False  # only a re-import lists conflicts

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/", view(upload.upload), name="importers_upload"),
            path("upload/<str:token>/", view(upload.preview), name="importers_upload_preview"),
            path("upload/<str:token>/apply/", view(upload.apply), name="importers_upload_apply"),
            path("upload/<str:token>/cancel/", view(upload.cancel), name="importers_upload_cancel"),
            *super().get_urls(),
        ]

    @admin.display(description=_("element"), ordering="element")
    def element_link(self, obj):
        model = MODELS[kind_of(obj.element)]
        name = model._meta.verbose_name
        if obj.object_id is None:
            return f"{name} {obj.element}"
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.object_id])
        return format_html('<a href="{}">{} {}</a>', url, name, obj.element)

    @admin.display(description=_("field"), ordering="field")
    def field_name(self, obj):
        if not obj.field:
            return gettext("the whole element")
        model = MODELS[kind_of(obj.element)]
        return model._meta.get_field(obj.field).verbose_name

    @admin.display(description=_("value edited by hand"))
    def edited(self, obj):
        return _value(obj.edited_value)

    @admin.display(description=_("value in the file"))
    def in_file(self, obj):
        return _value(obj.file_value)

    def _resolve(self, request, queryset, choice):
        if not self.has_change_permission(request):
            messages.error(request, gettext("You may not resolve conflicts."))
            return
        done = resolve_conflicts(queryset.select_related("document"), choice, user=request.user)
        messages.success(request, gettext("Conflicts resolved: %(count)d.") % {"count": done})

    @admin.action(description=_("Keep the edits made by hand"), permissions=["change"])
    def keep_mine(self, request, queryset):
        self._resolve(request, queryset, KEEP_MINE)

    @admin.action(description=_("Take the file's values"), permissions=["change"])
    def take_file(self, request, queryset):
        self._resolve(request, queryset, TAKE_FILE)
