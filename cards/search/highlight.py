"""Showing why a card matched: its text escaped with the query's words marked, and short excerpts.

Imported text is data, never markup: :func:`highlight` escapes every piece of it and adds only
its own ``<mark>`` tags. The words of a text match a query word by the rule of
:meth:`QueryWord.matches <cards.search.query.QueryWord.matches>`, the one the fallback scorer uses.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cards import kazakh
from cards.search.query import QueryWord, russian_stem


@lru_cache(maxsize=8192)
def _stem_sets(token: str) -> tuple[frozenset[str], tuple[str, ...]]:
    stems = (russian_stem(token), kazakh.stem(token))
    return frozenset(stems), stems


def _is_match(token: str, words: list[QueryWord]) -> bool:
    return any(word.matches(*_stem_sets(token.lower())) for word in words)


def count_matches(text: str, words: list[QueryWord]) -> int:
    """How many of the query's words ``text`` has."""
    tokens = {t.lower() for t in kazakh.words(text)}
    return sum(1 for word in words if any(word.matches(*_stem_sets(t)) for t in tokens))


def best_passage(
    title: str, passages: list[list[str]], words: list[QueryWord], title_marked: bool = True
) -> tuple[str, str, str] | None:
    """The (label, language, text) of the passage with more of the query's words than any other and the title.

    ``passages`` are the index row's (label, language, text), in the card's order (title, other
    names, purpose, functions, ...): of equals the first wins. The title itself is never chosen;
    when it is not shown marked (``title_marked`` false: a label in the page language stands
    for it), any passage with a word of the query beats it.
    """
    best, best_count = None, 0
    title_count = count_matches(title, words) if title_marked else 0
    for label, language, text in passages:
        count = count_matches(text, words)
        if count > best_count and count > title_count and text != title:
            best, best_count = (label, language, text), count
    return best


def highlight(text: str, words: list[QueryWord]) -> SafeString:
    """``text`` escaped, then the words that match the query wrapped in ``<mark>``."""
    out = []
    position = 0
    for match in kazakh.WORD.finditer(text):
        out.append(escape(text[position : match.start()]))
        token = match.group(0)
        if words and _is_match(token, words):
            out.append(f"<mark>{escape(token)}</mark>")
        else:
            out.append(escape(token))
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


def excerpt(text: str, words: list[QueryWord], width: int = 220) -> str:
    """At most ``width`` characters of ``text`` around its first matching word."""
    if len(text) <= width:
        return text
    start = 0
    for match in kazakh.WORD.finditer(text):
        if _is_match(match.group(0), words):
            start = max(0, match.start() - width // 3)
            break
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
