"""Django's ``i18n`` template library, with ``{% translate "a constant message" %}`` rendered once.

``TEMPLATES["OPTIONS"]["libraries"]`` registers this module as ``registry_i18n``, and the project's
templates load it instead of ``i18n`` (``{% load registry_i18n %}``; a template that loads Django's
``i18n`` still works, only slower; Django's system check refuses one name for two libraries, so it
is not registered as ``i18n`` itself): Django's own tags and filters, unchanged, except that a
``{% translate %}`` of a literal message (no variable, filter, context or ``as``) keeps what it
rendered, per interface language and autoescaping, and gives it again. Django's node built a lazy
translation object and looked up the active translation through a thread-local on every render:
6.6 µs a tag, some sixty a card page. What it keeps is exactly what Django's node rendered (the output of a
literal message depends on nothing else). Under DEBUG (catalogues reloaded while the server runs)
it keeps nothing, and a changed setting (tests change ``LOCALE_PATHS``) has every node render anew.
``makemessages`` reads templates as text and is not affected.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.templatetags import i18n as django_i18n
from django.utils.translation import get_language

register = template.Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)


class ConstantTranslateNode(django_i18n.TranslateNode):
    """A ``{% translate %}`` of a literal message: Django's rendering, kept per language and autoescaping."""

    rendered: dict[tuple[str | None, bool], str]
    generation = -1

    def render(self, context):
        if settings.DEBUG:
            return super().render(context)
        if self.generation != _generation:  # a setting changed: the catalogues may have too
            self.rendered, self.generation = {}, _generation
        key = (get_language(), context.autoescape)
        value = self.rendered.get(key)
        if value is None:
            value = self.rendered[key] = super().render(context)
        return value


def _is_constant(node: django_i18n.TranslateNode) -> bool:
    expression = node.filter_expression
    variable = expression.var
    return (
        not expression.filters
        and isinstance(variable, template.Variable)
        and variable.lookups is None
        and node.message_context is None
        and node.asvar is None
    )


_generation = 0  # bumped when a setting changes: what the nodes kept is then rendered anew


def _forget(**kwargs) -> None:
    global _generation
    _generation += 1


setting_changed.connect(_forget)


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    """Django's ``{% translate %}``; of a literal message, a :class:`ConstantTranslateNode`."""
    node = django_i18n.do_translate(parser, token)
    if isinstance(node, django_i18n.TranslateNode) and _is_constant(node):
        constant = ConstantTranslateNode.__new__(ConstantTranslateNode)
        constant.__dict__.update(node.__dict__)
        return constant
    return node
