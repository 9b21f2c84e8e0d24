"""Every imported card has a working page in both interface languages that shows its whole tree."""

import html

import pytest
from django.test import Client

from cards.models import ProfessionCard

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def cards(registry, django_db_blocker):
    with django_db_blocker.unblock():
        return list(ProfessionCard.objects.with_tree().order_by("edition", "position"))


@pytest.fixture(scope="module")
def client():
    return Client()


def other_language(path: str) -> str:
    language, rest = path[1:3], path[3:]
    return ("/ru" if language == "kk" else "/kk") + rest


def tree_texts(card: ProfessionCard) -> list[str]:
    texts = []
    for function in card.labour_functions.all():
        texts.append(function.title)
        for skill in function.skills.all():
            texts.append(skill.title)
            texts.extend(item.text for item in skill.abilities.all())
            texts.extend(item.text for item in skill.knowledge_items.all())
    return texts


def problems_of_page(client, path: str, card: ProfessionCard, with_language_note: bool) -> list[str]:
    response = client.get(path)
    if response.status_code != 200:
        return [f"{path}: HTTP {response.status_code}"]
    body = html.unescape(response.content.decode())
    problems = [f"{path}: {text!r} ({card})" for text in tree_texts(card) if text not in body]
    if with_language_note != ('class="notice notice-language"' in body):
        problems.append(f"{path}: the note that the text is in the other language is wrong ({card})")
    return problems


def test_it_walks_all_228_cards(cards):
    assert len(cards) == 228
    assert sum(len(tree_texts(card)) for card in cards) > 10_000


def test_every_card_permalink_shows_all_its_functions_skills_abilities_and_knowledge(cards, client):
    problems = []
    for card in cards:
        problems += problems_of_page(client, card.permalink(), card, with_language_note=False)
    assert problems == []


def test_every_card_permalink_works_in_the_other_interface_language(cards, client):
    """``/ru/`` of a Kazakh card shows its Russian twin where there is one, else the same text with a note."""
    by_pk = {card.pk: card for card in cards}
    problems = []
    for card in cards:
        path = other_language(card.permalink())
        shown = by_pk[card.twin_id] if card.twin_id and card.edition.status == "in_force" else card
        problems += problems_of_page(client, path, shown, with_language_note=shown is card)
    assert problems == []
