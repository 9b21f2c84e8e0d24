"""Benchmark search: recall at 1, 5 and 10 over the quality set, and latency per query.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry .venv/bin/python bench/search.py [--repeat 20] [--import]

Runs against the database of ``DATABASE_URL`` (PostgreSQL is the reference; on SQLite it
measures the fallback). ``--import`` imports the bundled orders first (which builds the search
index); otherwise the database must already hold them. Each query of
``tests/cards/search_queries.py`` is searched ``--repeat`` times through ``search_cards`` (the
function the page and the API call); latency is the whole call, query reading and SQL included.
Prints each query's rank of its first expected card, then recall@1/5/10 and p50/p95 in ms.
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


if __name__ == "__main__":
    sys.exit(main())
