"""Reader for the legal-database text of an order (seed 001, order 569/НҚ in Kazakh).

Layout (NOTES.md §1.2): every table cell is on its own line(s); cells are
separated by lines holding only a TAB; a label's value follows on the next
non-blank line(s); list items inside a cell are separated by blank lines;
paragraphs are indented with NBSPs. The source order already is the canonical
token order, so the reader walks the lines once:

* a line that starts with a label (``importers.labels.match_label``) opens a
  token; the rest of the line is its first piece;
* every following paragraph (lines up to a blank or TAB-only line, joined) is a
  piece of that token;
* ``N-қосымша`` lines are ANNEX tokens;
* in the related-professions table the cells ``5`` / ``Name`` become RELATED_ROW
  tokens, and the second column header (``Кәсіптің атауы:``) RELATED_NAME_COLUMN;
* text after a standard heading, a chapter heading or the last field of a
  standard (the review date) belongs to no label (annex header blocks,
  "Ескерту" amendment notes): it becomes TEXT tokens.
"""

from __future__ import annotations

import re

from importers import labels as L
from importers.labels import match_label
from importers.text import collapse, plain
from importers.tokens import ANNEX, RELATED_ROW, TEXT, Piece, Source, Token

FORMAT = "legal_text"

_ANNEX = re.compile(r"^(?:№\s*\d+\s*/\s*\S+\s+)?(?P<n>\d{1,2})\s*-\s*қосымша$", re.IGNORECASE)
_LEVEL_CELL = re.compile(r"^\d{1,2}(?:\s*[-–]\s*\d{1,2})?$")  # "5", or a range "5-6" (001:17469)

# After these tokens, unlabelled text is not their value.
_NO_VALUE = L.HEADINGS | {ANNEX}
# After these, only the text on the label's own line is the value (when there is any).
_INLINE_VALUE = {L.REVIEW_DATE}


def looks_like(data: bytes) -> bool:
    """True for legal-database text: TAB-only cell separators and Kazakh/Russian standard labels."""
    head = data[:400_000].decode("utf-8", errors="ignore")
    tab_lines = sum(1 for line in head.splitlines() if line.strip(" \t\xa0") == "" and "\t" in line)
    return (
        tab_lines >= 20
        and ("Кәсіптің карточкасы" in head or "Карточка профессии" in head)
        and "<p>" not in head
        and "**" not in head
    )


def read(data: bytes, name: str) -> Source:
    """Read legal-database text (UTF-8 bytes) into a :class:`Source` of canonical tokens."""
    text = data.decode("utf-8-sig")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    reader = _Reader()
    for number, raw in enumerate(lines, start=1):
        reader.feed(number, raw)
    reader.flush()
    return Source(name=name, lines=lines, tokens=reader.tokens, format=FORMAT)


class _Reader:
    """Walks the lines once, keeping the open token and the open paragraph."""

    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.current: Token | None = None  # token that receives pieces, None: text is TEXT
        self.paragraph: list[tuple[int, str]] = []
        self.in_related = False
        self.pending_level: int | None = None

    # -- lines -------------------------------------------------------------
    def feed(self, number: int, raw: str) -> None:
        text = plain(raw)
        if not text:
            self.flush()
            return
        annex = _ANNEX.match(text)
        if annex:
            self.flush()
            self._close_related_row()
            self._open(Token(ANNEX, number, int(annex.group("n")), label=text), takes_value=False)
            return
        match = match_label(text)
        if match:
            self.flush()
            self._label(number, match)
            return
        self.paragraph.append((number, text))
        if self.in_related:  # each line of the related table is a cell of its own
            self.flush()

    def flush(self) -> None:
        """Close the open paragraph: it becomes a piece of the open token, a related cell or TEXT."""
        if not self.paragraph:
            return
        line = self.paragraph[0][0]
        text = collapse(" ".join(t for _, t in self.paragraph))
        self.paragraph = []
        if self.in_related:
            self._related_cell(line, text)
        elif self.current is not None:
            self.current.value.append(Piece(line, text))
        else:
            self.tokens.append(Token(TEXT, line, value=[Piece(line, text)]))

    # -- tokens ------------------------------------------------------------
    def _label(self, number: int, match) -> None:
        concept = match.concept
        self._close_related_row()
        if concept == L.PROFESSION_NAME and self.in_related:
            concept = L.RELATED_NAME_COLUMN
        self.in_related = concept in (L.RELATED, L.RELATED_LEVEL_COLUMN, L.RELATED_NAME_COLUMN)
        self.pending_level = None
        token = Token(concept, number, match.number, label=match.label)
        if match.rest:
            token.value.append(Piece(number, match.rest))
        takes_value = concept not in _NO_VALUE and not (concept in _INLINE_VALUE and match.rest)
        if concept in (L.CARD_HEADER, L.STANDARD_HEADING):
            takes_value = False
        self._open(token, takes_value)

    def _open(self, token: Token, takes_value: bool) -> None:
        self.tokens.append(token)
        self.current = token if takes_value else None
        if token.concept not in (L.RELATED, L.RELATED_LEVEL_COLUMN, L.RELATED_NAME_COLUMN):
            self.in_related = False

    def _close_related_row(self) -> None:
        """A level cell with no name cell after it still is a row."""
        if self.pending_level is not None:
            line = self._pending_line
            self.tokens.append(Token(RELATED_ROW, line, self.pending_level, label=self._pending_text))
            self.pending_level = None

    def _related_cell(self, line: int, text: str) -> None:
        """Cells of the related-professions table alternate: level, then name."""
        if _LEVEL_CELL.match(text):
            self._close_related_row()
            self.pending_level = int(re.match(r"\d+", text).group())
            self._pending_text = collapse(text)  # the parser reads a range from the label
            self._pending_line = line
            return
        self.tokens.append(
            Token(
                RELATED_ROW,
                line,
                self.pending_level,
                value=[Piece(line, text)],
                label=self._pending_text if self.pending_level is not None else "",
            )
        )
        self.pending_level = None
