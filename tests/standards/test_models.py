import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from cards.models import ProfessionCard
from standards.models import Edition, Standard
from tests.factories import make_card, make_document, make_edition, make_labour_function, make_skill

pytestmark = pytest.mark.django_db


def test_a_standard_code_is_unique():
    Standard.objects.create(code="J071")
    with pytest.raises(IntegrityError), transaction.atomic():
        Standard.objects.create(code="J071")


def test_an_annex_appears_once_per_document():
    document = make_document()
    make_edition(document=document, annex=17, key="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_edition(document=document, annex=17, key="b")


def test_documents_without_annexes_hold_several_editions():
    document = make_document()
    make_edition(document=document, annex=None, key="a")
    make_edition(document=document, annex=None, key="b")
    assert document.editions.count() == 2


def test_a_card_position_is_unique_in_its_edition():
    card = make_card()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_card(edition=card.edition, position=card.position)


def test_a_level_outside_1_to_8_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_card(level=9)


def test_skills_keep_their_order_by_position():
    function = make_labour_function()
    make_skill(labour_function=function, position=2, title="second")
    make_skill(labour_function=function, position=1, title="first")
    assert [s.title for s in function.skills.all()] == ["first", "second"]


def test_a_card_reads_as_its_title_standard_position_and_level():
    card = make_card(title="IT-дизайнер", level=5, edition=make_edition(standard=Standard.objects.create(code="J062")))
    assert str(card) == "IT-дизайнер (J062/1, 5)"


def test_an_edition_reads_as_code_language_version_and_status():
    edition = make_edition(
        standard=Standard.objects.create(code="J071"), version=2, year=2022, status=Edition.Status.SUPERSEDED
    )
    with translation.override("ru"):
        assert str(edition) == "J071 kk v2 (2022, утратила силу)"


def test_query_methods_speak_the_domain():
    kk = make_card(level=5)
    ru = make_card(level=6, edition=make_edition(language="ru"))
    old = make_card(level=6, edition=make_edition(status=Edition.Status.SUPERSEDED))
    assert list(ProfessionCard.objects.at_level(6).for_language("ru")) == [ru]
    assert set(ProfessionCard.objects.in_force()) == {kk, ru}
    assert list(Edition.objects.superseded()) == [old.edition]


def test_deleting_a_document_removes_its_editions_and_cards():
    card = make_card()
    card.edition.document.delete()
    assert not ProfessionCard.objects.exists()
