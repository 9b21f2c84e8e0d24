"""The write path of an import: parse each document (pure), then in ONE transaction per run
load each document (in a savepoint of its own), link the registry, rebuild the search index
and, last, bump the content revision.

No page is ever rendered or cached from half-loaded or half-linked data: until the run
commits, readers see the registry as it was, under the old revision. A document that fails
to load is rolled back to its savepoint while the others go on; a failure in linking or
indexing rolls the whole run back. The management command and the tests call
:func:`import_documents`.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction

from cards.search import rebuild_search_index
from importers.link import LinkReport, link_registry
from importers.load import load_document, plan_document
from importers.logs import log_document, log_run
from importers.pipeline import DocumentError, parse_bytes, read_document
from importers.reconcile import Plan
from importers.records import DocumentRecord
from standards.models import SourceDocument
from standards.revision import bump_revision


@dataclass
class DocumentReport:
    file_name: str
    format: str = ""
    language: str = ""
    editions: int = 0
    cards: int = 0
    labour_functions: int = 0
    skills: int = 0
    abilities: int = 0
    knowledge: int = 0
    issues: Counter = field(default_factory=Counter)
    chars_total: int = 0
    chars_landed: int = 0
    seconds: float = 0.0
    error: str = ""
    unchanged: bool = False  # skipped: the same file (name and SHA-256) is already imported
    sha256: str = ""
    # The three-way re-import (importers.reconcile): fields updated from the file, edits kept,
    # conflicts (``open_conflicts``: those no preference decided), elements added and removed.
    reconciled: Counter = field(default_factory=Counter)
    open_conflicts: int = 0

    @property
    def landed_share(self) -> float | None:
        return min(self.chars_landed, self.chars_total) / self.chars_total if self.chars_total else None

    @classmethod
    def of(cls, record: DocumentRecord, seconds: float, plan: Plan | None = None) -> DocumentReport:
        report = cls(record.file_name, record.format, record.language, editions=len(record.editions))
        for edition in record.editions:
            report.cards += len(edition.cards)
            for card in edition.cards:
                report.labour_functions += len(card.labour_functions)
                for function in card.labour_functions:
                    report.skills += len(function.skills)
                    report.abilities += sum(len(s.abilities) for s in function.skills)
                    report.knowledge += sum(len(s.knowledge) for s in function.skills)
        report.issues = Counter(issue.severity for issue in record.issues)
        report.chars_total, report.chars_landed = record.card_chars_total, record.card_chars_landed
        report.seconds = seconds
        report.sha256 = record.sha256
        if plan is not None:
            report.reconciled = plan.counts
            report.open_conflicts = len(plan.open_conflicts)
        return report


@dataclass
class ImportResult:
    documents: list[DocumentReport] = field(default_factory=list)
    links: LinkReport | None = None

    @property
    def failed(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.error]

    @property
    def open_conflicts(self) -> int:
        return sum(d.open_conflicts for d in self.documents)


def bundled_orders() -> list[Path]:
    """The official texts shipped in ``fixtures/orders``."""
    return sorted(p for p in Path(settings.ORDERS_DIR).iterdir() if p.is_file() and p.suffix != ".md")


def import_documents(
    paths: Iterable[Path | str] | None = None,
    *,
    format_name: str | None = None,
    dry_run: bool = False,
    skip_unchanged: bool = False,
    progress: Callable[[DocumentReport], None] | None = None,
    prefer: str | None = None,
    user=None,
) -> ImportResult:
    """Import ``paths`` (default: the bundled orders) in one transaction, then link the registry.

    A document that fails is reported with a one-line error and leaves its previous rows
    untouched; the others are still imported. With ``skip_unchanged``, a file already
    imported with the same content is left alone, and so are the edits an admin made to
    its rows. Each file is read and hashed once. An error in linking or indexing is
    raised after the whole run was rolled back: the database is then as it was.

    A re-import keeps the corrections editors made (:mod:`importers.reconcile`): ``prefer``
    (``"file"`` or ``"edits"``) decides the conflicts, else they are left open for an editor.
    ``user`` is named in the history records the import writes.
    """
    result = ImportResult()
    started = time.perf_counter()
    with transaction.atomic():
        for path in [Path(p) for p in paths] if paths else bundled_orders():
            report = _import_one(path, format_name, dry_run, skip_unchanged, prefer, user)
            result.documents.append(report)
            log_document(report)
            if progress:
                progress(report)
        if not dry_run and any(not d.error and not d.unchanged for d in result.documents):
            result.links = link_registry()
            rebuild_search_index()
            bump_revision()  # last: the pages cached from now on see the whole import
    log_run(result, time.perf_counter() - started, dry_run)
    return result


def _import_one(
    path: Path, format_name: str | None, dry_run: bool, skip_unchanged: bool, prefer: str | None = None, user=None
) -> DocumentReport:
    """Parse one file and load it in a savepoint of the run's transaction."""
    started = time.perf_counter()
    try:
        data = read_document(path)
        digest = hashlib.sha256(data).hexdigest()
        if skip_unchanged and SourceDocument.objects.filter(file_name=path.name, sha256=digest).exists():
            return DocumentReport(path.name, unchanged=True)
        record = parse_bytes(data, path.name, format_name, sha256=digest)
        plan = None
        if dry_run:
            plan = plan_document(record, prefer).plan
        else:
            plan = load_document(record, prefer=prefer, user=user).plan
    except DocumentError as exc:
        return DocumentReport(path.name, error=str(exc), seconds=time.perf_counter() - started)
    except DatabaseError as exc:
        # load_document's savepoint rolled back: the document's previous rows are untouched.
        message = " ".join(str(exc).split())[:300]
        return DocumentReport(
            path.name, error=f"{path.name}: the database refused it: {message}", seconds=time.perf_counter() - started
        )
    return DocumentReport.of(record, time.perf_counter() - started, plan)
