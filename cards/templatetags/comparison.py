"""Links into the comparison pages: ``{% load comparison %}``.

``{% compare_url card other %}`` is the path of the comparison of those cards (2 to 4,
in column order); ``{% compare_twin_url card %}`` compares a card with its other-language
twin; ``card|compare_reference`` is the card's ``?cards=`` reference. Each needs the
cards' ``edition__standard`` loaded to run no query.
"""

from urllib.parse import quote

from django import template
from django.urls import reverse

from cards.identity import card_reference

register = template.Library()


@register.filter
def compare_reference(card) -> str:
    return card_reference(card)


@register.simple_tag
def compare_url(*cards) -> str:
    references = ",".join(card_reference(card) for card in cards if card is not None)
    return reverse("compare") + "?cards=" + quote(references, safe="/,@")


@register.simple_tag
def compare_twin_url(card) -> str:
    """The card beside its twin (same code and position, other language), this card first."""
    other = "ru" if card.edition.language == "kk" else "kk"
    references = f"{card_reference(card)},{card_reference(card, language=other)}"
    return reverse("compare") + "?cards=" + quote(references, safe="/,@")
