"""Warming the page cache after a change: in a background thread, once the change commits."""

import logging

import pytest
from django.core.cache import cache

from cards.services import record_content_change
from cards.warming import most_visited_paths, warm_pages
from standards.revision import bump_revision, current_revision, wait_for_warming
from tests.factories import make_card, make_edition, make_skill

# The warming thread reads through its own connection: the rows must be committed for it to see them.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def warming(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_WARMING = True
    settings.ALLOWED_HOSTS = ["registry.test"]
    cache.clear()
    yield settings
    wait_for_warming()
    cache.clear()


@pytest.fixture
def skill():
    return make_skill(title="Бұлттық архитектураны жобалау", abilities=["Талдау жүргізу"])


def card_url(card, language="kk"):
    return f"/{language}/cards/{card.edition.standard.code}/{card.position}/"


def broken_warmer():
    raise RuntimeError("the warmer broke")


def test_an_edit_warms_the_card_page_so_its_next_visitor_gets_it_from_the_cache(
    client, warming, skill, django_assert_num_queries
):
    card = skill.labour_function.card
    skill.abilities.update(text="Түзетілген машық")
    record_content_change([skill])  # the admin's write path: bumps the revision, which schedules the warm-up
    wait_for_warming(30)

    with django_assert_num_queries(1):  # the revision: the page itself comes from the cache
        response = client.get(card_url(card), HTTP_HOST="registry.test")
    assert response.status_code == 200
    assert "Түзетілген машық" in response.content.decode()


def test_the_overview_and_lists_are_warmed_in_both_languages(client, warming, skill, django_assert_num_queries):
    bump_revision()
    wait_for_warming(30)
    for path in ("/kk/", "/ru/", "/kk/cards/", "/ru/standards/"):
        with django_assert_num_queries(1):
            assert client.get(path, HTTP_HOST="registry.test").status_code == 200


def test_a_failing_warm_up_is_logged_and_the_change_stands(client, warming, skill, caplog):
    warming.PAGE_WARMER = "tests.cards.test_warming.broken_warmer"
    before = current_revision()
    with caplog.at_level(logging.ERROR, logger="standards.revision"):
        bump_revision()
        wait_for_warming(30)
    assert current_revision() == before + 1
    assert "Warming the page cache failed" in caplog.text
    assert client.get(card_url(skill.labour_function.card), HTTP_HOST="registry.test").status_code == 200


def test_nothing_is_warmed_when_warming_is_off(client, warming, skill, django_assert_max_num_queries):
    warming.PAGE_WARMING = False
    bump_revision()
    wait_for_warming(30)
    with django_assert_max_num_queries(100) as queries:
        client.get(card_url(skill.labour_function.card), HTTP_HOST="registry.test")
    assert len(queries) > 1  # rendered on this visit: nothing was there before it


def test_the_pages_to_warm_are_the_lists_then_every_card_in_force_in_both_languages(warming):
    kk = make_card(edition=make_edition(language="kk"), position=3)
    superseded = make_card(edition=make_edition(standard=kk.edition.standard, key="2019-kk", status="superseded"))
    paths = most_visited_paths()
    assert paths[:2] == ["/kk/", "/kk/standards/"]
    assert card_url(kk, "kk") in paths and card_url(kk, "ru") in paths
    assert not any(f"/{superseded.position}/" in path and "editions" in path for path in paths)
    assert paths.index("/ru/quality/") < paths.index(card_url(kk, "kk"))


def test_warm_pages_counts_the_pages_that_answered(warming, skill):
    card = skill.labour_function.card
    assert warm_pages([card_url(card), "/kk/cards/NOPE/1/"]) == 1
