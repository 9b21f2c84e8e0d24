"""The card list's pages read by queries compiled once per filter shape are, over the bundled
orders, the pages the FilterSet's queryset gave: the same cards in the same order, read with the
same fields, the same count, and the same refusal of a page that does not exist."""

from __future__ import annotations

import itertools

import pytest
from django.http import QueryDict

from cards import list_pages
from cards.filters import CardFilter, page_of
from cards.list_pages import page_of_cards
from cards.models import ProfessionCard
from cards.selectors import LISTED_FIELDS
from tests.cards.test_compiled_instances import loaded

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LISTED_PATHS = ("", "edition", "edition__standard")


def both_ways(query: str, language: str, page: str | None = None):
    """(the ORM's page, the compiled page) of the card list at ``?query`` in ``language``."""
    data = QueryDict(query)
    listed = ProfessionCard.objects.select_related("edition__standard").only(*LISTED_FIELDS)  # as the view reads
    orm = CardFilter(data, listed, language=language)
    compiled = CardFilter(data, listed, language=language)
    assert orm.is_valid() and compiled.is_valid()
    return page_of(orm.qs, page), page_of_cards(compiled, page)


def assert_same_page(expected, got):
    assert (got.error, got.status) == (expected.error, expected.status)
    if expected.page is None:
        assert got.page is None
        return
    assert got.page.number == expected.page.number
    assert got.page.paginator.count == expected.page.paginator.count
    assert got.page.paginator.num_pages == expected.page.paginator.num_pages
    assert [card.pk for card in got.page] == [card.pk for card in expected.page]
    assert [loaded(card, LISTED_PATHS) for card in got.page] == [loaded(card, LISTED_PATHS) for card in expected.page]


def test_every_level_set_standard_and_sort_gives_the_orms_page(registry):
    standards = ["", "J068", "J074", "J062"]
    level_sets = [(), (5,), (5, 6), (1, 2, 3, 4, 5, 6, 7, 8), (7, 7), (3, 8)]
    seen = 0
    for language, levels, standard, sort in itertools.product(
        ["kk", "ru"], level_sets, standards, ["", "title", "level", "standard"]
    ):
        query = "&".join([*(f"level={level}" for level in levels), f"standard={standard}", f"sort={sort}"])
        for page in [None, "2", "3"]:
            expected, got = both_ways(query, language, page)
            assert_same_page(expected, got)
            seen += bool(expected.page and len(expected.page))
    assert seen > 100


def test_a_group_and_a_text_language_give_the_orms_page(registry):
    groups = sorted(set(ProfessionCard.objects.in_force().exclude(isco_code="").values_list("isco_code", flat=True)))
    assert len(groups) > 5
    for language, group, text_language in itertools.product(["kk", "ru"], ["", *groups[:4]], ["", "kk", "ru"]):
        expected, got = both_ways(f"isco={group}&language={text_language}&level=6&level=7", language)
        assert_same_page(expected, got)
        expected, got = both_ways(f"isco={group}&language={text_language}", language, "2")
        assert_same_page(expected, got)


@pytest.mark.parametrize("page", ["0", "-1", "x", "99", "1.5", ""])
def test_a_page_that_is_not_there_is_refused_as_the_orm_refused_it(registry, page):
    expected, got = both_ways("level=5", "ru", page)
    assert_same_page(expected, got)
    assert got.status == expected.status


def test_a_filter_that_matches_nothing_gives_an_empty_first_page(registry):
    expected, got = both_ways("standard=J068&level=1", "kk")
    assert_same_page(expected, got)
    assert got.page.paginator.count == 0 and list(got.page) == []


def test_words_in_the_title_go_through_the_orm(registry, django_assert_num_queries):
    before = list_pages._page_query.cache_info().currsize
    expected, got = both_ways("q=администратор&level=5", "ru")
    assert_same_page(expected, got)
    assert len(got.page) > 0
    assert list_pages._page_query.cache_info().currsize == before


def test_each_shape_is_built_once_and_its_values_change_per_request(registry, django_assert_num_queries):
    both_ways("level=5&standard=J068", "kk")
    built = list_pages._page_query.cache_info()
    expected, got = both_ways("level=6&standard=J074", "ru")
    assert list_pages._page_query.cache_info().hits == built.hits + 1
    assert list_pages._page_query.cache_info().currsize == built.currsize
    assert_same_page(expected, got)
    assert {card.edition.standard.code for card in got.page} == {"J074"}
    assert {card.level for card in got.page} == {6}


def test_the_card_list_page_reads_its_cards_in_two_queries_of_its_own(client, registry, django_assert_num_queries):
    client.get("/kk/cards/?level=5&level=6")  # the shape built once
    # The filter's two choice lists, the count, the page, and the labels of the cards in the other language.
    with django_assert_num_queries(5):
        response = client.get("/ru/cards/?level=5&level=6&sort=title")
    assert response.status_code == 200
