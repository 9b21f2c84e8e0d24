"""Render the most visited pages into the page cache under the current revision."""

from django.core.management.base import BaseCommand

from cards.warming import most_visited_paths, warm_pages


class Command(BaseCommand):
    help = (
        "Render the most visited pages (overview, lists, every card in force, both languages) into the "
        "page cache. A web process warms its cache by itself after an admin save; run this after an import "
        "from the command line when the cache is shared by the app servers (CACHE_URL=redis://...)."
    )

    def handle(self, *args, **options):
        paths = most_visited_paths()
        answered = warm_pages(paths)
        self.stdout.write(f"Warmed {answered} of {len(paths)} pages.")
