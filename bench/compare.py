"""Benchmark the comparison page on the four largest cards, rendered through the Django test client.

    .venv/bin/python bench/compare.py [--runs N]

Uses the database of ``DATABASE_URL`` when it already holds the bundled orders; otherwise
imports them into a scratch SQLite file first (about 10 s). Picks the four largest in-force
cards of one language by item count (functions + skills + abilities + knowledge; one language,
so the rows are aligned by text, the slower method), then prints the time of the alignment
alone and of the whole page (request to rendered HTML), in milliseconds. Target: < 300 ms.
Runs with the development settings (``DEBUG`` on, so static files need no collectstatic).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.gettempdir()) / 'registry-bench-compare.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    os.environ["PAGE_CACHE_SECONDS"] = "0"  # measure the rendering, not the page cache
    import django

    django.setup()
    from django.core.management import call_command

    from cards.models import ProfessionCard

    call_command("migrate", verbosity=0)
    if not ProfessionCard.objects.exists():
        from importers.service import import_documents

        print("Importing the bundled orders…", flush=True)
        import_documents()


def largest_cards(language: str = "kk", count: int = 4) -> list[str]:
    from django.db.models import Count

    from cards.identity import card_reference
    from cards.models import ProfessionCard

    cards = (
        ProfessionCard.objects.in_force()
        .for_language(language)
        .select_related("edition__standard")
        .annotate(
            functions=Count("labour_functions", distinct=True),
            skills=Count("labour_functions__skills", distinct=True),
            abilities=Count("labour_functions__skills__abilities", distinct=True),
            knowledge=Count("labour_functions__skills__knowledge_items", distinct=True),
        )
    )
    ranked = sorted(cards, key=lambda c: -(c.functions + c.skills + c.abilities + c.knowledge))[:count]
    for card in ranked:
        items = card.functions + card.skills + card.abilities + card.knowledge
        print(f"  {card_reference(card):14} {items:4} items  {card.title[:60]}")
    return [card_reference(card) for card in ranked]


def timed(function, runs: int) -> list[float]:
    function()  # warm up: template loading, translations, connections
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(name: str, times: list[float]) -> None:
    print(f"{name:34} median {statistics.median(times):6.1f} ms   min {min(times):6.1f}   max {max(times):6.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each measurement (default 20)")
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cards.compare import align_cards
    from cards.comparison_data import card_tree, cards_by_reference, parse_references

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Database: {connection.vendor}; load average {load} on {os.cpu_count()} CPUs. The four largest cards:")
    references = largest_cards()
    url = "/kk/compare/?cards=" + ",".join(references)
    cards = cards_by_reference(parse_references([",".join(references)]), "kk")
    trees = [card_tree(c) for c in cards]
    rows = sum(1 for _ in align_cards(trees).walk())
    client = Client()

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    with CaptureQueriesContext(connection) as queries:
        size = len(page().content)
    print(f"{url}\n  {rows} aligned rows, {size // 1024} KiB of HTML, {len(queries.captured_queries)} queries\n")
    report("alignment only (pure)", timed(lambda: align_cards(trees), args.runs))
    report("whole page (test client)", timed(page, args.runs))


if __name__ == "__main__":
    main()
