"""The one bilingual label table: every label variant of NOTES.md §5.

Each concept lists the label texts seen in the sources (Kazakh legal text,
Kazakh PDF text with Russian labels mixed in, the 2026 Russian text, the 2019
Russian PDF). Matching is done on *normalised* text (see :func:`normalise`):
case folded, whitespace collapsed, no space before a colon, markdown emphasis
and leading passport numbering ("4.", "7. 7.", "5.") removed. A label that a
PDF wraps over several lines is matched once the reader has joined the lines.

Numbered labels (labour function N, skill N, card header) are regular
expressions in :data:`NUMBERED`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# --- concepts --------------------------------------------------------------
# Document / standard level
STANDARD_HEADING = "standard_heading"
CHAPTER_1 = "chapter_1"
CHAPTER_2 = "chapter_2"
CHAPTER_3 = "chapter_3"
CHAPTER_4 = "chapter_4"
SCOPE = "scope"
TERMS = "terms"
ABBREVIATIONS = "abbreviations"
STANDARD_TITLE = "standard_title"
STANDARD_CODE = "standard_code"
OKED = "oked"
DESCRIPTION = "description"
CARD_LIST = "card_list"
CARD_HEADER = "card_header"
GOVERNMENT_BODY = "government_body"
DEVELOPERS = "developers"
PROJECT_LEAD = "project_lead"
EXECUTORS = "executors"
PHONE = "phone"
SECTOR_COUNCIL = "sector_council"
NATIONAL_BODY = "national_body"
ATAMEKEN = "atameken"
EXPERTISE = "expertise"
VERSION = "version"
REVIEW_DATE = "review_date"
# Card level
GROUP_CODE = "group_code"
OCCUPATION_CODE = "occupation_code"
PROFESSION_NAME = "profession_name"
LEVEL = "level"
SUBLEVEL = "sublevel"
ETKS_LEVEL = "etks_level"
EDUCATION = "education"
EDUCATION_LEVEL = "education_level"
SPECIALTY = "specialty"
QUALIFICATION = "qualification"
EXPERIENCE = "experience"
NONFORMAL_EDUCATION = "nonformal_education"
OTHER_TITLES = "other_titles"
PURPOSE = "purpose"
FUNCTIONS_DESCRIPTION = "functions_description"
FUNCTION_LIST = "function_list"
MANDATORY_FUNCTIONS = "mandatory_functions"
ADDITIONAL_FUNCTIONS = "additional_functions"
LABOUR_FUNCTION = "labour_function"
ADDITIONAL_LABOUR_FUNCTION = "additional_labour_function"
SKILL = "skill"
ABILITIES = "abilities"
KNOWLEDGE = "knowledge"
RECOGNITION = "recognition"
PERSONAL_COMPETENCIES = "personal_competencies"
REGULATIONS = "regulations"
RELATED = "related"
RELATED_LEVEL_COLUMN = "related_level_column"
RELATED_NAME_COLUMN = "related_name_column"

# --- plain labels ------------------------------------------------------------
# Concept -> variants. Order inside a concept does not matter: the longest
# matching variant over all concepts wins.
LABELS: dict[str, list[str]] = {
    CHAPTER_1: [
        "1-тарау. Жалпы ережелер",
        "1-ші тарау. Жалпы ережелер",
        "1- тарау. Жалпы ережелер",
        "Глава 1. Общие положения",
        "Глоссарий",
    ],
    CHAPTER_2: [
        "2-тарау. Кәсіптік стандарттың паспорты",
        "2-ші тарау. Кәсіптік стандарттың паспорты",
        "2- тарау. Кәсіптік стандарттың паспорты",
        "Глава 2. Паспорт профессионального стандарта",
        "1. Паспорт Профессионального стандарта",
    ],
    CHAPTER_3: [
        "3-тарау. Кәсіптер карточкалары",
        "3-ші тарау. Кәсіптер карточкалары",
        "3- тарау. Кәсіптер карточкалары",
        "Глава 3. Карточки профессий",
        "2. Карточки профессий",
    ],
    CHAPTER_4: [
        "4-тарау. Кәсіптік стандарттың техникалық деректері",
        "4-ші тарау. Кәсіптік стандарттың техникалық деректері",
        "4- тарау. Кәсіптік стандарттың техникалық деректері",
        "Глава 4. Технические данные профессионального стандарта",
        "3. Технические данные Профессионального стандарта",
    ],
    SCOPE: ["Кәсіптік стандарттың қолдану аясы:", "Область применения профессионального стандарта:"],
    TERMS: [
        "Осы кәсіптік стандартта мынадай терминдер, анықтамалар мен қысқартулар қолданылады:",
        "Осы кәсіптік стандартта мынадай терминдер мен анықтамалар қолданылады:",
        "Осы кәсіптік стандартта мынадай терминдер және анықтамалар қолданылады:",
        "В настоящем профессиональном стандарте применяются следующие термины и определения:",
    ],
    ABBREVIATIONS: [
        "Осы кәсіптік стандартта мынадай қысқартулар қолданылады",
        "Осы кәсіптік стандартта мынадай қысқартулар қолданылады:",
        "В настоящем профессиональном стандарте применяются следующие сокращения:",
    ],
    STANDARD_TITLE: ["Кәсіптік стандарттың атауы:", "Название профессионального стандарта:", "Название ПС:"],
    STANDARD_CODE: ["Кәсіптік стандарттың коды:", "Код профессионального стандарта:", "Номер ПС:"],
    OKED: [
        "ЭҚЖЖ секциясын, бөлімін, тобын, сыныбын және кіші сыныбын көрсету:",
        "Указание секции, раздела, группы, класса и подкласса согласно ОКЭД:",
        "Названия секции, раздела, группы, класса, и подкласса согласно ОКЭД:",
        "Названия секции, раздела, группы, класса и подкласса согласно ОКЭД:",
    ],
    DESCRIPTION: [
        "Кәсіптік стандарттың қысқаша сипаттамасы:",
        "Краткое описание профессионального стандарта:",
        "Краткое описание ПС:",
    ],
    CARD_LIST: [
        "Кәсіптер карточкаларының тізбесі:",
        "Кәсіптер карточкаларының тізімі:",
        "Перечень карточек профессий:",
        "Перечень карточек профессий",
    ],
    GOVERNMENT_BODY: ["Мемлекеттік органның атауы:", "Наименование государственного органа:"],
    DEVELOPERS: [
        "Әзірлеуге қатысатын ұйымдар (кәсіпорындар):",
        "Организации (предприятия) участвующие в разработке:",
        "Организации (предприятия), участвующие в разработке:",
        "Разработано:",
    ],
    PROJECT_LEAD: ["Жоба жетекшісі:", "Руководитель проекта:", "Контактные данные руководителя:"],
    EXECUTORS: ["Орындаушылар:", "Орындаушы:", "Исполнители:", "Исполнители проекта и контактные данные исполнителей:"],
    PHONE: ["Телефон нөмірі:", "Номер телефона:"],
    SECTOR_COUNCIL: [
        "Кәсіптік біліктілік жөніндегі салалық кеңес:",
        "Отраслевой совет по профессиональным квалификациям:",
    ],
    NATIONAL_BODY: [
        "Кәсіптік біліктілік жөніндегі ұлттық орган:",
        "Национальный орган по профессиональным квалификациям:",
    ],
    ATAMEKEN: [
        '"Атамекен" Қазақстан Республикасының Ұлттық кәсіпкерлер палатасы:',
        "«Атамекен» Қазақстан Республикасының Ұлттық кәсіпкерлер палатасы:",
        'Национальная палата предпринимателей Республики Казахстан "Атамекен":',
        "Национальная палата предпринимателей Республики Казахстан «Атамекен»:",
    ],
    EXPERTISE: ["Экспертиза предоставлена:", "Организация:", "Эксперты и контактные данные экспертов:"],
    VERSION: ["Нұсқа нөмірі және шығарылған жылы:", "Номер версии и год выпуска:"],
    REVIEW_DATE: ["Болжамды қайта қарау күні:", "Болжалды қайта қарау күні:", "Дата ориентировочного пересмотра:"],
    GROUP_CODE: ["Топтың коды:", "Код группы:"],
    OCCUPATION_CODE: ["Қызмет атауының коды:", "Код наименования занятия:", "Код:"],
    PROFESSION_NAME: ["Кәсіптің атауы:", "Наименование профессии:", "Профессия:"],
    LEVEL: ["СБШ бойынша біліктілік деңгейі:", "Уровень квалификации по ОРК:", "Квалификационный уровень по ОРК:"],
    SUBLEVEL: ["СБШ бойынша біліктілік ішкі деңгейі:", "подуровень квалификации по ОРК:"],
    ETKS_LEVEL: [
        "БТБА, БА, үлгілік біліктілік сипаттамалары бойынша біліктілік деңгейі:",
        "Уровень квалификации по ЕТКС, КС и др типовых квалификационных характеристик:",
        "Связь с ЕТКС или КС",
    ],
    EDUCATION: [
        "Кәсіптік білім деңгейі:",
        "Уровень профессионального образования:",
        "Связь с системой образования и квалификации",
    ],
    EDUCATION_LEVEL: ["Білім деңгейі:", "Уровень образования:"],
    SPECIALTY: ["Мамандық:", "Специальность:"],
    QUALIFICATION: ["Біліктілік:", "Квалификация:"],
    EXPERIENCE: ["Жұмыс тәжірибесіне қойылатын талаптар:", "Требования к опыту работы:"],
    NONFORMAL_EDUCATION: [
        "Формалды емес және информалы біліммен байланыс:",
        "Формалды емес және информалды біліммен байланыс:",
        "Связь с неформальным и информальным образованием:",
    ],
    OTHER_TITLES: [
        "Кәсіптің басқа ықтимал атаулары:",
        "Другие возможные наименования профессии:",
        "Другие возможные названия профессии:",
    ],
    PURPOSE: ["Қызметтің негізгі мақсаты:", "Основная цель деятельности:", "Основная цель деятельности"],
    FUNCTIONS_DESCRIPTION: [
        "Еңбек функциялардың сипаттамасы",
        "Еңбек функцияларының сипаттамасы",
        "Еңбек функцияларыныңың сипаттамасы",
        "Описание трудовых функций",
        "Трудовые функции:",
        "Трудовые функции",
    ],
    FUNCTION_LIST: ["Еңбек функцияларының тізбесі:", "Перечень трудовых функций:"],
    MANDATORY_FUNCTIONS: [
        "Міндетті еңбек функциялары:",
        "Обязательные трудовые функции:",
        "Обязательные трудовые функции",
    ],
    ADDITIONAL_FUNCTIONS: [
        "Қосымша еңбек функциялары:",
        "Дополнительные трудовые функции:",
        "Дополнительные трудовые функции",
    ],
    ABILITIES: ["Машықтар:", "Умения:"],
    KNOWLEDGE: ["Білімдер:", "Знания:"],
    RECOGNITION: ["Дағдыны тану мүмкіндігі:", "Возможность признания навыка:"],
    PERSONAL_COMPETENCIES: [
        "Жеке құзыреттерге қойылатын талаптар:",
        "Требования к личностным компетенциям:",
        "Требования к личным компетенциям:",
        "Требования к личностным компетенциям",
    ],
    REGULATIONS: [
        "Техникалық регламенттер мен ұлттық стандарттардың тізімі:",
        "Список технических регламентов и национальных стандартов:",
    ],
    RELATED: [
        "СБШ -нің ішіндегі басқа кәсіптермен байланыс:",
        "СБШ-нің ішіндегі басқа кәсіптермен байланыс:",
        "СБШ шеңберінде басқа кәсіптермен байланыс:",
        "Связь с другими профессиями в рамках ОРК:",
        "Связь с другими профессиями в рамках ОРК",
    ],
    RELATED_LEVEL_COLUMN: ["СБШ-нің деңгейі:", "СБШ деңгейі:", "Уровень ОРК:"],
    RELATED_NAME_COLUMN: [],  # same text as PROFESSION_NAME; the parser tells them apart by position
}

# --- headings -------------------------------------------------------------------
# THE heading table: labels that open a part of the text or name a table column
# rather than introduce a value. The kind says what a heading may carry:
#   "title"   - a title on its own line or cell (the standard heading, a card header);
#   "chapter" - nothing;
#   "section" - nothing as a rule, but a text reader may find a value on the lines after it
#               (a one-line education block "Кәсіптік білім деңгейі: жоғары білім");
#   "column"  - nothing: a column header of the related-professions table.
TITLE, CHAPTER, SECTION, COLUMN = "title", "chapter", "section", "column"
HEADING_KINDS: dict[str, str] = {
    STANDARD_HEADING: TITLE,
    CARD_HEADER: TITLE,
    CHAPTER_1: CHAPTER,
    CHAPTER_2: CHAPTER,
    CHAPTER_3: CHAPTER,
    CHAPTER_4: CHAPTER,
    EDUCATION: SECTION,
    FUNCTIONS_DESCRIPTION: SECTION,
    FUNCTION_LIST: SECTION,
    RELATED: SECTION,
    RELATED_LEVEL_COLUMN: COLUMN,
    RELATED_NAME_COLUMN: COLUMN,
}
# After these, unlabelled text on the following lines is never their value (text readers add their own).
HEADINGS = frozenset(c for c, kind in HEADING_KINDS.items() if kind != SECTION)
# Headings without a value of their own: text that a reader puts under one lands in no field.
EMPTY_HEADINGS = frozenset(c for c, kind in HEADING_KINDS.items() if kind != TITLE)

# --- concept -> record field tables (the parser's) ---------------------------------
# Scalar card fields: the value's pieces joined with spaces.
CARD_TEXT_FIELDS: dict[str, str] = {
    GROUP_CODE: "group_code",
    OCCUPATION_CODE: "occupation_code",
    PROFESSION_NAME: "title",
    SUBLEVEL: "sublevel",
    ETKS_LEVEL: "etks_level",
    EXPERIENCE: "experience",
    NONFORMAL_EDUCATION: "nonformal_education",
    PURPOSE: "purpose",
}
# List card fields: one item per piece (inline "1. … 2. …" runs split), numbering removed.
CARD_LIST_FIELDS: dict[str, str] = {
    MANDATORY_FUNCTIONS: "mandatory_function_list",
    ADDITIONAL_FUNCTIONS: "additional_function_list",
    PERSONAL_COMPETENCIES: "personal_competencies",
    REGULATIONS: "regulations",
}
# Education option fields (one EducationRecord per option).
EDUCATION_FIELDS: dict[str, str] = {
    EDUCATION_LEVEL: "level",
    SPECIALTY: "specialty",
    QUALIFICATION: "qualification",
}
# Scalar edition fields.
EDITION_TEXT_FIELDS: dict[str, str] = {
    SCOPE: "scope",
    DESCRIPTION: "description",
    GOVERNMENT_BODY: "government_body",
    DEVELOPERS: "developers",
    SECTOR_COUNCIL: "sector_council",
    NATIONAL_BODY: "national_body",
    ATAMEKEN: "atameken",
    REVIEW_DATE: "review_date",
}
# Sub-items of the developers item (project lead, executors, phone, experts): no field
# of their own in EditionRecord, so they are kept in ``developers`` with their label.
DEVELOPER_DETAILS = frozenset({PROJECT_LEAD, EXECUTORS, PHONE, EXPERTISE})
# Front matter of an edition that has no record field.
FRONT_MATTER = frozenset({TERMS, ABBREVIATIONS})
# The passport part of a standard text (chapters 1 and 2): one of these after a card opens a new edition.
PASSPORT = frozenset(
    {
        CHAPTER_1,
        CHAPTER_2,
        SCOPE,
        TERMS,
        ABBREVIATIONS,
        STANDARD_TITLE,
        STANDARD_CODE,
        OKED,
        DESCRIPTION,
        CARD_LIST,
        CHAPTER_3,
    }
)

# Numbered labels. Group "n" is the number, group "rest" what follows on the line.
_Q = "\"«“”»'"
NUMBERED: dict[str, re.Pattern[str]] = {
    ADDITIONAL_LABOUR_FUNCTION: re.compile(
        r"^(?:қосымша еңбек функциясы|дополнительная трудовая функция)\s*(?P<n>\d+)\s*:\s*(?P<rest>.*)$"
    ),
    LABOUR_FUNCTION: re.compile(r"^(?:еңбек функциясы|трудовая функция)\s*(?P<n>\d+)\s*:\s*(?P<rest>.*)$"),
    SKILL: re.compile(r"^(?:дағды|навык|задача)\s*(?P<n>\d+)\s*:\s*(?P<rest>.*)$"),
    CARD_HEADER: re.compile(
        rf"^(?:(?P<n>\d+)\s*\.\s*)?(?:кәсіптің карточкасы|карточка профессии)\s*:?\s*(?P<rest>[{_Q}].*)?$"
    ),
    STANDARD_HEADING: re.compile(rf"^(?:кәсіптік стандарт|профессиональный стандарт)\s*:?\s*(?P<rest>[{_Q}].*)?$"),
}


_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"(\*\*|__|^#+\s*|<[^>]+>)")
_PASSPORT_NUMBER = re.compile(r"^(?:\d{1,2}\s*\.\s*){1,2}(?=\D)")


def normalise(text: str) -> str:
    """Fold a piece of source text for label matching."""
    text = _MARKUP.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    text = text.replace(" :", ":")
    return text.casefold()


def _fold_label(label: str) -> str:
    return normalise(label)


# Longest variants first, so "Уровень квалификации по ОРК:" is not taken for
# "Уровень образования:" and "СБШ бойынша біліктілік ішкі деңгейі:" beats
# "СБШ бойынша біліктілік деңгейі:" where both could apply.
_PLAIN: list[tuple[str, str]] = sorted(
    ((_fold_label(v), concept) for concept, variants in LABELS.items() for v in variants),
    key=lambda pair: -len(pair[0]),
)


# The same variants indexed by their first three characters: most lines start with no
# label at all, and a dictionary look-up rejects them without trying every variant.
_PLAIN_BY_PREFIX: dict[str, list[tuple[str, str]]] = {}
for _variant, _concept in _PLAIN:
    _PLAIN_BY_PREFIX.setdefault(_variant[:3], []).append((_variant, _concept))


@dataclass(frozen=True)
class LabelMatch:
    concept: str
    number: int | None
    rest: str  # text after the label, original case, stripped
    label: str  # the label text as it stood in the source


@lru_cache(maxsize=65536)
def match_label(text: str, *, allow_passport_number: bool = True) -> LabelMatch | None:
    """Return the label that ``text`` starts with, or ``None``.

    ``text`` is one cell, line or joined run of lines. Leading passport
    numbering ("4. ", "7. 7. ") is skipped for plain labels. The match must end
    at a word boundary, so "Код:" does not match "Кодекс".
    """
    clean = _SPACE.sub(" ", _MARKUP.sub(" ", text)).strip().replace(" :", ":")
    folded = clean.casefold()
    for concept, pattern in NUMBERED.items():
        m = pattern.match(folded)
        if m:
            n = m.group("n") if "n" in pattern.groupindex else None
            rest_start = m.start("rest") if m.group("rest") is not None else len(folded)
            return LabelMatch(concept, int(n) if n else None, clean[rest_start:].strip(), clean[:rest_start].strip())
    offset = 0
    if allow_passport_number:
        m = _PASSPORT_NUMBER.match(folded)
        if m:
            offset = m.end()
    body = folded[offset:].lstrip()
    offset = len(folded) - len(body)
    for variant, concept in _PLAIN_BY_PREFIX.get(body[:3], ()):
        if body.startswith(variant):
            end = len(variant)
            if end < len(body) and variant[-1].isalnum() and body[end].isalnum():
                continue
            return LabelMatch(concept, None, clean[offset + end :].strip(), clean[offset : offset + end])
    return None
