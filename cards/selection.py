"""The cards chosen for a comparison, as they travel between pages without JavaScript.

The comparison page holds them in its address (``/<lang>/compare/?cards=J068/1@ru,J068/2@ru``). A
card page opened from it carries them on as ``?compare=J068/1@ru,J068/2@ru``, so that its "Add to
comparison" link leads to the comparison with the card added and "Remove from comparison" to it
without the card: no session, no cookie, the selection lives in the links. A card page only passes
the references on, the comparison page checks them (:func:`cards.comparison_data.parse_references`).
"""

from __future__ import annotations

from urllib.parse import quote

from django.urls import reverse

from cards.comparison_data import MAX_CARDS, CardReference, parse_references
from cards.identity import card_reference

# A selection longer than four long references is not one the pages made: it is not carried on.
MAX_SELECTION_CHARS = 4 * 24


def split_selection(values: list[str] | str) -> list[str]:
    """``"J068/1@ru, J068/2@ru"`` (or several such values) -> the references, as written, in order."""
    if isinstance(values, str):
        values = [values]
    return [part.strip() for value in values for part in value.replace(";", ",").split(",") if part.strip()]


def chosen_references(values: list[str]) -> list[CardReference]:
    """The ``?cards=`` references, checked, from none to four: a comparison needs two, a selection
    grows one card at a time. Raises :class:`~cards.comparison_data.CardReferenceError` as
    ``parse_references`` does, but not for a lone card or none."""
    parts = split_selection(values)
    if not parts:
        return []
    if len(parts) == 1:
        # parse_references checks the count as well as each reference: check the lone one as a pair.
        return parse_references(parts * 2)[:1]
    return parse_references(parts)


def compare_path(references: list[str]) -> str:
    """The comparison page of ``references`` (the picker, for fewer than two)."""
    if not references:
        return reverse("compare")
    return reverse("compare") + "?cards=" + quote(",".join(references), safe="/,@")


def selection_query(references: list[str]) -> str:
    """``?compare=…`` for a card page's address, so its comparison links keep the selection."""
    return "?compare=" + quote(",".join(references), safe="/,@") if references else ""


def names_card(reference: str, card) -> bool:
    """Whether ``reference`` (as typed: any case, with or without ``@kk``/``@ru``) names ``card``."""
    own_place, _, own_language = card_reference(card).partition("@")
    place, _, language = reference.replace(" ", "").partition("@")
    return place.upper() == own_place.upper() and (not language or language.lower() == own_language)


def card_selection(card, value: str) -> dict:
    """The comparison links of a card page whose address carries ``?compare=value``.

    ``chosen`` the references; ``contains`` whether the card is among them; ``add_url`` the
    comparison with the card added ("" when it is in or four are chosen); ``remove_url`` the
    comparison without it; ``back_url`` the comparison as it is ("" without a selection)."""
    chosen = split_selection(value[:MAX_SELECTION_CHARS]) if value else []
    chosen = chosen[:MAX_CARDS]
    contains = any(names_card(reference, card) for reference in chosen)
    return {
        "chosen": chosen,
        "count": len(chosen),
        "contains": contains,
        "is_full": not contains and len(chosen) >= MAX_CARDS,
        "add_url": "" if contains or len(chosen) >= MAX_CARDS else compare_path([*chosen, card_reference(card)]),
        "remove_url": compare_path([r for r in chosen if not names_card(r, card)]) if contains else "",
        "back_url": compare_path(chosen) if chosen else "",
    }
