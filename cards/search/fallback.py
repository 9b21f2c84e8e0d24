"""The SQLite fallback scorer: the same matches as :mod:`cards.search.postgres`, found in Python.

It reads the index rows and matches exact stems instead of tsvectors (Kazakh stems as prefixes,
by :meth:`QueryWord.matches <cards.search.query.QueryWord.matches>`), and rapidfuzz instead of
trigrams: fine for hundreds of cards.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from cards.models import CardSearchText
from cards.search.query import ParsedQuery
from cards.search.scoring import WEIGHTS


def score(cards, parsed: ParsedQuery) -> list[tuple]:
    """The rows :func:`cards.search.scoring.combine` scores, for the index rows of ``cards``."""
    rows = CardSearchText.objects.filter(card__in=cards).values_list(
        "card_id", "card__edition__standard_id", "card__position", "language", "names", "codes", "alias_codes", "stems"
    )
    scored = []
    for card_id, standard_id, position, language, names, codes, alias_codes, stems in rows:
        if parsed.occupation_codes and not any(
            f" {code} " in codes or f" {code} " in alias_codes for code in parsed.occupation_codes
        ):
            continue
        groups = {group: (frozenset(text.split()), tuple(text.split())) for group, text in stems.items()}
        empty = (frozenset(), ())
        word_scores, body_hits = [], 0
        for word in parsed.words:
            best = 0.0
            for group in ("title", "alias", "standard"):
                if word.matches(*groups.get(group, empty)):
                    best = max(best, WEIGHTS[group])
            if word.matches(*groups.get("body", empty)) or word.matches(*groups.get("detail", empty)):
                best = max(best, WEIGHTS["body"])
                body_hits += 1
            if len(word.text) >= 4 and best <= WEIGHTS["body"]:
                similarity = fuzz.partial_ratio(word.text, names) / 100
                if similarity >= 0.8:
                    best = max(best, WEIGHTS["alias"] * (similarity - 0.2))
            word_scores.append(best)
        code_score = sum(
            1.0 if f" {code} " in codes else 0.5 if f" {code} " in alias_codes else 0
            for code in parsed.occupation_codes
        )
        scored.append((card_id, standard_id, position, language, word_scores, body_hits, code_score))
    return scored
