"""Reader for the markdown + TAB-table text of the Russian amendment order 209/НК (seed 003).

Layout (NOTES.md §1.4, §4 items 6 and 8):

* markdown paragraphs (``**bold**``, ``## headings``, hard breaks ``"  "`` at the end
  of a line) for the order, the annex headers and chapters 1, 2 and 4;
* a standard starts at a ``Профессиональный стандарт: "…"`` heading (``##``, ``####``
  or ``**``); no other heading splits (a knowledge item became ``## 6. …``);
* each annex header is two ``Приложение N к приказу`` lines (209's, then 569's);
* cards are rows of TAB-separated cells with HTML inside (``<p>``, ``<ol>``/``<li>``);
  the rows come from a rowspan table that was flattened badly.

The reader rebuilds the cards' labour-function tables: it follows the skills in
row order (a skill numbered 1 starts a new labour-function block), places every
labour-function label on its block by its number (labels sit on any row of the
block, repeat, or lose their title to a later row or to the function list),
splits fused cells ("Не рекомендуется Умения: …"), and emits the tokens in the
canonical order of ``docs/importer-contract.md``. Text it cannot place is a TEXT
token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers import labels as L
from importers.labels import match_label
from importers.readers.table_rows import cell_pieces, clean_piece, is_level_cell, split_numbered, starts_lowercase
from importers.text import collapse, unquote
from importers.tokens import ANNEX, RELATED_ROW, TEXT, Piece, Source, Token

FORMAT = "markdown_text"

_ANNEX = re.compile(r"^приложение\s+(?P<n>\d{1,2})\s+к\s+приказу$", re.IGNORECASE)
_RECOGNITION_VALUES = {"не рекомендуется", "рекомендуется", "-", "–", "не рекомендуется.", "рекомендуется."}
# Labels that can sit inside another cell's text and must start a piece of their own.
_FUSABLE = {L.ABILITIES, L.KNOWLEDGE, L.RECOGNITION, L.SKILL, L.LABOUR_FUNCTION, L.ADDITIONAL_LABOUR_FUNCTION}
_FUNCTION_LABELS = {L.LABOUR_FUNCTION, L.ADDITIONAL_LABOUR_FUNCTION, L.SKILL, L.ABILITIES, L.KNOWLEDGE, L.RECOGNITION}
_TAIL_LABELS = {L.PERSONAL_COMPETENCIES, L.REGULATIONS, L.RELATED}
# After these tokens, unlabelled text is not their value.
_NO_VALUE = L.HEADINGS | {L.FUNCTIONS_DESCRIPTION, L.FUNCTION_LIST}
_LIST_ITEM = re.compile(r"^\s*(?:[-•]\s+)?\d{1,3}\s*[.)]\s")
_UPPER_WORD = re.compile(r"(?<=\s)(?=[^\W\d_])")


def looks_like(data: bytes) -> bool:
    """True for the 003 layout: Russian card rows with TAB cells and markdown headings."""
    text = data[:400_000].decode("utf-8", errors="ignore")
    tab_rows = sum(1 for line in text.splitlines() if "\t" in line and match_label(line.split("\t")[0] or "x"))
    return tab_rows >= 5 and "Карточка профессии" in text and ("**" in text or "\n#" in text)


# --- rows and cells ----------------------------------------------------------------


@dataclass
class Cell:
    row: int  # index of the row inside its span
    column: int | None  # None for a markdown paragraph
    line: int
    text: str


def _split_fused(text: str) -> list[str]:
    """``"Не рекомендуется Умения: 1. …"`` -> ``["Не рекомендуется", "Умения: 1. …"]``."""
    parts: list[str] = []
    start = 0
    for m in _UPPER_WORD.finditer(text):
        if not text[m.start()].isupper():
            continue
        found = match_label(text[m.start() : m.start() + 200], allow_passport_number=False)
        if found and found.concept in _FUSABLE:
            parts.append(text[start : m.start()].strip())
            start = m.start()
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def _continues(line: str) -> bool:
    """Whether a line after a markdown hard break continues the paragraph (not a new list item)."""
    return bool(line.strip()) and "\t" not in line and not _LIST_ITEM.match(line)


def _rows(lines: list[str], start: int, end: int) -> list[list[Cell]]:
    """The non-blank lines of ``lines[start:end]`` as rows of cells (pieces of text).

    A TAB line is one row, one cell per TAB-separated column, each cell split into
    its HTML pieces. A markdown line is a one-cell row; lines ending in a hard
    break are joined with the next line.
    """
    rows: list[list[Cell]] = []
    i = start
    while i < end:
        raw = lines[i]
        if not raw.strip():
            i += 1
            continue
        row: list[Cell] = []
        if "\t" in raw:
            for column, cell in enumerate(raw.split("\t")):
                for piece in cell_pieces(cell):
                    row.extend(Cell(len(rows), column, i + 1, p) for p in _split_fused(piece))
            i += 1
        else:
            text, j = raw, i
            while (text.endswith("  ") or text.endswith("\\")) and j + 1 < end and _continues(lines[j + 1]):
                j += 1
                text = text.rstrip(" \\") + " " + lines[j]
            for piece in cell_pieces(text):
                row.extend(Cell(len(rows), None, i + 1, p) for p in _split_fused(piece))
            i = j + 1
        if row:
            rows.append(row)
    return _join_split_labels(rows)


def _join_split_labels(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Join a label split over two rows ("Список технических регламентов и" / "национальных стандартов:")."""
    out: list[list[Cell]] = []
    skip = False
    for k, row in enumerate(rows):
        if skip:
            skip = False
            continue
        first = row[0]
        if k + 1 < len(rows) and not match_label(first.text) and first.column in (0, None):
            nxt = rows[k + 1][0]
            joined = match_label(first.text + " " + nxt.text)
            if joined and joined.concept not in (TEXT,) and len(collapse(joined.label)) > len(first.text):
                merged = Cell(first.row, first.column, first.line, first.text + " " + nxt.text)
                out.append([merged, *row[1:], *rows[k + 1][1:]])
                skip = True
                continue
        out.append(row)
    for index, row in enumerate(out):
        for cell in row:
            cell.row = index
    return out


# --- generic labelled text (chapters, passport, card header fields) ----------------


class _Stream:
    """Turns cells into tokens: a label opens a token, other text is its value or TEXT."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.current: Token | None = None

    def label(self, cell: Cell, found, concept: str | None = None) -> Token:
        token = Token(
            concept or found.concept,
            cell.line,
            number=found.number,
            column=cell.column,
            row=cell.row,
            label=found.label,
        )
        if found.rest:
            token.value.append(Piece(cell.line, found.rest))
        self.tokens.append(token)
        self.current = token
        return token

    def text(self, cell: Cell) -> None:
        if self.current is not None and self.current.concept not in _NO_VALUE:
            self.current.value.append(Piece(cell.line, cell.text))
        else:
            self.tokens.append(
                Token(TEXT, cell.line, value=[Piece(cell.line, cell.text)], column=cell.column, row=cell.row)
            )

    def close(self) -> None:
        self.current = None


def _titled(token: Token) -> Token:
    """Heading tokens carry the title without quotes and colon."""
    if token.value:
        first = token.value[0]
        token.value = [Piece(first.line, unquote(first.text)), *token.value[1:]]
    return token


# --- the labour-function tables ------------------------------------------------------


@dataclass
class _Skill:
    number: int | None
    line: int
    row: int
    column: int | None = None
    label: str = ""
    title: list[Piece] = field(default_factory=list)
    labelled: bool = False
    abilities: list[Piece] = field(default_factory=list)
    knowledge: list[Piece] = field(default_factory=list)
    abilities_at: tuple[int, int | None, str] | None = None  # (line, column, label)
    knowledge_at: tuple[int, int | None, str] | None = None
    recognition: Piece | None = None
    recognition_at: tuple[int, int | None, str] | None = None


@dataclass
class _LFLabel:
    concept: str
    number: int | None
    line: int
    row: int
    column: int | None
    label: str
    title: list[Piece] = field(default_factory=list)


_NOWHERE = _Skill(None, 0, 0)  # recognition label with no skill to take its value


def _add_item(items: list[Piece], line: int, text: str) -> None:
    """Append text to a list of items: a lowercase start continues the last item."""
    if items and starts_lowercase(text):
        last = items.pop()
        parts = split_numbered(last.text + " " + text)
        items.append(Piece(last.line, parts[0]))
        items.extend(Piece(line, p) for p in parts[1:])
        return
    items.extend(Piece(line, p) for p in split_numbered(text))


class _Functions:
    """Rebuild labour functions and skills from the flattened rows of one card."""

    def __init__(self, rows: list[list[Cell]], function_list: list[Piece]):
        self.rows = rows
        self.function_list = function_list
        self.skills: list[_Skill] = []
        self.lf_labels: list[_LFLabel] = []
        self.texts: list[Token] = []
        self.mode: list[Piece] | None = None
        self.awaiting: _Skill | None = None  # skill whose recognition label still waits for a value
        self.untitled_lf: _LFLabel | None = None
        self.untitled_skill: _Skill | None = None
        for row in rows:
            for cell in row:
                self._cell(cell)

    @property
    def current(self) -> _Skill | None:
        return self.skills[-1] if self.skills else None

    def _new_skill(self, cell: Cell, number: int | None = None) -> _Skill:
        skill = _Skill(number, cell.line, cell.row, cell.column)
        self.skills.append(skill)
        return skill

    def _cell(self, cell: Cell) -> None:
        found = match_label(cell.text, allow_passport_number=False)
        concept = found.concept if found else None
        if concept in (L.LABOUR_FUNCTION, L.ADDITIONAL_LABOUR_FUNCTION):
            lf = _LFLabel(concept, found.number, cell.line, cell.row, cell.column, found.label)
            if found.rest:
                lf.title.append(Piece(cell.line, found.rest))
                self.untitled_lf = None
            else:
                self.untitled_lf = lf
            self.lf_labels.append(lf)
        elif concept == L.SKILL:
            self._skill(cell, found)
        elif concept == L.ABILITIES:
            skill = self.current
            if skill is None or skill.recognition is not None or skill.abilities:
                skill = self._new_skill(cell)
            skill.abilities_at = skill.abilities_at or (cell.line, cell.column, found.label)
            self.mode = skill.abilities
            if found.rest:
                _add_item(skill.abilities, cell.line, found.rest)
        elif concept == L.KNOWLEDGE:
            skill = self.current or self._new_skill(cell)
            skill.knowledge_at = skill.knowledge_at or (cell.line, cell.column, found.label)
            self.mode = skill.knowledge
            if found.rest:
                _add_item(skill.knowledge, cell.line, found.rest)
        elif concept == L.RECOGNITION:
            # A recognition row fused with the next skill's row belongs to an earlier skill:
            # the current one, or else the last one still without a recognition.
            skill = self._recognition_target()
            if skill is not None:
                skill.recognition_at = (cell.line, cell.column, found.label)
                self.awaiting = skill
                if found.rest:
                    self._recognition_value(Piece(cell.line, found.rest))
            else:
                self.awaiting = _NOWHERE
                if found.rest:
                    self._loose(cell, found.rest)
        else:
            self._text(cell)

    def _skill(self, cell: Cell, found) -> None:
        skill = self.current
        title = [Piece(cell.line, found.rest)] if found.rest else []
        if skill is not None and not skill.labelled and skill.recognition is None:
            pass  # the skill's Умения/Знания came before its label
        elif (
            skill is not None
            and skill.labelled
            and skill.number == found.number
            and not skill.abilities
            and not skill.knowledge
            and (not skill.title or not title or collapse(skill.title[0].text) == collapse(title[0].text))
        ):
            if not skill.title:  # the same label again (inside the Умения cell)
                skill.title = title
            return
        else:
            skill = self._new_skill(cell, found.number)
            self.mode = skill.abilities  # a skill row starts with its abilities, labelled or not
        skill.number = found.number
        skill.labelled = True
        skill.line, skill.column, skill.label = cell.line, cell.column, found.label
        skill.title = title
        self.untitled_skill = None if title else skill

    def _recognition_target(self) -> _Skill | None:
        """The skill a recognition label belongs to.

        Normally the current skill. When the current skill has no content yet (its row
        was fused with the previous skill's recognition row) or already has its value,
        it is the nearest earlier skill still waiting for a recognition.
        """
        current = self.current
        if current is None:
            return None
        has_content = bool(current.abilities or current.knowledge)
        if current.recognition is None and (has_content or len(self.skills) == 1):
            return current
        earlier = self.skills[-3:] if has_content else self.skills[-3:-1]
        return next((s for s in reversed(earlier) if s.recognition is None and s.recognition_at is None), None)

    def _recognition_value(self, piece: Piece) -> None:
        self.awaiting.recognition = piece
        self.awaiting = None

    def _text(self, cell: Cell) -> None:
        text = cell.text
        if text.casefold() in _RECOGNITION_VALUES:
            if self.awaiting is _NOWHERE:
                self.awaiting = None
                self._loose(cell, text)
                return
            if self.awaiting is not None:
                self._recognition_value(Piece(cell.line, text))
                return
            current = self.current
            if (
                current is not None
                and current.recognition is None
                and cell.column != 0
                and (current.abilities or current.knowledge)
            ):
                current.recognition = Piece(cell.line, text)
                return
        lowercase = starts_lowercase(text)
        current = self.current
        if (
            cell.column in (0, 1)
            and lowercase
            and self.mode is not None
            and not self.mode
            and current is not None
            and current.labelled
            and current.title
            and not current.title[-1].text.endswith(".")
        ):
            # The skill's title cell spilled onto the next row, next to its list:
            # "Навык 2: Ведение сервисных записей о выявленных" / "проблемах и …" (003:4137).
            # A lowercase start cannot begin a list that has no item yet.
            current.title.append(Piece(cell.line, text))
            return
        if cell.column == 0 and self._repeats_function_title(text):
            self._loose(cell, text)  # "ИТ-инфраструктуры организации" again (003:2652): not an item
            return
        if cell.column == 0 and not lowercase and self.untitled_lf is not None:
            self.untitled_lf.title.append(Piece(cell.line, text))
            self.untitled_lf = None
            return
        if (
            cell.column == 0
            and lowercase
            and self.lf_labels
            and self.lf_labels[-1].title
            and not self.lf_labels[-1].title[-1].text.endswith(".")
        ):
            self.lf_labels[-1].title.append(Piece(cell.line, text))
            return
        if cell.column == 1 and self.untitled_skill is not None:
            skill = self.untitled_skill
            found = match_label(text.replace(".", ":", 1), allow_passport_number=False)
            if found and found.concept == L.SKILL and found.number == skill.number and found.rest:
                text = found.rest  # "навык 2. Анимация и рендеринг"
            skill.title.append(Piece(cell.line, text))
            self.untitled_skill = None
            return
        if self.mode is not None:
            _add_item(self.mode, cell.line, text)
            return
        self._loose(cell, text)

    def _repeats_function_title(self, text: str) -> bool:
        """Whether ``text`` repeats the end of the last labour-function title (a rowspan echo)."""
        if not self.lf_labels or not self.lf_labels[-1].title or len(text) < 10:
            return False
        title = collapse(" ".join(p.text for p in self.lf_labels[-1].title)).casefold()
        return title != collapse(text).casefold() and title.endswith(collapse(text).casefold())

    def _loose(self, cell: Cell, text: str) -> None:
        self.texts.append(Token(TEXT, cell.line, value=[Piece(cell.line, text)], column=cell.column, row=cell.row))

    # -- blocks ---------------------------------------------------------------------

    def tokens(self) -> list[Token]:
        blocks: list[list[_Skill]] = []
        for skill in self.skills:
            if not blocks or skill.number == 1:
                blocks.append([])
            blocks[-1].append(skill)
        starts = [block[0].row for block in blocks]

        def span_block(row: int) -> int:
            index = 0
            for k, start in enumerate(starts):
                if row >= start:
                    index = k
            return index

        additional = sorted(
            {lf.number for lf in self.lf_labels if lf.concept == L.ADDITIONAL_LABOUR_FUNCTION and lf.number}
        )
        n_mandatory = len(blocks) - len(additional)
        placed: dict[int, list[_LFLabel]] = {}
        for lf in self.lf_labels:
            target = None
            if lf.concept == L.ADDITIONAL_LABOUR_FUNCTION and lf.number in additional:
                target = n_mandatory + additional.index(lf.number)
            elif lf.concept == L.LABOUR_FUNCTION and lf.number and 1 <= lf.number <= n_mandatory:
                target = lf.number - 1
            if target is None or not 0 <= target < len(blocks):
                target = span_block(lf.row)
            placed.setdefault(target, []).append(lf)

        out: list[Token] = []
        for index, block in enumerate(blocks):
            out.append(self._lf_token(index, block, placed.get(index, []), span_block))
            for skill in block:
                out.extend(self._skill_tokens(skill))
        if not blocks:
            for lf in self.lf_labels:
                out.append(self._lf_text(lf))
        return out + self.texts

    def _lf_token(self, index: int, block: list[_Skill], labels: list[_LFLabel], span_block) -> Token:
        listed = self._listed_title(index)
        chosen: _LFLabel | None = None
        titles = {collapse(" ".join(p.text for p in lf.title)) for lf in labels if lf.title}
        if len(titles) > 1:  # contradictory labels: keep the one on its own rows, else the listed title
            own = [lf for lf in labels if lf.title and span_block(lf.row) == index]
            same = [lf for lf in labels if lf.title and listed and _same(lf.title, listed)]
            chosen = (same or own or [lf for lf in labels if lf.title])[0]
            for lf in labels:
                if lf.title and not _same(lf.title, chosen.title):
                    self.texts.append(self._lf_text(lf))
            labels = [lf for lf in labels if not lf.title or _same(lf.title, chosen.title)]
        chosen = chosen or next((lf for lf in labels if lf.title), labels[0] if labels else None)
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

    def _listed_title(self, index: int) -> Piece | None:
        """The function list item ``index + 1`` with its number removed."""
        for piece in self.function_list:
            m = re.match(r"^(\d{1,2})\s*[.)]\s*(.*)$", piece.text)
            if m and int(m.group(1)) == index + 1:
                return Piece(piece.line, m.group(2).strip())
        return None

    @staticmethod
    def _lf_text(lf: _LFLabel) -> Token:
        text = collapse(lf.label + " " + " ".join(p.text for p in lf.title))
        return Token(TEXT, lf.line, value=[Piece(lf.line, text)], column=lf.column, row=lf.row, label=lf.label)

    @staticmethod
    def _skill_tokens(skill: _Skill) -> list[Token]:
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
            Token(
                L.RECOGNITION, line, value=[skill.recognition] if skill.recognition else [], column=column, label=label
            )
        )
        return tokens


def _same(title: list[Piece], other: list[Piece] | Piece) -> bool:
    if isinstance(other, Piece):
        other = [other]
    fold = lambda ps: collapse(" ".join(p.text for p in ps)).rstrip(".").casefold()  # noqa: E731
    return fold(title) == fold(other)


# --- one card ----------------------------------------------------------------------


def _card_tokens(rows: list[list[Cell]]) -> list[Token]:
    """Tokens of one card span (header row .. last related row), in canonical order."""
    tokens: list[Token] = []
    stream = _Stream(tokens)
    k = 0
    displaced: list[Piece] = []  # list items printed above "Перечень трудовых функций:"
    mandatory: Token | None = None
    awaiting_education: list[Token] = []  # empty education labels whose values come on a later row
    # header fields, up to and including the additional-functions row
    while k < len(rows):
        row = rows[k]
        labels = [match_label(c.text) for c in row]
        concepts = {f.concept for f in labels if f}
        if concepts & (_FUNCTION_LABELS | _TAIL_LABELS):
            break
        for cell, found in zip(row, labels, strict=False):
            if found and found.concept in (L.LABOUR_FUNCTION, L.ADDITIONAL_LABOUR_FUNCTION, L.SKILL):
                stream.text(cell)
            elif found:
                token = stream.label(cell, found)
                if found.concept in (L.EDUCATION_LEVEL, L.SPECIALTY) and not found.rest:
                    awaiting_education.append(token)
                elif found.concept != L.EDUCATION:
                    awaiting_education.clear()
                if found.concept == L.CARD_HEADER:
                    _titled(token)
                if found.concept == L.MANDATORY_FUNCTIONS:
                    mandatory = token
            elif stream.current is not None and stream.current.concept == L.EDUCATION and awaiting_education:
                # "⇥Уровень образования:⇥Специальность:" with the values on the next row, after
                # "Уровень профессионального образования:" (003:3919/3921, 3012/3014).
                awaiting_education.pop(0).value.append(Piece(cell.line, cell.text))
            elif stream.current is not None and stream.current.concept == L.FUNCTIONS_DESCRIPTION:
                displaced.append(Piece(cell.line, cell.text))
            elif stream.current is not None and stream.current.concept == L.FUNCTION_LIST and mandatory is not None:
                mandatory.value.append(Piece(cell.line, cell.text))  # list printed below its label
            else:
                stream.text(cell)
        k += 1
        if L.ADDITIONAL_FUNCTIONS in concepts:
            break
    if mandatory is not None:
        items: list[Piece] = []
        for piece in displaced + mandatory.value:
            _add_item(items, piece.line, piece.text)
        mandatory.value = items
    elif displaced:
        tokens.extend(Token(TEXT, p.line, value=[p]) for p in displaced)
    # labour functions, up to the personal competencies / regulations / related rows
    start = k
    while k < len(rows):
        if any((f := match_label(c.text)) and f.concept in _TAIL_LABELS for c in rows[k]):
            break
        k += 1
    # Rows of plain text in the first two columns just above "Требования к личностным
    # компетенциям:" are the first part of that value (the flattened cell spilled upwards;
    # 003:2212 has no leading TAB).
    end = k
    while end - 1 > start and all(
        c.column in (0, 1) and not match_label(c.text) and not starts_lowercase(c.text) for c in rows[end - 1]
    ):
        end -= 1
    spilled = [Piece(c.line, c.text) for row in rows[end:k] for c in row]
    if start < end:
        functions = _Functions(rows[start:end], mandatory.value if mandatory else [])
        tokens.extend(functions.tokens())
    # tail: competencies, regulations, related professions
    stream.close()
    tail_start = len(tokens)
    # The related-professions table: its column headers can come before the
    # "Связь с другими профессиями…" label, and its first row on the label's row.
    related: list[Token] = []
    columns: list[Token] = []
    related_rows: list[Token] = []
    for row in rows[k:]:
        found_all = [match_label(c.text) for c in row]
        concepts = {f.concept for f in found_all if f}
        if not (concepts & {L.RELATED, L.RELATED_LEVEL_COLUMN}) and not related and not columns:
            for cell, found in zip(row, found_all, strict=False):
                if found:
                    stream.label(cell, found)
                else:
                    stream.text(cell)
            continue
        if concepts & {L.PERSONAL_COMPETENCIES, L.REGULATIONS}:
            for cell, found in zip(row, found_all, strict=False):
                stream.label(cell, found) if found else stream.text(cell)
            continue
        rest = list(row)
        if L.RELATED in concepts:
            n = next(i for i, f in enumerate(found_all) if f and f.concept == L.RELATED)
            for cell in row[:n]:
                related_rows.append(Token(TEXT, cell.line, value=[Piece(cell.line, cell.text)], column=cell.column))
            head, found = row[n], found_all[n]
            related.append(
                Token(
                    L.RELATED,
                    head.line,
                    column=head.column,
                    row=head.row,
                    label=found.label,
                    value=[Piece(head.line, found.rest)] if found.rest else [],
                )
            )
            rest = row[n + 1 :]
        found_rest = [match_label(c.text) for c in rest]
        if any(f and f.concept == L.RELATED_LEVEL_COLUMN and not f.rest for f in found_rest):
            for cell, f in zip(rest, found_rest, strict=False):
                if f and f.concept == L.RELATED_LEVEL_COLUMN:
                    columns.append(Token(f.concept, cell.line, column=cell.column, row=cell.row, label=f.label))
                elif f and f.concept == L.PROFESSION_NAME:
                    columns.append(
                        Token(
                            L.RELATED_NAME_COLUMN,
                            cell.line,
                            column=cell.column,
                            row=cell.row,
                            label=f.label,
                            value=[Piece(cell.line, f.rest)] if f.rest else [],
                        )
                    )
                else:
                    related_rows.append(Token(TEXT, cell.line, value=[Piece(cell.line, cell.text)], column=cell.column))
        elif rest:
            related_rows.extend(_related_rows(rest))  # "⇥6⇥Name" or "Уровень ОРК: 7⇥Наименование профессии: Name"
    tokens.extend(related + columns + related_rows)
    if spilled:
        target = next((t for t in tokens[tail_start:] if t.concept == L.PERSONAL_COMPETENCIES), None)
        if target is not None:
            target.value = spilled + target.value
        else:
            tokens[tail_start:tail_start] = [Token(TEXT, p.line, value=[p], column=1) for p in spilled]
    return tokens


def _related_rows(cells: list[Cell]) -> list[Token]:
    """``⇥6⇥Name⇥`` (or ``Уровень ОРК: 6⇥Наименование профессии: Name``) -> RELATED_ROW."""
    level: int | None = None
    names: list[Piece] = []
    first = cells[0] if cells else None
    label = ""
    for cell in cells:
        text = cell.text
        found = match_label(text)
        if found and found.concept in (L.RELATED_LEVEL_COLUMN, L.PROFESSION_NAME):
            label = collapse(label + " " + found.label)
            text = found.rest
            if not text:
                continue
        if level is None and not names and is_level_cell(text):
            level = int(re.match(r"\d+", text).group())
            label = collapse(f"{label} {text}")  # the parser reads a range ("5-6") from the label
        else:
            names.append(Piece(cell.line, text))
    if first is None or (level is None and not names):
        return []
    name = [Piece(names[0].line, collapse(" ".join(p.text for p in names)))] if names else []
    return [Token(RELATED_ROW, first.line, number=level, value=name, column=first.column, row=first.row, label=label)]


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
    for row in _rows(lines, 0, first):
        for cell in row:
            tokens.append(Token(TEXT, cell.line, value=[Piece(cell.line, cell.text)], row=cell.row))

    stream = _Stream(tokens)
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
            _titled(tokens[-1])
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
            tokens.extend(_card_tokens(_rows(lines, i, end)))
            stream.close()
            i = end
            continue
        # chapters 1, 2 and 4: one markdown paragraph (or TAB row) at a time
        j = i + 1
        if "\t" not in raw:
            while (
                (lines[j - 1].endswith("  ") or lines[j - 1].endswith("\\"))
                and j < len(lines)
                and _continues(lines[j])
                and not _ANNEX.match(clean_piece(lines[j]))
            ):
                j += 1
        for row in _rows(lines, i, j):
            for cell in row:
                found = match_label(cell.text)
                if found and found.concept not in _FUNCTION_LABELS:
                    stream.label(cell, found)
                else:
                    stream.text(cell)
        i = j
    return Source(name=name, lines=lines, tokens=tokens, format=FORMAT, language="ru")
