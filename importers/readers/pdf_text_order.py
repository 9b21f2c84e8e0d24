"""Putting the tokens of PDF-extracted text into the canonical order (for :mod:`importers.readers.pdf_text`).

The 2019 layout prints the card list after the chapter 3 heading, and education
and ETKS after the related professions; the contract (``docs/importer-contract.md``)
wants them where the other layouts have them. A text without a heading (000 starts
at "1-ші тарау") gets an empty STANDARD_HEADING.
"""

from __future__ import annotations

from importers import labels as L
from importers.tokens import TEXT, Token

# Canonical order of the scalar card fields (education options keep their own order).
_CARD_FIELD_RANK = {
    L.GROUP_CODE: 0,
    L.OCCUPATION_CODE: 1,
    L.PROFESSION_NAME: 2,
    L.LEVEL: 3,
    L.SUBLEVEL: 4,
    L.ETKS_LEVEL: 5,
    L.EDUCATION: 6,
    L.EDUCATION_LEVEL: 6,
    L.SPECIALTY: 6,
    L.QUALIFICATION: 6,
    L.EXPERIENCE: 7,
    L.NONFORMAL_EDUCATION: 8,
    L.OTHER_TITLES: 9,
    L.PURPOSE: 10,
}


def canonical(tokens: list[Token]) -> list[Token]:
    """The tokens with a heading, the card list before chapter 3 and each card's scalar fields first."""
    return _canonical_order(_with_heading(tokens))


def _with_heading(tokens: list[Token]) -> list[Token]:
    for index, token in enumerate(tokens):
        if token.concept == L.STANDARD_HEADING:
            return tokens
        if token.concept != TEXT:
            return [*tokens[:index], Token(L.STANDARD_HEADING, token.line), *tokens[index:]]
    return tokens


def _canonical_order(tokens: list[Token]) -> list[Token]:
    tokens = _card_list_before_chapter_3(tokens)
    out: list[Token] = []
    card: list[Token] = []
    for token in tokens:
        if token.concept in (L.CARD_HEADER, L.CHAPTER_4) and card:
            out.extend(_card_fields_first(card))
            card = []
        if token.concept == L.CARD_HEADER or card:
            card.append(token)
        else:
            out.append(token)
    out.extend(_card_fields_first(card))
    return out


def _card_list_before_chapter_3(tokens: list[Token]) -> list[Token]:
    concepts = [t.concept for t in tokens]
    if L.CHAPTER_3 not in concepts or L.CARD_LIST not in concepts:
        return tokens
    chapter, listing = concepts.index(L.CHAPTER_3), concepts.index(L.CARD_LIST)
    if listing < chapter or L.CARD_HEADER in concepts[chapter:listing]:
        return tokens
    moved = tokens[listing]
    rest = tokens[:listing] + tokens[listing + 1 :]
    return [*rest[:chapter], moved, *rest[chapter:]]


def _card_fields_first(card: list[Token]) -> list[Token]:
    """Scalar card fields (codes, level, education, purpose) right after the card header, in order."""
    if not card:
        return card
    fields = [t for t in card[1:] if t.concept in _CARD_FIELD_RANK]
    others = [t for t in card[1:] if t.concept not in _CARD_FIELD_RANK]
    fields.sort(key=lambda t: _CARD_FIELD_RANK[t.concept])
    return [card[0], *fields, *others]
