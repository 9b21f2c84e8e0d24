"""Reader for text extracted from PDF files (seeds 000, 002 and 004).

The text keeps the PDF's line breaks, so this reader solves layout only:

* labels wrapped over up to 8 lines (blank lines between the parts allowed),
  matched through :func:`importers.labels.match_label` on the joined text;
* two labels on one line from the two-column layout
  ("Кәсіптік білім деңгейі: Білім деңгейі:", "Трудовая Задача 1: Умения:");
* a label split around its value ("Другие возможные Специалист …" /
  " названия профессии:"), and words broken without a hyphen
  ("инфокоммуникацион" / "ных"), which the 2019 text marks by a line that
  lacks the trailing space every other line has;
* values after blank lines, list items wrapped over lines (one piece per
  item), related-profession rows ("6 Name", broken across blank lines),
  bare page numbers inside a value (emitted as TEXT after the value);
* the 2019 layout's order (card list after the chapter heading, education
  and ETKS after the related professions) is put back into the canonical
  order of ``docs/importer-contract.md``.

Everything the reader cannot put under a label becomes a TEXT token.

This module walks the lines; its helpers live next to it: ``pdf_text_lines``
(logical lines, value shaping), ``pdf_text_labels`` (finding wrapped, chained
and split labels), ``pdf_text_columns`` (004's mixed education columns) and
``pdf_text_order`` (the canonical token order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers import labels as L
from importers.labels import match_label
from importers.readers.pdf_text_columns import EDUCATION_COLUMNS, column_pieces, untangle
from importers.readers.pdf_text_labels import Hit, LabelFinder
from importers.readers.pdf_text_lines import Line, first_block, logical_lines, paragraph, pieces
from importers.readers.pdf_text_order import canonical
from importers.text import guess_language
from importers.tokens import RELATED_ROW, TEXT, Piece, Source, Token

FORMAT = "pdf_text"

_RELATED_ROW = re.compile(r"^([1-9])(?:\s+(.*))?$")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")

_RELATED_SECTION = {L.RELATED, L.RELATED_LEVEL_COLUMN, L.RELATED_NAME_COLUMN}


def looks_like(data: bytes) -> bool:
    """PDF-extracted text: UTF-8 lines with no TAB cells, no markdown or HTML, and standard labels."""
    if data[:5] == b"%PDF-":
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if "\t" in text or "<p>" in text or "**" in text:
        return False
    lines = text.splitlines()
    if any(line.lstrip().startswith("#") for line in lines):
        return False
    seen = set()
    for line in lines:
        m = match_label(line)
        if m and m.concept in (L.CARD_HEADER, L.CHAPTER_1, L.CHAPTER_2, L.CHAPTER_3, L.STANDARD_HEADING):
            seen.add(m.concept)
        if len(seen) >= 2:
            return True
    return False


@dataclass
class _Open:
    """The label whose value is being collected."""

    hit: Hit
    lines: list[Line] = field(default_factory=list)  # includes blank lines, for paragraphs
    pending: list[Hit] = field(default_factory=list)  # chained labels waiting for a block each
    page_numbers: list[Line] = field(default_factory=list)
    early: bool = False  # abilities printed before their task (three columns on one row)


def read(data: bytes, name: str) -> Source:
    """Turn PDF-extracted text into tokens in the canonical order of the importer contract."""
    text = data.decode("utf-8-sig")
    raw = text.splitlines()
    tokens = _Reader(raw).run()
    return Source(name=name, lines=raw, tokens=tokens, format=FORMAT, language=guess_language(text))


class _Reader:
    """The walk over the logical lines: each label found opens a value that runs to the next label."""

    def __init__(self, raw: list[str]):
        self.lines = logical_lines(raw)
        self.labels = LabelFinder(self.lines)
        self.tokens: list[Token] = []
        self.held: tuple[Hit, list[Line]] | None = None  # early abilities, emitted after their task
        self.education: dict[str, tuple[Hit, list[Line]]] = {}  # the open education option's columns

    def run(self) -> list[Token]:
        current: _Open | None = None
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            if not line.text:
                if current:
                    current.lines.append(line)
                i += 1
                continue
            if current and self._is_page_number(i):
                current.page_numbers.append(line)
                i += 1
                continue
            found = self.labels.detect(i)
            if found is None:
                if current is None:
                    self.tokens.append(Token(TEXT, line.no, value=[Piece(line.no, line.text)]))
                else:
                    current.lines.append(line)
                i += 1
                continue
            hits, last = found
            self._close(current)
            current = self._open(hits)
            i = last + 1
        self._close(current)
        return canonical(self.tokens)

    def _is_page_number(self, i: int) -> bool:
        """A bare number after two or more blank lines and before a blank line: a page footer."""
        if not _PAGE_NUMBER.match(self.lines[i].text):
            return False
        before = self.lines[max(0, i - 2) : i]
        after = self.lines[i + 1 : i + 2]
        return len(before) == 2 and not any(x.text for x in before) and all(not x.text for x in after)

    def _open(self, hits: list[Hit]) -> _Open:
        previous = self.tokens[-1].concept if self.tokens else None
        for hit in hits:
            if hit.concept == L.PROFESSION_NAME and previous == L.RELATED_LEVEL_COLUMN:
                hit.concept = L.RELATED_NAME_COLUMN
            if hit.concept == L.CARD_HEADER:
                self.labels.in_card = True
            elif hit.concept in (L.CHAPTER_4, L.CHAPTER_1, L.CHAPTER_2):
                self.labels.in_card = False
            previous = hit.concept
        *chained, last = hits
        early = (
            not chained
            and last.concept == L.ABILITIES
            and bool(self.tokens)
            and self.tokens[-1].concept in (L.LABOUR_FUNCTION, L.ADDITIONAL_LABOUR_FUNCTION)
        )
        pending: list[Hit] = []
        for hit in chained:
            if hit.concept in L.EMPTY_HEADINGS or hit.rest:  # a heading chained before a label
                self._emit(hit, hit.rest)
            else:
                pending.append(hit)
        return _Open(last, lines=[Line(p.line, p.text) for p in last.rest], pending=pending, early=early)

    def _close(self, current: _Open | None) -> None:
        if current is None:
            return
        lines = current.lines
        for hit in current.pending:  # chained labels take one block each, in order
            block, lines = first_block(lines)
            self._emit(hit, [paragraph(block)] if block else [])
        hit = current.hit
        if current.early:
            self._hold_early_abilities(hit, lines)
        elif self.held is not None:
            self._release_early_abilities(hit, lines)
        elif hit.concept in _RELATED_SECTION:
            # "- -": the table is empty; the dashes stay with the section label.
            dashes = [x for x in lines if x.text and not x.text.strip("-–— ")]
            self._emit(hit, [Piece(x.no, x.text) for x in dashes])
            self._related_rows([x for x in lines if x not in dashes])
        elif hit.concept in EDUCATION_COLUMNS:
            self._education(hit, lines)
        else:
            self._emit(hit, pieces(hit.concept, lines))
        self._page_numbers(current)

    def _education(self, hit: Hit, lines: list[Line]) -> None:
        """Emit one education column; the qualification column, the last of the three,
        first gives back the lines the PDF text interleaved into it (see ``pdf_text_columns.untangle``)."""
        if hit.concept == L.EDUCATION_LEVEL:
            self.education = {}
        self.education[hit.concept] = (hit, lines)
        if hit.concept != L.QUALIFICATION:
            self._emit(hit, pieces(hit.concept, lines))
            return
        columns = untangle({concept: value for concept, (_, value) in self.education.items()})
        if columns is None:
            self._emit(hit, pieces(hit.concept, lines))
            return
        for concept, (earlier, _) in self.education.items():
            token = next((t for t in reversed(self.tokens) if t.concept == concept and t.line == earlier.line), None)
            if token is not None:
                token.value = column_pieces(columns[concept])
        self._emit(hit, column_pieces(columns[L.QUALIFICATION]))
        self.education = {}

    def _page_numbers(self, current: _Open) -> None:
        for page in current.page_numbers:
            self.tokens.append(Token(TEXT, page.no, value=[Piece(page.no, page.text)]))

    def _hold_early_abilities(self, hit: Hit, lines: list[Line]) -> None:
        """004 line 1067: "Трудовая функция 3:" / "Решение, возникших" / "Умения:" / "1. Настраивать …" /
        " проблем при" / … / "Задача 1:". Three columns share the rows: the first item line belongs to the
        abilities, the narrow lines after it continue the labour function's title, and the rest of the
        abilities follows the task's title."""
        texts = [x for x in lines if x.text]
        function = self.tokens[-1]
        if len(texts) > 1:
            title = paragraph([Line(p.line, p.text) for p in function.value] + texts[1:])
            function.value = [title]
        self.held = (hit, texts[:1])

    def _release_early_abilities(self, hit: Hit, lines: list[Line]) -> None:
        held, held_lines = self.held
        self.held = None
        if hit.concept == L.SKILL:
            title, rest = first_block(lines)
            self._emit(hit, [paragraph(title)] if title else [])
            self._emit(held, pieces(L.ABILITIES, held_lines + rest))
        else:
            self._emit(held, pieces(L.ABILITIES, held_lines))
            self._emit(hit, pieces(hit.concept, lines))

    def _emit(self, hit: Hit, value: list[Piece]) -> None:
        self.tokens.append(Token(hit.concept, hit.line, number=hit.number, value=value, label=hit.label))

    def _related_rows(self, lines: list[Line]) -> None:
        """Rows "6 Name" (the name may follow after blank lines) -> RELATED_ROW tokens."""
        row: Token | None = None
        for line in lines:
            if not line.text:
                continue
            m = _RELATED_ROW.match(line.text)
            if m:
                row = Token(RELATED_ROW, line.no, number=int(m.group(1)), value=[])
                if m.group(2):
                    row.value.append(Piece(line.no, m.group(2)))
                self.tokens.append(row)
            elif row is not None:
                if row.value:
                    row.value[0] = Piece(row.value[0].line, f"{row.value[0].text} {line.text}")
                else:
                    row.value.append(Piece(line.no, line.text))
            else:
                self.tokens.append(Token(TEXT, line.no, value=[Piece(line.no, line.text)]))
