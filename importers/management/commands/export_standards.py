import json
import sys

from django.core.management.base import BaseCommand, CommandError

from importers.backup import BackupError, write_backup
from importers.export import export_registry


class Command(BaseCommand):
    help = (
        "Export the whole registry as open data (JSON; see docs/export.md), or, with --backup, write a "
        "complete backup that `import_standards --restore` loads into an empty database (docs/security.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json"], default="json", help="Output format (JSON).")
        parser.add_argument("-o", "--output", help="Write to this file instead of standard output.")
        parser.add_argument(
            "--backup",
            action="store_true",
            help=(
                "Write a complete backup instead of the open data: every row of the content, its history, "
                "import issues and conflicts, accounts, roles and the admin change log, as Django's JSON "
                "serialization. Needs -o FILE; FILE ending in .gz or .xz is compressed."
            ),
        )

    def handle(self, *args, output, backup, **options):
        if backup:
            self._backup(output, options["verbosity"])
            return
        text = json.dumps(export_registry(), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"wrote {output}")
        else:
            sys.stdout.write(text)

    def _backup(self, output, verbosity):
        if not output:
            raise CommandError("--backup needs -o FILE (.json, .json.gz or .json.xz)")
        try:
            report = write_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if verbosity >= 1:
            self.stdout.write(
                f"wrote {output}: {report.objects} objects, {report.size} bytes, in {report.seconds:.1f} s"
            )
