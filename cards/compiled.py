"""Queries the pages run on every request, compiled to SQL by the ORM once instead of per page.

On the card page, Django's compiler building a query (joins, column lists, ordering) cost more
than PostgreSQL running it. A query here is a ``values_list`` queryset written as usual, for one
id; :func:`compiled_once` compiles it once per database vendor and then runs the SQL with the id
in its parameters' places (the others are the query's own constants). Only for queries whose rows
the caller reads as plain values (a raw cursor skips the ORM's converters: SQLite gives dates
as text).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.db import connection
from django.db.models import QuerySet

_SENTINEL = -918_273_645  # an id no table holds: where it stands in the parameters, the id goes
_ID = object()


def compiled_once(build: Callable[[int], QuerySet]) -> Callable[[int], list[tuple]]:
    """``build(id)``'s rows for an id, with the SQL compiled the first time only."""

    @functools.cache
    def sql(vendor: str) -> tuple[str, tuple]:
        query = build(_SENTINEL).query
        text, params = query.get_compiler(connection=connection).as_sql()
        if _SENTINEL not in params:
            raise AssertionError(f"{build.__qualname__} does not read the id")
        return text, tuple(_ID if param == _SENTINEL else param for param in params)

    @functools.wraps(build)
    def rows(pk: int) -> list[tuple]:
        text, params = sql(connection.vendor)
        with connection.cursor() as cursor:
            cursor.execute(text, [pk if param is _ID else param for param in params])
            return cursor.fetchall()

    return rows
