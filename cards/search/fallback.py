"""The SQLite fallback scorer: the same matches as :mod:`cards.search.postgres`, found in Python.

It reads the index rows and matches exact stems instead of tsvectors (Kazakh stems as prefixes,
by :meth:`QueryWord.matches <cards.search.query.QueryWord.matches>`), and, for a word the typo
reading (:mod:`cards.search.typos`, the same as on PostgreSQL) reads as nothing, rapidfuzz
instead of trigrams: fine for hundreds of cards.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from cards.models import CardSearchText
from cards.search import typos
from cards.search.query import ParsedQuery
from cards.search.scoring import WEIGHTS, Match

# The relevance floor of a word that only rapidfuzz matches: the partial_ratio to a card's names
# at which a word the typo reading reads as nothing matches it, the counterpart of
# postgres.TRIGRAM_THRESHOLD, chosen alike with `bench/search.py --typos`: above the words that
# are no typo but share most letters with a name ("инженерия" 0.89, "администрация" 0.87 to the
# administrators' names: 9 cards at the old 0.8), where misspellings the reading cannot read
# still find a card their right word names (35 such hits at 0.9 or more, none spurious).
FUZZY_THRESHOLD = 0.9


def score(cards, parsed: ParsedQuery) -> tuple[list[Match], list[dict[str, float]]]:
    """What :func:`cards.search.postgres.score` returns, for the index rows of ``cards``."""
    rows = CardSearchText.objects.filter(card__in=cards).values_list(
        "card_id",
        "card__edition__standard_id",
        "card__position",
        "language",
        "card__occupation_code",
        "card__title",
        "names",
        "codes",
        "alias_codes",
        "stems",
    )
    matches = []
    for row in rows:
        card, (names, codes, alias_codes, stems) = row[:6], row[6:]  # card: Match's first six fields
        if parsed.occupation_codes and not any(
            f" {code} " in codes or f" {code} " in alias_codes for code in parsed.occupation_codes
        ):
            continue
        groups = {group: (frozenset(text.split()), tuple(text.split())) for group, text in stems.items()}
        empty = (frozenset(), ())
        word_scores, body_hits = [], 0
        for word in parsed.words:
            best = 0.0
            for group in typos.NAME_GROUPS:
                if word.matches(*groups.get(group, empty)):
                    best = max(best, WEIGHTS[group])
            if word.matches(*groups.get("body", empty)) or word.matches(*groups.get("detail", empty)):
                best = max(best, WEIGHTS["body"])
                body_hits += 1
            word_scores.append(best)
        code_score = sum(
            1.0 if f" {code} " in codes else 0.5 if f" {code} " in alias_codes else 0
            for code in parsed.occupation_codes
        )
        matches.append(
            Match(
                *card,
                word_scores=word_scores,
                body_hits=body_hits,
                code_score=code_score,
                names=names,
                name_stems=typos.name_stems(stems),
            )
        )
    # As on PostgreSQL, typos only for a word that no name has (of the candidates, here).
    named = [any(m.word_scores[i] > WEIGHTS["body"] for m in matches) for i in range(len(parsed.words))]

    def fuzzy(i: int, match: Match) -> float:
        similarity = fuzz.partial_ratio(parsed.words[i].text, match.names) / 100
        return WEIGHTS["alias"] * (similarity - 0.2) if similarity >= FUZZY_THRESHOLD else 0.0

    return matches, typos.read_typos(parsed.words, named, matches, fuzzy)
