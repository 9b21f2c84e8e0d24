"""Reads that the pages share: a card in the page language, its neighbours, the level matrix.

Each function runs a fixed number of queries whatever the data's size. What makes
cards one profession is :mod:`cards.identity`'s rule, applied here and nowhere else.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connection, models
from django.db.models import Count, Value
from django.http import Http404

from cards.compiled import Part, compiled_instances, compiled_once, compiled_values
from cards.identity import has_occupation_code, profession_key
from cards.isco import isco_titles
from cards.models import Ability, Knowledge, LabourFunction, ProfessionCard, RelatedProfession
from standards.models import Edition, ImportIssue, SourceDocument, Standard

LEVELS = range(1, 9)

# What a card listed on a page reads: its address, its name in the page language (with_page_labels), its level.
LISTED_FIELDS = (
    "position",
    "title",
    "level",
    "occupation_code",
    "occupation_id",
    "isco_code",
    "twin_id",
    "edition__language",
    "edition__status",
    "edition__key",
    "edition__standard__code",
    "edition__standard__title_kk",
    "edition__standard__title_ru",
)
# The same, as the parts of a query compiled once (cards.compiled): (path below the card, model, fields).
LISTED_PARTS = (
    ("", ProfessionCard, ("edition_id", *(f for f in LISTED_FIELDS if "__" not in f))),
    ("edition", Edition, ("standard_id", "language", "status", "key")),
    ("edition__standard", Standard, ("code", "title_kk", "title_ru")),
)


@dataclass
class CardInLanguage:
    card: ProfessionCard
    requested_language: str

    @property
    def is_fallback(self) -> bool:
        """True when the page language has no text of this card and the other one is shown."""
        return self.card.edition.language != self.requested_language


def current_card(code: str, position: int, language: str, queryset=None) -> CardInLanguage:
    """The in-force card at ``position`` of standard ``code``, in ``language`` where it exists.

    Otherwise the other language's text (the page says so). Raises Http404. The card comes with
    its edition, standard and order; without ``queryset`` from a query compiled once.
    """
    if queryset is None:
        low, high = connection.ops.integer_field_range(ProfessionCard._meta.get_field("position").get_internal_type())
        if not low <= position <= high:  # as the ORM does: no card there (the SQL would refuse the number)
            raise Http404("No such card")
        cards = _in_force_cards_at(code, position)
    else:
        # Ordered by the edition alone (the oldest in-force text of a language first, as the model's
        # ordering had it): on a query selecting many joined columns, Django's compiler matches each
        # ordering term against every selected column, and the model's two terms cost more than the query.
        cards = list(
            queryset.filter(edition__standard__code=code, edition__status=Edition.Status.IN_FORCE, position=position)
            .select_related("edition__standard", "edition__document")
            .order_by("edition_id")
        )
    if not cards:
        raise Http404("No such card")
    cards.sort(key=lambda c: c.edition.language != language)
    return CardInLanguage(cards[0], language)


CARD_WITH_EDITION = (
    Part("", ProfessionCard),
    Part("edition", Edition),
    Part("edition__standard", Standard),
    Part("edition__document", SourceDocument),
)


@compiled_instances(str, int, parts=CARD_WITH_EDITION)
def _in_force_cards_at(code: str, position: int):
    return ProfessionCard.objects.filter(
        edition__standard__code=code, edition__status=Edition.Status.IN_FORCE, position=position
    ).order_by("edition_id")


@dataclass
class SkillRow:
    position: int
    title: str
    recognition: str
    abilities: list[str]
    knowledge: list[str]


@dataclass
class FunctionRow:
    position: int
    title: str
    kind: str
    skills: list[SkillRow]


def function_tree(card_id: int) -> list[FunctionRow]:
    """The card's labour functions with their skills, and each skill's abilities and knowledge, in order.

    Two queries (functions joined to their skills; abilities and knowledge as one union), compiled
    once (:mod:`cards.compiled`), and plain rows instead of a few hundred model instances: the card
    page reads only these texts.
    """
    functions: list[FunctionRow] = []
    skills: dict[int, SkillRow] = {}
    last_pk = None
    for pk, position, title, kind, skill_pk, skill_position, skill_title, recognition in _functions_and_skills(card_id):
        if pk != last_pk:
            functions.append(FunctionRow(position, title, kind, []))
            last_pk = pk
        if skill_pk is not None:
            skill = skills[skill_pk] = SkillRow(skill_position, skill_title, recognition, [], [])
            functions[-1].skills.append(skill)
    if skills:
        for part, skill_id, _position, text in _abilities_and_knowledge(card_id):
            skill = skills[skill_id]
            (skill.knowledge if part else skill.abilities).append(text)
    return functions


@compiled_once
def _functions_and_skills(card_id: int):
    return (
        LabourFunction.objects.filter(card_id=card_id)
        .order_by("position", "skills__position")
        .values_list(
            "pk", "position", "title", "kind", "skills__pk", "skills__position", "skills__title", "skills__recognition"
        )
    )


@compiled_once
def _abilities_and_knowledge(card_id: int):
    # Each part unordered (SQLite refuses ORDER BY inside a compound statement), the union ordered.
    abilities = (
        Ability.objects.filter(skill__labour_function__card_id=card_id)
        .order_by()
        .annotate(part=Value(0))
        .values_list("part", "skill_id", "position", "text")
    )
    knowledge = (
        Knowledge.objects.filter(skill__labour_function__card_id=card_id)
        .order_by()
        .annotate(part=Value(1))
        .values_list("part", "skill_id", "position", "text")
    )
    return abilities.union(knowledge, all=True).order_by("part", "skill_id", "position")


def related_professions_of(card: ProfessionCard) -> list[RelatedProfession]:
    """The card's "related professions" rows, each with its linked card's edition and standard. One query."""
    return _related_professions(card.pk)


@compiled_instances(
    int,
    parts=(
        Part("", RelatedProfession, ("card_id", "position", "level", "level_max", "title", "target_id")),
        *(Part(f"target{path and '__'}{path}", model, fields) for path, model, fields in LISTED_PARTS),
    ),
)
def _related_professions(card_id: int):
    return RelatedProfession.objects.filter(card_id=card_id)


def card_neighbours(
    card: ProfessionCard, language: str, with_texts: bool = False
) -> tuple[list[ProfessionCard], list[ProfessionCard]]:
    """The levels of ``card``'s profession in its edition (the ladder, ``card`` included), and the
    cards readable in ``language`` with its occupation code in other standards. One query.

    The ladder is ``ProfessionCard.objects.ladder_of(card)``'s, read together with the others.
    With ``with_texts``, the same query reads ``card``'s twin and predecessor too and sets them on
    ``card`` (``card.twin``, ``card.predecessor``, with their editions' labels): selecting them with
    ``card`` instead joined seven more tables, and planning that query cost more than running this one.
    """
    texts = {pk for pk in (card.twin_id, card.predecessor_id) if pk} if with_texts else set()
    with_code = has_occupation_code(card)
    rows = _neighbour_query(with_code, bool(texts))(
        card.edition_id,
        *((language, card.occupation_code, card.edition.standard_id) if with_code else ()),
        *((card.twin_id or 0, card.predecessor_id or 0) if texts else ()),
    )
    key = profession_key(card)
    ladder, elsewhere = [], []
    for row in rows:
        if row.pk in texts:  # the twin and the predecessor are of the same standard, never "elsewhere"
            if row.pk == card.twin_id:
                card.twin = row
            if row.pk == card.predecessor_id:
                card.predecessor = row
        elif row.edition_id != card.edition_id:
            elsewhere.append(row)
        elif profession_key(row) == key:
            ladder.append(row)
    ladder.sort(key=lambda c: (c.level if c.level is not None else 99, c.position))
    return ladder, elsewhere


@functools.cache
def _neighbour_query(with_code: bool, with_texts: bool):
    """``card_neighbours``'s query for one shape: with the cards sharing an occupation code, with
    the twin and the predecessor (their ids 0 where a card has none), compiled once."""
    kinds = (int, *((str, str, int) if with_code else ()), *((int, int) if with_texts else ()))
    parts = [Part(path, model, fields) for path, model, fields in LISTED_PARTS]
    if with_texts:  # the labels of the twin's and the predecessor's editions
        parts[1] = Part("edition", Edition, (*parts[1].fields, "version", "year", "document_id"))
        parts.append(Part("edition__document", SourceDocument, ("kind", "order_number", "order_date")))

    @compiled_instances(*kinds, parts=tuple(parts))
    def neighbours(edition_id, *rest):
        queryset = ProfessionCard.objects.filter(edition_id=edition_id)
        if with_code:
            language, occupation_code, standard_id, *rest = rest
            queryset = queryset | ProfessionCard.objects.readable_in(language).filter(
                occupation_code=occupation_code
            ).exclude(edition__standard_id=standard_id)
        if with_texts:
            queryset = queryset | ProfessionCard.objects.filter(pk__in=rest)
        return queryset.order_by("edition__standard__code", "level", "position")

    return neighbours


def distinct_places(cards, language: str) -> list[ProfessionCard]:
    """One card per (standard, position), in ``language`` where it exists: the kk and ru successors
    of a card share one page."""
    seen, places = set(), []
    for card in sorted(cards, key=lambda c: (c.edition.standard.code, c.position, c.edition.language != language)):
        place = (card.edition.standard.code, card.position)
        if place not in seen:
            seen.add(place)
            places.append(card)
    return places


def import_issues_of(card: ProfessionCard):
    """The import issues reported within the card's source lines."""
    return ImportIssue.objects.filter(
        document_id=card.edition.document_id, line__gte=card.first_line, line__lte=card.last_line
    )


def professions_of(cards: list[ProfessionCard]) -> list[dict]:
    """Cards of one edition grouped by profession (:func:`cards.identity.profession_key`), in the
    order each profession first appears; each group's cards lowest level first. Runs no query."""
    groups: dict[str, dict] = {}
    for card in cards:
        group = groups.setdefault(
            profession_key(card),
            {"title": card.title, "occupation_code": card.occupation_code.strip(), "cards": []},
        )
        group["occupation_id"] = group.get("occupation_id") or card.occupation_id
        group["cards"].append(card)
    for group in groups.values():
        group["cards"].sort(key=lambda c: (c.level if c.level is not None else 99, c.position))
        group["other_titles"] = sorted({c.title for c in group["cards"]} - {group["title"]})
    return list(groups.values())


def level_matrix(language: str) -> list[dict]:
    """Rows of standards in force with, per ОРК level, the number of cards readable in ``language``."""
    counts = defaultdict(Counter)
    for standard_id, level, n in _cards_per_standard_and_level(language):
        counts[standard_id][level] += n
    standards = _standards_in_force()
    return [
        {
            "standard": standard,
            "title": standard.title_in(language),
            "cells": [(level, counts[standard.pk][level]) for level in LEVELS],
            "total": sum(counts[standard.pk].values()),
        }
        for standard in standards
    ]


# The overview's two reads, compiled once (cards.compiled): building them in Django's compiler cost
# about what PostgreSQL spends running them.
@compiled_values(str)
def _cards_per_standard_and_level(language: str):
    return (
        ProfessionCard.objects.readable_in(language)
        .values_list("edition__standard_id", "level")
        .annotate(n=Count("id"))
        .order_by()
    )


@compiled_instances(parts=(Part("", Standard),))
def _standards_in_force():
    return Standard.objects.filter(editions__status=Edition.Status.IN_FORCE).distinct().order_by("code")


def standards_with_levels(language: str) -> list[dict]:
    """Every standard with its editions, its cards readable in ``language`` and their levels."""
    levels = defaultdict(list)
    for standard_id, level in ProfessionCard.objects.readable_in(language).values_list("edition__standard_id", "level"):
        levels[standard_id].append(level)
    rows = []
    editions_with_documents = models.Prefetch("editions", Edition.objects.select_related("document"))  # their labels
    for standard in Standard.objects.prefetch_related(editions_with_documents).order_by("code"):
        editions = list(standard.editions.all())
        rows.append(
            {
                "standard": standard,
                "title": standard.title_in(language),
                "card_count": len(levels[standard.pk]),
                "levels": level_span(levels[standard.pk]),
                "languages": sorted({e.language for e in editions if e.status == Edition.Status.IN_FORCE}),
                "editions": editions,
            }
        )
    return rows


def _names_in(language: str, twin_ids: list[int], codes: list[str]) -> list[tuple[int, str, str]]:
    """(pk, НКЗ code, title) of the cards ``twin_ids`` and of the in-force cards in ``language`` with one
    of the ``codes``, in the order of a ladder: by a query compiled once per number of each (a page
    of a list asks it every time)."""
    if not twin_ids and not codes:
        return []  # as the ORM: a filter on two empty lists matches nothing, without a query
    if not codes:  # nor does the language then reach the SQL
        return _names_query(len(twin_ids), 0)(*twin_ids)
    return _names_query(len(twin_ids), len(codes))(*twin_ids, *codes, language)


@functools.lru_cache(maxsize=256)
def _names_query(twins: int, codes: int):
    @compiled_values(*[int] * twins, *[str] * codes, *[str] * bool(codes), prepared=False)  # many shapes: not PREPAREd
    def names(*values):
        return (
            ProfessionCard.objects.filter(
                models.Q(pk__in=values[:twins])
                | models.Q(
                    occupation_code__in=values[twins : twins + codes],
                    edition__language=values[-1] if codes else "",
                    edition__status=Edition.Status.IN_FORCE,
                )
            )
            .order_by("edition__standard__code", "level", "position")
            .values_list("pk", "occupation_code", "title")
        )

    return names


def level_span(levels: list[int | None]) -> str:
    """``[5, 6, 7, 8]`` -> ``5–8``; ``[3, 5, 6]`` -> ``3, 5, 6``."""
    present = sorted({level for level in levels if level})
    if len(present) > 2 and present == list(range(present[0], present[-1] + 1)):
        return f"{present[0]}–{present[-1]}"
    return ", ".join(str(level) for level in present)


# --- names in the page language ------------------------------------------------------------------


def with_page_labels(cards, language: str) -> list[ProfessionCard]:
    """Give each card shown in the other language a label in ``language``, where the registry knows one.

    Sets on every card ``in_other_language`` (its text is not in ``language``), ``only_in_other_language``
    (and no twin has a text in ``language``), ``page_label`` (the twin's title, else the title of a card
    in ``language`` with the same НКЗ code, else "") and ``group_label`` (the ISCO-08 group's title in
    ``language``, for a card without a page label). One query, for all the cards at once; none when
    every card is in ``language``. Rendered by ``includes/card_title.html``.
    """
    cards = list(cards)
    others = [card for card in cards if card.edition.language != language]
    names: dict[int, str] = {}
    by_code: dict[str, str] = {}
    if others:
        twin_ids = sorted({card.twin_id for card in others if card.twin_id})
        codes = sorted({card.occupation_code for card in others if has_occupation_code(card)})
        rows = _names_in(language, twin_ids, codes)
        for pk, code, title in rows:
            names[pk] = title
            by_code.setdefault(code, title)
    groups = isco_titles(language)
    for card in cards:
        card.in_other_language = card.edition.language != language
        card.only_in_other_language = card.in_other_language and not card.twin_id
        card.page_label = ""
        if card.in_other_language:
            card.page_label = names.get(card.twin_id) or (
                by_code.get(card.occupation_code, "") if has_occupation_code(card) else ""
            )
        card.group_label = groups.get(card.isco_code, "") if card.in_other_language and not card.page_label else ""
    return cards
