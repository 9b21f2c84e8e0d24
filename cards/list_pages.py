"""A page of the card list read by queries compiled once per shape of its filters.

The card list's FilterSet builds its queryset anew for every request, and Django building and
compiling it (the filters' conditions, the readable-in-language subquery, the joins of the
listed fields) and then the count and the page of it cost several times what PostgreSQL spends
running them. Yet the filters come in few shapes: which of them are set, how many levels are
ticked, the sort, the page. :func:`page_of_cards` builds each shape's two queries once, from the
FilterSet itself with stand-ins for the values (``CardFilter.filtered``), compiles them
(``cards.compiled``), and runs them with the request's values; Django's Paginator pages them as it
pages a queryset, so the page, its count and its errors are the ones :func:`cards.filters.page_of`
gives. Words in the title (``q``: each word a ``LIKE`` pattern) and any filter this module does
not know go through the ORM as before.

These queries are not PREPAREd: shapes are many, and a prepared statement stays with its
connection until the connection closes.
"""

from __future__ import annotations

from functools import lru_cache

from django.db.models import Count, Window

from cards.compiled import Part, compiled_instances, compiled_values
from cards.filters import PAGE_SIZE, CardFilter, PageOfCards, page_of
from cards.models import ProfessionCard
from cards.selectors import LISTED_PARTS

# The filters whose values reach the SQL as they are (exact matches), in the order their stand-ins
# are passed; "sort" only picks an ordering, so it is part of the shape.
_VALUED = ("level", "standard", "isco", "language")


def page_of_cards(filterset: CardFilter, number: str | None) -> PageOfCards:
    """The page ``number`` of ``filterset``'s cards (a valid filterset), as ``page_of(filterset.qs, number)``."""
    data = filterset.form.cleaned_data
    if set(data) - {*_VALUED, "sort", "q"} or data.get("q"):
        return page_of(filterset.qs, number)
    levels = list(dict.fromkeys(data.get("level") or ()))  # a level ticked twice filters as once
    shape = (len(levels), *(bool(data.get(name)) for name in _VALUED[1:]), data.get("sort") or "")
    values = [] if data.get("language") else [filterset.language]
    values += [int(level) for level in levels]
    values += [data[name] for name in _VALUED[1:] if data.get(name)]
    return page_of(_Cards(shape, tuple(values)), number, PAGE_SIZE)


class _Cards:
    """The cards of one filter shape and its values, as Django's Paginator reads a queryset: ``count()``
    and a slice."""

    def __init__(self, shape: tuple, values: tuple):
        self.shape, self.values = shape, values

    def count(self) -> int:
        rows = _count_query(self.shape)(*self.values)
        return rows[0][0] if rows else 0

    def __getitem__(self, page: slice) -> list[ProfessionCard]:
        if page.stop <= page.start:  # the empty first page of no cards: no query, as a queryset's [0:0]
            return []
        return _page_query(self.shape, page.start, page.stop)(*self.values)


def _kinds(shape: tuple) -> tuple[type, ...]:
    levels, standard, isco, language, _sort = shape
    return (*(() if language else (str,)), *[int] * levels, *[str] * (standard + isco + language))


def _filtered(shape: tuple, stand_ins: tuple):
    """The in-force cards of ``shape``, filtered by ``stand_ins`` where the request's values go."""
    levels, *chosen, sort = shape
    values = iter(stand_ins)
    language = None if chosen[2] else next(values)
    data = {"level": [next(values) for _ in range(levels)]}
    data.update({name: next(values) if is_set else "" for name, is_set in zip(_VALUED[1:], chosen, strict=True)})
    data.update(q="", sort=sort)
    return _Building().filtered(ProfessionCard.objects.in_force(), data, language)


class _Building(CardFilter):
    """The card filter, to build a shape's queries with: without its choice lists (two queries), which
    only check the values of a form, and stand-ins are never checked."""

    def _standard_choices(self) -> list:
        return []

    def _isco_choices(self) -> list:
        return []


@lru_cache(maxsize=256)
def _count_query(shape: tuple):
    @compiled_values(*_kinds(shape), prepared=False)
    def count(*stand_ins):
        cards = _filtered(shape, stand_ins).order_by()
        return cards.annotate(total=Window(Count("*"))).values_list("total")[:1]

    return count


@lru_cache(maxsize=1024)
def _page_query(shape: tuple, start: int, stop: int):
    @compiled_instances(*_kinds(shape), parts=tuple(Part(*part) for part in LISTED_PARTS), prepared=False)
    def page(*stand_ins):
        return _filtered(shape, stand_ins)[start:stop]

    return page
