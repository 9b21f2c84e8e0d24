"""The one FilterSet of profession cards, shared by the card list page and the JSON API."""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from cards import widgets
from cards.compiled import Part, compiled_instances, compiled_values
from cards.form_rendering import FieldGroupRenderer
from cards.isco import isco_titles
from cards.models import ProfessionCard
from standards.models import LANGUAGE_CHOICES, Standard

LEVEL_CHOICES = [(str(n), str(n)) for n in range(1, 9)]

# Every order ends on the card's identity, so pages never overlap or skip a card.
SORTS = {
    "standard": ("edition__standard__code", "position", "edition__language"),
    "title": ("title", "edition__standard__code", "position", "edition__language"),
    "level": ("level", "edition__standard__code", "position", "edition__language"),
}
SORT_CHOICES = [
    ("standard", _("standard, then position")),
    ("title", _("title")),
    ("level", _("ОРК level")),
]

PAGE_SIZE = 25


class CardFilterForm(forms.Form):
    """The filter form, its field groups written in Python (``cards.form_rendering``)."""

    default_renderer = FieldGroupRenderer


class CardFilter(django_filters.FilterSet):
    """Filters in-force profession cards.

    Strict: when any value is invalid, ``qs`` is empty and ``errors`` says why. Without a
    ``language`` filter the cards are those readable in ``language`` (the page's language):
    one card per standard and position, in that language where the standard has a text in it.
    """

    level = django_filters.MultipleChoiceFilter(
        field_name="level",
        lookup_expr="exact",
        choices=LEVEL_CHOICES,
        distinct=False,
        label=_("ОРК level"),
        widget=widgets.CheckboxSelectMultiple,
    )
    standard = django_filters.ChoiceFilter(
        field_name="edition__standard__code",
        lookup_expr="exact",
        label=_("Standard"),
        empty_label=_("any"),
        widget=widgets.Select,
    )
    isco = django_filters.ChoiceFilter(
        field_name="isco_code",
        lookup_expr="exact",
        label=_("Occupation group (ISCO-08)"),
        empty_label=_("any"),
        widget=widgets.Select,
    )
    language = django_filters.ChoiceFilter(
        field_name="edition__language",
        lookup_expr="exact",
        choices=LANGUAGE_CHOICES,
        label=_("Language of the text"),
        empty_label=_("page language first"),
        widget=widgets.Select,
    )
    q = django_filters.CharFilter(
        field_name="title",
        lookup_expr="icontains",
        method="filter_words",
        label=_("Words in the title"),
        widget=widgets.TextInput(attrs={"type": "search"}),
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="order_cards", label=_("Sort by"), empty_label=None, widget=widgets.Select
    )

    class Meta:
        model = ProfessionCard
        fields = ["level", "standard", "isco", "language", "q", "sort"]
        form = CardFilterForm

    def __init__(self, data=None, queryset=None, *, language: str | None = None, **kwargs):
        if queryset is None:
            queryset = ProfessionCard.objects.all()
        super().__init__(data, queryset.in_force(), **kwargs)
        self.language = language or get_language()
        self.filters["standard"].extra["choices"] = self._standard_choices()
        self.filters["isco"].extra["choices"] = self._isco_choices()

    def _standard_choices(self) -> list[tuple[str, str]]:
        return [(standard.code, f"{standard.code} — {standard.title_in(self.language)}") for standard in _standards()]

    def _isco_choices(self) -> list[tuple[str, str]]:
        # The groups of the cards themselves: a group whose cards all lack an НКЗ code
        # (8213) has no Occupation row, so no title, but it is still a group one can pick.
        codes = [code for (code,) in _isco_codes_in_force()]
        titles = isco_titles(self.language)
        return [(code, f"{code} — {titles[code]}" if code in titles else code) for code in codes]

    def filter_queryset(self, queryset):
        if not self.form.is_valid():
            return queryset.none()
        return self.filtered(queryset, self.form.cleaned_data, self.language)

    def filtered(self, queryset, data: dict, language: str):
        """``queryset`` through each filter with the value in ``data`` (cleaned data, or stand-ins for
        it: ``cards.list_pages``), then readable in ``language`` unless a language is chosen, and ordered."""
        for name, value in data.items():  # as django-filter's FilterSet.filter_queryset
            queryset = self.filters[name].filter(queryset, value)
        if not data.get("language"):
            queryset = queryset.readable_in(language)
        if not data.get("sort"):
            queryset = queryset.order_by(*SORTS["standard"])
        return queryset

    def filter_words(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                models.Q(**{f"{name}__icontains": word}) | models.Q(header_title__icontains=word)
            )
        return queryset

    def order_cards(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])


@dataclass
class PageOfCards:
    """A page of a card list, or why there is none (``error`` and the HTTP ``status``)."""

    page: Page | None
    error: str = ""
    status: int = 200


def page_of(queryset, number: str | None, per_page: int = PAGE_SIZE) -> PageOfCards:
    paginator = Paginator(queryset, per_page)
    try:
        return PageOfCards(paginator.page(number or 1))
    except PageNotAnInteger:
        return PageOfCards(None, _("The page number must be a whole number from 1."), 400)
    except EmptyPage:
        if str(number).isdigit() and int(number) > 1:
            message = ngettext(
                "There is no page %(number)s: the list has %(pages)s page.",
                "There is no page %(number)s: the list has %(pages)s pages.",
                paginator.num_pages,
            ) % {"number": number, "pages": paginator.num_pages}
            return PageOfCards(None, message, 404)
        return PageOfCards(None, _("The page number must be a whole number from 1."), 400)


# The two choice lists every card list and search page reads, compiled once (cards.compiled): Django's
# compiler building them cost more than PostgreSQL running them.
@compiled_instances(parts=(Part("", Standard, ("code", "title_kk", "title_ru")),))
def _standards():
    return Standard.objects.order_by("code")


@compiled_values()
def _isco_codes_in_force():
    return (
        ProfessionCard.objects.in_force()
        .exclude(isco_code="")
        .values_list("isco_code")
        .distinct()
        .order_by("isco_code")
    )
