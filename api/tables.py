"""The registry as tables, for the CSV bundle and the XLSX workbook: one table per kind of object.

Every table has a header of stable English column names and rows of plain values (text,
numbers, empty for none). Rows join on ``card`` (a card's permalink, its identity across
downloads, the JSON export and the pages), ``standard_code`` and ``edition_key``. A list
field of a card (education, other names, ...) is one cell, its items on separate lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from api.present import esco_uri
from cards.isco import isco_titles
from cards.models import ProfessionCard
from standards.models import Edition, Standard

LIST_SEPARATOR = "\n"

# The tables of the downloads, in their order, with what a row is (for the Open data page).
TABLE_COLUMNS = [
    ("standards", _("a standard: its code and its titles in Kazakh and Russian")),
    ("editions", _("a text of a standard in one language from one order, with its passport")),
    ("cards", _("a profession card: its level, codes, ISCO-08 group with its ESCO address, requirements")),
    ("labour_functions", _("a labour function of a card")),
    ("skills", _("a skill of a labour function")),
    ("abilities", _("an ability of a skill")),
    ("knowledge", _("a knowledge item of a skill")),
    ("related_professions", _("a related profession of a card, with the card it names")),
]


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[list]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return value


def card_rows(cards: list[ProfessionCard]) -> list[Table]:
    """The cards, their labour functions, skills, abilities, knowledge and related professions.

    ``cards`` need ``with_tree()`` and their twins' and predecessors' editions loaded.
    """
    titles = isco_titles("en")
    table = Table(
        "cards",
        [
            "card",
            "standard_code",
            "edition_key",
            "language",
            "status",
            "position",
            "number",
            "title",
            "header_title",
            "level",
            "level_source",
            "sublevel",
            "group_code",
            "occupation_code",
            "isco_code",
            "isco_title",
            "esco_uri",
            "education",
            "experience",
            "nonformal_education",
            "other_titles",
            "purpose",
            "personal_competencies",
            "regulations",
            "twin",
            "predecessor",
            "first_line",
            "last_line",
        ],
        [],
    )
    functions = Table("labour_functions", ["card", "function", "number", "title", "kind"], [])
    skills = Table("skills", ["card", "function", "skill", "number", "title", "recognition"], [])
    abilities = Table("abilities", ["card", "function", "skill", "position", "text"], [])
    knowledge = Table("knowledge", ["card", "function", "skill", "position", "text"], [])
    related = Table("related_professions", ["card", "position", "level", "level_max", "title", "related_card"], [])
    paths: dict[int, str] = {}

    def permalink(card) -> str:
        if card is None:
            return ""
        if card.pk not in paths:
            paths[card.pk] = card.permalink()
        return paths[card.pk]

    for card in cards:
        key = permalink(card)
        edition = card.edition
        table.rows.append(
            [
                key,
                edition.standard.code,
                edition.key,
                edition.language,
                edition.status,
                card.position,
                card.number,
                card.title,
                card.header_title,
                card.level,
                card.level_source,
                card.sublevel,
                card.group_code,
                card.occupation_code,
                card.isco_code,
                titles.get(card.isco_code, ""),
                esco_uri(card.isco_code) or "",
                _text(card.education),
                card.experience,
                card.nonformal_education,
                _text(card.other_titles),
                card.purpose,
                _text(card.personal_competencies),
                _text(card.regulations),
                permalink(card.twin),
                permalink(card.predecessor),
                card.first_line,
                card.last_line,
            ]
        )
        for function in card.labour_functions.all():
            functions.rows.append([key, function.position, function.number, function.title, function.kind])
            for skill in function.skills.all():
                skills.rows.append(
                    [key, function.position, skill.position, skill.number, skill.title, skill.recognition]
                )
                for item in skill.abilities.all():
                    abilities.rows.append([key, function.position, skill.position, item.position, item.text])
                for item in skill.knowledge_items.all():
                    knowledge.rows.append([key, function.position, skill.position, item.position, item.text])
        for row in card.related_professions.all():
            related.rows.append([key, row.position, row.level, row.level_max, row.title, permalink(row.target)])
    for t in (table, functions, skills, abilities, knowledge, related):
        t.rows = [[_text(value) for value in row] for row in t.rows]
    return [table, functions, skills, abilities, knowledge, related]


def with_tree(queryset):
    """Cards with their whole tree and the addresses of their twins, predecessors and related cards."""
    return queryset.with_tree().select_related("twin__edition__standard", "predecessor__edition__standard")


def registry_tables() -> list[Table]:
    """Every standard, edition and card of the registry (current and superseded), in the export's order."""
    standards = Table(
        "standards",
        ["standard_code", "title_kk", "title_ru"],
        [[s.code, s.title_kk, s.title_ru] for s in Standard.objects.order_by("code")],
    )
    editions = Table(
        "editions",
        [
            "standard_code",
            "edition_key",
            "language",
            "status",
            "title",
            "version",
            "year",
            "annex",
            "code_as_printed",
            "order_number",
            "order_date",
            "source_file",
            "review_date",
            "oked_codes",
            "scope",
            "description",
            "government_body",
            "developers",
            "sector_council",
            "national_body",
            "atameken",
        ],
        [
            [
                e.standard.code,
                e.key,
                e.language,
                e.status,
                e.title,
                e.version,
                e.year,
                e.annex,
                e.code_as_printed,
                e.document.order_number,
                e.document.order_date.isoformat() if e.document.order_date else "",
                e.document.file_name,
                e.review_date,
                _text(list(e.oked_codes or [])),
                e.scope,
                e.description,
                e.government_body,
                e.developers,
                e.sector_council,
                e.national_body,
                e.atameken,
            ]
            for e in Edition.objects.select_related("standard", "document").order_by(
                "standard__code", "status", "language", "key"
            )
        ],
    )
    for table in (standards, editions):
        table.rows = [[_text(value) for value in row] for row in table.rows]
    cards = with_tree(ProfessionCard.objects.all()).order_by(
        "edition__standard__code", "edition__status", "edition__language", "edition__key", "position"
    )
    return [standards, editions, *card_rows(list(cards))]
