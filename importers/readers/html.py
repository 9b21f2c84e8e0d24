"""Reader for order / standard pages as the legal database serves them (HTML).

The page is walked in document order with lxml. Outside tables every block
(``<p>``, ``<h1>``..``<h6>``, ``<li>``, a ``<div>`` with text, each
``<br>``-separated part) is one *paragraph*. A ``<table>`` is expanded into a
grid honouring ``rowspan`` / ``colspan``; each cell is read once, at its
origin (top-left) slot, and its paragraphs become lines in row-major order.
So for a card table

    | Еңбек функциясы 1: … (rowspan) | Дағды 1: … (rowspan 3) | Машықтар: … |
    |                                 |                        | Білімдер: … |
    |                                 |                        | Дағдыны тану мүмкіндігі: | Ұсынылмайды |

the lines come out as LF, skill, abilities, knowledge, recognition label,
recognition value: the canonical token order of docs/importer-contract.md.

``Source.lines`` holds one entry per paragraph (outside tables) or per
paragraph of a table cell, in that order; ``Piece.line`` and ``Token.line``
are 1-based indexes into it. ``Token.row`` / ``Token.column`` are the grid
row / column of the cell within its table.

Tokens: a paragraph that starts with a label (only through
:func:`importers.labels.match_label`) opens a token; the following unlabelled
paragraphs (the rest of the cell, the value cells of the row, the next
paragraphs) are its value until the next label. Headings (chapter, card
header, standard heading, the function-list and related-professions headers)
take values only from their own cell; a review date printed on its label's
line takes nothing after it (the next annex's header block follows). A
token's value never crosses from a table to the text outside it or back. The rows under the related-professions
column headers become ``RELATED_ROW`` tokens (first cell = ОРК level, the
others = the name). Anything else is a ``TEXT`` token, one per paragraph.

The grouping of paragraphs into tokens (:func:`tokens_from_rows`) is shared
with :mod:`importers.readers.pdf`, which feeds it the cells of pdfplumber's
tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from importers import labels as L
from importers.labels import match_label
from importers.text import collapse, guess_language
from importers.tokens import ANNEX, RELATED_ROW, TEXT, Piece, Source, Token

FORMAT = "html"

# The annex header ("8-қосымша", "№ 569 / НҚ 13-қосымша", "Приложение 9 к
# приказу") has no label in importers.labels: ANNEX is a concept only readers
# emit (importers.tokens), so it is recognised here.
_ANNEX = re.compile(
    r"(?:^|\s)(?P<n>\d{1,3})\s*-\s*қосымша\.?$|^приложение\s+(?P<m>\d{1,3})(?:\s+к\s+приказу)?\.?$", re.IGNORECASE
)

_SKIP = {
    "script",
    "style",
    "head",
    "title",
    "noscript",
    "template",
    "iframe",
    "object",
    "svg",
    "button",
    "select",
    "input",
    "textarea",
}
_BLOCK = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "blockquote",
    "pre",
    "center",
    "form",
    "body",
    "html",
    "address",
    "figure",
    "figcaption",
    "hr",
    "tr",
    "td",
    "th",
    "caption",
}

# Headings (every kind in the heading table): their value is only what their own cell holds.
_CLOSED = frozenset(L.HEADING_KINDS)
# The last field of a standard: when its value is on the label's line, what
# follows (the next annex's header block) is not part of it.
_INLINE_ONLY = {L.REVIEW_DATE}
# Concepts that show a document is a professional standard at all.
STANDARD_CONCEPTS = {
    L.STANDARD_HEADING,
    L.CHAPTER_1,
    L.CHAPTER_2,
    L.CHAPTER_3,
    L.CARD_HEADER,
    L.STANDARD_CODE,
    L.STANDARD_TITLE,
    L.LABOUR_FUNCTION,
    L.SKILL,
}


# --- the layout model shared with the PDF reader -------------------------------


@dataclass
class Para:
    """One paragraph of a cell or of the running text."""

    line: int
    text: str
    joins_previous: bool = False  # PDF: the paragraph continues the previous piece (page break)


@dataclass
class Unit:
    """A table cell (``column`` set) or one paragraph of running text."""

    paras: list[Para]
    column: int | None = None
    x0: float | None = None  # PDF: horizontal extent of the cell
    x1: float | None = None
    continues: bool = False  # PDF: the cell continues the cell above it on the previous page


@dataclass
class Row:
    units: list[Unit]
    table: int | None = None  # table number in the document, None for running text
    row: int | None = None  # row index inside the table


@dataclass
class _State:
    tokens: list[Token] = field(default_factory=list)
    open: Token | None = None
    open_unit: int | None = None  # id() of the unit the open token started in
    in_table: bool | None = None
    related: bool = False
    by_x: list[tuple[float, float, Token]] = field(default_factory=list)  # PDF: last token per cell extent


def _annex_number(text: str) -> int | None:
    m = _ANNEX.search(text)
    if not m:
        return None
    return int(m.group("n") or m.group("m"))


def _related_row(row: Row, state: _State) -> None:
    cells = [u for u in row.units if any(p.text for p in u.paras)]
    if not cells:
        return
    first = row.units[0]
    level_text = " ".join(p.text for p in first.paras).strip() if len(row.units) > 1 else ""
    name_units = row.units[1:] if len(row.units) > 1 else row.units
    pieces = [Piece(p.line, p.text) for u in name_units for p in u.paras if p.text]
    number = int(level_text) if level_text.isdigit() else None
    line = min(p.line for u in cells for p in u.paras)
    if level_text and number is None:
        state.tokens.append(
            Token(
                TEXT,
                first.paras[0].line,
                value=[Piece(p.line, p.text) for p in first.paras],
                column=first.column,
                row=row.row,
            )
        )
    state.tokens.append(Token(RELATED_ROW, line, number=number, value=pieces, column=name_units[0].column, row=row.row))
    state.open = None


def tokens_from_rows(rows: list[Row]) -> list[Token]:
    """Group paragraphs into tokens (see the module docstring)."""
    state = _State()
    for row in rows:
        in_table = row.table is not None
        if state.in_table is not None and in_table != state.in_table:
            state.open = None  # values never cross a table border
            state.related = False
        state.in_table = in_table
        labelled = any(match_label(p.text) for u in row.units for p in u.paras)
        if state.related and in_table and not labelled:
            _related_row(row, state)
            continue
        state.related = False
        for unit in row.units:
            for para in unit.paras:
                _paragraph(para, unit, row, state)
    return state.tokens


def _paragraph(para: Para, unit: Unit, row: Row, state: _State) -> None:
    m = match_label(para.text)
    if m:
        concept = m.concept
        last = state.tokens[-1] if state.tokens else None
        if concept == L.PROFESSION_NAME and last is not None and last.concept == L.RELATED_LEVEL_COLUMN:
            concept = L.RELATED_NAME_COLUMN
        token = Token(
            concept,
            para.line,
            number=m.number,
            value=[Piece(para.line, m.rest)] if m.rest else [],
            column=unit.column,
            row=row.row,
            label=m.label,
        )
        state.tokens.append(token)
        state.open, state.open_unit = token, id(unit)
        if unit.x0 is not None and unit.x1 is not None:
            state.by_x.append((unit.x0, unit.x1, token))
        if concept in (L.RELATED_LEVEL_COLUMN, L.RELATED_NAME_COLUMN):
            state.related = True
        if concept in _INLINE_ONLY and m.rest:
            state.open = None
        return
    number = _annex_number(para.text)
    if number is not None and len(para.text) <= 40:  # a header line, not a sentence citing an annex
        state.tokens.append(Token(ANNEX, para.line, number=number, column=unit.column, row=row.row, label=para.text))
        state.open = None
        return
    token = state.open
    if unit.continues:
        token = _token_above(unit, state) or token
    if token is not None and (token.concept not in _CLOSED or state.open_unit == id(unit) or unit.continues):
        if para.joins_previous and token.value:
            token.value[-1].text = _join(token.value[-1].text, para.text)
        else:
            token.value.append(Piece(para.line, para.text))
        return
    state.tokens.append(Token(TEXT, para.line, value=[Piece(para.line, para.text)], column=unit.column, row=row.row))
    state.open = None


def _token_above(unit: Unit, state: _State) -> Token | None:
    """The last token opened in the cell above ``unit`` (same horizontal position)."""
    centre = ((unit.x0 or 0.0) + (unit.x1 or 0.0)) / 2
    for x0, x1, token in reversed(state.by_x):
        if x0 <= centre <= x1:
            return token
    return None


def _join(left: str, right: str) -> str:
    if left.endswith("-") and left[-2:-1].isalpha() and right[:1].islower():
        return left + right
    return f"{left} {right}"


def check_standard(tokens: list[Token], name: str, what: str) -> None:
    if not any(t.concept in STANDARD_CONCEPTS for t in tokens):
        raise ValueError(
            f"{name}: no professional standard found in this {what} (no standard heading, chapter or card label)"
        )


# --- HTML -------------------------------------------------------------------------


def looks_like(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head


class _Flow:
    """Collects the paragraphs of running text (or of one cell)."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.buf: list[str] = []
        self.paras: list[Para] = []

    def add(self, text: str | None) -> None:
        if text:
            self.buf.append(text)

    def flush(self) -> None:
        text = collapse("".join(self.buf))
        self.buf = []
        if text:
            self.lines.append(text)
            self.paras.append(Para(len(self.lines), text))


class _Page:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.rows: list[Row] = []
        self.tables = 0

    def walk(self, el: etree._Element, flow: _Flow, *, nested: bool = False) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if tag is None or tag in _SKIP:
            return  # comments, processing instructions, scripts: their tail is added by the parent
        if tag == "table":
            flow.flush()
            if nested:
                self._flatten_table(el, flow)
            else:
                self._emit_running(flow)
                self._table(el)
            return
        if tag == "br":
            flow.flush()
            return
        block = tag in _BLOCK
        if block:
            flow.flush()
        flow.add(el.text)
        for child in el:
            self.walk(child, flow, nested=nested)
            flow.add(child.tail)
        if block:
            flow.flush()

    def _emit_running(self, flow: _Flow) -> None:
        for para in flow.paras:
            self.rows.append(Row([Unit([para])]))
        flow.paras = []

    def _flatten_table(self, table: etree._Element, flow: _Flow) -> None:
        for cell in table.iter("td", "th"):
            self.walk_cell_into(cell, flow)

    def walk_cell_into(self, cell: etree._Element, flow: _Flow) -> None:
        flow.add(cell.text)
        for child in cell:
            self.walk(child, flow, nested=True)
            flow.add(child.tail)
        flow.flush()

    def _table(self, table: etree._Element) -> None:
        self.tables += 1
        occupied: set[tuple[int, int]] = set()
        trs = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        for r, tr in enumerate(trs):
            units: list[Unit] = []
            col = 0
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                    continue
                while (r, col) in occupied:
                    col += 1
                rowspan = _span(cell.get("rowspan"))
                colspan = _span(cell.get("colspan"))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        occupied.add((r + dr, col + dc))
                flow = _Flow(self.lines)
                self.walk_cell_into(cell, flow)
                units.append(Unit(flow.paras, column=col))
                col += colspan
            self.rows.append(Row(units, table=self.tables, row=r))


def _span(value: str | None) -> int:
    try:
        return max(1, min(int((value or "1").strip()), 1000))
    except ValueError:
        return 1


def read(data: bytes, name: str) -> Source:
    """Read an HTML page into a :class:`Source` (see the module docstring).

    Raises ``ValueError`` naming the file when the bytes are not an HTML page
    or the page holds no professional standard.
    """
    try:
        data.decode("utf-8")
        parser = lxml_html.HTMLParser(encoding="utf-8")
    except UnicodeDecodeError:
        parser = lxml_html.HTMLParser()
    try:
        root = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ValueError(f"{name}: not a readable HTML page ({exc})") from exc
    page = _Page()
    body = root.find("body")
    flow = _Flow(page.lines)
    page.walk(body if body is not None else root, flow)
    flow.flush()
    page._emit_running(flow)
    tokens = tokens_from_rows(page.rows)
    check_standard(tokens, name, "HTML page")
    return Source(
        name=name, lines=page.lines, tokens=tokens, format=FORMAT, language=guess_language(" ".join(page.lines))
    )
