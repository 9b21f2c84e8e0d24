"""The labour-function rows of one card of order 209 (seed 003), read cell by cell.

The rows come from a rowspan table that was flattened badly: a skill's label, its
Умения/Знания lists and its recognition value sit on any of its rows, fused with the
next skill's row or spilled onto the next. :class:`FunctionRows` follows them in row
order into :class:`Skill` records and :class:`FunctionLabel` records (labour-function
labels, not yet placed on their block), and keeps the text it cannot place as TEXT.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from importers import labels as L
from importers.labels import match_label
from importers.readers.markdown_cells import Cell, add_item
from importers.readers.table_rows import starts_lowercase
from importers.text import collapse
from importers.tokens import TEXT, Piece, Token

_RECOGNITION_VALUES = {"не рекомендуется", "рекомендуется", "-", "–", "не рекомендуется.", "рекомендуется."}


@dataclass
class Skill:
    """A skill as read so far: label, title, lists and recognition, each with where its label sat."""

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
class FunctionLabel:
    """A labour-function label (mandatory or additional) with its title, before it is placed on a block."""

    concept: str
    number: int | None
    line: int
    row: int
    column: int | None
    label: str
    title: list[Piece] = field(default_factory=list)


_NOWHERE = Skill(None, 0, 0)  # recognition label with no skill to take its value


class FunctionRows:
    """The skills, labour-function labels and loose text of one card's flattened rows, read cell by cell."""

    def __init__(self, rows: list[list[Cell]]):
        self.skills: list[Skill] = []
        self.lf_labels: list[FunctionLabel] = []
        self.texts: list[Token] = []
        self.mode: list[Piece] | None = None
        self.awaiting: Skill | None = None  # skill whose recognition label still waits for a value
        self.untitled_lf: FunctionLabel | None = None
        self.untitled_skill: Skill | None = None
        for row in rows:
            for cell in row:
                self._cell(cell)

    @property
    def current(self) -> Skill | None:
        return self.skills[-1] if self.skills else None

    def _new_skill(self, cell: Cell, number: int | None = None) -> Skill:
        skill = Skill(number, cell.line, cell.row, cell.column)
        self.skills.append(skill)
        return skill

    def _cell(self, cell: Cell) -> None:
        found = match_label(cell.text, allow_passport_number=False)
        concept = found.concept if found else None
        if concept in (L.LABOUR_FUNCTION, L.ADDITIONAL_LABOUR_FUNCTION):
            self._function_label(cell, found)
        elif concept == L.SKILL:
            self._skill(cell, found)
        elif concept == L.ABILITIES:
            self._abilities(cell, found)
        elif concept == L.KNOWLEDGE:
            self._knowledge(cell, found)
        elif concept == L.RECOGNITION:
            self._recognition(cell, found)
        else:
            self._text(cell)

    def _function_label(self, cell: Cell, found) -> None:
        lf = FunctionLabel(found.concept, found.number, cell.line, cell.row, cell.column, found.label)
        if found.rest:
            lf.title.append(Piece(cell.line, found.rest))
            self.untitled_lf = None
        else:
            self.untitled_lf = lf
        self.lf_labels.append(lf)

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

    def _abilities(self, cell: Cell, found) -> None:
        skill = self.current
        if skill is None or skill.recognition is not None or skill.abilities:
            skill = self._new_skill(cell)
        skill.abilities_at = skill.abilities_at or (cell.line, cell.column, found.label)
        self.mode = skill.abilities
        if found.rest:
            add_item(skill.abilities, cell.line, found.rest)

    def _knowledge(self, cell: Cell, found) -> None:
        skill = self.current or self._new_skill(cell)
        skill.knowledge_at = skill.knowledge_at or (cell.line, cell.column, found.label)
        self.mode = skill.knowledge
        if found.rest:
            add_item(skill.knowledge, cell.line, found.rest)

    def _recognition(self, cell: Cell, found) -> None:
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

    def _recognition_target(self) -> Skill | None:
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
        if cell.text.casefold() in _RECOGNITION_VALUES and self._recognition_text(cell):
            return
        if self._title_text(cell):
            return
        if self.mode is not None:
            add_item(self.mode, cell.line, cell.text)
            return
        self._loose(cell, cell.text)

    def _recognition_text(self, cell: Cell) -> bool:
        """Take a recognition value ("Не рекомендуется") for the skill waiting for one; False if none is."""
        text = cell.text
        if self.awaiting is _NOWHERE:
            self.awaiting = None
            self._loose(cell, text)
            return True
        if self.awaiting is not None:
            self._recognition_value(Piece(cell.line, text))
            return True
        current = self.current
        if (
            current is not None
            and current.recognition is None
            and cell.column != 0
            and (current.abilities or current.knowledge)
        ):
            current.recognition = Piece(cell.line, text)
            return True
        return False

    def _title_text(self, cell: Cell) -> bool:
        """Take text that continues, repeats or supplies a skill's or labour function's title; False if not."""
        text = cell.text
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
            return True
        if cell.column == 0 and self._repeats_function_title(text):
            self._loose(cell, text)  # "ИТ-инфраструктуры организации" again (003:2652): not an item
            return True
        if cell.column == 0 and not lowercase and self.untitled_lf is not None:
            self.untitled_lf.title.append(Piece(cell.line, text))
            self.untitled_lf = None
            return True
        if (
            cell.column == 0
            and lowercase
            and self.lf_labels
            and self.lf_labels[-1].title
            and not self.lf_labels[-1].title[-1].text.endswith(".")
        ):
            self.lf_labels[-1].title.append(Piece(cell.line, text))
            return True
        if cell.column == 1 and self.untitled_skill is not None:
            skill = self.untitled_skill
            found = match_label(text.replace(".", ":", 1), allow_passport_number=False)
            if found and found.concept == L.SKILL and found.number == skill.number and found.rest:
                text = found.rest  # "навык 2. Анимация и рендеринг"
            skill.title.append(Piece(cell.line, text))
            self.untitled_skill = None
            return True
        return False

    def _repeats_function_title(self, text: str) -> bool:
        """Whether ``text`` repeats the end of the last labour-function title (a rowspan echo)."""
        if not self.lf_labels or not self.lf_labels[-1].title or len(text) < 10:
            return False
        title = collapse(" ".join(p.text for p in self.lf_labels[-1].title)).casefold()
        return title != collapse(text).casefold() and title.endswith(collapse(text).casefold())

    def _loose(self, cell: Cell, text: str) -> None:
        self.texts.append(Token(TEXT, cell.line, value=[Piece(cell.line, text)], column=cell.column, row=cell.row))
