"""Levels from the passport's card list, assigned BY POSITION (NOTES.md §6, problem 1).

001 prints no level in the body of 78 of its 118 cards, and its card numbers are
duplicated or have gaps, so the n-th card takes the level of the n-th list item,
never the item with its printed number. Pure: used by :mod:`importers.parser`
when it closes an edition.
"""

from __future__ import annotations

from importers.records import CARD_COUNT_MISMATCH, CARD_WITHOUT_LEVEL, ERROR, CardListItem, EditionRecord, ImportIssue
from importers.text import split_list_item


def apply_list_levels(edition: EditionRecord) -> list[ImportIssue]:
    """Fill each card's list level, and its level when the body has none, by position.

    A list item giving a level range ("4-5-й уровни ОРК", 2019 layout) stands for
    one card per level of the range when that is how the cards add up. Returns the
    issues: a list whose length differs from the cards, a card left without a level.
    """
    issues: list[ImportIssue] = []
    slots = list(edition.card_list)
    if edition.cards and len(slots) != len(edition.cards):
        expanded = [item for item in slots for _ in range(_range_size(item))]
        if len(expanded) == len(edition.cards):
            slots = expanded
        else:
            listed, printed = len(edition.card_list), len(edition.cards)
            message = f"passport lists {listed} cards, the text has {printed}"
            params = {"listed": listed, "cards": printed}
            issues.append(
                ImportIssue(edition.first_line, CARD_COUNT_MISMATCH, message, edition.title[:300], ERROR, params)
            )
    for card in edition.cards:
        item = slots[card.position - 1] if card.position <= len(slots) else None
        if item is not None:
            card.list_level_text = split_list_item(item.text)[1]
        if card.level is None and item is not None and item.level_min is not None and item.level_min == item.level_max:
            card.level, card.level_source = item.level_min, "passport"
        if card.level is None:
            message = "card without a level (body and passport list)"
            issues.append(ImportIssue(card.first_line, CARD_WITHOUT_LEVEL, message, card.header_title[:300], ERROR))
    return issues


def _range_size(item: CardListItem) -> int:
    if item.level_min is not None and item.level_max is not None and item.level_max > item.level_min:
        return item.level_max - item.level_min + 1
    return 1
