"""Profession identity: one normaliser, one ladder rule, one card address, used by every page."""

import pytest
from django.test import Client
from django.urls import reverse

from cards.identity import card_path, card_reference, normalise_name, profession_key
from cards.models import ProfessionCard
from cards.selectors import card_neighbours, professions_of
from tests.factories import make_card, make_edition, make_standard

# --- the rules, on plain values --------------------------------------------------------------


def test_the_normaliser_folds_case_yo_quotes_dashes_punctuation_and_a_leading_number():
    assert normalise_name("1. Ёмкость «ИТ – систем».") == normalise_name("емкость ИТ-систем") == "емкость ит-систем"
    assert normalise_name("2) Анализ") == "анализ"
    assert normalise_name("IT - дизайнер") == normalise_name("«IT-Дизайнер»") == normalise_name("IT-дизайнер")


class _Card:
    def __init__(self, title, occupation_code="-"):
        self.title, self.occupation_code = title, occupation_code


def test_cards_with_an_occupation_code_are_one_profession_by_the_code_whatever_their_titles():
    assert profession_key(_Card("Тестировщик", "2519-9-001")) == profession_key(_Card("Инженер", "2519-9-001"))
    assert profession_key(_Card("Тестировщик", "2519-9-001")) != profession_key(_Card("Тестировщик", "2519-9-002"))


def test_cards_without_a_code_are_one_profession_by_titles_that_differ_only_in_yo_punctuation_or_number():
    keys = {
        profession_key(_Card(title))
        for title in (
            "Специалист по учёту ИТ-активов",
            "1. Специалист по учету ИТ - активов.",
            "«Специалист по учету ИТ-активов»",
        )
    }
    assert len(keys) == 1
    assert profession_key(_Card("Специалист по учету ИТ-активов")) != profession_key(_Card("Аналитик", "2511-1-001"))


# --- addresses, from real rows -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_card_path_is_its_permalink_in_force_and_its_edition_path_when_superseded():
    card = make_card(edition=make_edition(language="ru"), position=3)
    code = card.edition.standard.code
    assert card.permalink() == f"/ru/cards/{code}/3/"
    assert card_path(card, "kk") == f"/kk/cards/{code}/3/"
    old = make_card(edition=make_edition(standard=card.edition.standard, status="superseded", year=2022), position=4)
    assert card_path(old, "ru") == f"/ru/standards/{code}/editions/2022-kk/cards/4/"
    assert card_path(None) == ""


@pytest.mark.django_db
def test_a_card_path_is_what_reverse_gives_in_each_language_under_a_script_prefix_and_for_an_unusual_code():
    from django.urls import set_script_prefix
    from django.utils import translation

    cards = [
        make_card(edition=make_edition(language="ru"), position=7),
        make_card(edition=make_edition(status="superseded", year=2021), position=12),
        make_card(edition=make_edition(standard=make_standard(code="J 07ä")), position=1),  # reverse() quotes it
    ]

    def reversed_path(card, language):
        edition = card.edition
        with translation.override(language):
            if edition.status == "superseded":
                return reverse("edition_card_detail", args=[edition.standard.code, edition.key, card.position])
            return reverse("card_detail", args=[edition.standard.code, card.position])

    for prefix in ("/", "/registry/"):
        set_script_prefix(prefix)
        try:
            for card in cards:
                for language in ("kk", "ru"):
                    for _ in range(2):  # the first address is reversed, the second put together
                        assert card_path(card, language) == reversed_path(card, language)
                    with translation.override(language):
                        assert card_path(card) == reversed_path(card, language)
        finally:
            set_script_prefix("/")
    assert card_path(cards[0], "ru").startswith("/ru/cards/") and "%20" in card_path(cards[2], "kk")


@pytest.mark.django_db
def test_a_card_reference_names_its_language_or_its_superseded_edition():
    card = make_card(edition=make_edition(language="kk"), position=2)
    code = card.edition.standard.code
    assert card_reference(card) == f"{code}/2@kk"
    assert card_reference(card, language="ru") == f"{code}/2@ru"
    old = make_card(edition=make_edition(standard=card.edition.standard, status="superseded", year=2019), position=1)
    assert card_reference(old) == f"{code}/2019-kk/1"


# --- the pages group alike ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_card_page_the_ladder_and_the_standard_page_group_titles_that_differ_in_yo_and_punctuation(client):
    edition = make_edition(language="ru")
    titles = ["Специалист по учёту ИТ-активов", "Специалист по учету ИТ - активов.", "Аналитик данных"]
    cards = [
        make_card(edition=edition, title=title, occupation_code="-", level=level)
        for title, level in zip(titles, (4, 5, 6), strict=True)
    ]
    code = edition.standard.code
    page = client.get(f"/ru/cards/{code}/1/")
    assert [entry["card"].pk for entry in page.context["ladder"]] == [cards[0].pk, cards[1].pk]
    ladder = client.get(reverse("ladder", args=[code, 1]))
    assert [c.pk for c in ladder.context["cards"]] == [cards[0].pk, cards[1].pk]
    standard = client.get(f"/ru/standards/{code}/")
    assert [[c.pk for c in group["cards"]] for group in standard.context["professions"]] == [
        [cards[0].pk, cards[1].pk],
        [cards[2].pk],
    ]


def _groups(cards) -> set[frozenset[int]]:
    return {frozenset(c.pk for c in group["cards"]) for group in professions_of(cards)}


@pytest.mark.django_db
@pytest.mark.slow
def test_every_bundled_card_is_grouped_alike_by_the_card_page_the_ladder_and_the_standard_page(registry):
    client = Client()
    cards = list(ProfessionCard.objects.select_related("edition__standard").order_by("edition_id", "position"))
    by_edition: dict[int, list[ProfessionCard]] = {}
    for card in cards:
        by_edition.setdefault(card.edition_id, []).append(card)
    group_of = {pk: group for edition in by_edition.values() for group in _groups(edition) for pk in group}
    mismatches = []
    for card in cards:
        expected = group_of[card.pk]
        ladder_page = client.get(card.permalink()).context["ladder"]
        if {entry["card"].pk for entry in ladder_page} != expected:
            mismatches.append(f"card page of {card}")
        if {c.pk for c in ProfessionCard.objects.ladder_of(card)} != expected:
            mismatches.append(f"ladder_of({card})")
        if {c.pk for c in card_neighbours(card, card.edition.language)[0]} != expected:
            mismatches.append(f"card_neighbours({card})")
        if card.edition.status == "in_force":
            code, position, language = card.edition.standard.code, card.position, card.edition.language
            ladder = client.get(f"/{language}/cards/{code}/{position}/ladder/")
            if {c.pk for c in ladder.context["cards"]} != expected:
                mismatches.append(f"ladder page of {card}")
    for edition_cards in by_edition.values():
        edition = edition_cards[0].edition
        if edition.status != "in_force":
            continue
        page = client.get(f"/{edition.language}/standards/{edition.standard.code}/")
        assert page.context["edition"].pk == edition.pk  # an in-force edition is shown in its own language
        shown = {frozenset(c.pk for c in group["cards"]) for group in page.context["professions"]}
        if shown != _groups(edition_cards):
            mismatches.append(f"standard page of {edition}")
    assert mismatches == []
    assert len(cards) == 228
