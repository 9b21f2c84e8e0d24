"""The search page's word matcher: its shortcuts never change a count, a mark, an excerpt or the passage shown."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest

from cards import kazakh
from cards.search.highlight import LETTER, UNEVEN, Matcher, best_passage, excerpt, highlight
from cards.search.query import parse_query
from importers.pipeline import parse_bytes
from tests.cards.search_queries import QUERIES

ORDERS = Path(__file__).resolve().parents[2] / "fixtures" / "orders"


def bundled_texts() -> list[str]:
    """Every text of every card of the bundled plain-text orders, as the search index reads them."""
    texts = []
    for path in sorted(ORDERS.glob("*.txt")):
        for edition in parse_bytes(path.read_bytes(), path.name).editions:
            for card in edition.cards:
                texts += [card.title, card.purpose, *(related.title for related in card.related)]
                for function in card.labour_functions:
                    texts.append(function.title)
                    for skill in function.skills:
                        texts += [skill.title, *skill.abilities, *skill.knowledge]
    return [text for text in texts if text]


def word_by_word(matcher: Matcher, text: str) -> int:
    """The count without the shortcut: every word of the text asked of every query word."""
    matched: set[int] = set()
    for word in kazakh.words(text):
        matched |= matcher.of(word.lower())
    return len(matched)


def test_the_matcher_counts_every_bundled_text_as_reading_it_word_by_word_would():
    texts = bundled_texts()
    assert len(texts) > 10_000
    queries = [query.text for query in QUERIES] + ["ЁЛКА ёлка", "SQL Python", "ақпараттық жүйелер"]
    matched_texts = 0
    for text in queries:
        matcher = Matcher(parse_query(text).words)
        for card_text in texts:
            count = matcher.count(card_text)
            assert count == word_by_word(matcher, card_text), (text, card_text)
            matched_texts += bool(count)
    assert matched_texts > 1_000  # the queries do match: the shortcut is not only ever saying 0


def test_a_text_with_none_of_the_query_forms_is_not_read_word_by_word():
    matcher = Matcher(parse_query("администратор баз данных").words)
    seen: list[str] = []
    original = matcher.of
    matcher.of = lambda token: seen.append(token) or original(token)
    assert matcher.count("Разработка программного обеспечения") == 0
    assert seen == []
    assert matcher.count("Администраторы баз данных") == 3
    assert seen


# --- Reading a text lower-cased, at once (cards.search.highlight's fast path) ---------------------

SOME_QUERIES = [q.text for q in QUERIES[::4]] + ["ЁЛКА ёлка", "SQL Python", "администратор баз данных"]


def test_lower_casing_moves_no_word_but_in_a_text_with_an_uneven_character():
    """The fast path reads words in the lower-cased text: every character but the two UNEVEN ones
    lower-cases to one character that is a letter of a word exactly when it was one."""
    letter = re.compile(LETTER)
    uneven = []
    for code in range(0x110000):
        char = chr(code)
        lower = char.lower()
        if len(lower) != 1 or bool(letter.fullmatch(char)) != bool(letter.fullmatch(lower)):
            uneven.append(char)
    assert tuple(uneven) == UNEVEN


def word_by_word_matches(matcher: Matcher, text: str) -> list[tuple[int, int, frozenset[int]]]:
    """Where ``text`` has a matching word, reading every word of it."""
    found = [(m.start(), m.end(), matcher.of(m.group().lower())) for m in kazakh.WORD.finditer(text)]
    return [(start, end, words) for start, end, words in found if words]


def reference_best_passage(title, passages, matcher, title_marked=True):
    """best_passage as it was written before its shortcuts: every passage counted, the best one kept."""
    best, best_count = None, 0
    title_count = len(set().union(*(w for *_, w in word_by_word_matches(matcher, title)))) if title_marked else 0
    for label, language, text in passages:
        count = len(set().union(*(w for *_, w in word_by_word_matches(matcher, text))))
        if count > best_count and count > title_count and text != title:
            best, best_count = (label, language, text), count
    return best


def reference_highlight(text: str, matcher: Matcher) -> str:
    out, position = [], 0
    for match in kazakh.WORD.finditer(text):
        token = match.group(0)
        out.append(escape(text[position : match.start()]))
        out.append(f"<mark>{escape(token)}</mark>" if matcher.words and matcher.of(token.lower()) else escape(token))
        position = match.end()
    return "".join(out) + escape(text[position:])


@pytest.fixture(scope="module")
def texts() -> list[str]:
    texts = bundled_texts()
    # A few with the uneven characters, which take the word-by-word path.
    return [*texts, "İstanbul: АДМИНИСТРАТОР баз данных", "5 K, администратор БАЗЫ", "Kелвин данных"]


def test_the_matcher_finds_the_words_a_word_by_word_reading_finds(texts):
    for query in SOME_QUERIES:
        matcher = Matcher(parse_query(query).words)
        for text in texts:
            assert list(matcher.matches(text)) == word_by_word_matches(matcher, text), (query, text)


def test_the_counts_of_a_cards_texts_read_at_once_are_their_counts_one_by_one(texts):
    for query in SOME_QUERIES:
        matcher = Matcher(parse_query(query).words)
        for start in range(0, len(texts), 50):
            chunk = texts[start : start + 50]
            one_by_one = [(i, count) for i, text in enumerate(chunk) if (count := matcher.count(text))]
            assert list(Matcher(matcher.words).counts(chunk)) == one_by_one, query


def test_the_best_passage_and_the_marks_are_those_every_word_read_gives(texts):
    for query in SOME_QUERIES:
        words = parse_query(query).words
        matcher = Matcher(words)
        for start in range(0, len(texts), 40):
            passages = [["skill", "ru", text] for text in texts[start : start + 40]]
            title = passages[len(passages) // 2][2]  # a title that is also a passage is never chosen
            for marked in (True, False):
                expected = reference_best_passage(title, passages, matcher, marked)
                assert best_passage(title, passages, words, marked, matcher) == expected, query
        for text in texts[::7]:
            assert highlight(text, words, matcher) == reference_highlight(text, matcher), (query, text)
            assert excerpt(text, words, matcher=matcher) == reference_excerpt(text, matcher), (query, text)


def reference_excerpt(text: str, matcher: Matcher, width: int = 220) -> str:
    if len(text) <= width:
        return text
    first = word_by_word_matches(matcher, text)
    start = max(0, first[0][0] - width // 3) if first else 0
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
