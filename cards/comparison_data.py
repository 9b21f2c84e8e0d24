"""Reads for the comparison pages: card references, cards with their trees, level ladders.

Every function here runs a fixed number of queries whatever the cards' size, and
hands the pure :mod:`cards.compare` module plain :class:`~cards.compare.CardTree` data.

A card reference, as typed in ``?cards=`` (codes case-insensitive):

- ``J068/1``: the in-force card at position 1 of J068, in the page language where it
  exists, else in the other one (the content-language rule of ``current_card``);
- ``J068/1@ru``: the same card, in Russian explicitly;
- ``J071/2022-kk/4``: card 4 of the superseded edition ``2022-kk`` of J071.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import reduce
from itertools import pairwise
from operator import or_

from django.db import connection
from django.db.models import F, IntegerField, Prefetch, Q, Value, prefetch_related_objects
from django.utils.translation import gettext as _

from cards import compare
from cards.compare import Alignment, CardTree, FunctionNode, SkillNode, align_cards
from cards.identity import card_reference
from cards.models import Ability, Knowledge, LabourFunction, ProfessionCard, Skill
from cards.selectors import LISTED_FIELDS
from standards.models import Edition, Standard

MIN_CARDS, MAX_CARDS = 2, 4
LANGUAGES = ("kk", "ru")

_REFERENCE = re.compile(
    r"^(?P<code>[A-Za-z0-9]+)/(?:(?P<key>[A-Za-z0-9-]+)/)?(?P<position>\d{1,3})(?:@(?P<language>[A-Za-z]{2}))?$"
)


class CardReferenceError(ValueError):
    """A ``?cards=`` value the page cannot show; the message is for the reader."""


@dataclass(frozen=True)
class CardReference:
    code: str
    position: int
    language: str = ""  # "" = the page language where it exists
    edition_key: str = ""  # "" = the in-force edition

    def __str__(self) -> str:
        if self.edition_key:
            return f"{self.code}/{self.edition_key}/{self.position}"
        return f"{self.code}/{self.position}" + (f"@{self.language}" if self.language else "")


def parse_references(values: list[str]) -> list[CardReference]:
    """Parse ``?cards=`` values (each comma-separated) into 2 to 4 references.

    Raises :class:`CardReferenceError` with a message for the page.
    """
    parts = [part.strip() for value in values for part in value.replace(";", ",").split(",") if part.strip()]
    references = []
    for part in parts:
        match = _REFERENCE.match(part.replace(" ", ""))
        if not match:
            raise CardReferenceError(_("“%(part)s” is not a card reference such as J068/1.") % {"part": part})
        language = (match["language"] or "").lower()
        if language and language not in LANGUAGES:
            raise CardReferenceError(_("“%(part)s”: the language must be kk or ru.") % {"part": part})
        references.append(
            CardReference(match["code"].upper(), int(match["position"]), language, (match["key"] or "").lower())
        )
    if len(references) < MIN_CARDS:
        raise CardReferenceError(_("Choose at least two cards to compare."))
    if len(references) > MAX_CARDS:
        raise CardReferenceError(_("At most four cards can be compared at once; you chose %(n)d.") % {"n": len(parts)})
    return references


def tree_prefetches() -> list[Prefetch]:
    """Prefetch a card's function tree in four queries, loading only what the comparison reads."""
    return [
        Prefetch(
            "labour_functions",
            LabourFunction.objects.only("card_id", "position", "number", "title", "kind").order_by("position"),
        ),
        Prefetch(
            "labour_functions__skills",
            Skill.objects.only("labour_function_id", "position", "number", "title").order_by("position"),
        ),
        Prefetch("labour_functions__skills__abilities", Ability.objects.only("skill_id", "position", "text")),
        Prefetch("labour_functions__skills__knowledge_items", Knowledge.objects.only("skill_id", "position", "text")),
    ]


def cards_by_reference(references: list[CardReference], language: str, with_trees: bool = True) -> list[ProfessionCard]:
    """The cards the references name, with their trees: five queries in all. Without ``with_trees``
    the cards alone, in one query (:func:`card_trees` reads their trees in one more).

    Raises :class:`CardReferenceError` naming the first reference without a card.
    """
    candidates = _candidates(references)
    chosen = []
    for ref in references:
        matching = [c for c in candidates if _names(ref, c)]
        if ref.language:
            matching = [c for c in matching if c.edition.language == ref.language]
        if not matching:
            raise CardReferenceError(_("There is no card %(ref)s.") % {"ref": ref})
        # The page language first, as current_card does.
        matching.sort(key=lambda c: c.edition.language != language)
        chosen.append(matching[0])
    if with_trees:
        # Trees of the chosen cards only (not of the other-language candidates), in four queries.
        prefetch_related_objects(chosen, *tree_prefetches())
    return chosen


# What the comparisons read of a card: what a listed card shows, and its edition's version for its label
# (not the card's long texts kept as JSON: reading and decoding them for every candidate cost more than
# the query). Model.from_db takes each model's fields in the model's order.
CHOSEN_FIELDS = (*LISTED_FIELDS, "edition__version", "edition__year")
_CHOSEN_MODELS = (
    (ProfessionCard, "", {"id", "edition"}),
    (Edition, "edition__", {"id", "standard"}),
    (Standard, "edition__standard__", {"id"}),
)
_CHOSEN_COLUMNS = [
    (
        model,
        [
            (prefix + field.name, field.attname)
            for field in model._meta.concrete_fields
            if field.name in names or prefix + field.name in CHOSEN_FIELDS or prefix + field.attname in CHOSEN_FIELDS
        ],
    )
    for model, prefix, names in _CHOSEN_MODELS
]
# Values no reference has (codes and keys are letters, digits and dashes, positions at most 999; a
# position out of the column's range would compile to no query), compiled into the query where the
# references' go, as cards.compiled does with an id: Django's compiler building this query of joins
# and alternatives cost more than PostgreSQL running it.
_CODES = tuple(f"~code-{k}~" for k in range(MAX_CARDS))
_POSITIONS = tuple(32_000 + k for k in range(MAX_CARDS))
_KEYS = tuple(f"~key-{k}~" for k in range(MAX_CARDS))


def _candidates(references: list[CardReference]) -> list[ProfessionCard]:
    """The cards that the references may name, in either language, with their editions and standards
    (``CHOSEN_FIELDS`` of them). One query."""
    text, params = _candidates_sql(connection.vendor, tuple(bool(ref.edition_key) for ref in references))
    values = {}
    for k, ref in enumerate(references):
        values.update({_CODES[k]: ref.code, _POSITIONS[k]: ref.position, _KEYS[k]: ref.edition_key})
    with connection.cursor() as cursor:
        cursor.execute(text, [values.get(param, param) for param in params])
        rows = cursor.fetchall()
    (_, card_columns), (_, edition_columns), (_, standard_columns) = _CHOSEN_COLUMNS
    card_names = [attname for _, attname in card_columns]
    edition_names = [attname for _, attname in edition_columns]
    standard_names = [attname for _, attname in standard_columns]
    a, b = len(card_names), len(card_names) + len(edition_names)
    cards = []
    for row in rows:
        card = ProfessionCard.from_db(connection.alias, card_names, row[:a])
        edition = Edition.from_db(connection.alias, edition_names, row[a:b])
        edition.standard = Standard.from_db(connection.alias, standard_names, row[b:])
        card.edition = edition
        cards.append(card)
    return cards


@functools.cache
def _candidates_sql(vendor: str, with_keys: tuple[bool, ...]) -> tuple[str, tuple]:
    """The query of :func:`_candidates` for references with or without an edition key, in that order."""
    conditions = []
    for k, with_key in enumerate(with_keys):
        where = Q(edition__standard__code__iexact=_CODES[k], position=_POSITIONS[k])
        if with_key:
            where &= Q(edition__key=_KEYS[k])
        else:
            where &= Q(edition__status=Edition.Status.IN_FORCE)
        conditions.append(where)
    paths = [path for _, columns in _CHOSEN_COLUMNS for path, _ in columns]
    queryset = ProfessionCard.objects.filter(reduce(or_, conditions)).values_list(*paths)
    text, params = queryset.query.get_compiler(connection=connection).as_sql()
    placed = [value for value in params if value in (*_CODES, *_POSITIONS, *_KEYS)]
    if len(placed) != len(set(placed)) or len(placed) != len(with_keys) * 2 + sum(with_keys):
        raise AssertionError("the candidates' query does not read each reference's values once")
    return text, params


def _names(ref: CardReference, card: ProfessionCard) -> bool:
    edition = card.edition
    if edition.standard.code.upper() != ref.code or card.position != ref.position:
        return False
    if ref.edition_key:
        return edition.key == ref.edition_key
    return edition.status == Edition.Status.IN_FORCE


def card_tree(card: ProfessionCard, label: str = "") -> CardTree:
    """Convert a card with a prefetched tree into the pure structure. Runs no query."""
    return CardTree(
        functions=tuple(
            FunctionNode(
                f.title,
                tuple(
                    SkillNode(
                        s.title,
                        tuple(a.text for a in s.abilities.all()),
                        tuple(k.text for k in s.knowledge_items.all()),
                        s.number or s.position,
                    )
                    for s in f.skills.all()
                ),
                f.number or f.position,
                f.kind,
            )
            for f in card.labour_functions.all()
        ),
        language=card.edition.language,
        label=label or card_label(card),
    )


def card_trees(cards: list[ProfessionCard]) -> list[CardTree]:
    """:func:`card_tree` of each of 1 to ``MAX_CARDS`` cards, their trees read in one query of plain rows.

    What the comparison page runs: for four large cards the prefetched model instances (some two
    thousand) and the four queries' compiling cost more than aligning the trees.
    """
    functions: dict[int, list[tuple]] = defaultdict(list)  # by card: (id, number, title, kind)
    skills: dict[int, list[tuple]] = defaultdict(list)  # by function: (id, number, title)
    items: tuple[dict[int, list[str]], dict[int, list[str]]] = (defaultdict(list), defaultdict(list))
    for part, parent, pk, position, number, text, kind in _tree_rows([card.pk for card in cards]):
        if part == 0:
            functions[parent].append((pk, number or position, text, kind))
        elif part == 1:
            skills[parent].append((pk, number or position, text))
        else:
            items[part - 2][parent].append(text)
    abilities, knowledge = items
    return [
        CardTree(
            functions=tuple(
                FunctionNode(
                    title,
                    tuple(
                        SkillNode(skill_title, tuple(abilities[skill]), tuple(knowledge[skill]), skill_number)
                        for skill, skill_number, skill_title in skills[function]
                    ),
                    number,
                    kind,
                )
                for function, number, title, kind in functions[card.pk]
            ),
            language=card.edition.language,
            label=card_label(card),
        )
        for card in cards
    ]


# Card ids no table holds, compiled into the tree query where the cards' ids go (cards.compiled's way,
# for several ids): fewer cards repeat the first one's id.
_CARD_IDS = tuple(-918_273_645 - k for k in range(MAX_CARDS))


@functools.cache
def _tree_sql(vendor: str) -> tuple[str, tuple]:
    def part(queryset, number: int, parent: str, text: str, kind):
        return (
            queryset.order_by()  # SQLite refuses ORDER BY inside a compound statement: the union is ordered
            .annotate(part=Value(number), parent=F(parent), item=F(text), item_kind=kind)
            .values_list("part", "parent", "pk", "position", "item_number", "item", "item_kind")
        )

    no_number, no_kind = Value(None, output_field=IntegerField()), Value("")
    ids = list(_CARD_IDS)
    functions = LabourFunction.objects.filter(card_id__in=ids).annotate(item_number=F("number"))
    skills = Skill.objects.filter(labour_function__card_id__in=ids).annotate(item_number=F("number"))
    abilities = Ability.objects.filter(skill__labour_function__card_id__in=ids).annotate(item_number=no_number)
    knowledge = Knowledge.objects.filter(skill__labour_function__card_id__in=ids).annotate(item_number=no_number)
    union = part(functions, 0, "card_id", "title", F("kind")).union(
        part(skills, 1, "labour_function_id", "title", no_kind),
        part(abilities, 2, "skill_id", "text", no_kind),
        part(knowledge, 3, "skill_id", "text", no_kind),
        all=True,
    )
    text, params = union.order_by("part", "parent", "position").query.get_compiler(connection=connection).as_sql()
    if sum(param in _CARD_IDS for param in params) != len(_CARD_IDS) * 4:
        raise AssertionError("the tree query does not read every card id in every part")
    return text, params


def _tree_rows(card_ids: list[int]) -> list[tuple]:
    """(part, parent id, id, position, number, text, kind) of the functions (part 0, parent the card),
    skills (1, the function), abilities (2) and knowledge items (3, both the skill) of the cards."""
    if not 0 < len(card_ids) <= MAX_CARDS:
        raise ValueError(f"1 to {MAX_CARDS} cards, not {len(card_ids)}")
    text, params = _tree_sql(connection.vendor)
    ids = dict(zip(_CARD_IDS, [*card_ids, *[card_ids[0]] * (MAX_CARDS - len(card_ids))], strict=True))
    with connection.cursor() as cursor:
        cursor.execute(text, [ids.get(param, param) for param in params])
        return cursor.fetchall()


def align_loaded_cards(*cards: ProfessionCard, method: str | None = None) -> Alignment:
    """Align cards whose trees are prefetched (e.g. ``tree_changes`` of ``cards.changes``). Runs no query.

    ``method`` as in :func:`cards.compare.align_cards`: by default by text when the cards
    share a language, by position when they do not.
    """
    return align_cards([card_tree(card) for card in cards], method)


def card_label(card: ProfessionCard) -> str:
    """A short name of the card for column headers and markings, in words a reader knows:
    ``J068/2 · Russian text · level 7``; a superseded edition's card adds the edition's version
    and year (``J071/4 · version 2, 2022 · Kazakh text``). No language code, no edition key;
    reads only the card's edition."""
    edition = card.edition
    parts = [f"{edition.standard.code}/{card.position}"]
    if edition.status == Edition.Status.SUPERSEDED:
        parts.append(edition.version_label())
    parts.append(edition.language_text())
    if card.level:
        parts.append(_("level %(level)s") % {"level": card.level})
    return " · ".join(parts)


# --- the level ladder ----------------------------------------------------------------------------


def ladder_cards(card: ProfessionCard) -> list[ProfessionCard]:
    """The levels of ``card``'s profession in its edition, lowest first, with their trees. Five queries."""
    queryset = ProfessionCard.objects.select_related("edition__standard", "edition__document")
    return queryset.prefetch_related(*tree_prefetches()).ladder_of(card)


def ladder_steps(cards) -> list[dict]:
    """For each step up the ladder: the two cards, the counts, what is new and what is no longer listed."""
    steps = []
    for before, after in pairwise(cards):
        alignment = compare.align_cards([card_tree(before), card_tree(after)], compare.TEXT)
        changes = compare.changes(alignment, reworded=False)
        steps.append(
            {
                "before": before,
                "after": after,
                "counts": compare.summarise(alignment)[0].rows(),
                "added": [c for c in changes if c.change == compare.ADDED],
                "removed": [c for c in changes if c.change == compare.REMOVED],
                "references": f"{card_reference(before)},{card_reference(after)}",
            }
        )
    return steps
