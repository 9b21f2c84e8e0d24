from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from importers.backup import BackupError, restore_backup
from importers.pipeline import FORMATS
from importers.service import DocumentReport, import_documents


class Command(BaseCommand):
    help = (
        "Import professional standards from order texts (legal-database text, markdown text, PDF-extracted "
        "text, PDF or HTML). Without paths, imports every bundled order in fixtures/orders. The run is one "
        "transaction (a document that fails keeps its previous rows; a failure in linking keeps everything as it "
        "was). Re-importing a file keeps the corrections editors made: a field edited by hand and changed in the file "
        "too is a conflict, listed in admin, and the command exits non-zero unless --prefer-file or --prefer-edits "
        "decides it. With --restore FILE, loads a backup that `export_standards --backup` wrote into an empty "
        "database instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Files to import (default: the bundled orders).")
        parser.add_argument(
            "--format", choices=FORMATS, help="Read every file with this reader instead of detecting the layout."
        )
        parser.add_argument("--dry-run", action="store_true", help="Parse and report, write nothing.")
        parser.add_argument(
            "--skip-unchanged",
            action="store_true",
            help="Leave alone a file already imported with the same content (and the admin edits of its rows).",
        )
        prefer = parser.add_mutually_exclusive_group()
        prefer.add_argument(
            "--prefer-file",
            action="store_const",
            const="file",
            dest="prefer",
            help="Decide every conflict by taking the file's value over the edit made by hand.",
        )
        prefer.add_argument(
            "--prefer-edits",
            action="store_const",
            const="edits",
            dest="prefer",
            help="Decide every conflict by keeping the edit made by hand over the file's value.",
        )
        parser.add_argument(
            "--restore",
            metavar="FILE",
            help=(
                "Load this backup (written by `export_standards --backup`) into an empty, freshly migrated "
                "database, all or nothing; refused if the database holds any content. Takes no paths."
            ),
        )

    def handle(self, *args, paths, format, dry_run, skip_unchanged, prefer=None, restore=None, **options):
        verbose = options["verbosity"] >= 1
        if restore:
            if paths or format or dry_run or skip_unchanged or prefer:
                raise CommandError("--restore takes one backup file and no paths or other import options")
            self._restore(restore, verbose)
            return
        if verbose:
            self.stdout.write(_HEADER)
        try:
            result = import_documents(
                paths or None,
                format_name=format,
                dry_run=dry_run,
                skip_unchanged=skip_unchanged,
                progress=self._progress(verbose),
                prefer=prefer,
            )
        except DatabaseError as exc:
            message = " ".join(str(exc).split())[:300]
            raise CommandError(f"the run was rolled back, nothing was imported: {message}") from exc
        ok = [d for d in result.documents if not d.error and not d.unchanged]
        if verbose:
            self.stdout.write(_row(_total(ok)))
            if result.links:
                links = result.links
                self.stdout.write(
                    f"links: {links.twin_pairs} twin pairs, {links.superseded_editions} superseded editions, "
                    f"{links.predecessors} predecessors, {links.related_linked} of {links.related_total} "
                    "related professions linked to cards"
                )
            reconciled = sum((d.reconciled for d in ok), Counter())
            self.stdout.write(
                f"re-import: {reconciled['updated']} updated from the file, {reconciled['kept']} edits kept, "
                f"{reconciled['conflict']} conflicts ({result.open_conflicts} open), "
                f"{reconciled['added']} elements added, {reconciled['removed']} removed"
            )
            if dry_run:
                self.stdout.write("dry run: nothing was written")
        if result.failed:
            raise CommandError(f"{len(result.failed)} of {len(result.documents)} documents failed")
        if result.open_conflicts:
            where = "would be listed" if dry_run else "are listed in admin (import conflicts)"
            raise CommandError(
                f"{result.open_conflicts} conflicts between edits made by hand and the file {where}; "
                "resolve them there, or re-run with --prefer-file or --prefer-edits"
            )

    def _restore(self, path, verbose):
        try:
            report = restore_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if verbose:
            models = ", ".join(f"{label} {n}" for label, n in sorted(report.counts.items()))
            self.stdout.write(
                f"restored {path}: {report.objects} objects ({models}) in {report.seconds:.1f} s; "
                f"content revision {report.revision}. Run `manage.py warm_pages` to fill the page cache."
            )

    def _progress(self, verbose):
        def show(report: DocumentReport):
            if report.error:
                self.stderr.write(f"error: {report.error}")
            elif report.unchanged and verbose:
                self.stdout.write(f"{report.file_name[:42]:<42} unchanged since its last import: left as it is")
            elif verbose:
                self.stdout.write(_row(report))

        return show


_HEADER = (
    f"{'document':<42} {'fmt':<13} {'lang':<4} {'ed':>3} {'cards':>5} {'LF':>4} {'skills':>6} "
    f"{'abil':>5} {'know':>5} {'err':>4} {'warn':>5} {'info':>5} {'landed':>8} {'sec':>6}"
)


def _row(d: DocumentReport) -> str:
    share = f"{d.landed_share:.2%}" if d.landed_share is not None else "—"
    return (
        f"{d.file_name[:42]:<42} {d.format:<13} {d.language:<4} {d.editions:>3} {d.cards:>5} "
        f"{d.labour_functions:>4} {d.skills:>6} {d.abilities:>5} {d.knowledge:>5} {d.issues['error']:>4} "
        f"{d.issues['warning']:>5} {d.issues['info']:>5} {share:>8} {d.seconds:>6.2f}"
    )


def _total(reports: list[DocumentReport]) -> DocumentReport:
    total = DocumentReport("total")
    for d in reports:
        for name in (
            "editions",
            "cards",
            "labour_functions",
            "skills",
            "abilities",
            "knowledge",
            "chars_total",
            "chars_landed",
            "seconds",
        ):
            setattr(total, name, getattr(total, name) + getattr(d, name))
        total.issues.update(d.issues)
    return total
