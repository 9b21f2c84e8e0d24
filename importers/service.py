"""Import documents: parse each (pure), load each in its own transaction, then link.

The management command and the tests call :func:`import_documents`.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError

from importers.link import LinkReport, link_registry
from importers.load import load_document
from importers.pipeline import DocumentError, parse_file
from importers.records import DocumentRecord
from standards.models import SourceDocument


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

    @property
    def landed_share(self) -> float | None:
        return min(self.chars_landed, self.chars_total) / self.chars_total if self.chars_total else None

    @classmethod
    def of(cls, record: DocumentRecord, seconds: float) -> DocumentReport:
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
        return report


@dataclass
class ImportResult:
    documents: list[DocumentReport] = field(default_factory=list)
    links: LinkReport | None = None

    @property
    def failed(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.error]


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
) -> ImportResult:
    """Import ``paths`` (default: the bundled orders), each atomically, then link the registry.

    A document that fails is reported with a one-line error and leaves its previous
    rows untouched; the others are still imported. With ``skip_unchanged``, a file
    already imported with the same content is left alone, and so are the edits an
    admin made to its rows.
    """
    result = ImportResult()
    for path in [Path(p) for p in paths] if paths else bundled_orders():
        started = time.perf_counter()
        if skip_unchanged and _already_imported(path):
            result.documents.append(DocumentReport(path.name, unchanged=True))
            if progress:
                progress(result.documents[-1])
            continue
        try:
            record = parse_file(path, format_name)
            if not dry_run:
                load_document(record)
            report = DocumentReport.of(record, time.perf_counter() - started)
        except DocumentError as exc:
            report = DocumentReport(path.name, error=str(exc), seconds=time.perf_counter() - started)
        except DatabaseError as exc:
            # load_document rolled back: the document's previous rows are untouched.
            message = " ".join(str(exc).split())[:300]
            report = DocumentReport(
                path.name,
                error=f"{path.name}: the database refused it: {message}",
                seconds=time.perf_counter() - started,
            )
        result.documents.append(report)
        if progress:
            progress(report)
    if not dry_run and any(not d.error and not d.unchanged for d in result.documents):
        result.links = link_registry()
    return result


def _already_imported(path: Path) -> bool:
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return False  # the import itself reports the unreadable file
    return SourceDocument.objects.filter(file_name=path.name, sha256=digest).exists()
