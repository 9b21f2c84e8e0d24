"""Small factory functions for database rows: ``make_card(level=6)``."""

from __future__ import annotations

import itertools

from cards.models import Ability, Knowledge, LabourFunction, ProfessionCard, RelatedProfession, Skill
from standards.models import Edition, SourceDocument, Standard

_seq = itertools.count(1)


def make_document(**overrides) -> SourceDocument:
    n = next(_seq)
    fields = {
        "file_name": f"order-{n}.txt",
        "sha256": f"{n:064d}",
        "language": "kk",
        "kind": SourceDocument.Kind.ORDER,
        "order_number": "569/НҚ",
    }
    fields.update(overrides)
    return SourceDocument.objects.create(**fields)


def make_standard(**overrides) -> Standard:
    fields = {"code": f"J{next(_seq):03d}", "title_kk": "Бұлттық технологиялар", "title_ru": "Облачные технологии"}
    fields.update(overrides)
    return Standard.objects.create(**fields)


def make_edition(**overrides) -> Edition:
    fields = {"language": "kk", "title": "Бұлттық технологиялар", "year": 2025, "version": 3}
    fields.update(overrides)
    if "standard" not in fields:
        fields["standard"] = make_standard()
    if "document" not in fields:
        fields["document"] = make_document(language=fields["language"])
    fields.setdefault("position", fields["document"].editions.count() + 1)
    fields.setdefault("key", f"{fields['year']}-{fields['language']}")
    return Edition.objects.create(**fields)


def make_card(**overrides) -> ProfessionCard:
    fields = {"title": "Бұлттық технологиялар әзірлеушісі", "level": 6, "level_source": "card"}
    fields.update(overrides)
    if "edition" not in fields:
        fields["edition"] = make_edition()
    fields.setdefault("position", fields["edition"].cards.count() + 1)
    return ProfessionCard.objects.create(**fields)


def make_labour_function(**overrides) -> LabourFunction:
    fields = {"title": "Бұлттық ортаны әзірлеу"}
    fields.update(overrides)
    if "card" not in fields:
        fields["card"] = make_card()
    fields.setdefault("position", fields["card"].labour_functions.count() + 1)
    fields.setdefault("number", fields["position"])
    return LabourFunction.objects.create(**fields)


def make_skill(abilities=("Талдау жүргізу",), knowledge=("Бұлттық есептеулер",), **overrides) -> Skill:
    fields = {"title": "Бұлттық архитектураны жобалау", "recognition": "Ұсынылмайды"}
    fields.update(overrides)
    if "labour_function" not in fields:
        fields["labour_function"] = make_labour_function()
    fields.setdefault("position", fields["labour_function"].skills.count() + 1)
    fields.setdefault("number", fields["position"])
    skill = Skill.objects.create(**fields)
    for i, text in enumerate(abilities, 1):
        Ability.objects.create(skill=skill, position=i, text=text)
    for i, text in enumerate(knowledge, 1):
        Knowledge.objects.create(skill=skill, position=i, text=text)
    return skill


def make_related(**overrides) -> RelatedProfession:
    fields = {"title": "Бұлттық технологиялар сәулетшісі", "level": 7}
    fields.update(overrides)
    if "card" not in fields:
        fields["card"] = make_card()
    fields.setdefault("position", fields["card"].related_professions.count() + 1)
    return RelatedProfession.objects.create(**fields)
