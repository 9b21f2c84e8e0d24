"""Plain records the parser produces and the loader writes.

Nothing here imports Django: parsers return these dataclasses, and
``importers.load`` turns them into rows in one transaction per document.
Line numbers are 1-based line numbers of the source file (or page numbers
for real PDF files, where a "line" is ``page * 10000 + row``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass
class ImportIssue:
    """A source line that landed in no field, or a fact the parser had to guess."""

    line: int
    message: str
    text: str = ""
    severity: str = WARNING


@dataclass
class SkillRecord:
    number: int | None
    title: str
    recognition: str = ""
    abilities: list[str] = field(default_factory=list)
    knowledge: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class LabourFunctionRecord:
    number: int | None
    title: str
    kind: str = "mandatory"  # or "additional"
    skills: list[SkillRecord] = field(default_factory=list)
    line: int = 0


@dataclass
class RelatedRecord:
    level: int | None  # the ОРК level, or the lower end of a range ("5-6")
    title: str
    line: int = 0
    level_max: int | None = None  # the upper end of a range; None for a single level


@dataclass
class EducationRecord:
    level: str = ""
    specialty: str = ""
    qualification: str = ""


@dataclass
class CardListItem:
    """One item of the passport's list of cards (item 8)."""

    position: int
    title: str
    level_min: int | None
    level_max: int | None
    text: str = ""
    line: int = 0


@dataclass
class CardRecord:
    position: int  # 1-based position in the edition's card sequence
    number: str = ""  # paragraph number as printed ("14"), may repeat or be empty
    header_title: str = ""  # title in the card header
    title: str = ""  # "Кәсіптің атауы" / "Наименование профессии"
    group_code: str = ""
    occupation_code: str = ""
    level: int | None = None
    level_text: str = ""  # as printed in the body
    level_source: str = ""  # "card", "passport", "twin" (set by parser or linker)
    list_level_text: str = ""  # the level as the passport list gives it
    sublevel: str = ""
    etks_level: str = ""
    education: list[EducationRecord] = field(default_factory=list)
    experience: str = ""
    nonformal_education: str = ""
    other_titles: list[str] = field(default_factory=list)
    purpose: str = ""
    mandatory_function_list: list[str] = field(default_factory=list)
    additional_function_list: list[str] = field(default_factory=list)
    labour_functions: list[LabourFunctionRecord] = field(default_factory=list)
    personal_competencies: list[str] = field(default_factory=list)
    regulations: list[str] = field(default_factory=list)
    related: list[RelatedRecord] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0


@dataclass
class EditionRecord:
    """One standard's text in one language, as one source document prints it."""

    code_as_printed: str = ""
    code: str = ""  # normalised (Cyrillic look-alikes fixed), "" when absent
    title: str = ""  # passport item 4 (or heading when item 4 is missing)
    heading_title: str = ""  # title in the standard's heading line
    annex: int | None = None  # annex number of order 569 when the document is an order
    amending_annex: int | None = None  # annex number of the amending order (209)
    scope: str = ""
    oked: list[str] = field(default_factory=list)  # subclass codes "62.01.1"
    oked_lines: list[str] = field(default_factory=list)  # OKED lines as printed
    description: str = ""
    card_list: list[CardListItem] = field(default_factory=list)
    cards: list[CardRecord] = field(default_factory=list)
    version_text: str = ""
    version: int | None = None
    year: int | None = None
    review_date: str = ""
    government_body: str = ""
    developers: str = ""
    sector_council: str = ""
    national_body: str = ""
    atameken: str = ""
    first_line: int = 0
    last_line: int = 0


@dataclass
class DocumentRecord:
    file_name: str
    sha256: str = ""
    language: str = ""  # "kk" or "ru"
    kind: str = ""  # "order", "amending_order", "standard"
    format: str = ""  # reader that produced the blocks
    order_number: str = ""  # "569/НҚ"
    order_date: str = ""  # ISO date "2025-11-10"
    title: str = ""
    annex_titles: dict[int, str] = field(default_factory=dict)  # the preamble's "N) стандарт "…"" items
    editions: list[EditionRecord] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    # Accounting over the card spans, field labels aside (characters without spaces).
    card_chars_total: int = 0
    card_chars_landed: int = 0
