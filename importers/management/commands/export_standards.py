import json
import sys

from django.core.management.base import BaseCommand

from importers.export import export_registry


class Command(BaseCommand):
    help = "Export the whole registry as open data (JSON; see docs/export.md)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json"], default="json", help="Output format (JSON).")
        parser.add_argument("-o", "--output", help="Write to this file instead of standard output.")

    def handle(self, *args, output, **options):
        text = json.dumps(export_registry(), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"wrote {output}")
        else:
            sys.stdout.write(text)
