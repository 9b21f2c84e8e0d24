"""The text of a source document as the importer read it, line by line.

The registry keeps no copy of its own: a bundled document is read again from
``settings.ORDERS_DIR``. Its lines are split as the text readers split them
(``\\r\\n`` and ``\\r`` are line ends), so line *n* here is the line *n* that cards and
import issues cite.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings

from standards.models import SourceDocument


def source_path(document: SourceDocument) -> Path | None:
    """Where the document's file is, if it is still there with the content that was imported."""
    name = document.file_name
    if not name or Path(name).name != name:
        return None
    path = Path(settings.ORDERS_DIR) / name
    if not path.is_file():
        return None
    data = path.read_bytes()
    if document.sha256 and hashlib.sha256(data).hexdigest() != document.sha256:
        return None  # changed since the import: its line numbers would not be the ones cited
    return path


def imported_lines(document: SourceDocument) -> list[str] | None:
    """The document's lines (line 1 first), or None when its text is no longer there or is not text (a PDF)."""
    path = source_path(document)
    if path is None:
        return None
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
