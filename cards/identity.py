"""Profession identity: what makes cards one profession, and where a card lives.

The one home of three rules that the importer's linker, the card page, the level
ladder, the standard page, comparison and search all share:

* :func:`normalise_name`: how a name (or an item's text) is folded before two are
  compared: ``"1. Ёмкость «ИТ – систем»."`` and ``"емкость ИТ-систем"`` fold alike;
* :func:`profession_key`: which cards of an edition are levels of one profession:
  the same НКЗ occupation code, or, for the 69 cards printed with ``-``, the same
  normalised title;
* :func:`card_path` and :func:`card_reference`: a card's page address (through the
  URLconf, never a hand-made path) and the short reference the comparison takes.

Everything here reads attributes of the cards it is given and runs no query; the
queryset method ``ProfessionCard.objects.ladder_of(card)`` applies
:func:`profession_key` in the database's terms. Importing it loads no Django module,
so the pure comparison engine (:mod:`cards.compare`) shares its normaliser.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cards.models import ProfessionCard

_QUOTES = re.compile(r"[\"«»“”„'‘’`]")
_DASHES = re.compile(r"\s*[-‐‑‒–—]\s*")
_LEADING_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[-•·*])\s+")
_PUNCTUATION = re.compile(r"[^\w\s-]+")


def normalise_name(text: str) -> str:
    """Fold a name or an item's text for comparison.

    Case folded, ``ё`` as ``е``, quotes dropped, every dash with or without spaces
    around it as ``-``, other punctuation as a space, a leading list number dropped,
    whitespace collapsed: ``"IT - дизайнер"`` and ``"IT-дизайнер"`` fold alike.
    """
    text = _LEADING_NUMBER.sub("", text.casefold().replace("ё", "е"))
    text = _DASHES.sub("-", _QUOTES.sub("", text))
    return " ".join(_PUNCTUATION.sub(" ", text).split())


TITLE_KEY_PREFIX = "title:"


def has_occupation_code(card: ProfessionCard) -> bool:
    """Whether the card is printed with an occupation code (69 cards print only ``-``)."""
    return bool((card.occupation_code or "").strip("-– "))


def profession_key(card: ProfessionCard) -> str:
    """What makes cards of one edition levels of one profession.

    The occupation code as printed, else ``"title:"`` and the normalised title.
    """
    if has_occupation_code(card):
        return card.occupation_code.strip()
    return TITLE_KEY_PREFIX + normalise_name(card.title)


def card_path(card: ProfessionCard | None, language: str | None = None) -> str:
    """The path of ``card``'s page, in ``language`` (default: the active one); ``""`` for no card.

    In-force cards live at their permalink ``/<lang>/cards/<code>/<position>/``, shown in
    the page language where the card has a text in it; superseded ones at their edition,
    ``/<lang>/standards/<code>/editions/<key>/cards/<position>/``. Needs
    ``edition__standard`` loaded to run no query.
    """
    if card is None:
        return ""
    edition = card.edition
    code = edition.standard.code
    if edition.status == edition.Status.SUPERSEDED:
        name, args = "edition_card_detail", (code, edition.key, card.position)
    else:
        name, args = "card_detail", (code, card.position)
    return _card_address(name, args, language)


# An argument that reverse() writes as it is: no quoting, valid for the str, slug and int converters.
_PLAIN_ARGUMENT = re.compile(r"[A-Za-z0-9_-]+\Z")
_MARKER = "9876543210"  # digits, so that every converter accepts it; followed by the argument's index
_address_patterns: dict[tuple, list[str]] = {}


def _card_address(name: str, args: tuple, language: str | None) -> str:
    """``reverse(name, args=args)`` in ``language``. A page lists dozens of cards and ``reverse()`` costs
    about 70 µs each: the address is reversed once per URL name, language, URLconf and script prefix
    with markers for the arguments, and later ones are that address with the arguments put in."""
    # Django is imported only when an address is asked for: the pure engine imports this module too.
    from django.conf import settings
    from django.urls import get_script_prefix, get_urlconf, reverse
    from django.utils import translation

    language = language or translation.get_language()
    plain = isinstance(args[-1], int) and all(_PLAIN_ARGUMENT.match(str(arg)) for arg in args[:-1])
    if not plain:
        with translation.override(language):
            return reverse(name, args=args)
    key = (name, len(args), language, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    pieces = _address_patterns.get(key)
    if pieces is None:
        with translation.override(language):
            marked = reverse(name, args=[_MARKER + str(i) for i in range(len(args))])
        pieces = re.split(_MARKER + "[0-9]", marked)
        if len(pieces) != len(args) + 1:  # a marker's digits elsewhere in the address: never cut it
            with translation.override(language):
                return reverse(name, args=args)
        _address_patterns[key] = pieces
    address = [pieces[0]]
    for arg, piece in zip(args, pieces[1:], strict=True):
        address += (str(arg), piece)
    return "".join(address)


def card_reference(card: ProfessionCard, language: str | None = None) -> str:
    """The comparison's reference that names exactly ``card``: ``J068/1@ru``, or
    ``J071/2022-kk/4`` for a card of a superseded edition. With ``language``, an in-force
    card's reference names that language's text instead (its twin's). Needs
    ``edition__standard`` loaded."""
    edition = card.edition
    if edition.status == edition.Status.SUPERSEDED:
        return f"{edition.standard.code}/{edition.key}/{card.position}"
    return f"{edition.standard.code}/{card.position}@{language or edition.language}"
