"""The search index: one :class:`~cards.models.CardSearchText` row per card, rebuilt from its texts.

A row holds the card's texts by group (title, other names, standard, body, detail), their
stems (Russian Snowball stems, Kazakh stems) for the fallback scorer, its names and codes, and
the passages the results quote; on PostgreSQL the tsvector columns are computed from the texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connection, transaction

from cards import kazakh
from cards.models import CardSearchText, ProfessionCard
from cards.search.query import RUSSIAN_STOPWORDS, russian_stem

CODE_IN_TEXT = re.compile(r"\d{4}-\d-\d{3}")
NAME_AFTER_CODE = re.compile(r"(\d{4}-\d-\d{3})\s*[-–—]\s*([^;\n]+)")


def _codes(code: str) -> list[str]:
    """A НКЗ code and its prefixes: 2512-2-007 -> 2512, 2512-2, 2512-2-007."""
    if not re.fullmatch(r"\d{4}(-\d(-\d{3})?)?", code or ""):
        return []
    parts = code.split("-")
    return ["-".join(parts[: i + 1]) for i in range(len(parts))]


def _other_titles(card: ProfessionCard) -> list[str]:
    titles = card.other_titles if isinstance(card.other_titles, list) else [str(card.other_titles)]
    return [str(t) for t in titles if t]


def _names_by_code(language: str) -> dict[str, set[str]]:
    """Every name a language's in-force texts give a full НКЗ code (card titles and other titles)."""
    names: dict[str, set[str]] = {}
    for code, title, others in (
        ProfessionCard.objects.in_force().for_language(language).values_list("occupation_code", "title", "other_titles")
    ):
        if CODE_IN_TEXT.fullmatch(code or ""):
            names.setdefault(code, set()).add(title)
        for other in others if isinstance(others, list) else []:
            for other_code, name in NAME_AFTER_CODE.findall(str(other)):
                names.setdefault(other_code, set()).add(name.strip(" ."))
    return names


def _prepare(card: ProfessionCard, names_by_code: dict[str, dict[str, set[str]]]) -> CardSearchText:
    language = card.edition.language
    other = "ru" if language == "kk" else "kk"
    standard = card.edition.standard
    pieces: list[tuple[str, str, str, str]] = []  # (group, passage label, language, text)
    for text in (card.title, card.header_title):
        if text:
            pieces.append(("title", "title", language, text))
    for text in _other_titles(card):
        pieces.append(("alias", "alias", language, text))
    twin = card.twin
    if twin is not None:
        pieces.append(("alias", "alias", other, twin.title))
        pieces += [("alias", "alias", other, text) for text in _other_titles(twin)]
    for name in sorted(names_by_code[other].get(card.occupation_code, ())):
        pieces.append(("alias", "alias", other, name))
    for standard_language, text in (("kk", standard.title_kk), ("ru", standard.title_ru)):
        if text:
            pieces.append(("standard", "standard", standard_language, text))
    if card.purpose:
        pieces.append(("body", "purpose", language, card.purpose))
    for function in card.labour_functions.all():
        pieces.append(("body", "function", language, function.title))
        for skill in function.skills.all():
            pieces.append(("body", "skill", language, skill.title))
            pieces += [("detail", "ability", language, item.text) for item in skill.abilities.all()]
            pieces += [("detail", "knowledge", language, item.text) for item in skill.knowledge_items.all()]
    texts: dict[str, dict[str, str]] = {}
    stems: dict[str, list[str]] = {}
    for group, _label, piece_language, text in pieces:
        slot = texts.setdefault(group, {"ru": "", "kk": ""})
        if piece_language == "ru":
            slot["ru"] += text + "\n"
            words = [russian_stem(w) for w in kazakh.words(text) if w.lower() not in RUSSIAN_STOPWORDS]
        else:
            slot["kk"] += kazakh.stemmed_text(text) + "\n"
            words = kazakh.stems(text)
        stems.setdefault(group, []).extend(words)
    names = [text for group, _label, _language, text in pieces if group in ("title", "alias", "standard")]
    own_codes = [*_codes(card.occupation_code), card.group_code, card.isco_code, standard.code]
    found = [code for text in _other_titles(card) for code in CODE_IN_TEXT.findall(text)]
    alias_codes = {prefix for code in found for prefix in _codes(code)}
    return CardSearchText(
        card=card,
        language=language,
        names=" · ".join(dict.fromkeys(names)).lower(),
        codes=" " + " ".join(c for c in own_codes if c) + " ",
        alias_codes=" " + " ".join(sorted(alias_codes)) + " ",
        texts=texts,
        stems={group: " ".join(words) for group, words in stems.items()},
        passages=[[label, piece_language, text] for _g, label, piece_language, text in pieces if _g != "standard"],
    )


VECTOR_SQL = """
    UPDATE cards_cardsearchtext SET
        title_vector = to_tsvector('russian', coalesce(texts->'title'->>'ru', ''))
            || to_tsvector('simple', coalesce(texts->'title'->>'kk', '')),
        alias_vector = to_tsvector('russian', coalesce(texts->'alias'->>'ru', ''))
            || to_tsvector('simple', coalesce(texts->'alias'->>'kk', '')),
        standard_vector = to_tsvector('russian', coalesce(texts->'standard'->>'ru', ''))
            || to_tsvector('simple', coalesce(texts->'standard'->>'kk', '')),
        body_vector = setweight(to_tsvector('russian', coalesce(texts->'body'->>'ru', ''))
            || to_tsvector('simple', coalesce(texts->'body'->>'kk', '')), 'B')
            || setweight(to_tsvector('russian', coalesce(texts->'detail'->>'ru', ''))
            || to_tsvector('simple', coalesce(texts->'detail'->>'kk', '')), 'D')
    WHERE card_id = ANY(%s)
"""


@transaction.atomic
def rebuild_search_index(cards: Iterable[ProfessionCard] | None = None) -> int:
    """Rebuild the search rows of ``cards`` and their twins (default: every card).

    The importer calls it after linking; admin after a card is edited. Returns the number of rows.
    """
    queryset = ProfessionCard.objects.all()
    if cards is not None:
        ids = {card.pk for card in cards}
        twin_ids = set(ProfessionCard.objects.filter(pk__in=ids, twin__isnull=False).values_list("twin_id", flat=True))
        queryset = queryset.filter(pk__in=ids | twin_ids)
    else:
        CardSearchText.objects.all().delete()
    queryset = queryset.with_tree().select_related("twin")
    names_by_code = {"kk": _names_by_code("kk"), "ru": _names_by_code("ru")}
    rows = [_prepare(card, names_by_code) for card in queryset]
    CardSearchText.objects.filter(card__in=[row.card for row in rows]).delete()
    CardSearchText.objects.bulk_create(rows, batch_size=200)
    if connection.vendor == "postgresql" and rows:
        with connection.cursor() as cursor:
            cursor.execute(VECTOR_SQL, [[row.card_id for row in rows]])
    return len(rows)
