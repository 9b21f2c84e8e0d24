"""Reader for text extracted from PDF files (seeds 000, 002 and 004).

The text keeps the PDF's line breaks, so this reader solves layout only:

* labels wrapped over up to 8 lines (blank lines between the parts allowed),
  matched through :func:`importers.labels.match_label` on the joined text;
* two labels on one line from the two-column layout
  ("Кәсіптік білім деңгейі: Білім деңгейі:", "Трудовая Задача 1: Умения:");
* a label split around its value ("Другие возможные Специалист …" /
  " названия профессии:"), and words broken without a hyphen
  ("инфокоммуникацион" / "ных"), which the 2019 text marks by a line that
  lacks the trailing space every other line has;
* values after blank lines, list items wrapped over lines (one piece per
  item), related-profession rows ("6 Name", broken across blank lines),
  bare page numbers inside a value (emitted as TEXT after the value);
* the 2019 layout's order (card list after the chapter heading, education
  and ETKS after the related professions) is put back into the canonical
  order of ``docs/importer-contract.md``.

Everything the reader cannot put under a label becomes a TEXT token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers import labels as L
from importers.labels import LabelMatch, match_label
from importers.text import collapse
from importers.tokens import RELATED_ROW, TEXT, Piece, Source, Token

FORMAT = "pdf_text"

# A label wrapped over more lines than this is not a label (004's OKED label takes 8).
_MAX_LABEL_LINES = 8
# Longest line that can start a wrapped label; longer lines are running text.
_MAX_WRAPPED_LABEL_LINE = 90
# Blank lines tolerated between the parts of one wrapped label or broken word.
_MAX_BLANKS_INSIDE = 2

_ITEM_START = re.compile(r"^\d{1,2}\s*[.)]\s*\S")
_RELATED_ROW = re.compile(r"^([1-9])(?:\s+(.*))?$")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
_CODE_LINE = re.compile(r"^(?:[A-Za-zА-Яа-я]|\d{2}(?:\.\d{1,2}){0,2})\s")

# Labels that introduce a section or a table column: when another label
# follows on the same line they take no value of their own.
_HEADERS = {
    L.CHAPTER_1,
    L.CHAPTER_2,
    L.CHAPTER_3,
    L.CHAPTER_4,
    L.EDUCATION,
    L.FUNCTIONS_DESCRIPTION,
    L.FUNCTION_LIST,
    L.RELATED,
    L.RELATED_LEVEL_COLUMN,
    L.RELATED_NAME_COLUMN,
}
_RELATED_SECTION = {L.RELATED, L.RELATED_LEVEL_COLUMN, L.RELATED_NAME_COLUMN}
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
# Canonical order of the scalar card fields (education options keep their own order).
_CARD_FIELD_RANK = {
    L.GROUP_CODE: 0,
    L.OCCUPATION_CODE: 1,
    L.PROFESSION_NAME: 2,
    L.LEVEL: 3,
    L.SUBLEVEL: 4,
    L.ETKS_LEVEL: 5,
    L.EDUCATION: 6,
    L.EDUCATION_LEVEL: 6,
    L.SPECIALTY: 6,
    L.QUALIFICATION: 6,
    L.EXPERIENCE: 7,
    L.NONFORMAL_EDUCATION: 8,
    L.OTHER_TITLES: 9,
    L.PURPOSE: 10,
}


def looks_like(data: bytes) -> bool:
    """PDF-extracted text: UTF-8 lines with no TAB cells, no markdown or HTML, and standard labels."""
    if data[:5] == b"%PDF-":
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if "\t" in text or "<p>" in text or "**" in text:
        return False
    lines = text.splitlines()
    if any(line.lstrip().startswith("#") for line in lines):
        return False
    seen = set()
    for line in lines:
        m = match_label(line)
        if m and m.concept in (L.CARD_HEADER, L.CHAPTER_1, L.CHAPTER_2, L.CHAPTER_3, L.STANDARD_HEADING):
            seen.add(m.concept)
        if len(seen) >= 2:
            return True
    return False


@dataclass
class _Line:
    """One logical line: a physical line, or several joined where a word was broken."""

    no: int  # 1-based number of the first physical line
    text: str  # whitespace-collapsed; "" for a blank line


@dataclass
class _Hit:
    """One label found in the text, with what follows it on its line."""

    concept: str
    number: int | None
    label: str
    line: int
    rest: list[Piece] = field(default_factory=list)


@dataclass
class _Open:
    """The label whose value is being collected."""

    hit: _Hit
    lines: list[_Line] = field(default_factory=list)  # includes blank lines, for paragraphs
    pending: list[_Hit] = field(default_factory=list)  # chained labels waiting for a block each
    page_numbers: list[_Line] = field(default_factory=list)
    early: bool = False  # abilities printed before their task (three columns on one row)


def read(data: bytes, name: str) -> Source:
    """Turn PDF-extracted text into tokens in the canonical order of the importer contract."""
    text = data.decode("utf-8-sig")
    raw = text.splitlines()
    reader = _Reader(raw)
    tokens = reader.run()
    language = "kk" if len(_KAZAKH_LETTERS.findall(text)) > 200 else "ru"
    return Source(name=name, lines=raw, tokens=tokens, format=FORMAT, language=language)


class _Reader:
    def __init__(self, raw: list[str]):
        self.raw = raw
        non_blank = [r for r in raw if r.strip()]
        # The 2019 text ends every line with a space except where a word was broken.
        self.marks_broken_words = bool(non_blank) and sum(r.endswith(" ") for r in non_blank) > len(non_blank) / 2
        self.in_card = False
        self._seen: dict[tuple[str, bool], LabelMatch | None] = {}
        self.lines = self._logical_lines()
        self.tokens: list[Token] = []
        self.held: tuple[_Hit, list[_Line]] | None = None  # early abilities, emitted after their task
        self.education: dict[str, tuple[_Hit, list[_Line]]] = {}  # the open education option's columns

    # --- logical lines ----------------------------------------------------

    def _logical_lines(self) -> list[_Line]:
        out: list[_Line] = []
        i = 0
        n = len(self.raw)
        while i < n:
            text = collapse(self.raw[i])
            start = i
            if not text:
                out.append(_Line(i + 1, ""))
                i += 1
                continue
            while True:
                j = self._next_non_blank(i)
                if j is None or not self._breaks_word(self.raw[i], text, collapse(self.raw[j])):
                    break
                nxt = collapse(self.raw[j])
                text = text + nxt
                i = j
            out.append(_Line(start + 1, text))
            i += 1
        return out

    def _next_non_blank(self, i: int) -> int | None:
        for j in range(i + 1, min(len(self.raw), i + 2 + _MAX_BLANKS_INSIDE)):
            if self.raw[j].strip():
                return j
        return None

    def _breaks_word(self, raw: str, text: str, nxt: str) -> bool:
        """True when ``text`` ends inside a word that ``nxt`` completes."""
        if _ITEM_START.match(nxt) or match_label(nxt, allow_passport_number=False):
            return False
        if len(text) > 1 and text[-1] == "-" and text[-2].isalpha() and nxt[:1].islower():
            return True  # "Ақпараттық-" / "коммуникациялық": the hyphen is part of the word
        if self.marks_broken_words and not raw[-1:].isspace() and text[-1].isalpha() and nxt[:1].isalpha():
            return nxt[:1].islower()
        return False

    # --- label matching ---------------------------------------------------

    def _match(self, text: str) -> LabelMatch | None:
        key = (text, self.in_card)
        if key not in self._seen:
            m = match_label(text, allow_passport_number=False)
            if m is None and not self.in_card:
                m = match_label(text, allow_passport_number=True)
            self._seen[key] = m
        return self._seen[key]

    def _chain(self, first: LabelMatch, line: int, rest_line: int) -> list[_Hit]:
        """The label, plus any labels that follow it on the same line."""
        hits = [_Hit(first.concept, first.number, first.label, line)]
        rest = first.rest
        while rest:
            m = match_label(rest, allow_passport_number=False)
            if m is None or m.concept == L.STANDARD_HEADING:
                hits[-1].rest = [Piece(rest_line, rest)]
                break
            hits.append(_Hit(m.concept, m.number, m.label, rest_line))
            rest = m.rest
        return hits

    def _detect(self, i: int) -> tuple[list[_Hit], int] | None:
        """Labels starting at logical line ``i``: (hits, index of the last line they use)."""
        first = self.lines[i]
        m = self._match(first.text)
        if m:
            return self._chain(m, first.no, first.no), i
        if len(first.text) > _MAX_WRAPPED_LABEL_LINE or (self.in_card and _ITEM_START.match(first.text)):
            return None
        # A label wrapped over several lines.
        joined = first.text
        k = i
        used = 1
        while used < _MAX_LABEL_LINES:
            k = self._next_text_line(k)
            if k is None or len(self.lines[k].text) > _MAX_WRAPPED_LABEL_LINE:
                break
            joined = f"{joined} {self.lines[k].text}"
            used += 1
            m = self._match(joined)
            if m:
                return self._chain(m, first.no, self.lines[k].no), k
        # A label split around its value: "Другие возможные Специалист …" / "названия профессии:",
        # "Дополнительные -" / "трудовые" / "функции".
        words = first.text.split(" ")
        if len(words) < 2:
            return None
        tail = ""
        k = i
        for _ in range(3):
            k = self._next_text_line(k)
            if k is None or len(self.lines[k].text) > 40 or self._match(self.lines[k].text):
                return None
            tail = f"{tail} {self.lines[k].text}".strip()
            for cut in range(1, len(words)):
                head = " ".join(words[:cut])
                m = self._match(f"{head} {tail}")
                if m and len(m.label) > len(head) + len(tail) - len(self.lines[k].text) and not m.rest:
                    label = f"{head} {tail}"
                    value = " ".join(words[cut:])
                    inner = self._match(value)
                    if inner:  # "Трудовая Задача 1: Умения:" / "функция 3:"
                        return [_Hit(m.concept, m.number, label, first.no), *self._chain(inner, first.no, first.no)], k
                    return [_Hit(m.concept, m.number, label, first.no, [Piece(first.no, value)])], k
        return None

    def _next_text_line(self, i: int) -> int | None:
        blanks = 0
        for k in range(i + 1, len(self.lines)):
            if self.lines[k].text:
                return k
            blanks += 1
            if blanks > _MAX_BLANKS_INSIDE:
                return None
        return None

    # --- the walk ---------------------------------------------------------

    def run(self) -> list[Token]:
        current: _Open | None = None
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            if not line.text:
                if current:
                    current.lines.append(line)
                i += 1
                continue
            if current and self._is_page_number(i):
                current.page_numbers.append(line)
                i += 1
                continue
            found = self._detect(i)
            if found is None:
                if current is None:
                    self.tokens.append(Token(TEXT, line.no, value=[Piece(line.no, line.text)]))
                else:
                    current.lines.append(line)
                i += 1
                continue
            hits, last = found
            self._close(current)
            current = self._open(hits)
            i = last + 1
        self._close(current)
        return _canonical_order(_with_heading(self.tokens))

    def _is_page_number(self, i: int) -> bool:
        """A bare number after two or more blank lines and before a blank line: a page footer."""
        if not _PAGE_NUMBER.match(self.lines[i].text):
            return False
        before = self.lines[max(0, i - 2) : i]
        after = self.lines[i + 1 : i + 2]
        return len(before) == 2 and not any(x.text for x in before) and all(not x.text for x in after)

    def _open(self, hits: list[_Hit]) -> _Open:
        previous = self.tokens[-1].concept if self.tokens else None
        for hit in hits:
            if hit.concept == L.PROFESSION_NAME and previous == L.RELATED_LEVEL_COLUMN:
                hit.concept = L.RELATED_NAME_COLUMN
            if hit.concept == L.CARD_HEADER:
                self.in_card = True
            elif hit.concept in (L.CHAPTER_4, L.CHAPTER_1, L.CHAPTER_2):
                self.in_card = False
            previous = hit.concept
        *chained, last = hits
        early = (
            not chained
            and last.concept == L.ABILITIES
            and bool(self.tokens)
            and self.tokens[-1].concept in (L.LABOUR_FUNCTION, L.ADDITIONAL_LABOUR_FUNCTION)
        )
        pending: list[_Hit] = []
        for hit in chained:
            if hit.concept in _HEADERS or hit.rest:
                self._emit(hit, hit.rest)
            else:
                pending.append(hit)
        return _Open(last, lines=[_Line(p.line, p.text) for p in last.rest], pending=pending, early=early)

    def _close(self, current: _Open | None) -> None:
        if current is None:
            return
        lines = current.lines
        for hit in current.pending:  # chained labels take one block each, in order
            block, lines = _first_block(lines)
            self._emit(hit, [_paragraph(block)] if block else [])
        hit = current.hit
        if current.early:
            self._hold_early_abilities(hit, lines)
        elif self.held is not None:
            self._release_early_abilities(hit, lines)
        elif hit.concept in _RELATED_SECTION:
            # "- -": the table is empty; the dashes stay with the section label.
            dashes = [x for x in lines if x.text and not x.text.strip("-–— ")]
            self._emit(hit, [Piece(x.no, x.text) for x in dashes])
            self._related_rows([x for x in lines if x not in dashes])
        elif hit.concept in _EDUCATION_COLUMNS:
            self._education(hit, lines)
        else:
            self._emit(hit, _pieces(hit.concept, lines))
        self._page_numbers(current)

    def _education(self, hit: _Hit, lines: list[_Line]) -> None:
        """Emit one education column; the qualification column, the last of the three,
        first gives back the lines the PDF text interleaved into it (see ``_untangle``)."""
        if hit.concept == L.EDUCATION_LEVEL:
            self.education = {}
        self.education[hit.concept] = (hit, lines)
        if hit.concept != L.QUALIFICATION:
            self._emit(hit, _pieces(hit.concept, lines))
            return
        columns = _untangle({concept: value for concept, (_, value) in self.education.items()})
        if columns is None:
            self._emit(hit, _pieces(hit.concept, lines))
            return
        for concept, (earlier, _) in self.education.items():
            token = next((t for t in reversed(self.tokens) if t.concept == concept and t.line == earlier.line), None)
            if token is not None:
                token.value = _column_pieces(columns[concept])
        self._emit(hit, _column_pieces(columns[L.QUALIFICATION]))
        self.education = {}

    def _page_numbers(self, current: _Open) -> None:
        for page in current.page_numbers:
            self.tokens.append(Token(TEXT, page.no, value=[Piece(page.no, page.text)]))

    def _hold_early_abilities(self, hit: _Hit, lines: list[_Line]) -> None:
        """004 line 1067: "Трудовая функция 3:" / "Решение, возникших" / "Умения:" / "1. Настраивать …" /
        " проблем при" / … / "Задача 1:". Three columns share the rows: the first item line belongs to the
        abilities, the narrow lines after it continue the labour function's title, and the rest of the
        abilities follows the task's title."""
        texts = [x for x in lines if x.text]
        function = self.tokens[-1]
        if len(texts) > 1:
            title = _paragraph([_Line(p.line, p.text) for p in function.value] + texts[1:])
            function.value = [title]
        self.held = (hit, texts[:1])

    def _release_early_abilities(self, hit: _Hit, lines: list[_Line]) -> None:
        held, held_lines = self.held
        self.held = None
        if hit.concept == L.SKILL:
            title, rest = _first_block(lines)
            self._emit(hit, [_paragraph(title)] if title else [])
            self._emit(held, _pieces(L.ABILITIES, held_lines + rest))
        else:
            self._emit(held, _pieces(L.ABILITIES, held_lines))
            self._emit(hit, _pieces(hit.concept, lines))

    def _emit(self, hit: _Hit, value: list[Piece]) -> None:
        self.tokens.append(Token(hit.concept, hit.line, number=hit.number, value=value, label=hit.label))

    def _related_rows(self, lines: list[_Line]) -> None:
        """Rows "6 Name" (the name may follow after blank lines) -> RELATED_ROW tokens."""
        row: Token | None = None
        for line in lines:
            if not line.text:
                continue
            m = _RELATED_ROW.match(line.text)
            if m:
                row = Token(RELATED_ROW, line.no, number=int(m.group(1)), value=[])
                if m.group(2):
                    row.value.append(Piece(line.no, m.group(2)))
                self.tokens.append(row)
            elif row is not None:
                if row.value:
                    row.value[0] = Piece(row.value[0].line, f"{row.value[0].text} {line.text}")
                else:
                    row.value.append(Piece(line.no, line.text))
            else:
                self.tokens.append(Token(TEXT, line.no, value=[Piece(line.no, line.text)]))


# --- education columns (004) ------------------------------------------------

_EDUCATION_COLUMNS = (L.EDUCATION_LEVEL, L.SPECIALTY, L.QUALIFICATION)
_SPECIALTY_CODE = re.compile(r"^\d{7}\b")  # "1304000 Вычислительная техника …"
_QUALIFICATION_CODE = re.compile(r"^\d{6}\s\d\b")  # "130404 3" / "Техник-программист"
_EDUCATION_WORDS = re.compile(r"ТиПО|МСКО|образовани|Аттестат|Диплом|бакалавр|магистр", re.IGNORECASE)


def _untangle(columns: dict[str, list[_Line]]) -> dict[str, list[_Line]] | None:
    """Give back to the level and specialty columns the lines the PDF text put in the qualification.

    In 004 card 7 (lines 2676–2715) and card 10 (3753) the three columns of the education
    row are mixed line by line. The codes tell them apart: a specialty starts with a 7-digit
    code, a qualification with "NNNNNN N", the level column has its own words (ТиПО, МСКО,
    образование, Аттестат). A line with none of these goes with the line above it in the
    same paragraph; after a blank line, an uppercase line names a specialty whose code still
    waits for its name, and a lowercase one completes a hyphenated qualification ("Техник-").
    Returns None when the qualification column holds nothing of the other two.
    """
    qualification = columns.get(L.QUALIFICATION, [])
    if not any(_SPECIALTY_CODE.match(x.text) or _EDUCATION_WORDS.search(x.text) for x in qualification):
        return None
    out = {concept: [x for x in columns.get(concept, []) if x.text] for concept in _EDUCATION_COLUMNS[:2]}
    out[L.QUALIFICATION] = []
    moved_level: list[_Line] = []
    previous: str | None = None
    after_blank = True
    for x in qualification:
        if not x.text:
            after_blank = True
            continue
        if _QUALIFICATION_CODE.match(x.text):
            column = L.QUALIFICATION
        elif _SPECIALTY_CODE.match(x.text):
            column = L.SPECIALTY
        elif _EDUCATION_WORDS.search(x.text):
            column = L.EDUCATION_LEVEL
        elif previous is not None and not after_blank:
            column = previous
        elif x.text[:1].islower() and out[L.QUALIFICATION] and out[L.QUALIFICATION][-1].text.endswith("-"):
            column = L.QUALIFICATION
        elif out[L.SPECIALTY] and _SPECIALTY_CODE.fullmatch(out[L.SPECIALTY][-1].text.strip()):
            column = L.SPECIALTY
        else:
            column = previous or L.QUALIFICATION
        (moved_level if column == L.EDUCATION_LEVEL else out[column]).append(x)
        previous, after_blank = column, False
    if moved_level:
        # "Общее среднее образование," ends with a comma: the list goes on right there.
        level = out[L.EDUCATION_LEVEL]
        at = next((k + 1 for k, x in enumerate(level) if x.text.endswith(",")), len(level))
        out[L.EDUCATION_LEVEL] = level[:at] + moved_level + level[at:]
    return out


def _column_pieces(lines: list[_Line]) -> list[Piece]:
    """One piece for a column's lines; "Техник-" + "программист" join without a space."""
    if not lines:
        return []
    text = lines[0].text
    for x in lines[1:]:
        glue = "" if len(text) > 1 and text.endswith("-") and text[-2].isalpha() and x.text[:1].islower() else " "
        text = f"{text}{glue}{x.text}"
    return [Piece(lines[0].no, text)]


# --- value shaping -----------------------------------------------------------


def _first_block(lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Split off the first paragraph (leading blank lines skipped)."""
    i = 0
    while i < len(lines) and not lines[i].text:
        i += 1
    j = i
    while j < len(lines) and lines[j].text:
        j += 1
    return lines[i:j], lines[j:]


def _paragraph(lines: list[_Line]) -> Piece:
    texts = [x for x in lines if x.text]
    return Piece(texts[0].no, " ".join(x.text for x in texts))


def _paragraphs(lines: list[_Line]) -> list[Piece]:
    pieces: list[Piece] = []
    rest = lines
    while rest:
        block, rest = _first_block(rest)
        if block:
            pieces.append(_paragraph(block))
    return pieces


def _pieces(concept: str, lines: list[_Line]) -> list[Piece]:
    texts = [x for x in lines if x.text]
    if not texts:
        return []
    if concept in _LINE_VALUES:
        return [Piece(x.no, x.text) for x in texts]
    if concept in _SINGLE_VALUES:
        return [_paragraph(texts)]
    if concept == L.OKED:
        return _joined_items(texts, lambda t: bool(_CODE_LINE.match(t)))
    if concept == L.CARD_LIST and not any(_ITEM_START.match(x.text) for x in texts):
        return _items_ending_with_level(texts)
    if concept in _ITEM_VALUES and any(_ITEM_START.match(x.text) for x in texts):
        return _joined_items(texts, lambda t: bool(_ITEM_START.match(t)))
    return _paragraphs(lines)


def _joined_items(texts: list[_Line], starts_item) -> list[Piece]:
    """One piece per item; a line that does not start an item continues the previous one."""
    pieces: list[Piece] = []
    for x in texts:
        if pieces and not starts_item(x.text):
            last = pieces[-1]
            pieces[-1] = Piece(last.line, f"{last.text} {x.text}")
        else:
            pieces.append(Piece(x.no, x.text))
    return pieces


def _items_ending_with_level(texts: list[_Line]) -> list[Piece]:
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


# --- document order ----------------------------------------------------------


def _with_heading(tokens: list[Token]) -> list[Token]:
    """Give a text without a heading (000 starts at "1-ші тарау") an empty STANDARD_HEADING."""
    for index, token in enumerate(tokens):
        if token.concept == L.STANDARD_HEADING:
            return tokens
        if token.concept != TEXT:
            return [*tokens[:index], Token(L.STANDARD_HEADING, token.line), *tokens[index:]]
    return tokens


def _canonical_order(tokens: list[Token]) -> list[Token]:
    """Move the 2019 layout's out-of-order fields to where the contract expects them."""
    tokens = _card_list_before_chapter_3(tokens)
    out: list[Token] = []
    card: list[Token] = []
    for token in tokens:
        if token.concept in (L.CARD_HEADER, L.CHAPTER_4) and card:
            out.extend(_card_fields_first(card))
            card = []
        if token.concept == L.CARD_HEADER or card:
            card.append(token)
        else:
            out.append(token)
    out.extend(_card_fields_first(card))
    return out


def _card_list_before_chapter_3(tokens: list[Token]) -> list[Token]:
    concepts = [t.concept for t in tokens]
    if L.CHAPTER_3 not in concepts or L.CARD_LIST not in concepts:
        return tokens
    chapter, listing = concepts.index(L.CHAPTER_3), concepts.index(L.CARD_LIST)
    if listing < chapter or L.CARD_HEADER in concepts[chapter:listing]:
        return tokens
    moved = tokens[listing]
    rest = tokens[:listing] + tokens[listing + 1 :]
    return [*rest[:chapter], moved, *rest[chapter:]]


def _card_fields_first(card: list[Token]) -> list[Token]:
    """Scalar card fields (codes, level, education, purpose) right after the card header, in order."""
    if not card:
        return card
    fields = [t for t in card[1:] if t.concept in _CARD_FIELD_RANK]
    others = [t for t in card[1:] if t.concept not in _CARD_FIELD_RANK]
    fields.sort(key=lambda t: _CARD_FIELD_RANK[t.concept])
    return [card[0], *fields, *others]
