"""Reads for browsing by occupation: the registry's ISCO-08 unit groups, and one group's professions.

A card's group is its ``isco_code`` (the first four digits of its НКЗ code, or the group the
importer gave a card printed without one); titles come from :func:`cards.isco.isco_titles` in
the page language. The cards are those readable in the page language
(``ProfessionCard.objects.readable_in``): one per standard and position. A profession is what
:func:`cards.selectors.professions_of` makes of a standard's cards (:func:`cards.identity.profession_key`).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from cards.identity import profession_key
from cards.isco import isco_titles
from cards.models import ProfessionCard
from cards.selectors import LISTED_FIELDS, level_span, professions_of, with_page_labels


def _cards(language: str):
    return ProfessionCard.objects.readable_in(language).select_related("edition__standard").only(*LISTED_FIELDS)


def isco_groups(language: str) -> list[dict]:
    """The unit groups that have cards, under their ISCO-08 minor groups (``251``, ``252``, ...), by code.

    Each minor group: ``code``, ``title``, ``groups`` (code ``""`` last: the unit groups whose minor
    group the reference table does not name); each unit group: ``code``, ``title``
    (``""`` where the reference table has none), the number of ``professions`` and ``cards``,
    its ``standards`` (codes) and its ОРК ``levels`` (``"4–7"``). One query.
    """
    titles = isco_titles(language)
    cards_by_group = defaultdict(list)
    for card in _cards(language).exclude(isco_code=""):
        cards_by_group[card.isco_code].append(card)
    units = [
        {
            "code": code,
            "title": titles.get(code, ""),
            "professions": len({(c.edition.standard.code, profession_key(c)) for c in cards}),
            "cards": len(cards),
            "standards": sorted({c.edition.standard.code for c in cards}),
            "levels": level_span([c.level for c in cards]),
        }
        for code, cards in sorted(cards_by_group.items())
    ]
    sections = defaultdict(list)
    for unit in units:
        minor = unit["code"][:3]
        sections[minor if titles.get(minor) else ""].append(unit)
    # The minor groups the reference table names, by code; the unit groups of the others last, together.
    return [
        {"code": minor, "title": titles.get(minor, ""), "groups": sections[minor]}
        for minor in sorted(sections, key=lambda minor: (not minor, minor))
    ]


def isco_group_professions(isco_code: str, language: str) -> list[dict]:
    """The professions of one unit group, by standard, each with its cards by ОРК level.

    Each as :func:`~cards.selectors.professions_of` gives it, with its ``standard``; the cards are
    prepared by ``with_page_labels``. Two queries at most (one when every card is in ``language``).
    """
    cards = with_page_labels(
        _cards(language).filter(isco_code=isco_code).order_by("edition__standard__code", "level", "position"),
        language,
    )
    professions = []
    for _code, in_standard in groupby(cards, key=lambda card: card.edition.standard.code):
        in_standard = list(in_standard)
        for profession in professions_of(in_standard):
            profession["standard"] = in_standard[0].edition.standard
            profession["first"] = profession["cards"][0]
            professions.append(profession)
    return professions
