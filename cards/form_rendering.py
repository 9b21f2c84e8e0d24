"""A form renderer that writes a field group, its label and its errors in Python.

The card list's filter form renders six field groups (``{{ form.q.as_field_group }}`` and the
rest); through Django's templates (``django/forms/field.html``, ``label.html``, ``attrs.html``,
``errors/list/ul.html``) they cost a tenth of the page. :class:`FieldGroupRenderer` gives exactly
their markup (tests/cards/test_form_rendering.py compares it with Django's renderer in every state
the form takes) and passes any other template on to Django.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from cards.widgets import attributes


def _field_group(context: dict) -> str:
    field = context["field"]
    parts = []
    if field.use_fieldset:
        described = field.aria_describedby
        described = f' aria-describedby="{conditional_escape(described)}"' if described else ""
        parts.append(f"\n  <fieldset{described}>")
        parts.append("\n  ")
        if field.label:
            parts.append(str(field.legend_tag()))
    else:
        parts.append("\n  ")
        if field.label:
            parts.append(str(field.label_tag()))
    parts.append("\n\n")
    if field.help_text:
        auto_id = field.auto_id
        helptext_id = f' id="{conditional_escape(auto_id)}_helptext"' if auto_id else ""
        parts.append(f'<div class="helptext"{helptext_id}>{field.help_text}</div>')
    parts.append(f"\n{field.errors}\n{field}")
    if field.use_fieldset:
        parts.append("</fieldset>")
    parts.append("\n")
    return "".join(parts)


def _label(context: dict) -> str:
    label = conditional_escape(context["label"])
    if not context["use_tag"]:
        return f"{label}\n"
    tag = conditional_escape(context["tag"])
    return f"<{tag}{attributes(context['attrs'] or {})}>{label}</{tag}>\n"


def _error_list(context: dict) -> str:
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    id_ = f' id="{conditional_escape(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{conditional_escape(error)}</li>" for error in errors)
    return f'<ul class="{conditional_escape(context["error_class"])}"{id_}>{items}</ul>'


_WRITERS = {
    "django/forms/field.html": _field_group,
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _error_list,
    "django/forms/errors/list/ul.html": _error_list,
}


class FieldGroupRenderer(DjangoTemplates):
    """Django's default form renderer, with the field group, label and error list written in Python."""

    def render(self, template_name, context, request=None):
        writer = _WRITERS.get(template_name)
        if writer is None:
            return super().render(template_name, context, request)
        return mark_safe(writer(context).strip())  # as Django's renderers strip what a template gives
