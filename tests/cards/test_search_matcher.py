"""The search page's word matcher: its shortcut for texts without a query word never changes a count."""

from __future__ import annotations

from pathlib import Path

from cards import kazakh
from cards.search.highlight import Matcher
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
