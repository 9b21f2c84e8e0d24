"""Objects of the registry as the API's plain data: every object with its permalink (HTML) and API URL.

Builders of dicts, no queries of their own (each says what it needs loaded). The views pick
the objects through the selectors the pages use, so the API answers what the pages show;
``api/serializers.py`` documents the same shapes for the OpenAPI schema.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from cards.identity import card_path, card_reference
from cards.isco import is_occupation_code, isco_titles
from standards.models import Edition

ESCO_ISCO = "http://data.europa.eu/esco/isco/C"


def esco_uri(isco_code: str | None) -> str | None:
    """The ESCO concept of an ISCO-08 group: ``2512`` -> ``http://data.europa.eu/esco/isco/C2512``."""
    return f"{ESCO_ISCO}{isco_code}" if isco_code else None


class Links:
    """Absolute addresses for one request: pages in their language, API URLs with ``?lang``."""

    def __init__(self, request, language: str):
        self.request = request
        self.language = language

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def page(self, name: str, args=(), language: str | None = None) -> str:
        with translation.override(language or self.language):
            return self.absolute(reverse(name, args=args))

    def api(self, name: str, args=(), language: str | None = None) -> str:
        return self.absolute(reverse(f"api:{name}", args=args)) + f"?lang={language or self.language}"

    # --- cards ---------------------------------------------------------------------------------

    def card_permalink(self, card) -> str:
        return self.absolute(card_path(card, card.edition.language))

    def card_url(self, card) -> str:
        edition = card.edition
        if edition.status == Edition.Status.SUPERSEDED:
            return self.api("edition_card_detail", [edition.standard.code, edition.key, card.position])
        return self.api("card_detail", [edition.standard.code, card.position], language=edition.language)

    def card(self, card) -> dict:
        """A card as lists and links give it. Needs ``edition__standard`` loaded."""
        edition = card.edition
        isco = card.isco_code or None
        return {
            "permalink": self.card_permalink(card),
            "url": self.card_url(card),
            "reference": card_reference(card),
            "standard_code": edition.standard.code,
            "edition_key": edition.key,
            "position": card.position,
            "title": card.title,
            "level": card.level,
            "language": edition.language,
            "status": edition.status,
            "occupation_code": card.occupation_code or None,
            "isco_code": isco,
            "esco_uri": esco_uri(isco),
        }

    def card_or_none(self, card) -> dict | None:
        return self.card(card) if card is not None else None

    # --- standards and editions ----------------------------------------------------------------

    def standard(self, standard, **extra) -> dict:
        return {
            "code": standard.code,
            "title": standard.title_in(self.language),
            "title_kk": standard.title_kk or None,
            "title_ru": standard.title_ru or None,
            "permalink": self.page("standard_detail", [standard.code]),
            "url": self.api("standard_detail", [standard.code]),
            **extra,
        }

    def edition(self, edition, card_count: int | None = None) -> dict:
        """An edition with its source order. Needs ``standard`` and ``document`` loaded."""
        document = edition.document
        code = edition.standard.code
        return {
            "standard_code": code,
            "key": edition.key,
            "language": edition.language,
            "status": edition.status,
            "label": edition.label(),
            "title": edition.title,
            "version": edition.version,
            "year": edition.year,
            "annex": edition.annex,
            "code_as_printed": edition.code_as_printed or None,
            "order_number": document.order_number or None,
            "order_date": document.order_date.isoformat() if document.order_date else None,
            "official_url": document.official_url or None,
            "card_count": card_count if card_count is not None else getattr(edition, "card_count", None),
            "permalink": self.page("edition_detail", [code, edition.key]),
            "url": self.api("edition_detail", [code, edition.key]),
        }

    def passport(self, edition) -> dict:
        """The passport of a standard's text, as printed."""
        return {
            "review_date": edition.review_date or None,
            "oked_codes": list(edition.oked_codes or []),
            "oked_text": edition.oked_text,
            "scope": edition.scope,
            "description": edition.description,
            "government_body": edition.government_body,
            "developers": edition.developers,
            "sector_council": edition.sector_council,
            "national_body": edition.national_body,
            "atameken": edition.atameken,
        }

    # --- occupations ---------------------------------------------------------------------------

    def isco_group(self, isco_code: str | None) -> dict | None:
        if not isco_code:
            return None
        return {
            "code": isco_code,
            "title": isco_titles(self.language).get(isco_code, "") or None,
            "esco_uri": esco_uri(isco_code),
            "permalink": self.page("occupation_group", [isco_code]),
        }

    def occupation(self, code: str) -> dict | None:
        """An НКЗ occupation code as the card gives it (``None`` for ``-`` or a truncated code)."""
        if not is_occupation_code(code):
            return None
        return {
            "code": code,
            "permalink": self.page("occupation_detail", [code]),
            "url": self.api("occupation_detail", [code]),
        }


def card_detail(links: Links, card, ladder, elsewhere, successors, is_fallback: bool) -> dict:
    """A card's whole tree and its neighbours. Needs ``with_tree()`` and the twin's and predecessor's editions."""
    edition = card.edition
    data = links.card(card)
    data.update(
        {
            "is_in_requested_language": not is_fallback,
            "number": card.number or None,
            "header_title": card.header_title,
            "group_code": card.group_code or None,
            "isco_group": links.isco_group(card.isco_code),
            "occupation": links.occupation(card.occupation_code),
            "level_source": card.level_source or None,
            "level_text": card.level_text,
            "sublevel": card.sublevel or None,
            "etks_level": card.etks_level,
            "education": list(card.education or []),
            "experience": card.experience,
            "nonformal_education": card.nonformal_education,
            "other_titles": list(card.other_titles or []),
            "purpose": card.purpose,
            "labour_functions": [
                {
                    "position": function.position,
                    "number": function.number,
                    "title": function.title,
                    "kind": function.kind,
                    "skills": [
                        {
                            "position": skill.position,
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
            "personal_competencies": list(card.personal_competencies or []),
            "regulations": list(card.regulations or []),
            "related": [
                {
                    "position": row.position,
                    "level": row.level,
                    "level_max": row.level_max,
                    "title": row.title,
                    "card": links.card_or_none(row.target),
                }
                for row in card.related_professions.all()
            ],
            "twin": links.card_or_none(card.twin),
            "predecessor": links.card_or_none(card.predecessor),
            "successors": [links.card(c) for c in successors],
            "ladder": [links.card(c) for c in ladder],
            "same_occupation_elsewhere": [links.card(c) for c in elsewhere],
            "ladder_url": (
                links.api("ladder", [edition.standard.code, card.position], language=edition.language)
                if edition.status == Edition.Status.IN_FORCE
                else None
            ),
            "standard": links.standard(edition.standard),
            "edition": links.edition(edition),
            "source_lines": [card.first_line, card.last_line],
        }
    )
    return data
