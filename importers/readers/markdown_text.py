"""Reader for the markdown + TAB-table text of the Russian amendment order 209/НК (seed 003).

Layout (NOTES.md §1.4, §4 items 6 and 8):

* markdown paragraphs (``**bold**``, ``## headings``, hard breaks ``"  "`` at the end
  of a line) for the order, the annex headers and chapters 1, 2 and 4;
* a standard starts at a ``Профессиональный стандарт: "…"`` heading (``##``, ``####``
  or ``**``); no other heading splits (a knowledge item became ``## 6. …``);
* each annex header is two ``Приложение N к приказу`` lines (209's, then 569's);
* cards are rows of TAB-separated cells with HTML inside (``<p>``, ``<ol>``/``<li>``);
  the rows come from a rowspan table that was flattened badly.

The reader rebuilds the cards' labour-function tables, splits fused cells
("Не рекомендуется Умения: …"), and emits the tokens in the canonical order of
``docs/importer-contract.md``. Text it cannot place is a TEXT token. This module
walks the document (order, annex headers, chapters, standard headings) and hands
each card span to :mod:`importers.readers.markdown_cards`, which emits its header
and tail and leaves the labour-function rows to
:mod:`importers.readers.markdown_functions`; :mod:`importers.readers.markdown_cells`
cuts lines into rows of cells for all of them.
"""

from __future__ import annotations

import re

from importers import labels as L
from importers.labels import match_label
from importers.readers.markdown_cards import FUNCTION_LABELS, card_tokens
from importers.readers.markdown_cells import Cell, Stream, continues, read_rows, titled
from importers.readers.table_rows import cell_pieces, clean_piece
from importers.tokens import ANNEX, TEXT, Piece, Source, Token

FORMAT = "markdown_text"

_ANNEX = re.compile(r"^приложение\s+(?P<n>\d{1,2})\s+к\s+приказу$", re.IGNORECASE)


def looks_like(data: bytes) -> bool:
    """True for the 003 layout: Russian card rows with TAB cells and markdown headings."""
    text = data[:400_000].decode("utf-8", errors="ignore")
    tab_rows = sum(1 for line in text.splitlines() if "\t" in line and match_label(line.split("\t")[0] or "x"))
    return tab_rows >= 5 and "Карточка профессии" in text and ("**" in text or "\n#" in text)


# --- the document ------------------------------------------------------------------


def _is_standard_heading(raw: str) -> bool:
    stripped = raw.lstrip()
    if not (stripped.startswith("#") or stripped.startswith("**")):
        return False
    found = match_label(clean_piece(raw))
    return bool(found and found.concept == L.STANDARD_HEADING and found.rest)


def read(data: bytes, name: str) -> Source:
    """Read the 003 layout into tokens in the canonical order (see module docstring)."""
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    tokens: list[Token] = []

    # preamble: everything before the first annex header or standard heading is TEXT
    first = next(
        (i for i, raw in enumerate(lines) if _ANNEX.match(clean_piece(raw)) or _is_standard_heading(raw)), len(lines)
    )
    for row in read_rows(lines, 0, first):
        for cell in row:
            tokens.append(Token(TEXT, cell.line, value=[Piece(cell.line, cell.text)], row=cell.row))

    stream = Stream(tokens)
    i = first
    while i < len(lines):
        raw = lines[i]
        plain = clean_piece(raw) if "<" not in raw else " ".join(cell_pieces(raw))
        annex = _ANNEX.match(plain)
        if annex:
            token = Token(ANNEX, i + 1, number=int(annex.group("n")), label=plain)
            tokens.append(token)
            stream.current = token  # the rest of the annex header block is its value
            i += 1
            continue
        if _is_standard_heading(raw):
            found = match_label(clean_piece(raw))
            stream.label(Cell(0, None, i + 1, clean_piece(raw)), found)
            titled(tokens[-1])
            i += 1
            continue
        head = match_label(plain) if "\t" not in raw else match_label(" ".join(cell_pieces(raw.split("\t")[0])))
        if head and head.concept == L.CARD_HEADER:
            end = i + 1
            while end < len(lines):
                nxt = lines[end]
                probe = " ".join(cell_pieces(nxt.split("\t")[0])) if nxt.strip() else ""
                found = match_label(probe) if probe else None
                if found and found.concept in (L.CARD_HEADER, L.CHAPTER_4, L.STANDARD_HEADING):
                    break
                if _ANNEX.match(clean_piece(nxt)) or _is_standard_heading(nxt):
                    break
                end += 1
            tokens.extend(card_tokens(read_rows(lines, i, end)))
            stream.close()
            i = end
            continue
        # chapters 1, 2 and 4: one markdown paragraph (or TAB row) at a time
        j = i + 1
        if "\t" not in raw:
            while (
                (lines[j - 1].endswith("  ") or lines[j - 1].endswith("\\"))
                and j < len(lines)
                and continues(lines[j])
                and not _ANNEX.match(clean_piece(lines[j]))
            ):
                j += 1
        for row in read_rows(lines, i, j):
            for cell in row:
                found = match_label(cell.text)
                if found and found.concept not in FUNCTION_LABELS:
                    stream.label(cell, found)
                else:
                    stream.text(cell)
        i = j
    return Source(name=name, lines=lines, tokens=tokens, format=FORMAT, language="ru")
