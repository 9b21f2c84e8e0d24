"""From a card's per-word matches to its score, and from scored cards to the ranking (pure).

Each query word scores by the best place it is found in — the card's own title (3), its other
names (2.5: other titles, the twin's title, the other language's names of its НКЗ code), its
standard's titles (1.5), or its body (1: purpose, functions, skills, abilities, knowledge) — or
by similarity to one of its names (typos, only for a word no name has). The scorers
(:mod:`~cards.search.postgres`, :mod:`~cards.search.fallback`) find the matches; :func:`combine`
turns them into the card's score: the mean over the query's words weighted by their rarity among
the cards' names (IDF), plus a little for body matches and codes. So a card whose title has the
words always ranks above one that only mentions them in a knowledge item.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from cards.search.query import ParsedQuery

WEIGHTS = {"title": 3.0, "alias": 2.5, "standard": 1.5, "body": 1.0}
# The other language's card must beat the page language's by this: more than body matches
# can add (0.3), less than an own-title match gains over a match of the twin's title (0.5).
OTHER_LANGUAGE_MARGIN = 0.4


def combine(rows: list[tuple], parsed: ParsedQuery) -> list[tuple]:
    """(card, standard, position, language, word scores, body hits, code score) -> scored rows, best first.

    A word's score counts by its rarity among the candidates' names (IDF): in "тестирование
    программного обеспечения" the word that few titles have decides, not the two that many have.
    The weighted mean of word scores stays within 0–3, so a title match of every word still
    ranks above any card that only mentions them.
    """
    n_words = len(parsed.words)
    idf = []
    for i in range(n_words):
        named = sum(1 for row in rows if row[4][i] > WEIGHTS["body"])
        idf.append(math.log((len(rows) + 1) / (named + 0.5)) + 0.1)
    scored = []
    for card_id, standard_id, position, language, word_scores, body_hits, code_score in rows:
        if n_words:
            score = sum(w * s for w, s in zip(idf, word_scores, strict=True)) / sum(idf)
            score += 0.3 * body_hits / n_words
        else:
            score = 1.0  # levels, codes or standards only: every card that passes the filters
        score += code_score
        if score > 0.5 or not n_words:
            scored.append((card_id, standard_id, position, language, score))
    scored.sort(key=lambda row: (-row[4], row[0]))
    return scored


def one_per_pair(rows: Iterable[tuple], language: str) -> list[tuple[int, float]]:
    """Rows (card id, standard id, position, language, score) -> (card id, score), best first;
    of a kk/ru pair the page language's card unless the other's score is clearly higher."""
    best: dict[tuple[int, int], tuple[int, float, str]] = {}
    for card_id, standard_id, position, card_language, score in rows:
        key = (standard_id, position)
        bonus = OTHER_LANGUAGE_MARGIN if card_language == language else 0.0
        current = best.get(key)
        if current is None or score + bonus > current[1] + (OTHER_LANGUAGE_MARGIN if current[2] == language else 0):
            best[key] = (card_id, score, card_language)
    ordered = sorted(best.items(), key=lambda item: (-item[1][1], item[1][2] != language, item[0]))
    return [(card_id, score) for _key, (card_id, score, _language) in ordered]
