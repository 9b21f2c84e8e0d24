from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cards.admin_forms import ProfessionCardForm
from cards.admin_language import AccusativeTitles, TranslatedHistory
from cards.models import Ability, Knowledge, LabourFunction, Occupation, ProfessionCard, RelatedProfession, Skill
from cards.services import delete_content, record_content_change
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


class ContentAdmin(AccusativeTitles, TranslatedHistory, admin.ModelAdmin):
    """Every admin save or delete goes through the edit service (``cards.services``): the search
    rows of the cards it touches are rebuilt and the content revision bumped, so the pages change at once.
    Titles name the model in the accusative, the history the fields by their msgids (``cards.admin_language``)."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_content_change([form.instance])  # after save_model and the inlines, on every admin save

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


@admin.register(ImportIssue)
class ImportIssueAdmin(ContentAdmin, standards_admin.ImportIssueAdmin):
    pass


# --- Django's own user and group admins, with the same titles -----------------------------------------

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(AccusativeTitles, TranslatedHistory, auth_admin.UserAdmin):
    accusative_name = pgettext_lazy("accusative", "user")


@admin.register(Group)
class GroupAdmin(AccusativeTitles, TranslatedHistory, auth_admin.GroupAdmin):
    accusative_name = pgettext_lazy("accusative", "group")
