from django import forms
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper, ObjDiffDisplay

from cards.admin_forms import ProfessionCardForm
from cards.admin_language import AccusativeTitles, TranslatedHistory
from cards.models import Ability, Knowledge, LabourFunction, Occupation, ProfessionCard, RelatedProfession, Skill
from cards.services import delete_content, record_content_change, resolve_import_issues
from standards import admin as standards_admin
from standards.models import Edition, ImportIssue, SourceDocument, Standard

admin.site.site_header = _("IT professional standards registry")
admin.site.site_title = _("Registry administration")
admin.site.index_title = _("Registry content")
admin.site.site_url = reverse_lazy("overview")  # "View site": the overview in the admin's language


def admin_link(obj, label=None):
    if obj is None:
        return "—"
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label or str(obj))


def with_change_reason(form_class):
    """``form_class`` with a field for the reason an editor gives, stored in the change's history record."""
    field = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Saved in the history with the change (for example the source of a correction)."),
    )
    return type(form_class.__name__, (form_class,), {"change_reason": field})


def plain_value(value) -> str:
    """A field's value as an editor reads it in the history: list items and an education option's parts
    joined, never JSON with its keys; no value as a dash."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v not in (None, ""))
    if isinstance(value, list):
        return "; ".join(plain_value(v) for v in value)
    return value


class ReadableHistory(HistoricalRecordContextHelper):
    """The history's "changes" column: whole texts (up to 600 characters), lists as text."""

    def prepare_delta_change_value(self, change, value):
        return plain_value(super().prepare_delta_change_value(change, value))

    def get_obj_diff_display(self):
        return ObjDiffDisplay(max_length=600)


class ContentAdmin(AccusativeTitles, TranslatedHistory, SimpleHistoryAdmin):
    """Every admin save or delete goes through the edit service (``cards.services``): the search
    rows of the cards it touches are rebuilt and the content revision bumped, so the pages change at once.
    Titles name the model in the accusative, the history the fields by their msgids (``cards.admin_language``).

    Models with a change history (django-simple-history) get its history view, field by field, with
    "revert to this version"; each save records who made it and the reason typed in the form."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record)

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if hasattr(model, "history"):
            self.form = with_change_reason(self.form)
        else:  # no change history of its own (import issues): Django's admin log, in Django's template
            self.object_history_template = None

    def history_view(self, request, object_id, extra_context=None):
        if not hasattr(self.model, "history"):
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        return super().history_view(request, object_id, extra_context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not hasattr(self.model, "history") or any("change_reason" in f[1]["fields"] for f in fieldsets):
            return fieldsets
        if len(fieldsets) == 1 and fieldsets[0][0] is None:  # derived from ``fields``: the reason was added last
            fields = [f for f in fieldsets[0][1]["fields"] if f != "change_reason"]
            fieldsets = [(None, {**fieldsets[0][1], "fields": fields})]
        return [*fieldsets, (_("About this change"), {"fields": ["change_reason"]})]

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_reason", "")
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get("change_reason", "")
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj._change_reason = reason
            obj.delete()
        for obj in instances:
            obj._change_reason = reason
            obj.save()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_content_change([form.instance])  # after save_model and the inlines, on every admin save

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Revert to a version: the save goes through the edit service too. simple-history's view saves a
        POST for anyone who may view the history; reverting needs the right to change the object and its history."""
        if request.method == "POST" and not (
            self.has_change_permission(request) and self.has_change_history_permission(request)
        ):
            raise PermissionDenied
        with transaction.atomic():
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if request.method == "POST" and response.status_code == 302:
                record_content_change(self.model._default_manager.filter(pk=object_id))
        return response

    def delete_model(self, request, obj):
        delete_content([obj])

    def delete_queryset(self, request, queryset):
        delete_content(queryset)


class LabourFunctionInline(admin.TabularInline):
    model = LabourFunction
    fields = ("position", "number", "kind", "title")
    show_change_link = True
    extra = 0


class RelatedProfessionInline(admin.TabularInline):
    model = RelatedProfession
    fk_name = "card"
    fields = ("position", "level", "title", "target")
    raw_id_fields = ("target",)
    extra = 0


@admin.register(ProfessionCard)
class ProfessionCardAdmin(ContentAdmin):
    accusative_name = pgettext_lazy("accusative", "profession card")
    form = ProfessionCardForm
    list_display = ("title", "standard_code", "language", "level", "occupation_code", "group_code", "position")
    list_filter = (
        "edition__standard",
        "edition__language",
        "edition__status",
        "level",
        "level_source",
        "isco_code",
    )
    search_fields = ("title", "header_title", "occupation_code", "group_code", "edition__standard__code")
    list_select_related = ("edition__standard",)
    readonly_fields = ("edition_link", "position", "first_line", "last_line", "level_source", "list_level_text")
    raw_id_fields = ("twin", "predecessor", "occupation")
    inlines = [LabourFunctionInline, RelatedProfessionInline]
    fieldsets = (
        (None, {"fields": ("title", "header_title", "number", "level", "sublevel", "level_text")}),
        (_("Codes"), {"fields": ("group_code", "occupation_code", "occupation", "isco_code")}),
        (
            _("Requirements"),
            {
                "fields": (
                    "etks_level",
                    "education",
                    "experience",
                    "nonformal_education",
                    "other_titles",
                    "purpose",
                    "mandatory_function_list",
                    "additional_function_list",
                    "personal_competencies",
                    "regulations",
                )
            },
        ),
        (_("Links"), {"fields": ("twin", "predecessor")}),
        (
            _("Provenance"),
            {"fields": ("edition_link", "position", "first_line", "last_line", "level_source", "list_level_text")},
        ),
    )

    @admin.display(description=_("standard"), ordering="edition__standard__code")
    def standard_code(self, obj):
        return obj.edition.standard.code

    @admin.display(description=_("language"), ordering="edition__language")
    def language(self, obj):
        return obj.edition.language

    @admin.display(description=_("edition"))
    def edition_link(self, obj):
        return admin_link(obj.edition)

    def view_on_site(self, obj):
        return obj.permalink()


class SkillInline(admin.TabularInline):
    model = Skill
    fields = ("position", "number", "title", "recognition")
    show_change_link = True
    extra = 0


@admin.register(LabourFunction)
class LabourFunctionAdmin(ContentAdmin):
    accusative_name = pgettext_lazy("accusative", "labour function")
    list_display = ("title", "card", "position", "kind")
    list_filter = ("kind", "card__edition__standard", "card__edition__language")
    search_fields = ("title", "card__title")
    list_select_related = ("card__edition__standard",)
    readonly_fields = ("card_link",)
    fields = ("card_link", "position", "number", "kind", "title")
    inlines = [SkillInline]

    @admin.display(description=_("card"))
    def card_link(self, obj):
        return admin_link(obj.card)


class AbilityInline(admin.TabularInline):
    model = Ability
    fields = ("position", "text")
    extra = 0


class KnowledgeInline(admin.TabularInline):
    model = Knowledge
    fields = ("position", "text")
    extra = 0


@admin.register(Skill)
class SkillAdmin(ContentAdmin):
    accusative_name = pgettext_lazy("accusative", "skill")
    list_display = ("title", "labour_function", "position", "recognition")
    list_filter = ("labour_function__card__edition__standard", "labour_function__card__edition__language")
    search_fields = ("title", "labour_function__title", "labour_function__card__title")
    list_select_related = ("labour_function__card__edition__standard",)
    readonly_fields = ("labour_function_link", "card_link")
    fields = ("card_link", "labour_function_link", "position", "number", "title", "recognition")
    inlines = [AbilityInline, KnowledgeInline]

    @admin.display(description=_("labour function"))
    def labour_function_link(self, obj):
        return admin_link(obj.labour_function)

    @admin.display(description=_("card"))
    def card_link(self, obj):
        return admin_link(obj.labour_function.card)


@admin.register(Occupation)
class OccupationAdmin(ContentAdmin):
    accusative_name = pgettext_lazy("accusative", "occupation")
    list_display = ("code", "isco_code", "isco_title")
    search_fields = ("code", "isco_title")
    list_filter = ("isco_code",)


# --- the standards app's admin, registered here with the edit service and the cards inline -----------


class CardInline(admin.TabularInline):
    model = ProfessionCard
    fields = ("position", "number", "title", "level", "group_code", "occupation_code")
    show_change_link = True
    extra = 0


@admin.register(Standard)
class StandardAdmin(ContentAdmin, standards_admin.StandardAdmin):
    pass


@admin.register(Edition)
class EditionAdmin(ContentAdmin, standards_admin.EditionAdmin):
    inlines = [CardInline]


@admin.register(SourceDocument)
class SourceDocumentAdmin(ContentAdmin, standards_admin.SourceDocumentAdmin):
    pass


class ImportIssueForm(forms.ModelForm):
    resolved = forms.BooleanField(
        label=_("Resolved"), required=False, help_text=_("Stays resolved when the same text is imported again.")
    )

    class Meta:
        model = ImportIssue
        fields = ["resolution_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolved"].initial = self.instance.resolved_at is not None


@admin.register(ImportIssue)
class ImportIssueAdmin(ContentAdmin, standards_admin.ImportIssueAdmin):
    """The worklist: an editor marks an issue resolved with a note (``cards.services.resolve_import_issues``)."""

    form = ImportIssueForm
    fields = (*standards_admin.ImportIssueAdmin.fields, "resolved")
    actions = ["mark_resolved", "mark_open"]

    def save_model(self, request, obj, form, change):
        resolve_import_issues(
            [obj], request.user, form.cleaned_data.get("resolution_note", ""), resolved=form.cleaned_data["resolved"]
        )

    def save_related(self, request, form, formsets, change):
        pass  # resolve_import_issues bumped the revision; no card changes

    @admin.action(description=_("Mark as resolved"), permissions=["change"])
    def mark_resolved(self, request, queryset):
        resolve_import_issues(queryset, request.user)

    @admin.action(description=_("Mark as open again"), permissions=["change"])
    def mark_open(self, request, queryset):
        resolve_import_issues(queryset, request.user, resolved=False)


# --- Django's own user and group admins, with the same titles -----------------------------------------

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(AccusativeTitles, TranslatedHistory, auth_admin.UserAdmin):
    accusative_name = pgettext_lazy("accusative", "user")


@admin.register(Group)
class GroupAdmin(AccusativeTitles, TranslatedHistory, auth_admin.GroupAdmin):
    accusative_name = pgettext_lazy("accusative", "group")
