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
from cards.search.query import PREFIX_MIN, QueryWord, russian_stem


@lru_cache(maxsize=8192)
def _stem_sets(token: str) -> tuple[frozenset[str], tuple[str, ...]]:
    stems = (russian_stem(token), kazakh.stem(token))
    return frozenset(stems), stems


class Matcher:
    """Which of a query's words each word of a text matches, worked out once per distinct word.

    One search page reads thousands of passages made of far fewer distinct words; asking each of
    them anew of every query word was most of the page's time. The rule stays
    :meth:`QueryWord.matches <cards.search.query.QueryWord.matches>`'s.
    """

    def __init__(self, words: list[QueryWord]):
        self.words = words
        self._known: dict[str, frozenset[int]] = {}
        self._counts: dict[str, int] = {}
        # QueryWord.matches, as two tests per word: a stem equal to one of its forms, or one that
        # starts with one of its long forms (str.startswith takes them all at once).
        self._rules = [
            (
                i,
                frozenset([word.russian] if word.russian else []) | frozenset(word.kazakh),
                tuple(form for form in word.kazakh if len(form) >= PREFIX_MIN),
            )
            for i, word in enumerate(words)
        ]
        # Both stemmers only cut endings off the lower-cased word (ё read as е), so a word can match
        # only if one of these forms stands in it: a text holding none of them matches no query word
        # and is not read word by word. (Off if a form is empty, which would stand in every text.)
        forms = {form for _, exact, prefixes in self._rules for form in (*exact, *prefixes)}
        self._forms = tuple(forms) if forms and all(forms) else None

    def of(self, token: str) -> frozenset[int]:
        """The positions in ``words`` of the query words that ``token`` (lower case) matches."""
        found = self._known.get(token)
        if found is None:
            stem_set, stem_list = _stem_sets(token)
            found = frozenset(
                i
                for i, exact, prefixes in self._rules
                if not exact.isdisjoint(stem_set) or (prefixes and any(s.startswith(prefixes) for s in stem_list))
            )
            self._known[token] = found
        return found

    def is_match(self, token: str) -> bool:
        return bool(self.of(token.lower()))

    def count(self, text: str) -> int:
        """How many of the query's words ``text`` has."""
        known = self._counts.get(text)
        if known is not None:  # the same ability or knowledge line stands in many cards
            return known
        count = 0
        if self._forms is None or any(form in text.lower().replace("ё", "е") for form in self._forms):
            matched: set[int] = set()
            for token in {t.lower() for t in kazakh.words(text)}:
                matched |= self.of(token)
            count = len(matched)
        self._counts[text] = count
        return count


def count_matches(text: str, words: list[QueryWord]) -> int:
    """How many of the query's words ``text`` has."""
    return Matcher(words).count(text)


def best_passage(
    title: str,
    passages: list[list[str]],
    words: list[QueryWord],
    title_marked: bool = True,
    matcher: Matcher | None = None,
) -> tuple[str, str, str] | None:
    """The (label, language, text) of the passage with more of the query's words than any other and the title.

    ``passages`` are the index row's (label, language, text), in the card's order (title, other
    names, purpose, functions, ...): of equals the first wins. The title itself is never chosen;
    when it is not shown marked (``title_marked`` false: a label in the page language stands
    for it), any passage with a word of the query beats it. ``matcher`` (for ``words``) may be
    shared by the cards of one page.
    """
    matcher = matcher or Matcher(words)
    best, best_count = None, 0
    title_count = matcher.count(title) if title_marked else 0
    for label, language, text in passages:
        count = matcher.count(text)
        if count > best_count and count > title_count and text != title:
            best, best_count = (label, language, text), count
    return best


def highlight(text: str, words: list[QueryWord], matcher: Matcher | None = None) -> SafeString:
    """``text`` escaped, then the words that match the query wrapped in ``<mark>``."""
    matcher = matcher or Matcher(words)
    out = []
    position = 0
    for match in kazakh.WORD.finditer(text):
        out.append(escape(text[position : match.start()]))
        token = match.group(0)
        if words and matcher.is_match(token):
            out.append(f"<mark>{escape(token)}</mark>")
        else:
            out.append(escape(token))
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


def excerpt(text: str, words: list[QueryWord], width: int = 220, matcher: Matcher | None = None) -> str:
    """At most ``width`` characters of ``text`` around its first matching word."""
    if len(text) <= width:
        return text
    matcher = matcher or Matcher(words)
    start = 0
    for match in kazakh.WORD.finditer(text):
        if matcher.is_match(match.group(0)):
            start = max(0, match.start() - width // 3)
            break
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
