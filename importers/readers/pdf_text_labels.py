"""Finding the labels of PDF-extracted text (for :mod:`importers.readers.pdf_text`).

A label may be wrapped over up to 8 lines (blank lines between the parts
allowed), share its line with the next label from the two-column layout
("Кәсіптік білім деңгейі: Білім деңгейі:", "Трудовая Задача 1: Умения:"), or
be split around its value ("Другие возможные Специалист …" / " названия
профессии:"). Labels are only ever matched through
:func:`importers.labels.match_label`, on the joined text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from importers import labels as L
from importers.labels import LabelMatch, match_label
from importers.readers.pdf_text_lines import ITEM_START, MAX_BLANKS_INSIDE, Line
from importers.tokens import Piece

# A label wrapped over more lines than this is not a label (004's OKED label takes 8).
_MAX_LABEL_LINES = 8
# Longest line that can start a wrapped label; longer lines are running text.
_MAX_WRAPPED_LABEL_LINE = 90


@dataclass
class Hit:
    """One label found in the text, with what follows it on its line."""

    concept: str
    number: int | None
    label: str
    line: int
    rest: list[Piece] = field(default_factory=list)


class LabelFinder:
    """Finds the labels that start at a logical line.

    ``in_card`` is set by the reader while it is inside a card: there a leading
    number is a list item, never a passport item number.
    """

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.in_card = False
        self._seen: dict[tuple[str, bool], LabelMatch | None] = {}

    def match(self, text: str) -> LabelMatch | None:
        key = (text, self.in_card)
        if key not in self._seen:
            m = match_label(text, allow_passport_number=False)
            if m is None and not self.in_card:
                m = match_label(text, allow_passport_number=True)
            self._seen[key] = m
        return self._seen[key]

    def detect(self, i: int) -> tuple[list[Hit], int] | None:
        """Labels starting at logical line ``i``: (hits, index of the last line they use)."""
        first = self.lines[i]
        m = self.match(first.text)
        if m:
            return _chain(m, first.no, first.no), i
        if len(first.text) > _MAX_WRAPPED_LABEL_LINE or (self.in_card and ITEM_START.match(first.text)):
            return None
        return self._wrapped(i) or self._split_around_value(i)

    def _wrapped(self, i: int) -> tuple[list[Hit], int] | None:
        """A label wrapped over several lines."""
        first = self.lines[i]
        joined = first.text
        k = i
        used = 1
        while used < _MAX_LABEL_LINES:
            k = self._next_text_line(k)
            if k is None or len(self.lines[k].text) > _MAX_WRAPPED_LABEL_LINE:
                break
            joined = f"{joined} {self.lines[k].text}"
            used += 1
            m = self.match(joined)
            if m:
                return _chain(m, first.no, self.lines[k].no), k
        return None

    def _split_around_value(self, i: int) -> tuple[list[Hit], int] | None:
        """A label split around its value: "Другие возможные Специалист …" / "названия профессии:",
        "Дополнительные -" / "трудовые" / "функции"."""
        first = self.lines[i]
        words = first.text.split(" ")
        if len(words) < 2:
            return None
        tail = ""
        k = i
        for _ in range(3):
            k = self._next_text_line(k)
            if k is None or len(self.lines[k].text) > 40 or self.match(self.lines[k].text):
                return None
            tail = f"{tail} {self.lines[k].text}".strip()
            for cut in range(1, len(words)):
                head = " ".join(words[:cut])
                m = self.match(f"{head} {tail}")
                if m and len(m.label) > len(head) + len(tail) - len(self.lines[k].text) and not m.rest:
                    label = f"{head} {tail}"
                    value = " ".join(words[cut:])
                    inner = self.match(value)
                    if inner:  # "Трудовая Задача 1: Умения:" / "функция 3:"
                        return [Hit(m.concept, m.number, label, first.no), *_chain(inner, first.no, first.no)], k
                    return [Hit(m.concept, m.number, label, first.no, [Piece(first.no, value)])], k
        return None

    def _next_text_line(self, i: int) -> int | None:
        blanks = 0
        for k in range(i + 1, len(self.lines)):
            if self.lines[k].text:
                return k
            blanks += 1
            if blanks > MAX_BLANKS_INSIDE:
                return None
        return None


def _chain(first: LabelMatch, line: int, rest_line: int) -> list[Hit]:
    """The label, plus any labels that follow it on the same line."""
    hits = [Hit(first.concept, first.number, first.label, line)]
    rest = first.rest
    while rest:
        m = match_label(rest, allow_passport_number=False)
        if m is None or m.concept == L.STANDARD_HEADING:
            hits[-1].rest = [Piece(rest_line, rest)]
            break
        hits.append(Hit(m.concept, m.number, m.label, rest_line))
        rest = m.rest
    return hits
