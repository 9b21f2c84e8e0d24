"""The card list's choice widgets, written out in Python: the same HTML as Django's templates.

Django renders each ``<option>`` and each checkbox through its own template include; on the card
list the filter form's ~80 options took a third of the page's time. These widgets give exactly
Django's markup (tests/cards/test_widgets.py compares them with Django's own rendering) and go
through no template.
"""

from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def attributes(attrs: dict) -> str:
    """Django's ``attrs.html``: `` name="value"``, a bare name for True, nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"')
    return "".join(out)


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{conditional_escape(str(widget["value"]))}"'
    name = conditional_escape(widget["name"])
    return f'<input type="{widget["type"]}" name="{name}"{value}{attributes(widget["attrs"])}>\n'


class TextInput(forms.TextInput):
    """``forms.TextInput`` without its templates (``input.html``, ``attrs.html``)."""

    def render(self, name, value, attrs=None, renderer=None):
        return mark_safe(_input(self.get_context(name, value, attrs)["widget"]).strip())


class Select(forms.Select):
    """``forms.Select`` without its templates (``select.html``, ``select_option.html``)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"{attributes(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class CheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """``forms.CheckboxSelectMultiple`` without its templates (``multiple_input.html`` and the rest)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        id_ = widget["attrs"].get("id")
        css = widget["attrs"].get("class")
        parts = [
            "<div",
            f' id="{conditional_escape(id_)}"' if id_ else "",
            f' class="{conditional_escape(css)}"' if css else "",
            ">",
        ]
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(f"\n  <div><label>{conditional_escape(group)}</label>")
            for option in options:
                parts.append("<div>\n    ")
                if option["wrap_label"]:
                    option_id = option["attrs"].get("id")
                    parts.append(f'<label for="{conditional_escape(option_id)}">' if option_id else "<label>")
                parts.append(_input(option))
                if option["wrap_label"]:
                    parts.append(f" {conditional_escape(option['label'])}</label>")
                parts.append("\n\n</div>")
            if group:
                parts.append("\n  </div>")
        parts.append("\n</div>")
        return mark_safe("".join(parts))
