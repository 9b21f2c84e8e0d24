"""The contract between the readers and the parser.

A reader turns one source (a text layout, a PDF, an HTML page) into a flat
sequence of :class:`Token`: a recognised field label (its *concept*, from the
label table in :mod:`importers.labels`) with the value that follows it, or a
piece of unlabelled text. Readers solve layout problems (cells, columns,
wrapped lines, HTML); the parser (:mod:`importers.parser`) solves meaning
(which card, which labour function, which skill) and is shared by every format
and both languages.

Rules every reader follows:

* Tokens come in reading order of the source, one per label occurrence.
* ``value`` holds the text the source puts with that label (the rest of the
  label's cell, or the value cell(s) / lines up to the next label), as a list
  of :class:`Piece`: one piece per paragraph, list item, cell or line, HTML
  stripped, whitespace collapsed (NBSP included), list numbering *kept*
  (the parser removes it), words broken across PDF lines re-joined where the
  reader can tell.
* Text that belongs to no label the reader can see is a ``TEXT`` token (for
  example a 003 cell that continues a skill title on a later row); the parser
  decides where it goes or reports it as an import issue.
* ``column`` is the 0-based table column of the label's cell where the source
  is a table (003, HTML, PDF tables), else ``None``; ``row`` is the table row
  index where the source has rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Piece:
    line: int
    text: str


@dataclass
class Token:
    concept: str  # a concept name from importers.labels, or TEXT
    line: int  # source line of the label (or of the text)
    number: int | None = None  # "Еңбек функциясы 2:" -> 2; card header "9." -> 9
    value: list[Piece] = field(default_factory=list)
    column: int | None = None
    row: int | None = None
    label: str = ""  # the label as matched in the source, for reports

    @property
    def text(self) -> str:
        """The whole value as one whitespace-collapsed string."""
        return " ".join(p.text for p in self.value if p.text).strip()

    @property
    def end_line(self) -> int:
        return max([self.line] + [p.line for p in self.value])


TEXT = "text"
# Concepts that only readers emit (no label text of their own):
ANNEX = "annex"  # number = annex number as printed. 003 prints two per annex
#                  (209's, then 569's): emit both, in source order; the parser takes
#                  the last one before a standard heading as the 569 annex.
RELATED_ROW = "related_row"  # number = ОРК level (None if absent), value = the related profession's name


@dataclass
class Source:
    """What a reader returns for one document."""

    name: str  # file name
    lines: list[str]  # the text lines the line numbers refer to (lines[0] is line 1)
    tokens: list[Token]
    format: str  # reader name: "legal_text", "markdown_text", "pdf_text", "pdf", "html"
    language: str = ""  # "kk" / "ru" when the reader can tell; the parser decides otherwise
