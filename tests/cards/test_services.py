"""The edit service: what follows any change by hand, in one place."""

import pytest

from cards.models import CardSearchText, ProfessionCard
from cards.search import rebuild_search_index
from cards.services import cards_affected_by, delete_content, record_content_change
from standards.revision import current_revision
from tests.factories import make_card, make_related, make_skill

pytestmark = pytest.mark.django_db


def test_every_kind_of_content_object_reaches_the_cards_that_show_it():
    skill = make_skill()
    card = skill.labour_function.card
    other = make_card(edition=card.edition)
    edition, standard = card.edition, card.edition.standard
    related = make_related(card=other)
    for obj, expected in [
        (card, {card}),
        (skill.labour_function, {card}),
        (skill, {card}),
        (skill.abilities.get(), {card}),
        (skill.knowledge_items.get(), {card}),
        (related, {other}),
        (edition, {card, other}),
        (standard, {card, other}),
        (edition.document, {card, other}),
    ]:
        assert set(cards_affected_by([obj])) == expected, type(obj).__name__


def test_a_recorded_change_refreshes_the_search_rows_then_bumps_the_revision():
    skill = make_skill(title="Бұлттық архитектураны жобалау")
    card = skill.labour_function.card
    rebuild_search_index()
    skill.title = "Кванттық есептеулерді жобалау"
    skill.save()
    before = current_revision()
    record_content_change([skill])
    assert "кванттық" in str(CardSearchText.objects.get(card=card).passages).casefold()
    assert current_revision() == before + 1


def test_deleting_content_refreshes_the_cards_that_remain_and_bumps_the_revision():
    skill = make_skill()
    card = skill.labour_function.card
    rebuild_search_index()
    before = current_revision()
    delete_content([skill.labour_function])
    assert ProfessionCard.objects.filter(pk=card.pk).exists()
    assert card.labour_functions.count() == 0
    assert current_revision() == before + 1
    delete_content(ProfessionCard.objects.filter(pk=card.pk))
    assert not CardSearchText.objects.exists()
