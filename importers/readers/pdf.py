"""Reader for real PDF files of orders and standards (pdfplumber).

Line numbers: a *line* is one physical text line of the PDF and its number
is ``page * 10000 + row`` (page 1-based, row = 1-based position of the line on
its page in reading order). ``Source.lines`` is indexed the usual way
(``lines[n - 1]`` is line ``n``), so it is a sparse list: the slots between
pages are empty strings.

Layout:

* Card tables come from pdfplumber's table finder (ruled tables,
  ``page.find_tables()``). Each table row lists the cells that *start* in
  that row (a cell merged over several rows or columns appears once, at its
  top-left slot, like an HTML ``rowspan`` / ``colspan``), so walking the rows
  left to right gives the canonical token order, exactly as for HTML tables.
* The words of a cell are grouped into lines, and lines into paragraphs: a
  line break is a paragraph break when the vertical gap is wider than line
  spacing, or when the next line's first word would have fitted at the end
  of the line (so the break was not a wrap). Wrapped lines are joined with a
  space (or without one after a hyphen followed by a lower-case letter).
* Text outside the tables (order title, annex header, standard heading,
  chapters 1, 2 and 4) is read the same way, in vertical order with the
  tables.
* A table that continues from the previous page: the cells of its first row
  continue the cells above them (matched by horizontal position), so a skill
  title or an ability list cut by the page break stays in its token; a line
  that was full at the bottom of the page is joined to the first line of the
  next page into one piece.

Tokens are then built by :func:`importers.readers.html.tokens_from_rows`,
the same grouping the HTML reader uses (labels only through
:func:`importers.labels.match_label`).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from importers.labels import match_label
from importers.readers.html import Para, Row, Unit, check_standard, tokens_from_rows
from importers.text import guess_language
from importers.tokens import Source

FORMAT = "pdf"
PAGE_LINES = 10000

# pdfminer logs every odd object of a damaged file at WARNING level.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def looks_like(data: bytes) -> bool:
    return data.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-"


@dataclass
class _Line:
    words: list[dict]

    @property
    def top(self) -> float:
        return min(w["top"] for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w["bottom"] for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0]["x0"]

    @property
    def x1(self) -> float:
        return self.words[-1]["x1"]

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


@dataclass
class _Block:
    """A cell (or the running text of a page region) with its lines."""

    x0: float
    x1: float
    lines: list[_Line] = field(default_factory=list)


def _lines(words: list[dict]) -> list[_Line]:
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1].words[0]["top"]) <= 2:
            lines[-1].words.append(word)
        else:
            lines.append(_Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    lines.sort(key=lambda line: line.top)
    return lines


def _is_wrap(prev: _Line, nxt: _Line, right: float) -> bool:
    """True when ``nxt`` continues ``prev`` (the break was a wrap)."""
    height = prev.bottom - prev.top
    if nxt.top - prev.bottom > 0.35 * height:
        return False
    first = nxt.words[0]
    space = 0.3 * height
    return prev.x1 + space + (first["x1"] - first["x0"]) > right


def _paragraphs(block: _Block, first_line: int) -> list[tuple[int, str, list[_Line]]]:
    """Group the block's lines into paragraphs: (first line number, text, lines)."""
    # Symmetric padding: the text's right limit mirrors its left indent.
    pad = max(0.0, min(line.x0 for line in block.lines) - block.x0) if block.lines else 0.0
    right = block.x1 - pad - 1.0
    paras: list[tuple[int, str, list[_Line]]] = []
    for n, line in enumerate(block.lines):
        if paras and _is_wrap(paras[-1][2][-1], line, right):
            start, text, lines = paras[-1]
            paras[-1] = (start, _join(text, line.text), [*lines, line])
        else:
            paras.append((first_line + n, line.text, [line]))
    return paras


def _join(left: str, right: str) -> str:
    if left.endswith("-") and left[-2:-1].isalpha() and right[:1].islower():
        return left + right
    return f"{left} {right}"


def _runs_on(block: _Block, nxt: _Line) -> bool:
    """True when ``nxt`` (first line on the next page) continues the block's last line:
    its first word would not have fitted at the end of that line."""
    if not block.lines:
        return False
    pad = max(0.0, min(line.x0 for line in block.lines) - block.x0)
    last = block.lines[-1]
    first = nxt.words[0]
    return last.x1 + 0.3 * (last.bottom - last.top) + (first["x1"] - first["x0"]) > block.x1 - pad - 1.0


class _Reader:
    def __init__(self, pdf, name: str):
        self.pdf = pdf
        self.name = name
        self.lines: list[str] = []
        self.rows: list[Row] = []
        self.tables = 0
        # Cells of the last table row(s) at the bottom of the previous page, and
        # whether the page ended inside a table.
        self.bottom_cells: list[_Block] = []
        self.ended_in_table = False
        self.running_tail: tuple[Row, _Block] | None = None

    def _set_line(self, number: int, text: str) -> None:
        if len(self.lines) < number:
            self.lines.extend([""] * (number - len(self.lines)))
        self.lines[number - 1] = text

    def read(self) -> None:
        for page_number, page in enumerate(self.pdf.pages, start=1):
            self._page(page_number, page)

    def _page(self, page_number: int, page) -> None:
        tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
        words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
        inside: list[list[dict]] = [[] for _ in tables]
        outside: list[dict] = []
        for word in words:
            cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
            for k, table in enumerate(tables):
                x0, top, x1, bottom = table.bbox
                if x0 <= cx <= x1 and top <= cy <= bottom:
                    inside[k].append(word)
                    break
            else:
                outside.append(word)
        # Reading order: running text between the tables, by vertical position.
        items: list[tuple[float, str, object]] = [(t.bbox[1], "table", k) for k, t in enumerate(tables)]
        running = _lines(outside)
        for line in running:
            items.append((line.top, "line", line))
        items.sort(key=lambda item: (item[0], item[1] == "table"))
        row_number = 0
        pending: list[_Line] = []
        first_item = True
        for _, kind, obj in items:
            if kind == "line":
                pending.append(obj)
                continue
            row_number = self._running(page_number, row_number, pending, page, first_item)
            first_item = first_item and not pending
            pending = []
            row_number = self._table(page_number, row_number, tables[obj], inside[obj], continues=first_item)
            first_item = False
            self.ended_in_table = True
        if pending:
            row_number = self._running(page_number, row_number, pending, page, first_item)
            self.ended_in_table = False
            self.bottom_cells = []

    def _running(self, page_number: int, row_number: int, lines: list[_Line], page, first_item: bool) -> int:
        if not lines:
            return row_number
        block = _Block(min(line.x0 for line in lines), max(line.x1 for line in lines), lines)
        # The text column's right edge: the page's right margin mirrors its left one.
        block.x1 = max(block.x1, page.width - block.x0)
        for n, line in enumerate(lines, start=1):
            self._set_line(page_number * PAGE_LINES + row_number + n, line.text)
        paras = _paragraphs(block, page_number * PAGE_LINES + row_number + 1)
        tail = self.running_tail
        if first_item and tail is not None and not self.ended_in_table and paras and _runs_on(tail[1], lines[0]):
            # A paragraph running on from the previous page.
            prev_row, _ = tail
            prev_para = prev_row.units[0].paras[0]
            prev_para.text = _join(prev_para.text, paras[0][1])
            paras = paras[1:]
        for line, text, para_lines in paras:
            row = Row([Unit([Para(line, text)])])
            self.rows.append(row)
            self.running_tail = (row, _Block(block.x0, block.x1, para_lines))
        return row_number + len(lines)

    def _table(self, page_number: int, row_number: int, table, words: list[dict], *, continues: bool) -> int:
        self.tables += 1
        continues = continues and self.ended_in_table
        cells: list[tuple[float, _Block]] = []
        previous = self.bottom_cells
        for r, table_row in enumerate(table.rows):
            units: list[Unit] = []
            for c, bbox in enumerate(table_row.cells):
                if bbox is None:
                    continue
                x0, top, x1, bottom = bbox
                cell_words = [
                    w
                    for w in words
                    if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom
                ]
                block = _Block(x0, x1, _lines(cell_words))
                first = page_number * PAGE_LINES + row_number + 1
                for n, line in enumerate(block.lines):
                    self._set_line(first + n, line.text)
                row_number += len(block.lines)
                paras = [Para(line, text) for line, text, _ in _paragraphs(block, first)]
                # In the first row of a continued table, the cells left of the first
                # label continue the cells above; the label and its value cells are new.
                if paras and match_label(paras[0].text):
                    continues = False
                unit = Unit(paras, column=c, x0=x0, x1=x1, continues=continues and r == 0)
                if unit.continues and paras:
                    above = _cell_above(previous, (x0 + x1) / 2)
                    paras[0].joins_previous = above is not None and _runs_on(above, block.lines[0])
                units.append(unit)
                cells.append((bottom, block))
            self.rows.append(Row(units, table=self.tables, row=r))
        # Cells reaching the table's bottom edge: the ones a next-page table continues.
        self.bottom_cells = [block for bottom, block in cells if bottom >= table.bbox[3] - 2]
        return row_number


def _cell_above(cells: list[_Block], x: float) -> _Block | None:
    for block in reversed(cells):
        if block.x0 <= x <= block.x1:
            return block
    return None


def read(data: bytes, name: str) -> Source:
    """Read a real PDF file (bytes) into a :class:`Source` (see the module docstring).

    Raises ``ValueError`` naming the file when the bytes are not a readable PDF
    or hold no professional standard.
    """
    import pdfplumber  # imported here: the other readers do not need it

    if not looks_like(data):
        raise ValueError(f"{name}: not a PDF file (no %PDF- header)")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            reader = _Reader(pdf, name)
            reader.read()
    except ValueError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise ValueError(f"{name}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    tokens = tokens_from_rows(reader.rows)
    check_standard(tokens, name, "PDF")
    return Source(
        name=name,
        lines=reader.lines,
        tokens=tokens,
        format=FORMAT,
        language=guess_language(" ".join(line for line in reader.lines if line)),
    )
