"""The import's structured log lines (one JSON object each, see registry/logging.py).

One line per document (``import.document``: file, SHA-256, counts, seconds, outcome, the error) and
one per run (``import.run``). The import service calls these; a log collector can then answer
"which file failed, when, and why" without reading the command's report.
"""

from __future__ import annotations

import logging

logger = logging.getLogger("importers.service")


def log_document(report) -> None:
    """Log one :class:`~importers.service.DocumentReport`."""
    outcome = "failed" if report.error else "unchanged" if report.unchanged else "imported"
    fields = {
        "event": "import.document",
        "document": report.file_name,
        "sha256": getattr(report, "sha256", "") or None,
        "format": report.format or None,
        "language": report.language or None,
        "outcome": outcome,
        "editions": report.editions,
        "cards": report.cards,
        "labour_functions": report.labour_functions,
        "skills": report.skills,
        "abilities": report.abilities,
        "knowledge": report.knowledge,
        "issues": dict(report.issues),
        "duration_ms": round(report.seconds * 1000),
    }
    if report.error:
        fields["error"] = report.error
        logger.warning("import of %s failed: %s", report.file_name, report.error, extra=fields)
    else:
        logger.info("import of %s: %s", report.file_name, outcome, extra=fields)


def log_run(result, seconds: float, dry_run: bool = False) -> None:
    """Log the run: how many documents were imported and failed, and how long it took."""
    failed = len(result.failed)
    fields = {
        "event": "import.run",
        "documents": len(result.documents),
        "failed": failed,
        "dry_run": dry_run,
        "duration_ms": round(seconds * 1000),
        "outcome": "failed" if failed else "imported",
    }
    logger.info("import run: %d documents, %d failed", len(result.documents), failed, extra=fields)
