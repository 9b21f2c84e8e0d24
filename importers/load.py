"""Write one parsed document to the database, atomically.

``load_document`` replaces every row that came from the same file (matched by
file name) inside one transaction (a savepoint within the import's transaction):
re-importing is idempotent, and a failure leaves the database exactly as it was.
Cross-document links (twins, predecessors, related professions, superseded
editions) are made afterwards by :mod:`importers.link`, because they depend on
what other documents hold; :mod:`importers.service` runs both.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict

from django.db import transaction

from cards.isco import is_occupation_code, isco_titles
from cards.models import Ability, Knowledge, LabourFunction, Occupation, ProfessionCard, RelatedProfession, Skill
from importers.records import CardRecord, DocumentRecord, EditionRecord
from standards.models import Edition, ImportIssue, SourceDocument, Standard


def provisional_standard_code(edition: EditionRecord) -> str:
    """The key a new edition's standard gets before linking: its code, or a title-based key."""
    if edition.code:
        return edition.code
    words = re.sub(r"\W+", "-", edition.title.casefold()).strip("-")
    return ("?" + words)[:20]


def _edition_key(edition: EditionRecord, language: str) -> str:
    return f"{edition.year or 'undated'}-{language}"


def _order_date(record: DocumentRecord) -> dt.date | None:
    try:
        return dt.date.fromisoformat(record.order_date) if record.order_date else None
    except ValueError:
        return None


@transaction.atomic
def load_document(record: DocumentRecord) -> SourceDocument:
    """Replace the rows of ``record.file_name`` with what ``record`` holds."""
    SourceDocument.objects.filter(file_name=record.file_name).delete()
    document = SourceDocument.objects.create(
        file_name=record.file_name,
        sha256=record.sha256,
        language=record.language,
        kind=record.kind or SourceDocument.Kind.STANDARD,
        format=record.format,
        order_number=record.order_number,
        order_date=_order_date(record),
        title=record.title,
        annex_titles={str(annex): title for annex, title in record.annex_titles.items()},
        card_chars_total=record.card_chars_total,
        card_chars_landed=min(record.card_chars_landed, record.card_chars_total),
    )
    titles = isco_titles()
    occupations: dict[str, Occupation] = {}
    for position, edition_record in enumerate(record.editions, 1):
        _load_edition(document, position, edition_record, record.language, titles, occupations)
    ImportIssue.objects.bulk_create(
        ImportIssue(
            document=document,
            line=issue.line,
            severity=issue.severity,
            code=issue.code,
            params=issue.params,
            message=issue.message,
            text=issue.text,
        )
        for issue in record.issues
    )
    return document


def _load_edition(document, position, record: EditionRecord, language, isco_titles, occupations) -> Edition:
    standard, _ = Standard.objects.get_or_create(code=provisional_standard_code(record))
    title_field = "title_ru" if language == "ru" else "title_kk"
    if not getattr(standard, title_field) and record.title:
        setattr(standard, title_field, record.title)
        standard.save(update_fields=[title_field])
    edition = Edition.objects.create(
        standard=standard,
        document=document,
        position=position,
        key=_unique_key(standard, _edition_key(record, language)),
        language=language,
        annex=record.annex,
        amending_annex=record.amending_annex,
        code_as_printed=record.code_as_printed,
        title=record.title or record.heading_title,
        heading_title=record.heading_title,
        status=Edition.Status.IN_FORCE,
        version=record.version,
        year=record.year,
        version_text=record.version_text[:60],
        review_date=record.review_date[:40],
        oked_codes=record.oked,
        oked_text="\n".join(record.oked_lines),
        scope=record.scope,
        description=record.description,
        government_body=record.government_body,
        developers=record.developers,
        sector_council=record.sector_council,
        national_body=record.national_body,
        atameken=record.atameken,
        first_line=record.first_line,
        last_line=record.last_line,
    )
    _load_cards(edition, record.cards, isco_titles, occupations)
    return edition


def _unique_key(standard: Standard, key: str) -> str:
    taken = set(standard.editions.values_list("key", flat=True))
    candidate, n = key, 2
    while candidate in taken:
        candidate, n = f"{key}-{n}", n + 1
    return candidate


def _occupation(code: str, isco_titles, occupations) -> Occupation | None:
    if not is_occupation_code(code):
        return None
    if code not in occupations:
        isco = code[:4]
        occupations[code], _ = Occupation.objects.get_or_create(
            code=code, defaults={"isco_code": isco, "isco_title": isco_titles.get(isco, "")}
        )
    return occupations[code]


def isco_code_of(record: CardRecord) -> str:
    """The ISCO-08 unit group: the first four digits of the occupation code, else of the group code."""
    for code in (record.occupation_code, record.group_code):
        match = re.match(r"^(\d{4})", code or "")
        if match:
            return match.group(1)
    return ""


def _card_row(edition: Edition, record: CardRecord, isco_titles, occupations) -> ProfessionCard:
    """The unsaved card row of ``record``."""
    return ProfessionCard(
        edition=edition,
        position=record.position,
        number=record.number[:10],
        title=record.title or record.header_title,
        header_title=record.header_title,
        group_code=record.group_code[:20],
        occupation_code=record.occupation_code[:20],
        occupation=_occupation(record.occupation_code, isco_titles, occupations),
        isco_code=isco_code_of(record),
        level=record.level,
        level_source=record.level_source,
        level_text=record.level_text[:40],
        list_level_text=record.list_level_text[:60],
        sublevel=record.sublevel[:60],
        etks_level=record.etks_level,
        education=[asdict(option) for option in record.education],
        experience=record.experience,
        nonformal_education=record.nonformal_education,
        other_titles=record.other_titles,
        purpose=record.purpose,
        mandatory_function_list=record.mandatory_function_list,
        additional_function_list=record.additional_function_list,
        personal_competencies=record.personal_competencies,
        regulations=record.regulations,
        first_line=record.first_line,
        last_line=record.last_line,
    )


def _load_cards(edition: Edition, records: list[CardRecord], isco_titles, occupations) -> list[ProfessionCard]:
    """Write an edition's cards and their trees level by level: a handful of queries per edition."""
    cards = ProfessionCard.objects.bulk_create([_card_row(edition, r, isco_titles, occupations) for r in records])
    functions, function_records = [], []
    for card, record in zip(cards, records, strict=True):
        for position, function in enumerate(record.labour_functions, 1):
            functions.append(
                LabourFunction(
                    card=card, position=position, number=function.number, title=function.title, kind=function.kind
                )
            )
            function_records.append(function)
    functions = LabourFunction.objects.bulk_create(functions)
    skills, skill_records = [], []
    for function, function_record in zip(functions, function_records, strict=True):
        for position, skill in enumerate(function_record.skills, 1):
            skills.append(
                Skill(
                    labour_function=function,
                    position=position,
                    number=skill.number,
                    title=skill.title,
                    recognition=skill.recognition[:100],
                )
            )
            skill_records.append(skill)
    skills = Skill.objects.bulk_create(skills)
    abilities, knowledge = [], []
    for skill, record in zip(skills, skill_records, strict=True):
        abilities += [Ability(skill=skill, position=i, text=text) for i, text in enumerate(record.abilities, 1)]
        knowledge += [Knowledge(skill=skill, position=i, text=text) for i, text in enumerate(record.knowledge, 1)]
    Ability.objects.bulk_create(abilities, batch_size=1000)
    Knowledge.objects.bulk_create(knowledge, batch_size=1000)
    RelatedProfession.objects.bulk_create(
        RelatedProfession(card=card, position=i, level=row.level, level_max=row.level_max, title=row.title)
        for card, record in zip(cards, records, strict=True)
        for i, row in enumerate(record.related, 1)
    )
    return cards
