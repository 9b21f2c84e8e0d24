"""The labour-function tables of one card of order 209 (seed 003), rebuilt from its flattened rows.

:func:`function_tokens` reads the rows into skills and labour-function labels
(:mod:`importers.readers.markdown_function_rows`), then cuts the skills into
labour-function blocks (a skill numbered 1 starts a new block) and places every
labour-function label on its block by its number: labels sit on any row of the
block, repeat, or lose their title to a later row or to the function list
(:class:`_Blocks`). Text it cannot place is a TEXT token after the blocks.
"""

from __future__ import annotations

import re

from importers import labels as L
from importers.readers.markdown_cells import Cell
from importers.readers.markdown_function_rows import FunctionLabel, FunctionRows, Skill
from importers.text import collapse
from importers.tokens import TEXT, Piece, Token


def function_tokens(rows: list[list[Cell]], function_list: list[Piece]) -> list[Token]:
    """Tokens of the labour-function rows of one card: per block LABOUR_FUNCTION, then per
    skill SKILL, ABILITIES, KNOWLEDGE, RECOGNITION; the text it cannot place as TEXT last.

    ``function_list`` is the card's list of mandatory functions: a block whose labels
    lost their title takes it from there.
    """
    functions = FunctionRows(rows)
    return _Blocks(functions.skills, functions.lf_labels, function_list, functions.texts).tokens()


class _Blocks:
    """The skills cut into labour-function blocks, with the labour-function labels placed on them."""

    def __init__(
        self, skills: list[Skill], lf_labels: list[FunctionLabel], function_list: list[Piece], texts: list[Token]
    ):
        self.lf_labels = lf_labels
        self.function_list = function_list
        self.texts = texts  # loose text; labels that contradict their block's title join it
        self.blocks: list[list[Skill]] = []
        for skill in skills:
            if not self.blocks or skill.number == 1:
                self.blocks.append([])
            self.blocks[-1].append(skill)
        self.starts = [block[0].row for block in self.blocks]

    def tokens(self) -> list[Token]:
        placed = self._placed()
        out: list[Token] = []
        for index, block in enumerate(self.blocks):
            out.append(self._lf_token(index, block, placed.get(index, [])))
            for skill in block:
                out.extend(_skill_tokens(skill))
        if not self.blocks:
            for lf in self.lf_labels:
                out.append(_lf_text(lf))
        return out + self.texts

    def _span_block(self, row: int) -> int:
        """The block whose rows hold ``row``."""
        index = 0
        for k, start in enumerate(self.starts):
            if row >= start:
                index = k
        return index

    def _placed(self) -> dict[int, list[FunctionLabel]]:
        """The labels by block: by their number where it fits, else by the rows they sit on."""
        additional = sorted(
            {lf.number for lf in self.lf_labels if lf.concept == L.ADDITIONAL_LABOUR_FUNCTION and lf.number}
        )
        n_mandatory = len(self.blocks) - len(additional)
        placed: dict[int, list[FunctionLabel]] = {}
        for lf in self.lf_labels:
            target = None
            if lf.concept == L.ADDITIONAL_LABOUR_FUNCTION and lf.number in additional:
                target = n_mandatory + additional.index(lf.number)
            elif lf.concept == L.LABOUR_FUNCTION and lf.number and 1 <= lf.number <= n_mandatory:
                target = lf.number - 1
            if target is None or not 0 <= target < len(self.blocks):
                target = self._span_block(lf.row)
            placed.setdefault(target, []).append(lf)
        return placed

    def _lf_token(self, index: int, block: list[Skill], labels: list[FunctionLabel]) -> Token:
        listed = self._listed_title(index)
        chosen = self._chosen(index, labels, listed)
        if chosen is None:
            first = block[0]
            token = Token(L.LABOUR_FUNCTION, first.line, number=index + 1, column=0, row=first.row)
        else:
            token = Token(
                chosen.concept,
                chosen.line,
                number=chosen.number,
                column=chosen.column,
                row=chosen.row,
                label=chosen.label,
            )
        title = list(chosen.title) if chosen and chosen.title else []
        if not title and listed:
            title = [listed]
        token.value = [Piece(title[0].line, collapse(" ".join(p.text for p in title)))] if title else []
        return token

    def _chosen(self, index: int, labels: list[FunctionLabel], listed: Piece | None) -> FunctionLabel | None:
        """The label that gives block ``index`` its token: the first with a title, else the first.

        Contradictory labels: the one with the listed title, else the one on the block's own
        rows; the others become TEXT.
        """
        titles = {collapse(" ".join(p.text for p in lf.title)) for lf in labels if lf.title}
        if len(titles) <= 1:
            return next((lf for lf in labels if lf.title), labels[0] if labels else None)
        own = [lf for lf in labels if lf.title and self._span_block(lf.row) == index]
        same = [lf for lf in labels if lf.title and listed and _same(lf.title, listed)]
        chosen = (same or own or [lf for lf in labels if lf.title])[0]
        for lf in labels:
            if lf.title and not _same(lf.title, chosen.title):
                self.texts.append(_lf_text(lf))
        return chosen

    def _listed_title(self, index: int) -> Piece | None:
        """The function list item ``index + 1`` with its number removed."""
        for piece in self.function_list:
            m = re.match(r"^(\d{1,2})\s*[.)]\s*(.*)$", piece.text)
            if m and int(m.group(1)) == index + 1:
                return Piece(piece.line, m.group(2).strip())
        return None


def _lf_text(lf: FunctionLabel) -> Token:
    text = collapse(lf.label + " " + " ".join(p.text for p in lf.title))
    return Token(TEXT, lf.line, value=[Piece(lf.line, text)], column=lf.column, row=lf.row, label=lf.label)


def _skill_tokens(skill: Skill) -> list[Token]:
    title = [Piece(skill.title[0].line, collapse(" ".join(p.text for p in skill.title)))] if skill.title else []
    tokens = [
        Token(
            L.SKILL,
            skill.line,
            number=skill.number,
            value=title,
            column=skill.column,
            row=skill.row,
            label=skill.label,
        )
    ]
    for concept, items, at in (
        (L.ABILITIES, skill.abilities, skill.abilities_at),
        (L.KNOWLEDGE, skill.knowledge, skill.knowledge_at),
    ):
        line, column, label = at or ((items[0].line if items else skill.line), None, "")
        tokens.append(Token(concept, line, value=list(items), column=column, label=label))
    line, column, label = skill.recognition_at or (
        (skill.recognition.line if skill.recognition else skill.line),
        None,
        "",
    )
    tokens.append(
        Token(L.RECOGNITION, line, value=[skill.recognition] if skill.recognition else [], column=column, label=label)
    )
    return tokens


def _same(title: list[Piece], other: list[Piece] | Piece) -> bool:
    if isinstance(other, Piece):
        other = [other]
    fold = lambda ps: collapse(" ".join(p.text for p in ps)).rstrip(".").casefold()  # noqa: E731
    return fold(title) == fold(other)
