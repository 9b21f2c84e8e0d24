"""Pure helpers for sources whose tables arrive as rows of cells with HTML inside.

Used by the markdown/TAB reader (seed 003); kept apart so an HTML or PDF-table
reader can reuse them. Nothing here knows about tokens: strings in, strings out.
"""

from __future__ import annotations

import html
import itertools
import re

from importers.text import collapse, strip_markdown

# Tags that end one piece of text and start the next (paragraphs, list items, breaks).
_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|li|ol|ul|br|div|tr|td|th|h\d)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")
_BULLET = re.compile(r"^[-•·]\s+(?=\S)")
# "А н а л и з" -> "Анализ": four or more single letters separated by single spaces.
_SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){3,}[^\W\d_](?!\S)")


# One-letter words that can stand just before a spaced word ("и б а з о в о е").
_ONE_LETTER_WORDS = set("иваскоуя")


def _join_run(run: str) -> str:
    letters = run.split(" ")
    if letters[0] in _ONE_LETTER_WORDS and len(letters) > 4:
        return letters[0] + " " + "".join(letters[1:])
    return "".join(letters)


def join_spaced_letters(text: str) -> str:
    """Join words typed with a space between letters (``"А н а л и з"`` -> ``"Анализ"``).

    A lowercase one-letter word in front stays a word: ``"и б а з о в о е"`` -> ``"и базовое"``.
    """
    return _SPACED.sub(lambda m: _join_run(m.group(0)), text)


def clean_piece(text: str) -> str:
    """One piece of visible text: markdown markup, a leading bullet and extra spaces removed."""
    text = collapse(strip_markdown(collapse(text)))
    text = _BULLET.sub("", text)
    return join_spaced_letters(text)


def cell_pieces(cell: str) -> list[str]:
    """Split one table cell into its pieces of text.

    ``<p>``/``<li>``/``<br>`` boundaries start a new piece, other tags vanish,
    entities are decoded; empty pieces are dropped.
    """
    parts = _BLOCK_TAG.split(cell) if "<" in cell else [cell]
    pieces = []
    for part in parts:
        text = clean_piece(html.unescape(_ANY_TAG.sub(" ", part)).replace("\xa0", " "))
        if text:
            pieces.append(text)
    return pieces


# "2. Текст" or, glued to its word, "1.Текст" (never "2.0").
_INLINE_NUMBER = re.compile(r"(?:(?<=^)|(?<=\s))(\d{1,2})\s*[.)](?:\s+|(?=[^\W\d_]))(?=\S)")


def split_numbered(text: str) -> list[str]:
    """Split ``"1. a 2. b"`` (or ``"4. d 5. e"``: any start) at numbers running in order.

    Numbering is kept. Text that does not start with a number is one item.
    """
    cuts: list[int] = []
    expected = None
    for m in _INLINE_NUMBER.finditer(text):
        if expected is None:
            if m.start() != 0:
                return [text]
            expected = int(m.group(1))
        if int(m.group(1)) == expected:
            cuts.append(m.start())
            expected += 1
    if len(cuts) < 2:
        return [text]
    bounds = [*cuts, len(text)]
    return [text[x:y].strip() for x, y in itertools.pairwise(bounds) if text[x:y].strip()]


def starts_lowercase(text: str) -> bool:
    """True when the first letter of ``text`` is lowercase: a continuation of the previous item."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def is_level_cell(text: str) -> bool:
    """A cell of the related-professions table that holds only an ОРК level."""
    return bool(re.fullmatch(r"\d{1,2}(?:\s*[-–]\s*\d{1,2})?", text.strip()))  # "6" or a range "5-6"
