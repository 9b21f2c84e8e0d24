"""Benchmark search: recall at 1, 5 and 10 over the quality set, and latency per query.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry .venv/bin/python bench/search.py [--repeat 20] [--import]

Runs against the database of ``DATABASE_URL`` (PostgreSQL is the reference; on SQLite it
measures the fallback). ``--import`` imports the bundled orders first (which builds the search
index); otherwise the database must already hold them. Each query of
``tests/cards/search_queries.py`` is searched ``--repeat`` times through ``search_cards`` (the
function the page and the API call); latency is the whole call, query reading and SQL included.
Prints each query's rank of its first expected card, then recall@1/5/10 and p50/p95 in ms.

``--typos`` measures instead where the typo thresholds lie: it misspells every word of the
quality set three ways (a letter dropped, two neighbours swapped, a vowel changed), searches
each misspelling alone, and counts, per similarity, the cards that the right word names (true
hits) and the others (spurious ones), for each typo measure: PostgreSQL's ``word_similarity``
(on PostgreSQL only), the fallback's ``partial_ratio`` and the stems' edit similarity
(``cards.search.typos``); then how many cards and professions each misspelling lists.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="times each query is run for the latency")
    parser.add_argument("--import", dest="do_import", action="store_true", help="import the bundled orders first")
    parser.add_argument("--typos", action="store_true", help="measure the typo thresholds instead (see above)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from cards.models import ProfessionCard
    from cards.search import search_cards
    from tests.cards.search_queries import QUERIES, card_key

    if args.do_import:
        from importers.service import import_documents

        import_documents()
    if args.typos:
        return measure_typos(QUERIES)
    print(f"database: {connection.vendor}, {len(QUERIES)} queries, {args.repeat} runs each")
    ranks, latencies = [], []
    for query in QUERIES:
        result = search_cards(query.text, language=query.language)
        ids = [card_id for card_id, _score in result.ranked[:10]]
        cards = ProfessionCard.objects.filter(pk__in=ids).select_related("edition__standard")
        keys = {card.pk: card_key(card.permalink()) for card in cards}
        found = [keys[i] for i in ids]
        expected = {card_key(p) for p in query.expected}
        rank = next((n for n, key in enumerate(found, 1) if key in expected), None)
        ranks.append(rank)
        for _ in range(args.repeat):
            started = time.perf_counter()
            search_cards(query.text, language=query.language)
            latencies.append((time.perf_counter() - started) * 1000)
        print(f"  {rank or '-':>2}  {query.language}  {query.text}")
    for k in (1, 5, 10):
        recall = sum(1 for rank in ranks if rank and rank <= k) / len(ranks)
        print(f"recall@{k}: {recall:.2f}")
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"latency per query: p50 {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms")
    return 0


VOWEL_SLIPS = dict(zip("аоеиыіәұүөу", "оаиеіыаууоы", strict=True))


def misspellings(word: str) -> list[str]:
    """Typos of ``word``: a middle letter dropped, two neighbours swapped, a vowel changed, and in a word
    of nine letters or more two of these slips at once."""
    middle, third = len(word) // 2, max(1, len(word) // 3)
    typos = [word[:middle] + word[middle + 1 :], word[:third] + word[third + 1] + word[third] + word[third + 2 :]]
    vowels = [i for i, ch in enumerate(word) if ch in VOWEL_SLIPS and 0 < i < len(word) - 1]
    if vowels:
        i = vowels[len(vowels) // 2]
        typos.append(word[:i] + VOWEL_SLIPS[word[i]] + word[i + 1 :])
    if len(word) >= 9:
        swapped = typos[1]
        typos.append(swapped[:middle] + swapped[middle + 1 :])
    return [t for t in dict.fromkeys(typos) if t != word]


def measure_typos(queries) -> int:
    from collections import Counter, defaultdict

    from django.db import connection
    from rapidfuzz import fuzz

    from cards import kazakh
    from cards.models import CardSearchText, ProfessionCard
    from cards.search import fallback, postgres, search_cards, typos
    from cards.search.query import parse_query
    from cards.search.scoring import WEIGHTS

    backend = postgres if connection.vendor == "postgresql" else fallback
    cards = ProfessionCard.objects.in_force()
    rows = {
        card_id: (
            names,
            {group: set(text.split()) for group, text in typos.name_stems(stems).items()},
            set(kazakh.words(names)),
        )
        for card_id, names, stems in CardSearchText.objects.filter(card__in=cards).values_list(
            "card_id", "names", "stems"
        )
    }
    vocabulary = set().union(*(words for _names, _groups, words in rows.values()))
    words = {(w.lower(), q.language) for q in queries for w in kazakh.words(q.text) if w.isalpha() and len(w) >= 6}
    measures = defaultdict(Counter)
    listed = []

    def named_by(word: str) -> set[int]:
        """The cards whose names have ``word`` exactly (no typo reading)."""
        saved = postgres.TRIGRAM_THRESHOLD, fallback.FUZZY_THRESHOLD, typos.read_typos
        postgres.TRIGRAM_THRESHOLD = fallback.FUZZY_THRESHOLD = 2
        typos.read_typos = lambda words, *_args: [{} for _word in words]
        try:
            matches, _read_as = backend.score(cards, parse_query(word))
        finally:
            postgres.TRIGRAM_THRESHOLD, fallback.FUZZY_THRESHOLD, typos.read_typos = saved
        return {m.card_id for m in matches if m.word_scores and m.word_scores[0] > WEIGHTS["body"]}

    for word, language in sorted(words):
        named = named_by(word)
        if not named:
            continue
        for typo in misspellings(word):
            (query_word,) = parse_query(typo).words or (None,)
            if query_word is None or named_by(typo):
                continue  # the typo is a word of the names itself
            readings = typos.readings(query_word, vocabulary)
            trigrams = {}
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT card_id, word_similarity(%s, names) FROM cards_cardsearchtext WHERE card_id = ANY(%s)",
                        [typo, list(rows)],
                    )
                    trigrams = dict(cursor.fetchall())
            for card_id, (names, groups, _words) in rows.items():
                truth = "true" if card_id in named else "spurious"
                stem_similarity = max((readings.get(s, 0.0) for g in groups.values() for s in g), default=0.0)
                values = {"partial_ratio": fuzz.partial_ratio(typo, names) / 100, "stems": stem_similarity}
                if card_id in trigrams:
                    values["trigram"] = trigrams[card_id]
                for measure, value in values.items():
                    measures[measure][(round(value * 20) / 20, truth)] += 1
                    if measure != "stems" and not readings:
                        measures[f"{measure}, of a typo the stems read as no word"][
                            (round(value * 20) / 20, truth)
                        ] += 1
            result = search_cards(typo, language=language)
            hits = {pk for pk, _score in result.ranked}
            listed.append((typo, word, result.count, result.profession_count, len(hits & named), len(named)))
    for measure, counts in measures.items():
        if not counts:
            continue
        print(f"{measure}: cards per similarity (true / spurious), and the share of spurious ones at or above it")
        total_true = sum(n for (_v, t), n in counts.items() if t == "true")
        for value in sorted({v for v, _t in counts}, reverse=True):
            if value < 0.4:
                break
            true, spurious = counts[(value, "true")], counts[(value, "spurious")]
            above_true = sum(n for (v, t), n in counts.items() if t == "true" and v >= value)
            above_spurious = sum(n for (v, t), n in counts.items() if t == "spurious" and v >= value)
            share = above_spurious / max(1, above_true + above_spurious)
            recall = above_true / max(1, total_true)
            print(f"  {value:.2f}  {true:5} / {spurious:5}   >=: recall {recall:.2f}, spurious {share:.2f}")
    print("misspelling (word): cards, professions listed; true cards found of those the word names")
    for typo, word, count, professions, found, named in listed:
        print(f"  {typo} ({word}): {count} cards, {professions} professions; {found}/{named}")
    counts = sorted(count for _t, _w, count, _p, _f, _n in listed)
    print(f"cards listed per misspelling: median {statistics.median(counts)}, max {counts[-1]}")
    print(f"misspellings that find a true card: {sum(1 for row in listed if row[4])}/{len(listed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
