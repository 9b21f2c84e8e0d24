"""On PostgreSQL, the queries compiled once are prepared once per connection and executed afterwards:
the same rows as the plain SQL, one PREPARE per connection whatever the transactions did, and the
query's own SQL still visible in what Django logs."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cards.compiled import Statement, compiled_once
from cards.models import LabourFunction
from cards.selectors import current_card, function_tree
from tests.factories import make_card

pytestmark = [
    pytest.mark.django_db,
    # PREPARE and pg_prepared_statements are PostgreSQL's; on SQLite a compiled query runs its plain SQL.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"),
]


def prepared_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {name for (name,) in cursor.fetchall()}


@compiled_once
def _function_titles(card_id: int):
    return LabourFunction.objects.filter(card_id=card_id).order_by("position").values_list("position", "title")


@pytest.fixture
def card():
    card = make_card(position=5)
    for position, title in ((2, "Екінші 100%"), (1, "Бірінші")):
        LabourFunction.objects.create(card=card, position=position, title=title, kind="mandatory")
    return card


def test_a_compiled_query_is_prepared_once_per_connection_and_gives_the_plain_sqls_rows(card):
    statement = _function_titles.statement()
    first = _function_titles(card.pk)
    assert first == [(1, "Бірінші"), (2, "Екінші 100%")]
    assert statement.name in prepared_names()
    with CaptureQueriesContext(connection) as queries:
        assert _function_titles(card.pk) == first
    [query] = queries.captured_queries
    assert query["sql"].startswith(f"EXECUTE {statement.name}(")
    assert '"cards_labourfunction"' in query["sql"]  # the query's SQL rides along as a comment
    with connection.cursor() as cursor:
        cursor.execute(statement.text, [card.pk])
        assert cursor.fetchall() == first


def test_a_rolled_back_transaction_leaves_the_statements_prepared_and_usable(card):
    _function_titles(card.pk)
    try:
        with transaction.atomic():
            _function_titles(card.pk)
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert _function_titles(card.pk)[0] == (1, "Бірінші")
    assert _function_titles.statement().name in prepared_names()


@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_again():
    card = make_card(position=9)
    LabourFunction.objects.create(card=card, position=1, title="Бір", kind="mandatory")
    _function_titles(card.pk)
    connection.close()
    assert _function_titles.statement().name not in prepared_names()  # a new session
    assert _function_titles(card.pk) == [(1, "Бір")]
    assert _function_titles.statement().name in prepared_names()


def test_a_query_with_a_parameter_of_another_type_runs_unprepared():
    from datetime import date

    statement = Statement.of("SELECT %s::date", [date])
    assert statement.name == "" and statement.text == "SELECT %s::date"
    assert Statement.of("SELECT %s", [str]).prepare.startswith("PREPARE registry_")


def test_with_prepared_statements_off_the_plain_sql_runs(card, settings):
    settings.PREPARED_STATEMENTS = False
    with CaptureQueriesContext(connection) as queries:
        assert [row.title for row in function_tree(card.pk)] == ["Бірінші", "Екінші 100%"]
    assert all(not q["sql"].startswith("EXECUTE") for q in queries.captured_queries)


def test_the_card_page_reads_run_prepared(card):
    for _ in range(2):
        shown = current_card(card.edition.standard.code, card.position, "kk")
    assert shown.card.pk == card.pk
    with CaptureQueriesContext(connection) as queries:
        current_card(card.edition.standard.code, card.position, "kk")
    assert [q["sql"][:17] for q in queries.captured_queries] == ["EXECUTE registry_"]
