"""Showing why a card matched: its text escaped with the query's words marked, and short excerpts.

Imported text is data, never markup: :func:`highlight` escapes every piece of it and adds only
its own ``<mark>`` tags. The words of a text match a query word by the rule of
:meth:`QueryWord.matches <cards.search.query.QueryWord.matches>`, the one the fallback scorer uses.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate

from django.utils.safestring import SafeString, mark_safe

from cards import kazakh
from cards.markup import escaped
from cards.search.query import PREFIX_MIN, QueryWord, russian_stem

LETTER = kazakh.WORD.pattern.removesuffix("+")  # one letter of a word (kazakh.WORD is a run of them)
# Lower-casing maps every letter of a word to one letter of a word and every other character to
# none, but for these two: "İ" becomes two characters, the Kelvin sign a Latin "k". A text without
# them has its words where its lower-cased copy has them (tests/cards/test_search_matcher.py
# checks every character).
UNEVEN = ("\u0130", "\u212a")
SEPARATOR = "\x00"  # between the passages of a card read at once: no letter, so no word spans two


def _even(text: str) -> bool:
    return UNEVEN[0] not in text and UNEVEN[1] not in text


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
        # only if it starts with one of these forms: one regular expression finds those words in the
        # lower-cased text, and the others are never asked about. (Off if a form is empty, which would
        # start every word: then every word is asked.)
        forms = {form for _, exact, prefixes in self._rules for form in (*exact, *prefixes)}
        self._starts = None
        if forms and all(forms):
            alternatives = "|".join(re.escape(form) for form in sorted(forms, key=lambda f: (-len(f), f)))
            self._starts = re.compile(f"(?<!{LETTER})(?:{alternatives}){LETTER}*")

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

    def matches(self, text: str) -> Iterator[tuple[int, int, frozenset[int]]]:
        """Where ``text`` has a word that matches, in order: (start, end, the query words it matches)."""
        if self._starts is not None and _even(text):
            for match in self._starts.finditer(text.lower().replace("ё", "е")):
                found = self.of(match.group())
                if found:
                    yield match.start(), match.end(), found
            return
        for match in kazakh.WORD.finditer(text):
            found = self.of(match.group().lower())
            if found:
                yield match.start(), match.end(), found

    def count(self, text: str) -> int:
        """How many of the query's words ``text`` has."""
        known = self._counts.get(text)
        if known is None:  # the same ability or knowledge line stands in many cards
            matched: set[int] = set()
            for _start, _end, found in self.matches(text):
                matched |= found
            known = self._counts[text] = len(matched)
        return known

    def counts(self, texts: list[str]) -> Iterator[tuple[int, int]]:
        """(position in ``texts``, :meth:`count`) of each text that has a query word, in order; the
        texts read at once, as one lower-cased text (a card's fifty passages, one pass)."""
        joined = SEPARATOR.join(texts)
        if self._starts is None or not _even(joined):
            for i, text in enumerate(texts):
                if count := self.count(text):
                    yield i, count
            return
        ends = list(accumulate(len(text) + 1 for text in texts))  # where each text's separator ends
        current, matched = -1, set()
        for start, _end, found in self.matches(joined):
            i = bisect_right(ends, start)
            if i != current:
                if matched:
                    yield current, len(matched)
                current, matched = i, set()
            matched |= found
        if matched:
            yield current, len(matched)


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
    best, best_count = None, matcher.count(title) if title_marked else 0
    if best_count >= len(words):  # no passage has more words than the query
        return None
    for i, count in matcher.counts([text for _label, _language, text in passages]):
        if count > best_count and passages[i][2] != title:
            label, language, text = passages[i]
            best, best_count = (label, language, text), count
            if count >= len(words):
                break
    return best


def highlight(text: str, words: list[QueryWord], matcher: Matcher | None = None) -> SafeString:
    """``text`` escaped, then the words that match the query wrapped in ``<mark>``."""
    if not words:
        return mark_safe(escaped(text))
    matcher = matcher or Matcher(words)
    out = []
    position = 0
    for start, end, _found in matcher.matches(text):
        out.append(f"{escaped(text[position:start])}<mark>{escaped(text[start:end])}</mark>")
        position = end
    out.append(escaped(text[position:]))
    return mark_safe("".join(out))


def excerpt(text: str, words: list[QueryWord], width: int = 220, matcher: Matcher | None = None) -> str:
    """At most ``width`` characters of ``text`` around its first matching word."""
    if len(text) <= width:
        return text
    matcher = matcher or Matcher(words)
    start = 0
    for first, _end, _found in matcher.matches(text):
        start = max(0, first - width // 3)
        break
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
