"""The tokens of one card of order 209 (seed 003), in the canonical order of ``docs/importer-contract.md``.

A card span runs from its header row to its last related-profession row, in three
parts: the header fields (up to the additional-functions row), the labour-function
rows (rebuilt by :mod:`importers.readers.markdown_functions`), and the tail
(competencies, regulations, the related-professions table).
"""

from __future__ import annotations

import re

from importers import labels as L
from importers.labels import match_label
from importers.readers.markdown_cells import Cell, Stream, add_item, titled
from importers.readers.markdown_functions import function_tokens
from importers.readers.table_rows import is_level_cell, starts_lowercase
from importers.text import collapse
from importers.tokens import RELATED_ROW, TEXT, Piece, Token

FUNCTION_LABELS = {L.LABOUR_FUNCTION, L.ADDITIONAL_LABOUR_FUNCTION, L.SKILL, L.ABILITIES, L.KNOWLEDGE, L.RECOGNITION}
_TAIL_LABELS = {L.PERSONAL_COMPETENCIES, L.REGULATIONS, L.RELATED}


def card_tokens(rows: list[list[Cell]]) -> list[Token]:
    """Tokens of one card span (header row .. last related row), in canonical order."""
    tokens: list[Token] = []
    stream = Stream(tokens)
    start, function_list = _header(rows, stream)
    end, k = _function_rows(rows, start)
    spilled = [Piece(c.line, c.text) for row in rows[end:k] for c in row]
    if start < end:
        tokens.extend(function_tokens(rows[start:end], function_list))
    stream.close()
    tail_start = len(tokens)
    _tail(rows[k:], stream)
    if spilled:
        target = next((t for t in tokens[tail_start:] if t.concept == L.PERSONAL_COMPETENCIES), None)
        if target is not None:
            target.value = spilled + target.value
        else:
            tokens[tail_start:tail_start] = [Token(TEXT, p.line, value=[p], column=1) for p in spilled]
    return tokens


def _header(rows: list[list[Cell]], stream: Stream) -> tuple[int, list[Piece]]:
    """Emit the header fields, up to and including the additional-functions row.

    Returns the index of the first row after them and the list of mandatory functions.
    """
    k = 0
    displaced: list[Piece] = []  # list items printed above "Перечень трудовых функций:"
    mandatory: Token | None = None
    awaiting_education: list[Token] = []  # empty education labels whose values come on a later row
    while k < len(rows):
        row = rows[k]
        labels = [match_label(c.text) for c in row]
        concepts = {f.concept for f in labels if f}
        if concepts & (FUNCTION_LABELS | _TAIL_LABELS):
            break
        for cell, found in zip(row, labels, strict=False):
            if found and found.concept in (L.LABOUR_FUNCTION, L.ADDITIONAL_LABOUR_FUNCTION, L.SKILL):
                stream.text(cell)
            elif found:
                token = stream.label(cell, found)
                if found.concept in (L.EDUCATION_LEVEL, L.SPECIALTY) and not found.rest:
                    awaiting_education.append(token)
                elif found.concept != L.EDUCATION:
                    awaiting_education.clear()
                if found.concept == L.CARD_HEADER:
                    titled(token)
                if found.concept == L.MANDATORY_FUNCTIONS:
                    mandatory = token
            elif stream.current is not None and stream.current.concept == L.EDUCATION and awaiting_education:
                # "⇥Уровень образования:⇥Специальность:" with the values on the next row, after
                # "Уровень профессионального образования:" (003:3919/3921, 3012/3014).
                awaiting_education.pop(0).value.append(Piece(cell.line, cell.text))
            elif stream.current is not None and stream.current.concept == L.FUNCTIONS_DESCRIPTION:
                displaced.append(Piece(cell.line, cell.text))
            elif stream.current is not None and stream.current.concept == L.FUNCTION_LIST and mandatory is not None:
                mandatory.value.append(Piece(cell.line, cell.text))  # list printed below its label
            else:
                stream.text(cell)
        k += 1
        if L.ADDITIONAL_FUNCTIONS in concepts:
            break
    if mandatory is not None:
        items: list[Piece] = []
        for piece in displaced + mandatory.value:
            add_item(items, piece.line, piece.text)
        mandatory.value = items
    elif displaced:
        stream.tokens.extend(Token(TEXT, p.line, value=[p]) for p in displaced)
    return k, mandatory.value if mandatory else []


def _function_rows(rows: list[list[Cell]], start: int) -> tuple[int, int]:
    """The labour-function rows from ``start``: ``(end, tail)``, the rows ``rows[end:tail]``
    being the first part of the personal competencies.

    Rows of plain text in the first two columns just above "Требования к личностным
    компетенциям:" are the first part of that value (the flattened cell spilled upwards;
    003:2212 has no leading TAB).
    """
    k = start
    while k < len(rows):
        if any((f := match_label(c.text)) and f.concept in _TAIL_LABELS for c in rows[k]):
            break
        k += 1
    end = k
    while end - 1 > start and all(
        c.column in (0, 1) and not match_label(c.text) and not starts_lowercase(c.text) for c in rows[end - 1]
    ):
        end -= 1
    return end, k


def _tail(rows: list[list[Cell]], stream: Stream) -> None:
    """Emit competencies, regulations and the related professions.

    The related-professions table: its column headers can come before the
    "Связь с другими профессиями…" label, and its first row on the label's row.
    """
    related: list[Token] = []
    columns: list[Token] = []
    related_rows: list[Token] = []
    for row in rows:
        found_all = [match_label(c.text) for c in row]
        concepts = {f.concept for f in found_all if f}
        outside_table = not (concepts & {L.RELATED, L.RELATED_LEVEL_COLUMN}) and not related and not columns
        if outside_table or concepts & {L.PERSONAL_COMPETENCIES, L.REGULATIONS}:
            for cell, found in zip(row, found_all, strict=False):
                stream.label(cell, found) if found else stream.text(cell)
            continue
        rest = list(row)
        if L.RELATED in concepts:
            n = next(i for i, f in enumerate(found_all) if f and f.concept == L.RELATED)
            related_rows.extend(_text_token(cell) for cell in row[:n])
            related.append(_related_label(row[n], found_all[n]))
            rest = row[n + 1 :]
        found_rest = [match_label(c.text) for c in rest]
        if any(f and f.concept == L.RELATED_LEVEL_COLUMN and not f.rest for f in found_rest):
            for cell, f in zip(rest, found_rest, strict=False):
                if f and f.concept == L.RELATED_LEVEL_COLUMN:
                    columns.append(Token(f.concept, cell.line, column=cell.column, row=cell.row, label=f.label))
                elif f and f.concept == L.PROFESSION_NAME:
                    columns.append(_related_label(cell, f, L.RELATED_NAME_COLUMN))
                else:
                    related_rows.append(_text_token(cell))
        elif rest:
            related_rows.extend(_related_rows(rest))  # "⇥6⇥Name" or "Уровень ОРК: 7⇥Наименование профессии: Name"
    stream.tokens.extend(related + columns + related_rows)


def _related_label(cell: Cell, found, concept: str = L.RELATED) -> Token:
    """The "Связь с другими профессиями…" label (or a name column header) with the text after it."""
    return Token(
        concept,
        cell.line,
        column=cell.column,
        row=cell.row,
        label=found.label,
        value=[Piece(cell.line, found.rest)] if found.rest else [],
    )


def _text_token(cell: Cell) -> Token:
    return Token(TEXT, cell.line, value=[Piece(cell.line, cell.text)], column=cell.column)


def _related_rows(cells: list[Cell]) -> list[Token]:
    """``⇥6⇥Name⇥`` (or ``Уровень ОРК: 6⇥Наименование профессии: Name``) -> RELATED_ROW."""
    level: int | None = None
    names: list[Piece] = []
    first = cells[0] if cells else None
    label = ""
    for cell in cells:
        text = cell.text
        found = match_label(text)
        if found and found.concept in (L.RELATED_LEVEL_COLUMN, L.PROFESSION_NAME):
            label = collapse(label + " " + found.label)
            text = found.rest
            if not text:
                continue
        if level is None and not names and is_level_cell(text):
            level = int(re.match(r"\d+", text).group())
            label = collapse(f"{label} {text}")  # the parser reads a range ("5-6") from the label
        else:
            names.append(Piece(cell.line, text))
    if first is None or (level is None and not names):
        return []
    name = [Piece(names[0].line, collapse(" ".join(p.text for p in names)))] if names else []
    return [Token(RELATED_ROW, first.line, number=level, value=name, column=first.column, row=first.row, label=label)]
