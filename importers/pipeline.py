"""From a file to a checked :class:`DocumentRecord`: guard, detect, read, parse, validate.

Pure: no Django. Bad input raises :class:`DocumentError`, whose message is one line
naming the file (and the line where it applies); nothing has been written then.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from pathlib import Path
from types import ModuleType

from importers.records import DocumentRecord

MAX_BYTES = 20 * 1024 * 1024

# Detection order matters: the binary and markup formats first, then the text
# layouts from the most to the least specific.
FORMATS = ["pdf", "html", "markdown_text", "legal_text", "pdf_text"]


class DocumentError(Exception):
    """A document that cannot be imported. ``str()`` is a one-line message naming the file."""

    def __init__(self, file_name: str, message: str, line: int | None = None):
        super().__init__(message)
        self.file_name = file_name
        self.message = message
        self.line = line

    def __str__(self) -> str:
        where = f"{self.file_name}:{self.line}" if self.line else self.file_name
        return f"{where}: {self.message}"


def reader_for(format_name: str) -> ModuleType:
    if format_name not in FORMATS:
        raise ValueError(f"unknown format {format_name!r}; choose one of {', '.join(FORMATS)}")
    return importlib.import_module(f"importers.readers.{format_name}")


def detect_format(data: bytes, name: str) -> str:
    """Name the reader whose layout ``data`` has, or raise :class:`DocumentError`."""
    for format_name in FORMATS:
        if reader_for(format_name).looks_like(data):
            return format_name
    raise DocumentError(name, "not a professional standard in any known layout (text, PDF or HTML)")


def check_bytes(data: bytes, name: str) -> None:
    """Refuse empty, oversized, binary and non-UTF-8 input before any reader sees it."""
    if len(data) > MAX_BYTES:
        raise DocumentError(name, f"file is {len(data) / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB")
    if not data.strip():
        raise DocumentError(name, "empty file")
    if data.startswith(b"%PDF"):
        return
    if b"\x00" in data[:65536]:
        raise DocumentError(name, "binary file: not a text, PDF or HTML document")
    if b"\x00" in data:  # further on: no database stores a NUL in a text (found by the importer fuzzer)
        raise DocumentError(name, "a NUL byte in the text", data.count(b"\n", 0, data.index(b"\x00")) + 1)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        hint = " (it looks like Windows-1251; save it as UTF-8)" if _looks_like_cp1251(data) else ""
        raise DocumentError(name, f"not UTF-8 text{hint}", line) from None


def _looks_like_cp1251(data: bytes) -> bool:
    sample = data[:65536].decode("cp1251", errors="replace")
    letters = [c for c in sample if c.isalpha()]
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    return bool(letters) and cyrillic / len(letters) > 0.3


def parse_bytes(data: bytes, name: str, format_name: str | None = None, sha256: str = "") -> DocumentRecord:
    """Read, parse and validate one document given as bytes (``sha256``: their digest, if known)."""
    from importers.parser import parse

    check_bytes(data, name)
    format_name = format_name or detect_format(data, name)
    try:
        source = reader_for(format_name).read(data, name)
        record = parse(source)
    except DocumentError:
        raise
    except ValueError as exc:
        raise DocumentError(name, str(exc)) from None
    record.file_name = name
    record.annex_titles = record.annex_titles or preamble_titles(source.lines)
    record.sha256 = sha256 or hashlib.sha256(data).hexdigest()
    record.format = format_name
    validate(record)
    return record


_QUOTED = r"[\"«“](?P<title>[^\"»”]+)[\"»”]"
_PREAMBLE_ITEMS = [
    # ru: 9) профессиональный стандарт: "…" согласно приложению 9 …
    re.compile(r"^\s*(?P<n>\d{1,2})\)\s*профессиональный стандарт\s*:?\s*" + _QUOTED, re.IGNORECASE),
    # kk: 9) осы бұйрыққа 1-қосымшаға сәйкес "…" кәсіптік стандарты;
    re.compile(r"^\s*(?P<n>\d{1,2})\)\s*осы бұйрық.*?сәйкес\s*" + _QUOTED + r"\s*кәсі", re.IGNORECASE),
]


def preamble_titles(lines: list[str]) -> dict[int, str]:
    """Standard titles by annex from an order's preamble ("9) кәсіптік стандарт "…" …").

    The item number is the annex of order 569: the Kazakh preamble cites the wrong
    annex numbers for items 9–22 in its text, but its items are numbered right.
    """
    titles: dict[int, str] = {}
    for line in lines[:200]:
        line = line.replace("\xa0", " ")
        match = next((m for pattern in _PREAMBLE_ITEMS if (m := pattern.match(line))), None)
        if match:
            titles.setdefault(int(match.group("n")), " ".join(match.group("title").split()))
    return titles


def read_document(path: Path | str) -> bytes:
    """The bytes of one document file; raises :class:`DocumentError` for an unreadable or oversized one."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(path.name, f"file is {size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB")
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(path.name, f"cannot read the file: {exc.strerror}") from None


def parse_file(path: Path | str, format_name: str | None = None) -> DocumentRecord:
    """Read, parse and validate one document file."""
    return parse_bytes(read_document(path), Path(path).name, format_name)


def validate(record: DocumentRecord) -> None:
    """Raise :class:`DocumentError` for a document that is not a standard, or is truncated."""
    name = record.file_name
    if not record.editions:
        raise DocumentError(name, "not a professional standard: no standard heading or profession card found")
    for edition in record.editions:
        label = edition.code or edition.title or "a standard"
        if not edition.cards:
            raise DocumentError(name, f"{label}: no profession cards found", edition.first_line or None)
        expected = sum(
            (item.level_max - item.level_min + 1) if item.level_min and item.level_max else 1
            for item in edition.card_list
        )
        if edition.card_list and len(edition.cards) < expected:
            raise DocumentError(
                name,
                f"{label}: truncated: the passport lists {expected} cards, the text has {len(edition.cards)}",
                edition.cards[-1].first_line or edition.first_line or None,
            )
        for card in edition.cards:
            if not card.labour_functions:
                raise DocumentError(
                    name, f"{label}: card {card.title or card.position!r} has no labour functions", card.first_line
                )
