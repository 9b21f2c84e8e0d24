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
import hashlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models
from django.db.models import QuerySet

_SENTINEL = -918_273_645  # an id no table holds: where it stands in the parameters, the id goes
_ID = object()


def compiled_once(build: Callable[[int], QuerySet]) -> Callable[[int], list[tuple]]:
    """``build(id)``'s rows for an id, with the SQL compiled the first time only."""

    @functools.cache
    def sql(vendor: str) -> tuple[Statement, tuple]:
        query = build(_SENTINEL).query
        text, params = query.get_compiler(connection=connection).as_sql()
        if _SENTINEL not in params:
            raise AssertionError(f"{build.__qualname__} does not read the id")
        params = tuple(_ID if param == _SENTINEL else param for param in params)
        return Statement.of(text, [int if param is _ID else type(param) for param in params]), params

    @functools.wraps(build)
    def rows(pk: int) -> list[tuple]:
        statement, params = sql(connection.vendor)
        with connection.cursor() as cursor:
            statement.execute(cursor, [pk if param is _ID else param for param in params])
            return cursor.fetchall()

    rows.statement = lambda: sql(connection.vendor)[0]  # what runs, for tests and the curious
    return rows


# --- Prepared statements --------------------------------------------------------------------------
#
# On PostgreSQL a query compiled once is also planned less: each connection PREPAREs it the first
# time it runs it and EXECUTEs it afterwards, so PostgreSQL parses and analyses its SQL once per
# connection instead of once per page, and after a few runs reuses a generic plan where that plan
# is as good (plan_cache_mode auto). Planning the card page's queries cost PostgreSQL about as much
# as running them. A prepared statement outlives a rolled-back transaction (it is not transactional)
# and dies with its connection, so what a connection has prepared is kept with that connection.

# PostgreSQL's type for each parameter type the compiled queries pass; a query with another type runs unprepared.
_PARAMETER_TYPES = {bool: "boolean", int: "bigint", str: "text", float: "double precision"}  # bool first


def _parameter_type(kind: type) -> str | None:
    """The PostgreSQL type of a parameter of Python type ``kind`` (a subclass too: a TextChoices member)."""
    return next((name for base, name in _PARAMETER_TYPES.items() if issubclass(kind, base)), None)


_PLACEHOLDER = re.compile(r"%([s%])")


@dataclass(frozen=True)
class Statement:
    """One compiled query's SQL, and on PostgreSQL how it is prepared: its name and PREPARE text."""

    text: str
    name: str = ""
    prepare: str = ""
    execute_text: str = ""

    @classmethod
    def of(cls, text: str, types: list[type], prepared: bool = True) -> Statement:
        """``prepared`` false: never PREPAREd (queries of many shapes: each would stay with its connection)."""
        names = [_parameter_type(kind) for kind in types]
        if not prepared or connection.vendor != "postgresql" or None in names:
            return cls(text)
        numbers = iter(range(1, len(types) + 1))
        numbered = _PLACEHOLDER.sub(lambda m: f"${next(numbers)}" if m[1] == "s" else "%", text)
        signature = ", ".join(names)
        name = "registry_" + hashlib.sha1(f"{signature}|{text}".encode()).hexdigest()[:24]
        prepare = f"PREPARE {name}" + (f" ({signature})" if types else "") + f" AS {numbered}"
        # The query's own SQL rides along as a comment: logs and the debug toolbar show what ran.
        comment = text.replace("*/", "* /").replace("%", "%%")
        arguments = f"({', '.join(['%s'] * len(types))})" if types else ""
        return cls(text, name, prepare, f"EXECUTE {name}{arguments} /* {comment} */")

    def execute(self, cursor, params) -> None:
        """Run the query on ``cursor`` (Django's), prepared on its connection first where it is not yet."""
        if not self.name or not settings.PREPARED_STATEMENTS:
            cursor.execute(self.text, params)
            return
        raw = connection.connection
        prepared = getattr(_prepared, connection.alias, None)
        if prepared is None or prepared[0] is not raw:  # a new connection has prepared nothing
            prepared = (raw, set())
            setattr(_prepared, connection.alias, prepared)
        if self.name not in prepared[1]:
            cursor.cursor.execute(self.prepare)  # the raw cursor: Django's query count sees the EXECUTE only
            prepared[1].add(self.name)
        cursor.execute(self.execute_text, params)


_prepared = threading.local()  # per thread, as Django's connections: alias -> (DB-API connection, names)


# --- Model instances from a query compiled once -------------------------------------------------
#
# The card page's three model reads (the card, its neighbours, its related professions) cost more
# in Django's compiler (joins, selected columns, ordering) and in building the select_related tree
# than in PostgreSQL. ``compiled_instances`` compiles such a read once per database vendor as a
# ``values_list`` of declared columns, applies the fields' own converters (JSON, dates), and builds
# the instances with ``Model.from_db`` and the related objects assigned, as select_related would.


@dataclass(frozen=True)
class Part:
    """One model instance in each row: the queried model (``path=""``) or one it reaches by
    foreign keys (``"edition__standard"``), with the fields read (attnames; ``()`` for all).
    A part whose primary key reads NULL (a nullable key's missing target) is ``None``."""

    path: str
    model: type[models.Model]
    fields: tuple[str, ...] = ()

    @functools.cached_property
    def attnames(self) -> tuple[str, ...]:
        """The fields read, in the model's concrete order (``Model.from_db`` takes them so), pk first."""
        wanted = set(self.fields or (f.attname for f in self.model._meta.concrete_fields))
        wanted.add(self.model._meta.pk.attname)
        return tuple(f.attname for f in self.model._meta.concrete_fields if f.attname in wanted)

    def columns(self) -> list[str]:
        prefix = f"{self.path}__" if self.path else ""
        return [prefix + name for name in self.attnames]


def _sentinel(kind: type, index: int):
    if kind is int:  # within every integer field's range (the ORM drops an out-of-range lookup)
        return 32_700 + index
    if kind is str:
        return f"\x1fparameter-{index}\x1f"
    raise TypeError(f"no sentinel for {kind!r}")


def compiled_instances(*kinds: type, parts: tuple[Part, ...], prepared: bool = True):
    """Decorate ``build(*params)`` (a queryset of ``parts[0].model``, filtered and ordered, without
    select_related or only: the parts say what is read) into ``rows(*params)``: the instances, each
    with the parts after the first set on it, as ``select_related(...).only(...)`` would give them.

    ``kinds`` are the parameters' types (``int`` or ``str``); each must reach the SQL unchanged
    (plain lookups such as ``exact`` and ``in``). ``prepared``: see :meth:`Statement.of`.
    """
    if parts[0].path:
        raise ValueError("the first part is the queried model itself")
    spans, start = [], 0
    for part in parts:
        width = len(part.attnames)
        parent, _, attribute = part.path.rpartition("__")
        spans.append((part, start, start + width, parent, attribute, part.attnames.index(part.model._meta.pk.attname)))
        start += width

    columns = tuple(column for part in parts for column in part.columns())

    def decorate(build: Callable[..., QuerySet]):
        query = _CompiledQuery(build, kinds, columns, prepared)

        @functools.wraps(build)
        def rows(*args) -> list[models.Model]:
            instances, alias = [], connection.alias
            for row in query.rows(args):
                made: dict[str, models.Model | None] = {}
                for part, begin, end, parent, attribute, pk_index in spans:
                    values = row[begin:end]
                    instance = None
                    if values[pk_index] is not None:
                        instance = part.model.from_db(alias, part.attnames, values)
                    made[part.path] = instance
                    if part.path and made.get(parent) is not None:
                        setattr(made[parent], attribute, instance)
                instances.append(made[""])
            return instances

        rows.statement = query.statement
        return rows

    return decorate


def compiled_values(*kinds: type, prepared: bool = True):
    """Decorate ``build(*params)`` (a ``values_list`` queryset) into ``rows(*params)``: its rows as
    tuples, the fields' converters applied, compiled once (parameters as in :func:`compiled_instances`)."""

    def decorate(build: Callable[..., QuerySet]):
        query = _CompiledQuery(build, kinds, None, prepared)

        @functools.wraps(build)
        def rows(*args) -> list[tuple]:
            return [tuple(row) for row in query.rows(args)]

        rows.statement = query.statement
        return rows

    return decorate


class _CompiledQuery:
    """``build``'s SQL for parameters of types ``kinds``, compiled once per database vendor, with the
    converters of its columns (``columns``: read as a ``values_list`` of them; None: as built)."""

    def __init__(self, build, kinds: tuple[type, ...], columns: tuple[str, ...] | None, prepared: bool = True):
        self.build, self.kinds, self.columns, self.prepared = build, kinds, columns, prepared
        self.compiled = functools.cache(self._compile)

    def _compile(self, vendor: str):
        sentinels = [_sentinel(kind, i) for i, kind in enumerate(self.kinds)]
        queryset = self.build(*sentinels)
        if self.columns is not None:
            queryset = queryset.values_list(*self.columns)
        compiler = queryset.query.get_compiler(connection=connection)
        text, params = compiler.as_sql()
        places = {sentinel: i for i, sentinel in enumerate(sentinels)}
        slots = tuple((places[p],) if type(p) in (int, str) and p in places else p for p in params)
        if len({slot for slot in slots if isinstance(slot, tuple)}) != len(self.kinds):
            raise AssertionError(f"{self.build.__qualname__} does not read all its parameters")
        converters = compiler.get_converters([expression for expression, _sql, _alias in compiler.select])
        types = [self.kinds[p[0]] if isinstance(p, tuple) else type(p) for p in slots]
        statement = Statement.of(text, types, self.prepared)
        return compiler, statement, slots, converters

    def statement(self) -> Statement:
        return self.compiled(connection.vendor)[1]

    def rows(self, args: tuple):
        compiler, statement, slots, converters = self.compiled(connection.vendor)
        with connection.cursor() as cursor:
            statement.execute(cursor, [args[p[0]] if isinstance(p, tuple) else p for p in slots])
            fetched = cursor.fetchall()
        return compiler.apply_converters(fetched, converters) if converters else fetched
