"""A page is read from one snapshot of the database, and the search page is cached like the others."""

import pytest
from django.core.cache import cache
from django.db import connection

from cards.search import rebuild_search_index
from standards.caching import one_snapshot
from tests.factories import make_card


@pytest.mark.django_db(transaction=True)
def test_a_page_reads_in_one_repeatable_read_transaction_on_postgresql():
    with one_snapshot() as snapshot:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW transaction_isolation")
                assert cursor.fetchone()[0] == "repeatable read"
            assert snapshot is True and connection.in_atomic_block
        else:  # SQLite: a transaction sees one state anyway
            assert snapshot is False
    assert not connection.in_atomic_block


@pytest.mark.django_db
def test_inside_a_transaction_already_it_changes_nothing():
    with one_snapshot() as snapshot:
        assert snapshot is False


@pytest.mark.django_db
def test_a_cached_search_page_costs_one_query(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    make_card(title="Бұлттық технологиялар әзірлеушісі")
    rebuild_search_index()
    first = client.get("/kk/search/?q=бұлттық")
    assert "Бұлттық" in first.content.decode()
    with django_assert_num_queries(1):
        second = client.get("/kk/search/?q=бұлттық")
    assert second.content == first.content
    cache.clear()
