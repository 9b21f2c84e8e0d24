"""Cells and rows of the markdown + TAB text of order 209 (seed 003), and the stream that labels them.

A TAB line is a row of cells with HTML inside, a markdown paragraph a one-cell row.
:func:`read_rows` cuts lines into such rows, splitting fused cells ("Не рекомендуется
Умения: …") and joining labels split over two rows; :class:`Stream` turns cells into
tokens where no table needs rebuilding (chapters, passport, card header and tail);
:func:`add_item` grows a numbered list from the pieces of its cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from importers import labels as L
from importers.labels import match_label
from importers.readers.table_rows import cell_pieces, split_numbered, starts_lowercase
from importers.text import collapse, unquote
from importers.tokens import TEXT, Piece, Token

# Labels that can sit inside another cell's text and must start a piece of their own.
_FUSABLE = {L.ABILITIES, L.KNOWLEDGE, L.RECOGNITION, L.SKILL, L.LABOUR_FUNCTION, L.ADDITIONAL_LABOUR_FUNCTION}
# After these tokens, unlabelled text is not their value.
_NO_VALUE = L.HEADINGS | {L.FUNCTIONS_DESCRIPTION, L.FUNCTION_LIST}
_LIST_ITEM = re.compile(r"^\s*(?:[-•]\s+)?\d{1,3}\s*[.)]\s")
_UPPER_WORD = re.compile(r"(?<=\s)(?=[^\W\d_])")


@dataclass
class Cell:
    row: int  # index of the row inside its span
    column: int | None  # None for a markdown paragraph
    line: int
    text: str


def split_fused(text: str) -> list[str]:
    """``"Не рекомендуется Умения: 1. …"`` -> ``["Не рекомендуется", "Умения: 1. …"]``."""
    parts: list[str] = []
    start = 0
    for m in _UPPER_WORD.finditer(text):
        if not text[m.start()].isupper():
            continue
        found = match_label(text[m.start() : m.start() + 200], allow_passport_number=False)
        if found and found.concept in _FUSABLE:
            parts.append(text[start : m.start()].strip())
            start = m.start()
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def continues(line: str) -> bool:
    """Whether a line after a markdown hard break continues the paragraph (not a new list item)."""
    return bool(line.strip()) and "\t" not in line and not _LIST_ITEM.match(line)


def read_rows(lines: list[str], start: int, end: int) -> list[list[Cell]]:
    """The non-blank lines of ``lines[start:end]`` as rows of cells (pieces of text).

    A TAB line is one row, one cell per TAB-separated column, each cell split into
    its HTML pieces. A markdown line is a one-cell row; lines ending in a hard
    break are joined with the next line.
    """
    rows: list[list[Cell]] = []
    i = start
    while i < end:
        raw = lines[i]
        if not raw.strip():
            i += 1
            continue
        row: list[Cell] = []
        if "\t" in raw:
            for column, cell in enumerate(raw.split("\t")):
                for piece in cell_pieces(cell):
                    row.extend(Cell(len(rows), column, i + 1, p) for p in split_fused(piece))
            i += 1
        else:
            text, j = raw, i
            while (text.endswith("  ") or text.endswith("\\")) and j + 1 < end and continues(lines[j + 1]):
                j += 1
                text = text.rstrip(" \\") + " " + lines[j]
            for piece in cell_pieces(text):
                row.extend(Cell(len(rows), None, i + 1, p) for p in split_fused(piece))
            i = j + 1
        if row:
            rows.append(row)
    return _join_split_labels(rows)


def _join_split_labels(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Join a label split over two rows ("Список технических регламентов и" / "национальных стандартов:")."""
    out: list[list[Cell]] = []
    skip = False
    for k, row in enumerate(rows):
        if skip:
            skip = False
            continue
        first = row[0]
        if k + 1 < len(rows) and not match_label(first.text) and first.column in (0, None):
            nxt = rows[k + 1][0]
            joined = match_label(first.text + " " + nxt.text)
            if joined and joined.concept not in (TEXT,) and len(collapse(joined.label)) > len(first.text):
                merged = Cell(first.row, first.column, first.line, first.text + " " + nxt.text)
                out.append([merged, *row[1:], *rows[k + 1][1:]])
                skip = True
                continue
        out.append(row)
    for index, row in enumerate(out):
        for cell in row:
            cell.row = index
    return out


class Stream:
    """Turns cells into tokens: a label opens a token, other text is its value or TEXT."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.current: Token | None = None

    def label(self, cell: Cell, found, concept: str | None = None) -> Token:
        token = Token(
            concept or found.concept,
            cell.line,
            number=found.number,
            column=cell.column,
            row=cell.row,
            label=found.label,
        )
        if found.rest:
            token.value.append(Piece(cell.line, found.rest))
        self.tokens.append(token)
        self.current = token
        return token

    def text(self, cell: Cell) -> None:
        if self.current is not None and self.current.concept not in _NO_VALUE:
            self.current.value.append(Piece(cell.line, cell.text))
        else:
            self.tokens.append(
                Token(TEXT, cell.line, value=[Piece(cell.line, cell.text)], column=cell.column, row=cell.row)
            )

    def close(self) -> None:
        self.current = None


def titled(token: Token) -> Token:
    """Heading tokens carry the title without quotes and colon."""
    if token.value:
        first = token.value[0]
        token.value = [Piece(first.line, unquote(first.text)), *token.value[1:]]
    return token


def add_item(items: list[Piece], line: int, text: str) -> None:
    """Append text to a list of items: a lowercase start continues the last item."""
    if items and starts_lowercase(text):
        last = items.pop()
        parts = split_numbered(last.text + " " + text)
        items.append(Piece(last.line, parts[0]))
        items.extend(Piece(line, p) for p in parts[1:])
        return
    items.extend(Piece(line, p) for p in split_numbered(text))
