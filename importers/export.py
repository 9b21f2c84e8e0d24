"""The registry as open data: one JSON document (``docs/export.md``, ``docs/export.schema.json``).

Deterministic: no database ids, no timestamps, a fixed order, so importing the
same sources twice gives a byte-identical export.
"""

from __future__ import annotations

from cards.models import ProfessionCard
from standards.models import Edition, Standard

EXPORT_FORMAT = "kz-it-professional-standards/1"
ESCO_ISCO = "http://data.europa.eu/esco/isco/C"  # + an ISCO-08 code: the group's concept in ESCO


def _edition(edition: Edition) -> dict:
    document = edition.document
    return {
        "language": edition.language,
        "key": edition.key,
        "source_file": document.file_name,
        "order_number": document.order_number or None,
        "order_date": document.order_date.isoformat() if document.order_date else None,
        "annex": edition.annex,
        "code_as_printed": edition.code_as_printed or None,
        "version": edition.version,
        "year": edition.year,
        "status": edition.status,
    }


def _card(card: ProfessionCard) -> dict:
    return {
        "permalink": card.permalink(),
        "standard_code": card.edition.standard.code,
        "edition": _edition(card.edition),
        "position": card.position,
        "number": card.number or None,
        "title": card.title,
        "header_title": card.header_title,
        "group_code": card.group_code or None,
        "occupation_code": card.occupation_code or None,
        "isco_code": card.isco_code or None,
        "esco_uri": f"{ESCO_ISCO}{card.isco_code}" if card.isco_code else None,
        "level": card.level,
        "level_source": card.level_source or None,
        "sublevel": card.sublevel or None,
        "education": card.education,
        "experience": card.experience,
        "other_titles": card.other_titles,
        "purpose": card.purpose,
        "labour_functions": [
            {
                "number": function.number,
                "title": function.title,
                "kind": function.kind,
                "skills": [
                    {
                        "number": skill.number,
                        "title": skill.title,
                        "recognition": skill.recognition,
                        "abilities": [item.text for item in skill.abilities.all()],
                        "knowledge": [item.text for item in skill.knowledge_items.all()],
                    }
                    for skill in function.skills.all()
                ],
            }
            for function in card.labour_functions.all()
        ],
        "personal_competencies": card.personal_competencies,
        "regulations": card.regulations,
        "related": [
            {
                "level": row.level,
                "level_max": row.level_max,
                "title": row.title,
                "card": row.target.permalink() if row.target else None,
            }
            for row in card.related_professions.all()
        ],
        "twin": card.twin.permalink() if card.twin else None,
        "predecessor": card.predecessor.permalink() if card.predecessor else None,
        "source_lines": [card.first_line, card.last_line],
    }


def export_registry() -> dict:
    """Every standard and every card, as plain data."""
    standards = [
        {"code": s.code, "title_kk": s.title_kk or None, "title_ru": s.title_ru or None}
        for s in Standard.objects.order_by("code")
    ]
    cards = (
        ProfessionCard.objects.with_tree()
        .select_related("twin__edition__standard", "predecessor__edition__standard")
        .order_by("edition__standard__code", "edition__status", "edition__language", "edition__key", "position")
    )
    return {"format": EXPORT_FORMAT, "standards": standards, "cards": [_card(card) for card in cards]}
