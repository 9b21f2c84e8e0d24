"""A card's address in templates: ``{% load card_links %}`` then ``{{ card|card_url }}``.

The page's language version of the card's page (:func:`cards.identity.card_path`): its
permalink when in force, its edition's path when superseded. ``card.permalink`` is the
page in the card's own language. Needs ``edition__standard`` loaded to run no query.
"""

from django import template

from cards.identity import card_path

register = template.Library()


@register.filter
def card_url(card) -> str:
    return card_path(card)
