"""The one parser: canonical tokens (any reader, either language) -> DocumentRecord.

Readers solve layout and emit tokens in the canonical order of
``docs/importer-contract.md``; this module solves meaning: which edition,
which card (by position, never by printed number), which labour function and
skill, the level from the passport list when the card body has none
(:mod:`importers.passport`), item splitting, and the accounting of card
characters. The concept -> field tables are in :mod:`importers.labels`. It is
pure: no Django.

Usage::

    record = parse(legal_text.read(data, name))
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice

from importers import labels as L
from importers import records as R
from importers.passport import apply_list_levels
from importers.records import (
    INFO,
    WARNING,
    CardListItem,
    CardRecord,
    DocumentRecord,
    EditionRecord,
    EducationRecord,
    ImportIssue,
    LabourFunctionRecord,
    RelatedRecord,
    SkillRecord,
)
from importers.text import (
    clean_item,
    collapse,
    guess_language,
    normalise_code,
    oked_subclasses,
    parse_level,
    parse_order_reference,
    parse_version,
    split_competencies,
    split_items,
    split_list_item,
    split_other_titles,
    strip_end_dot,
    unquote,
    visible_chars,
)
from importers.tokens import ANNEX, RELATED_ROW, TEXT, Piece, Source, Token

# A card span ends at any of these.
CARD_BOUNDARIES = {L.CARD_HEADER, L.CHAPTER_4, L.STANDARD_HEADING, ANNEX}

_DASHES = {"-", "–", "—"}
_LEVEL_RANGE = re.compile(r"(?<!\d)(\d{1,2})\s*[-–]\s*(\d{1,2})(?!\d)")
# The issue of abilities, knowledge or a recognition line that finds no skill open.
_WITHOUT_SKILL = {
    "abilities": R.ABILITIES_WITHOUT_SKILL,
    "knowledge": R.KNOWLEDGE_WITHOUT_SKILL,
    "recognition": R.RECOGNITION_WITHOUT_SKILL,
}
_AMENDING = re.compile(r"внесении изменени|өзгеріс(?:тер)? енгізу", re.IGNORECASE)


def parse(source: Source) -> DocumentRecord:
    """Build the DocumentRecord of one source from its canonical tokens.

    Never raises on odd input: whatever cannot be placed becomes an
    :class:`ImportIssue` (``warning`` for card text that landed nowhere,
    ``error`` for structural problems such as a passport list whose length
    differs from the number of cards or a card with no level at all).
    """
    return _Parser(source).run()


@dataclass
class _CardState:
    """Where the sequential reading is inside the current card."""

    card: CardRecord
    function: LabourFunctionRecord | None = None
    skill: SkillRecord | None = None
    complete: set[int] = field(default_factory=set)  # id() of skills whose recognition was read
    in_related: bool = False


class _Parser:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.doc = DocumentRecord(file_name=source.name, format=source.format)
        self.edition: EditionRecord | None = None
        self.state: _CardState | None = None
        self.annexes: list[int] = []
        self.landed: dict[int, int] = defaultdict(int)  # source line -> characters landed

    # -- driver ----------------------------------------------------------------
    def run(self) -> DocumentRecord:
        handlers = self._handlers()
        for token in self.source.tokens:
            if token.concept in CARD_BOUNDARIES:
                self._close_card(token.line - 1)
            handler = handlers.get(token.concept, self._on_unknown)
            handler(token)
        self._close_card(len(self.source.lines))
        self._close_edition(len(self.source.lines))
        self._read_document_metadata()
        self._account()
        return self.doc

    def _handlers(self):
        table = {
            TEXT: self._on_text,
            ANNEX: self._on_annex,
            L.STANDARD_HEADING: self._on_heading,
            L.STANDARD_TITLE: self._on_standard_title,
            L.STANDARD_CODE: self._on_standard_code,
            L.OKED: self._on_oked,
            L.CARD_LIST: self._on_card_list,
            L.VERSION: self._on_version,
            L.CARD_HEADER: self._on_card_header,
            L.LEVEL: self._on_level,
            L.OTHER_TITLES: self._on_other_titles,
            L.LABOUR_FUNCTION: self._on_labour_function,
            L.ADDITIONAL_LABOUR_FUNCTION: self._on_labour_function,
            L.SKILL: self._on_skill,
            L.ABILITIES: self._on_abilities,
            L.KNOWLEDGE: self._on_knowledge,
            L.RECOGNITION: self._on_recognition,
            L.RELATED: self._on_related,
            RELATED_ROW: self._on_related_row,
            L.PROFESSION_NAME: self._on_profession_name,
        }
        for concept in L.EDITION_TEXT_FIELDS:
            table[concept] = self._on_edition_text
        for concept in L.DEVELOPER_DETAILS:
            table[concept] = self._on_developer_detail
        for concept in L.CARD_TEXT_FIELDS:
            table.setdefault(concept, self._on_card_text)
        for concept in L.CARD_LIST_FIELDS:
            table[concept] = self._on_card_list_field
        for concept in L.EDUCATION_FIELDS:
            table[concept] = self._on_education_field
        for concept in L.EMPTY_HEADINGS:  # the related-professions header keeps its own handler
            table.setdefault(concept, self._on_heading_like)
        for concept in L.FRONT_MATTER:
            table[concept] = self._on_front_matter
        return table

    # -- helpers ---------------------------------------------------------------
    def issue(
        self, line: int, code: str, message: str, text: str = "", severity: str = WARNING, params: dict | None = None
    ) -> None:
        self.doc.issues.append(ImportIssue(line, code, message, text[:300], severity, params or {}))

    def land(self, pieces: list[Piece]) -> None:
        """Count the pieces' characters as landed in a record field."""
        for piece in pieces:
            self.landed[piece.line] += visible_chars(piece.text)

    def lost(self, token: Token, code: str, why: str, params: dict | None = None) -> None:
        """Report every piece of a token whose value has no place to go."""
        for piece in token.value:
            if piece.text.strip():
                self.issue(piece.line, code, why, piece.text, WARNING if self.state else INFO, params)

    def _edition(self, token: Token) -> EditionRecord:
        """The current edition, opened implicitly when a file has no standard heading."""
        if self.edition is None or (token.concept in L.PASSPORT and self.edition.cards):
            self._close_card(token.line - 1)
            self._close_edition(token.line - 1)
            self._open_edition(token.line)
        return self.edition

    def _open_edition(self, line: int, heading: str = "") -> None:
        self.edition = EditionRecord(heading_title=heading, first_line=line)
        if self.annexes:
            self.edition.annex = self.annexes[-1]
            if len(self.annexes) > 1:
                self.edition.amending_annex = self.annexes[-2]
        self.annexes = []
        self.doc.editions.append(self.edition)

    def _card(self, token: Token) -> _CardState:
        """The current card, opened implicitly (with an issue) when a card field has no header."""
        if self.state is None:
            edition = self._edition(token)
            card = CardRecord(position=len(edition.cards) + 1, first_line=token.line)
            edition.cards.append(card)
            self.state = _CardState(card)
            self.issue(token.line, R.CARD_WITHOUT_HEADER, "card field before any card header: card opened", token.label)
        return self.state

    # -- document and edition tokens --------------------------------------------
    def _on_text(self, token: Token) -> None:
        severity = WARNING if self.state else INFO
        for piece in token.value or [Piece(token.line, "")]:
            self.issue(piece.line, R.UNPLACED_TEXT, "text outside any field", piece.text, severity)

    def _on_unknown(self, token: Token) -> None:
        params = {"heading": token.concept, "label": token.label}
        self.lost(token, R.UNPLACED_LABEL_TEXT, f"no place for {token.concept}", params)

    def _on_annex(self, token: Token) -> None:
        if self.edition is not None and (self.edition.cards or self.edition.card_list):
            self._close_edition(token.line - 1)
        if token.number is not None:
            self.annexes.append(token.number)

    def _on_heading(self, token: Token) -> None:
        self._close_edition(token.line - 1)
        self._open_edition(token.line, unquote(token.text))

    def _on_heading_like(self, token: Token) -> None:
        if token.concept in L.PASSPORT:
            self._edition(token)
        if token.concept in (L.RELATED_LEVEL_COLUMN, L.RELATED_NAME_COLUMN) and self.state:
            self.state.in_related = True
        if token.concept == L.EDUCATION and self.state and token.value:
            # a one-line education block: "Кәсіптік білім деңгейі: жоғары білім"
            self.state.card.education.append(EducationRecord(level=token.text))
            self.land(token.value)
            return
        params = {"heading": token.concept, "label": token.label}
        self.lost(token, R.TEXT_UNDER_HEADING, f"text under the heading {token.concept!r}", params)

    def _on_front_matter(self, token: Token) -> None:
        self._edition(token)

    def _on_standard_title(self, token: Token) -> None:
        self._edition(token).title = strip_end_dot(token.text)

    def _on_standard_code(self, token: Token) -> None:
        edition = self._edition(token)
        edition.code_as_printed = token.text
        edition.code = normalise_code(token.text) if token.text not in _DASHES else ""

    def _on_oked(self, token: Token) -> None:
        edition = self._edition(token)
        lines = [collapse(p.text) for p in token.value if p.text.strip()]
        edition.oked_lines.extend(lines)
        edition.oked = oked_subclasses(edition.oked_lines)

    def _on_card_list(self, token: Token) -> None:
        edition = self._edition(token)
        for piece in token.value:
            if not piece.text.strip():
                continue
            title, level_text = split_list_item(piece.text)
            level = parse_level(level_text) if level_text else None
            edition.card_list.append(
                CardListItem(
                    position=len(edition.card_list) + 1,
                    title=title,
                    level_min=level[0] if level else None,
                    level_max=level[1] if level else None,
                    text=collapse(piece.text),
                    line=piece.line,
                )
            )

    def _on_version(self, token: Token) -> None:
        edition = self._edition(token)
        edition.version_text = token.text
        edition.version, edition.year = parse_version(token.text)

    def _on_edition_text(self, token: Token) -> None:
        edition = self._edition(token)
        setattr(edition, L.EDITION_TEXT_FIELDS[token.concept], token.text)

    def _on_developer_detail(self, token: Token) -> None:
        edition = self._edition(token)
        detail = collapse(f"{token.label} {token.text}")
        edition.developers = f"{edition.developers}\n{detail}".strip()

    # -- cards -------------------------------------------------------------------
    def _on_card_header(self, token: Token) -> None:
        edition = self._edition(token)
        card = CardRecord(
            position=len(edition.cards) + 1,
            first_line=token.line,
            number=str(token.number) if token.number is not None else "",
            header_title=unquote(token.text),
        )
        edition.cards.append(card)
        self.state = _CardState(card)
        self.land(token.value)

    def _close_card(self, last_line: int) -> None:
        if self.state is not None:
            self.state.card.last_line = max(last_line, self.state.card.first_line)
            self.state = None

    def _on_card_text(self, token: Token) -> None:
        state = self._card(token)
        setattr(state.card, L.CARD_TEXT_FIELDS[token.concept], token.text)
        self.land(token.value)

    def _on_profession_name(self, token: Token) -> None:
        # After the related-professions header, "Кәсіптің атауы:" is the name column.
        if self.state and self.state.in_related:
            self.lost(token, R.TEXT_UNDER_RELATED_NAME_COLUMN, "text under the related-professions name column")
            return
        self._on_card_text(token)

    def _on_level(self, token: Token) -> None:
        card = self._card(token).card
        card.level_text = token.text
        level = parse_level(token.text) if token.text else None
        if level and level[0] == level[1]:
            card.level, card.level_source = level[0], "card"
        elif token.text:
            self.issue(token.line, R.LEVEL_NOT_SINGLE, "level in the card body is not a single level", token.text, INFO)
        self.land(token.value)

    def _on_other_titles(self, token: Token) -> None:
        card = self._card(token).card
        for item in split_items([p.text for p in token.value]):
            card.other_titles.extend(split_other_titles(item))
        self.land(token.value)

    def _on_card_list_field(self, token: Token) -> None:
        card = self._card(token).card
        items = split_items([p.text for p in token.value])
        if token.concept == L.PERSONAL_COMPETENCIES:
            items = split_competencies(items)  # run together (003) or a comma list (001 J062, 004)
        getattr(card, L.CARD_LIST_FIELDS[token.concept]).extend(items)
        self.land(token.value)

    def _on_education_field(self, token: Token) -> None:
        card = self._card(token).card
        name = L.EDUCATION_FIELDS[token.concept]
        # A new option starts with its level, or when the field is already filled.
        if not card.education or token.concept == L.EDUCATION_LEVEL or getattr(card.education[-1], name):
            card.education.append(EducationRecord())
        setattr(card.education[-1], name, token.text)
        self.land(token.value)

    # -- labour functions and skills ------------------------------------------------
    def _on_labour_function(self, token: Token) -> None:
        state = self._card(token)
        kind = "additional" if token.concept == L.ADDITIONAL_LABOUR_FUNCTION else "mandatory"
        title = token.text
        if not title:
            title = self._listed_function(state.card, kind, token.number)
            why = "labour function without a title: taken from the function list"
            self.issue(token.line, R.FUNCTION_TITLE_FROM_LIST, why, title, INFO, {"number": token.number})
        self._add_function(state, token.number, title, kind, token.line)
        self.land(token.value)

    @staticmethod
    def _listed_function(card: CardRecord, kind: str, number: int | None) -> str:
        listed = card.additional_function_list if kind == "additional" else card.mandatory_function_list
        if number is not None and 1 <= number <= len(listed):
            return listed[number - 1]
        return ""

    @staticmethod
    def _add_function(state: _CardState, number, title: str, kind: str, line: int) -> LabourFunctionRecord:
        function = LabourFunctionRecord(number=number, title=title, kind=kind, line=line)
        state.card.labour_functions.append(function)
        state.function, state.skill = function, None
        return function

    def _function(self, state: _CardState, token: Token) -> LabourFunctionRecord:
        """The current labour function; a skill before any function gets the listed one."""
        if state.function is None:
            position = len(state.card.labour_functions) + 1
            title = self._listed_function(state.card, "mandatory", position)
            why = "skill before any labour function: function taken from the list"
            self.issue(token.line, R.SKILL_BEFORE_FUNCTION, why, title, WARNING, {"number": position})
            self._add_function(state, position, title, "mandatory", token.line)
        return state.function

    def _on_skill(self, token: Token) -> None:
        state = self._card(token)
        function = self._function(state, token)
        skill = state.skill
        if (
            skill is not None
            and id(skill) not in state.complete
            and skill.number == token.number
            and (not token.text or token.text == skill.title)
        ):
            why = "skill label repeated inside one skill: ignored"
            self.issue(token.line, R.REPEATED_SKILL_LABEL, why, token.text, INFO, {"number": token.number})
            self.land(token.value)
            return
        state.skill = SkillRecord(number=token.number, title=token.text, line=token.line)
        function.skills.append(state.skill)
        self.land(token.value)

    def _skill_for(self, state: _CardState, token: Token, part: str) -> SkillRecord:
        """The skill that receives abilities/knowledge; a new unnamed one when the current is full."""
        function = self._function(state, token)
        skill = state.skill
        full = skill is not None and skill.abilities and skill.knowledge and id(skill) in state.complete
        already = skill is not None and getattr(skill, part) and part == "abilities" and skill.knowledge
        if skill is None or full or already:
            number = (skill.number or 0) + 1 if skill is not None else len(function.skills) + 1
            state.skill = SkillRecord(number=number, title="", line=token.line)
            function.skills.append(state.skill)
            why = f"{part} with no open skill: unnamed skill {number} added"
            self.issue(token.line, _WITHOUT_SKILL[part], why, "", WARNING, {"number": number})
        return state.skill

    def _on_abilities(self, token: Token) -> None:
        state = self._card(token)
        self._skill_for(state, token, "abilities").abilities.extend(split_items([p.text for p in token.value]))
        self.land(token.value)

    def _on_knowledge(self, token: Token) -> None:
        state = self._card(token)
        skill = self._skill_for(state, token, "knowledge")
        skill.knowledge.extend(split_items([p.text for p in token.value]))
        self.land(token.value)

    def _on_recognition(self, token: Token) -> None:
        state = self._card(token)
        skill = state.skill if state.skill is not None else self._skill_for(state, token, "recognition")
        skill.recognition = token.text
        state.complete.add(id(skill))
        self.land(token.value)

    # -- related professions ----------------------------------------------------------
    def _on_related(self, token: Token) -> None:
        state = self._card(token)
        state.in_related = True
        self.lost(token, R.TEXT_ON_RELATED_HEADER, "text on the related-professions header")

    def _on_related_row(self, token: Token) -> None:
        state = self._card(token)
        level, level_max = token.number, None
        span = _LEVEL_RANGE.search(token.label)  # "5-6" (001:17469, 003:839)
        if span:
            level, level_max = int(span.group(1)), int(span.group(2))
        state.card.related.append(
            RelatedRecord(
                level=level,
                title=clean_item(token.text) if token.text.startswith(("- ", "• ")) else token.text,
                line=token.line,
                level_max=level_max,
            )
        )
        self.land(token.value)

    # -- end of edition: levels from the passport list -----------------------------------
    def _close_edition(self, last_line: int) -> None:
        edition = self.edition
        if edition is None:
            return
        edition.last_line = max(last_line, edition.first_line)
        if not edition.title:
            edition.title = edition.heading_title
        self.doc.issues.extend(apply_list_levels(edition))
        self.edition = None

    # -- document metadata and accounting ----------------------------------------------
    def _read_document_metadata(self) -> None:
        doc, source = self.doc, self.source
        doc.language = (
            source.language
            or guess_language(" ".join(p.text for t in source.tokens if t.concept != TEXT for p in t.value))
            or guess_language(" ".join(source.lines[:200]))
        )
        # The first 15 non-empty lines: a PDF's line list is sparse (page * 10000 + row).
        head = list(islice(filter(None, map(collapse, source.lines)), 15))
        doc.title = head[0].strip("*# ") if head else ""
        reference = None
        for line in head[1:] + head[:1]:  # the title may cite another order: read it last
            reference = parse_order_reference(line)
            if reference:
                break
        is_order = any(t.concept == ANNEX for t in source.tokens) or len(doc.editions) > 1
        if reference and is_order:
            doc.order_number, doc.order_date = reference
            doc.kind = "amending_order" if _AMENDING.search(doc.title) else "order"
        else:
            doc.kind = "standard"
            doc.title = self.doc.editions[0].title if self.doc.editions else doc.title

    def _account(self) -> None:
        """Card characters: total (labels aside) and landed, over every card span."""
        label_chars: dict[int, int] = defaultdict(int)
        for token in self.source.tokens:
            label_chars[token.line] += visible_chars(token.label)
        total = landed = 0
        for edition in self.doc.editions:
            for card in edition.cards:
                for line in range(card.first_line, card.last_line + 1):
                    total += visible_chars(self.source.lines[line - 1]) - label_chars.get(line, 0)
                    landed += self.landed.get(line, 0)
        self.doc.card_chars_total, self.doc.card_chars_landed = total, landed
