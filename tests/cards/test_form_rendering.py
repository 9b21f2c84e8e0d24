"""The field group renderer writes exactly the markup of Django's form templates, in every state of a field."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from cards.form_rendering import FieldGroupRenderer


class EveryKindOfField(forms.Form):
    required_css_class = "required"

    title = forms.CharField(label="Title & <name>", help_text="Words <b>in</b> the title", max_length=5)
    levels = forms.MultipleChoiceField(
        label="Levels?", choices=[("5", "5"), ("6", "6")], widget=forms.CheckboxSelectMultiple, required=False
    )
    kind = forms.ChoiceField(label="", choices=[("a", "A & B")], required=False)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"aria-describedby": "x"}))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)


@pytest.mark.parametrize(
    "data",
    [None, {}, {"title": "far too long <x>", "levels": ["9"], "kind": "z"}, {"title": "ok", "levels": ["5"]}],
)
@pytest.mark.parametrize("auto_id", ["id_%s", False])
@pytest.mark.parametrize("label_suffix", [None, ":"])
def test_every_field_group_renders_as_with_djangos_templates(data, auto_id, label_suffix):
    ours = EveryKindOfField(data, auto_id=auto_id, label_suffix=label_suffix, renderer=FieldGroupRenderer())
    theirs = EveryKindOfField(data, auto_id=auto_id, label_suffix=label_suffix, renderer=DjangoTemplates())
    if data is not None:
        ours.is_valid(), theirs.is_valid()
    for name in ours.fields:
        assert ours[name].as_field_group() == theirs[name].as_field_group(), name
        assert str(ours[name].errors) == str(theirs[name].errors), name
    assert str(ours) == str(theirs)  # the form's own template, passed on to Django
