"""From a card's per-word matches to its score, and from scored cards to the ranking (pure).

Each query word scores by the best place it is found in — the card's own title (3), its other
names (2.5: other titles, the twin's title, the other language's names of its НКЗ code), its
standard's titles (1.5), or its body (1: purpose, functions, skills, abilities, knowledge) — or,
for a word no name has, as the typo of a name's word (:mod:`~cards.search.typos`). The scorers
(:mod:`~cards.search.postgres`, :mod:`~cards.search.fallback`) find the matches; :func:`combine`
turns them into the card's score: the mean over the query's words weighted by their rarity among
the cards' names (IDF), plus a little for body matches and codes. So a card whose title has the
words always ranks above one that only mentions them in a knowledge item. :func:`one_per_pair`
keeps one card of a kk/ru pair, :func:`by_profession` groups the ranked cards into the search
page's results.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from cards.identity import profession_key
from cards.search.query import ParsedQuery

WEIGHTS = {"title": 3.0, "alias": 2.5, "standard": 1.5, "body": 1.0}
# The other language's card must beat the page language's by this: more than body matches
# can add (0.3), less than an own-title match gains over a match of the twin's title (0.5).
OTHER_LANGUAGE_MARGIN = 0.4
# A card must score more than this to be listed.
MIN_SCORE = 0.5


@dataclass
class Match:
    """What a scorer found in one card's index row."""

    card_id: int
    standard_id: int
    position: int
    language: str
    occupation_code: str  # with the title, what cards.identity.profession_key reads
    title: str
    word_scores: list[float]  # per query word: the weight of the best place it is found in
    body_hits: int  # query words found in the body
    code_score: float  # the query's НКЗ codes: 1 for the card's own, 0.5 for one its other titles name
    names: str = ""  # the row's names (lower-case), for typos (cards.search.typos)
    name_stems: dict[str, str] = field(default_factory=dict)  # name group -> its stems (space-separated), for typos


class Scored(NamedTuple):
    card_id: int
    standard_id: int
    position: int
    language: str
    occupation_code: str
    title: str
    score: float


class Profession(NamedTuple):
    """The scored cards of one profession of one standard, best first: a result of the search page."""

    standard_id: int
    key: str  # cards.identity.profession_key
    cards: list[tuple[int, float]]  # (card id, score), best first

    @property
    def score(self) -> float:
        return self.cards[0][1]


def combine(rows: list[Match], parsed: ParsedQuery) -> list[Scored]:
    """The cards' matches -> their scores, best first, those under :data:`MIN_SCORE` left out.

    A word's score counts by its rarity among the candidates' names (IDF): in "тестирование
    программного обеспечения" the word that few titles have decides, not the two that many have.
    The weighted mean of word scores stays within 0–3, so a title match of every word still
    ranks above any card that only mentions them.
    """
    n_words = len(parsed.words)
    idf = []
    for i in range(n_words):
        named = sum(1 for row in rows if row.word_scores[i] > WEIGHTS["body"])
        idf.append(math.log((len(rows) + 1) / (named + 0.5)) + 0.1)
    scored = []
    for row in rows:
        if n_words:
            score = sum(w * s for w, s in zip(idf, row.word_scores, strict=True)) / sum(idf)
            score += 0.3 * row.body_hits / n_words
        else:
            score = 1.0  # levels, codes or standards only: every card that passes the filters
        score += row.code_score
        if score > MIN_SCORE or not n_words:
            scored.append(
                Scored(row.card_id, row.standard_id, row.position, row.language, row.occupation_code, row.title, score)
            )
    scored.sort(key=lambda row: (-row.score, row.card_id))
    return scored


def one_per_pair(rows: Iterable[Scored], language: str) -> list[Scored]:
    """Scored rows -> one per standard and position, best first: of a kk/ru pair the page
    language's card unless the other's score is clearly higher."""
    best: dict[tuple[int, int], Scored] = {}

    def rank(row: Scored) -> float:
        return row.score + (OTHER_LANGUAGE_MARGIN if row.language == language else 0.0)

    for row in rows:
        key = (row.standard_id, row.position)
        if key not in best or rank(row) > rank(best[key]):
            best[key] = row
    return sorted(best.values(), key=lambda row: (-row.score, row.language != language, row.standard_id, row.position))


def by_profession(rows: Iterable[Scored]) -> list[Profession]:
    """Ranked rows -> their professions (a standard and a profession key), in the order of each one's
    best card; within one, its cards best first (the rows' order)."""
    groups: dict[tuple[int, str], Profession] = {}
    for row in rows:
        key = (row.standard_id, profession_key(row))
        if key not in groups:
            groups[key] = Profession(*key, [])
        groups[key].cards.append((row.card_id, row.score))
    return list(groups.values())
