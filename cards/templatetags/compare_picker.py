"""The comparison's selection on a card page, and card names for headings: ``{% load compare_picker %}``.

``{% compare_selection card as selection %}`` reads the page's ``?compare=`` references (the cards
chosen so far, carried by the links of the comparison page) and gives the card's "Add to comparison",
"Remove from comparison" and "Back to the comparison" addresses (:func:`cards.selection.card_selection`).
``{% card_name card %}`` is the card's title as ``includes/card_title.html`` renders it, inside an
element of the card's language, for a sentence such as a heading. Both need ``edition__standard``
loaded to run no query.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cards.selection import card_selection

register = template.Library()


@register.simple_tag(takes_context=True)
def compare_selection(context, card) -> dict:
    request = context.get("request")
    return card_selection(card, request.GET.get("compare", "") if request is not None else "")


@register.simple_tag
def card_name(card) -> str:
    # The include's output is escaped template output: only its surrounding whitespace is dropped.
    title = mark_safe(render_to_string("includes/card_title.html", {"card": card}).strip())
    return format_html('<span lang="{}">{}</span>', card.edition.language, title)
