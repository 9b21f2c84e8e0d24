"""Lines and values of PDF-extracted text (for :mod:`importers.readers.pdf_text`).

* :func:`logical_lines` joins the physical lines where a word was broken without
  a hyphen ("инфокоммуникацион" / "ных") or at a hyphen ("Ақпараттық-" /
  "коммуникациялық"); the 2019 text marks a broken word by a line that lacks the
  trailing space every other line has.
* :func:`pieces` shapes the lines collected under a label into the value's pieces:
  one per entry line, one per numbered item (wrapped lines joined), one paragraph
  per blank-line-separated block, or a single title.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from importers import labels as L
from importers.labels import match_label
from importers.text import collapse
from importers.tokens import Piece

# Blank lines tolerated between the parts of one wrapped label or broken word.
MAX_BLANKS_INSIDE = 2

ITEM_START = re.compile(r"^\d{1,2}\s*[.)]\s*\S")
_CODE_LINE = re.compile(r"^(?:[A-Za-zА-Яа-я]|\d{2}(?:\.\d{1,2}){0,2})\s")

# Values that are lists: one piece per numbered item ("1." / "1)"), wrapped lines joined.
_ITEM_VALUES = {
    L.ABILITIES,
    L.KNOWLEDGE,
    L.MANDATORY_FUNCTIONS,
    L.ADDITIONAL_FUNCTIONS,
    L.TERMS,
    L.ABBREVIATIONS,
    L.CARD_LIST,
}
# Values that are one entry per line.
_LINE_VALUES = {L.PERSONAL_COMPETENCIES, L.OTHER_TITLES, L.REGULATIONS, L.PROJECT_LEAD, L.EXECUTORS}
# Values that are one title or one number, however many lines and blank lines they take.
_SINGLE_VALUES = {
    L.STANDARD_HEADING,
    L.CARD_HEADER,
    L.LABOUR_FUNCTION,
    L.ADDITIONAL_LABOUR_FUNCTION,
    L.SKILL,
    L.RECOGNITION,
    L.PROFESSION_NAME,
    L.STANDARD_TITLE,
    L.STANDARD_CODE,
    L.LEVEL,
    L.SUBLEVEL,
    L.GROUP_CODE,
    L.OCCUPATION_CODE,
    L.PURPOSE,
    L.DESCRIPTION,
}


@dataclass
class Line:
    """One logical line: a physical line, or several joined where a word was broken."""

    no: int  # 1-based number of the first physical line
    text: str  # whitespace-collapsed; "" for a blank line


# --- logical lines -------------------------------------------------------------


def logical_lines(raw: list[str]) -> list[Line]:
    """The physical lines, collapsed, with broken words joined (blank lines kept as "")."""
    non_blank = [r for r in raw if r.strip()]
    # The 2019 text ends every line with a space except where a word was broken.
    marks_broken_words = bool(non_blank) and sum(r.endswith(" ") for r in non_blank) > len(non_blank) / 2
    out: list[Line] = []
    i = 0
    n = len(raw)
    while i < n:
        text = collapse(raw[i])
        start = i
        if not text:
            out.append(Line(i + 1, ""))
            i += 1
            continue
        while True:
            j = _next_non_blank(raw, i)
            if j is None or not _breaks_word(raw[i], text, collapse(raw[j]), marks_broken_words):
                break
            nxt = collapse(raw[j])
            text = text + nxt
            i = j
        out.append(Line(start + 1, text))
        i += 1
    return out


def _next_non_blank(raw: list[str], i: int) -> int | None:
    for j in range(i + 1, min(len(raw), i + 2 + MAX_BLANKS_INSIDE)):
        if raw[j].strip():
            return j
    return None


def _breaks_word(raw: str, text: str, nxt: str, marks_broken_words: bool) -> bool:
    """True when ``text`` ends inside a word that ``nxt`` completes."""
    if ITEM_START.match(nxt) or match_label(nxt, allow_passport_number=False):
        return False
    if len(text) > 1 and text[-1] == "-" and text[-2].isalpha() and nxt[:1].islower():
        return True  # "Ақпараттық-" / "коммуникациялық": the hyphen is part of the word
    if marks_broken_words and not raw[-1:].isspace() and text[-1].isalpha() and nxt[:1].isalpha():
        return nxt[:1].islower()
    return False


# --- value shaping -----------------------------------------------------------


def first_block(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split off the first paragraph (leading blank lines skipped)."""
    i = 0
    while i < len(lines) and not lines[i].text:
        i += 1
    j = i
    while j < len(lines) and lines[j].text:
        j += 1
    return lines[i:j], lines[j:]


def paragraph(lines: list[Line]) -> Piece:
    texts = [x for x in lines if x.text]
    return Piece(texts[0].no, " ".join(x.text for x in texts))


def _paragraphs(lines: list[Line]) -> list[Piece]:
    pieces: list[Piece] = []
    rest = lines
    while rest:
        block, rest = first_block(rest)
        if block:
            pieces.append(paragraph(block))
    return pieces


def pieces(concept: str, lines: list[Line]) -> list[Piece]:
    """The value of a ``concept`` label from the lines collected under it."""
    texts = [x for x in lines if x.text]
    if not texts:
        return []
    if concept in _LINE_VALUES:
        return [Piece(x.no, x.text) for x in texts]
    if concept in _SINGLE_VALUES:
        return [paragraph(texts)]
    if concept == L.OKED:
        return _joined_items(texts, lambda t: bool(_CODE_LINE.match(t)))
    if concept == L.CARD_LIST and not any(ITEM_START.match(x.text) for x in texts):
        return _items_ending_with_level(texts)
    if concept in _ITEM_VALUES and any(ITEM_START.match(x.text) for x in texts):
        return _joined_items(texts, lambda t: bool(ITEM_START.match(t)))
    return _paragraphs(lines)


def _joined_items(texts: list[Line], starts_item: Callable[[str], bool]) -> list[Piece]:
    """One piece per item; a line that does not start an item continues the previous one."""
    pieces: list[Piece] = []
    for x in texts:
        if pieces and not starts_item(x.text):
            last = pieces[-1]
            pieces[-1] = Piece(last.line, f"{last.text} {x.text}")
        else:
            pieces.append(Piece(x.no, x.text))
    return pieces


def _items_ending_with_level(texts: list[Line]) -> list[Piece]:
    """004's card list: name lines, then "4-5-й уровни ОРК" ends the item."""
    pieces: list[Piece] = []
    open_item: Piece | None = None
    for x in texts:
        if open_item is None:
            open_item = Piece(x.no, x.text)
        else:
            open_item = Piece(open_item.line, f"{open_item.text} {x.text}")
        if x.text.rstrip(" ;.").endswith("ОРК"):
            pieces.append(open_item)
            open_item = None
    if open_item is not None:
        pieces.append(open_item)
    return pieces
