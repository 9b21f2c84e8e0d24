"""The bundled orders, imported for real: the registry a user gets from `make run`."""

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from cards.models import ProfessionCard
from importers.export import export_registry
from importers.service import import_documents
from standards.models import Edition, SourceDocument, Standard
from tests.bundled import clear_registry

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def registry(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        first = import_documents()
        first_export = export_registry()
        second = import_documents()
        yield {"first": first, "second": second, "export": first_export, "export_again": export_registry()}
        clear_registry()


def test_every_bundled_order_imports_without_error(registry):
    assert [d.error for d in registry["first"].documents if d.error] == []
    assert len(registry["first"].documents) == 5


def test_it_holds_39_editions_of_22_standards_and_228_cards(registry):
    assert Standard.objects.count() == 22
    assert Edition.objects.count() == 39
    per_document = Counter(ProfessionCard.objects.values_list("edition__document__file_name", flat=True))
    assert per_document == {
        "order-569-2025-kk.txt": 118,
        "order-209-2026-ru.txt": 82,
        "standard-J63991041-v2-2022-kk.txt": 5,
        "standard-J62011023-old-kk.txt": 11,
        "standard-it-user-support-v1-2019-ru.txt": 12,
    }


def test_every_card_has_a_level_and_78_kazakh_levels_come_from_the_passport(registry):
    assert not ProfessionCard.objects.filter(level__isnull=True).exists()
    assert ProfessionCard.objects.filter(level_source="passport").count() == 78


def test_82_kazakh_and_russian_twins_have_the_same_functions_and_skills(registry):
    pairs = ProfessionCard.objects.filter(edition__language="kk", twin__isnull=False).select_related("twin")
    assert pairs.count() == 82
    for kk in pairs.prefetch_related("labour_functions__skills", "twin__labour_functions__skills"):
        shape = [f.skills.count() for f in kk.labour_functions.all()]
        assert shape == [f.skills.count() for f in kk.twin.labour_functions.all()], kk
        assert kk.twin.twin_id == kk.pk
        assert (kk.level, kk.occupation_code, kk.position) == (kk.twin.level, kk.twin.occupation_code, kk.twin.position)


def test_superseded_editions_attach_to_their_current_standards(registry):
    superseded = {e.document.file_name: e.standard.code for e in Edition.objects.superseded()}
    assert superseded == {
        "standard-J63991041-v2-2022-kk.txt": "J071",
        "standard-J62011023-old-kk.txt": "J072",
        "standard-it-user-support-v1-2019-ru.txt": "J076",
    }


def test_20_of_the_28_superseded_cards_are_linked_to_their_successors(registry):
    old_cards = ProfessionCard.objects.filter(edition__status="superseded")
    linked = Counter(c.edition.document.file_name for c in old_cards if c.successors.exists())
    assert linked == {
        "standard-J63991041-v2-2022-kk.txt": 4,
        "standard-J62011023-old-kk.txt": 11,
        "standard-it-user-support-v1-2019-ru.txt": 5,
    }


@pytest.mark.parametrize(
    ("old_title", "old_level", "new_position"),
    [
        ("Бұлтты технологияны жасаушы", 7, 2),  # renamed "Бұлттық технологиялар әзірлеушісі", group code changed
        ("Бұлтты технологияны жасаушы", 5, 1),
        ("Бұлтты технология сәулетшісі", 5, 11),
        ("Бұлтты есептеулер жөніндегі маман", 7, 3),
    ],
)
def test_renamed_cloud_cards_find_their_successors_by_level_and_content(registry, old_title, old_level, new_position):
    old = ProfessionCard.objects.get(
        edition__document__file_name="standard-J62011023-old-kk.txt", title=old_title, level=old_level
    )
    assert sorted((c.edition.language, c.position) for c in old.successors.all()) == [
        ("kk", new_position),
        ("ru", new_position),
    ]


def test_the_level_5_architect_of_the_2022_infrastructure_edition_has_no_successor(registry):
    dropped = ProfessionCard.objects.get(
        edition__document__file_name="standard-J63991041-v2-2022-kk.txt", occupation_code="2521-2-001", level=5
    )
    assert not dropped.successors.exists()


def test_standards_have_titles_in_both_languages(registry):
    assert not Standard.objects.filter(title_kk="").exists()
    assert not Standard.objects.filter(title_ru="").exists()
    assert Standard.objects.get(code="J061").title_ru == "Администрирование баз данных"
    assert Standard.objects.get(code="J069").title_ru == "Системное и сетевое администрирование"


def test_codes_are_normalised_and_the_missing_annex_comes_from_the_twin(registry):
    j069_ru = Edition.objects.get(standard__code="J069", language="ru")
    assert j069_ru.code_as_printed.startswith("Ю069")
    assert Edition.objects.get(standard__code="J074", language="ru").annex == 19


def test_at_least_99_5_percent_of_card_text_lands_in_fields_in_every_document(registry):
    for document in SourceDocument.objects.all():
        assert document.landed_share >= 0.995, (document.file_name, document.landed_share)


def test_the_export_validates_against_its_documented_schema(registry):
    schema = json.loads((ROOT / "docs" / "export.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(registry["export"], schema)
    assert len(registry["export"]["cards"]) == 228


def test_importing_twice_produces_an_identical_export(registry):
    assert json.dumps(registry["export_again"], ensure_ascii=False) == json.dumps(
        registry["export"], ensure_ascii=False
    )
