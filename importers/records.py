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


# The codes of import issues. Each names one kind of issue for good: pages show an issue
# through the translation of its code (standards/issue_messages.py), filled with its params;
# ``message`` stays the English sentence for logs and admin search.
CARD_WITHOUT_HEADER = "card_without_header"
UNPLACED_TEXT = "unplaced_text"
UNPLACED_LABEL_TEXT = "unplaced_label_text"
TEXT_UNDER_HEADING = "text_under_heading"
TEXT_ON_RELATED_HEADER = "text_on_related_header"
TEXT_UNDER_RELATED_NAME_COLUMN = "text_under_related_name_column"
LEVEL_NOT_SINGLE = "level_not_single"
FUNCTION_TITLE_FROM_LIST = "function_title_from_list"
SKILL_BEFORE_FUNCTION = "skill_before_function"
REPEATED_SKILL_LABEL = "repeated_skill_label"
ABILITIES_WITHOUT_SKILL = "abilities_without_skill"
KNOWLEDGE_WITHOUT_SKILL = "knowledge_without_skill"
RECOGNITION_WITHOUT_SKILL = "recognition_without_skill"
CARD_COUNT_MISMATCH = "card_count_mismatch"
CARD_WITHOUT_LEVEL = "card_without_level"

ISSUE_CODES = frozenset(
    {
        CARD_WITHOUT_HEADER,
        UNPLACED_TEXT,
        UNPLACED_LABEL_TEXT,
        TEXT_UNDER_HEADING,
        TEXT_ON_RELATED_HEADER,
        TEXT_UNDER_RELATED_NAME_COLUMN,
        LEVEL_NOT_SINGLE,
        FUNCTION_TITLE_FROM_LIST,
        SKILL_BEFORE_FUNCTION,
        REPEATED_SKILL_LABEL,
        ABILITIES_WITHOUT_SKILL,
        KNOWLEDGE_WITHOUT_SKILL,
        RECOGNITION_WITHOUT_SKILL,
        CARD_COUNT_MISMATCH,
        CARD_WITHOUT_LEVEL,
    }
)


@dataclass
class ImportIssue:
    """A source line that landed in no field, or a fact the parser had to guess.

    ``code`` is one of :data:`ISSUE_CODES`; ``params`` holds the plain values (numbers,
    short strings) its translated message is filled with.
    """

    line: int
    code: str
    message: str
    text: str = ""
    severity: str = WARNING
    params: dict[str, int | str | None] = field(default_factory=dict)


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
