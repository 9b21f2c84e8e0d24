"""Search for profession cards: :func:`search_cards`, and the index it reads (:func:`rebuild_search_index`).

By concern: :mod:`~cards.search.query` reads a query (pure), :mod:`~cards.search.index` builds the
index rows, :mod:`~cards.search.postgres` (the reference: full-text and trigrams in one query) and
:mod:`~cards.search.fallback` (SQLite: the same matches in Python) find each word's matches,
:mod:`~cards.search.typos` reads a word no name has as a typo (pure, for both),
:mod:`~cards.search.scoring` turns them into the ranking and the professions (pure), :mod:`~cards.search.highlight`
marks the words in the results (pure), and :mod:`~cards.search.service` wires them together.
"""

from cards.search.highlight import excerpt, highlight
from cards.search.index import rebuild_search_index
from cards.search.query import ParsedQuery, QueryWord, parse_query, russian_stem
from cards.search.service import SearchHit, SearchResult, search_cards

__all__ = [
    "ParsedQuery",
    "QueryWord",
    "SearchHit",
    "SearchResult",
    "excerpt",
    "highlight",
    "parse_query",
    "rebuild_search_index",
    "russian_stem",
    "search_cards",
]
