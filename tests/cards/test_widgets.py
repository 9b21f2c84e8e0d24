"""The card list's widgets written in Python give exactly the HTML of Django's own templates."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict
from django.utils import translation

from cards import widgets
from cards.filters import CardFilter

CHOICES = [("", "any"), ("J074", 'J074 — "Servers" & <admin>'), (5, "5"), ("x y", "Ә ұ і")]
GROUPED = [("Group <one>", [("a", "A"), ("b", "B & C")]), ("c", "C")]


@pytest.mark.parametrize("choices", [CHOICES, GROUPED])
@pytest.mark.parametrize("value", [None, "", "J074", 5, "b", ["a", "c"]])
@pytest.mark.parametrize("attrs", [None, {"id": "id_x", "class": "wide", "required": True, "disabled": False}])
def test_the_select_renders_as_djangos(choices, value, attrs):
    ours = widgets.Select(choices=choices).render("standard", value, attrs)
    theirs = forms.Select(choices=choices).render("standard", value, attrs)
    assert ours == theirs


@pytest.mark.parametrize("choices", [CHOICES, GROUPED])
@pytest.mark.parametrize("value", [None, [], ["J074"], [5, "x y"], ["a", "c"]])
@pytest.mark.parametrize("attrs", [None, {"id": "id_level"}, {"id": "id_level", "class": "levels"}])
def test_the_checkboxes_render_as_djangos(choices, value, attrs):
    ours = widgets.CheckboxSelectMultiple(choices=choices).render("level", value, attrs)
    theirs = forms.CheckboxSelectMultiple(choices=choices).render("level", value, attrs)
    assert ours == theirs


@pytest.mark.parametrize("value", [None, "", "бұлт & <script>", 5])
@pytest.mark.parametrize("attrs", [None, {"type": "search", "id": "id_q", "placeholder": 'a "b"', "autofocus": True}])
def test_the_text_input_renders_as_djangos(value, attrs):
    ours = widgets.TextInput(attrs=attrs).render("q", value)
    theirs = forms.TextInput(attrs=attrs).render("q", value)
    assert ours == theirs


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize(
    "query",
    ["", "level=5&level=6&standard=J074&sort=level", "level=9&standard=<x>", "q=<b>бұлт</b>&language=xx&sort=?"],
)
def test_the_card_filter_form_renders_as_with_djangos_widgets_and_templates(language, query):
    with translation.override(language):
        ours = CardFilter(QueryDict(query)).form
        theirs = CardFilter(QueryDict(query)).form
        theirs.renderer = DjangoTemplates()
        for field in theirs.fields.values():
            field.widget = _djangos(field.widget)
        ours.is_valid(), theirs.is_valid()
        for name in ours.fields:
            assert type(ours.fields[name].widget).__module__ == "cards.widgets"
            assert ours[name].as_field_group() == theirs[name].as_field_group(), name


def _djangos(widget):
    for ours, theirs in (
        (widgets.Select, forms.Select),
        (widgets.CheckboxSelectMultiple, forms.CheckboxSelectMultiple),
    ):
        if isinstance(widget, ours):
            copy = theirs(attrs=widget.attrs, choices=widget.choices)
            copy.is_required = widget.is_required
            return copy
    if isinstance(widget, widgets.TextInput):
        copy = forms.TextInput(attrs=widget.attrs)
        copy.input_type = widget.input_type
        return copy
    return widget
