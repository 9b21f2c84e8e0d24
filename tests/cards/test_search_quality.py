"""Search quality on the bundled orders: the expected card is in the top 5 for 90% of the query set."""

import pytest
from django.db import connection

from cards.models import CardSearchText, ProfessionCard
from cards.search import search_cards
from tests.cards.search_queries import QUERIES, card_key

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def top(query, n: int) -> list[str]:
    ids = [card_id for card_id, _score in search_cards(query.text, language=query.language).ranked[:n]]
    cards = {c.pk: c for c in ProfessionCard.objects.filter(pk__in=ids).select_related("edition__standard")}
    return [card_key(cards[i].permalink()) for i in ids]


def test_the_query_set_is_realistic_and_balanced():
    assert len(QUERIES) >= 40
    kazakh = sum(1 for q in QUERIES if q.language == "kk")
    assert kazakh * 2 == len(QUERIES)


def test_the_import_indexes_every_card(registry):
    assert CardSearchText.objects.count() == ProfessionCard.objects.count() == 228


def test_the_expected_card_is_in_the_top_5_for_90_percent_of_the_queries(registry):
    if connection.vendor != "postgresql":
        pytest.skip("the quality target is set on PostgreSQL, the reference implementation")
    missed = [q.text for q in QUERIES if not {card_key(p) for p in q.expected} & set(top(q, 5))]
    assert len(missed) <= len(QUERIES) * 0.1, missed


def test_the_sqlite_fallback_still_answers_most_queries(registry, monkeypatch):
    from cards.search import fallback, postgres

    # The fallback scores the same index rows in Python; run it here whatever the database.
    monkeypatch.setattr(postgres, "score", fallback.score)
    missed = [q.text for q in QUERIES if not {card_key(p) for p in q.expected} & set(top(q, 10))]
    assert len(missed) <= len(QUERIES) * 0.25, missed
