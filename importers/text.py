"""Pure text helpers shared by the readers and the parser.

Nothing here knows about tokens or records: every function takes a string and
returns a string, a list or a small tuple, so each is tested on its own.
"""

from __future__ import annotations

import html
import re
from itertools import pairwise

# --- whitespace and markup ---------------------------------------------------

_SPACE = re.compile(r"\s+")  # str patterns are Unicode-aware: NBSP, TAB, thin spaces
_TAG = re.compile(r"<[^>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")
_HEADING_HASHES = re.compile(r"^\s*#{1,6}\s+")


def collapse(text: str) -> str:
    """Collapse every run of Unicode whitespace (NBSP, TAB, ...) to one space and trim."""
    return _SPACE.sub(" ", text).strip()


def strip_html(text: str) -> str:
    """Remove HTML tags and decode entities (``&nbsp;`` becomes a space)."""
    return html.unescape(_TAG.sub(" ", text)).replace("\xa0", " ")


def strip_markdown(text: str) -> str:
    """Remove markdown emphasis (``**bold**``, ``__x__``, ``*x*``) and heading hashes."""
    return _EMPHASIS.sub("", _HEADING_HASHES.sub("", text))


def plain(text: str) -> str:
    """The visible text of one source line: no HTML, no markdown markup, whitespace collapsed."""
    return collapse(strip_markdown(strip_html(text)))


def visible_chars(text: str) -> int:
    """Number of non-whitespace characters of ``text`` once markup is removed (for accounting)."""
    return len(_SPACE.sub("", strip_markdown(strip_html(text))))


# --- list items --------------------------------------------------------------

# "1. ", "1) ", "7. 7. ", "2.2. " (a number printed twice), "- ", "• ".
_NUMBERING = re.compile(
    r"^\s*(?:(\d{1,3})\.\1\.(?!\d)\s*(?=\S)"
    r"|\d{1,3}\s*[.)](?!\d)\s*(?:\d{1,3}\s*[.)](?!\d)\s*)?(?=\S)|[-–—•·]\s+)"
)
_NUMBERED = re.compile(r"^\s*\d{1,3}\s*[.)]")
_BARE_NUMBER = re.compile(r"^\s*(\d{1,2})\s+(?=\S)")
# A list number inside a line: "2. Текст" or, glued to its word, "1.Текст" (never "2.0").
_INLINE_NUMBER = re.compile(r"(?:(?<=^)|(?<=\s))(\d{1,2})\s*[.)](?:\s+|(?=[^\W\d_]))(?=\S)")


def remove_numbering(text: str) -> str:
    """Drop a leading list marker: ``"1. "``, ``"1) "``, ``"7. 7. "``, ``"- "``, ``"• "``."""
    return collapse(_NUMBERING.sub("", text, count=1))


def clean_item(text: str) -> str:
    """One list item as it should be stored: no numbering, collapsed, no trailing ``;``."""
    return remove_numbering(text).rstrip(" ;").strip()


def split_inline_numbering(text: str) -> list[str]:
    """Split ``"1. a 2. b 3. c"`` at numbers that run 1, 2, 3, ... in order.

    Numbers out of sequence (``"версия 2"``, ``"ISO 27001"``) stay inside the item.
    Returns ``[text]`` when the text does not start a numbered run.
    """
    cuts: list[int] = []
    expected = 1
    for m in _INLINE_NUMBER.finditer(text):
        if int(m.group(1)) == expected and (expected > 1 or m.start() == len(text) - len(text.lstrip())):
            cuts.append(m.start())
            expected += 1
    if len(cuts) < 2:
        return [text]
    return [text[a:b].strip() for a, b in pairwise([*cuts, len(text)]) if text[a:b].strip()]


def split_items(pieces: list[str]) -> list[str]:
    """Turn the pieces of a value into clean list items.

    Each piece is an item; a piece that holds an inline numbered run
    (``"1. … 2. … 3. …"``) is split at the increasing numbers. An unnumbered piece
    starting in lowercase after a numbered one is a second paragraph of that item
    (001: ``"4. … жұмыс істеуі;"`` / ``"қазіргі уақытта …"``). Empty items and lone
    dashes are dropped.
    """
    items: list[str] = []
    numbered = False
    last = ""  # the last item as printed (its ";" kept when a paragraph follows)
    for piece in pieces:
        text = collapse(piece)
        if items and numbered and not _NUMBERED.match(text) and _starts_lowercase(text):
            last = f"{last} {text}"
            items[-1] = clean_item(last)
            continue
        numbered = bool(_NUMBERED.match(text))
        for part in split_inline_numbering(text):
            bare = _BARE_NUMBER.match(part)
            if bare and int(bare.group(1)) == len(items) + 1:  # "1 ДБ ..." numbered without a dot
                part = part[bare.end() :]
            item = clean_item(part)
            if item and item not in {"-", "–", "—"}:
                items.append(item)
                last = part
    return items


def _starts_lowercase(text: str) -> bool:
    letter = next((ch for ch in text if ch.isalpha() or ch.isdigit()), "")
    return letter.isalpha() and letter.islower()


_OCCUPATION_CODE = re.compile(r"(?<![\d-])\d{4}-\d(?:-\d{3})?(?![\d])")


def split_other_titles(text: str) -> list[str]:
    """Split ``"2511-1-003 - Системный архитектор 2511-3-001 - Архитектор ПО"`` before each code."""
    starts = [m.start() for m in _OCCUPATION_CODE.finditer(text)]
    if len(starts) < 2:
        return [text]
    head = text[: starts[0]].strip()
    parts = [text[a:b].strip(" ;,") for a, b in pairwise([*starts, len(text)])]
    return ([head] if head else []) + [p for p in parts if p]


# A capitalised Cyrillic word inside an item: capital then lowercase, so not "ИТ" or "ОРК".
_CAPITALISED = re.compile(r"(?<=\s)[А-ЯЁӘҒҚҢӨҰҮҺІ](?=[а-яёәғқңөұүһі])")
# Words that tie a phrase to the next word, so that a capital after them does not start a new
# competency: prepositions and conjunctions, and the Kazakh attributive forms in -дағы/-дегі
# ("Мәселелерді шешудегі Тәуелсіздік", "шешім қабылдаудағы Тәуелсіздік": one competency each).
_LINKING_WORDS = frozenset("и в во к ко с со на по для при о об от из за без а или мен пен бен және немесе".split())
_ATTRIBUTIVE = re.compile(r"(?:да|де|та|те)(?:ғы|гі)$")


def split_competencies(items: list[str]) -> list[str]:
    """Split personal-competency items that hold several competencies, as a reader tells them apart.

    003 runs them together with nothing but capitals between them ("Ответственность
    Аналитическое мышление Критический анализ"); 001 (J062) and 004 print a comma list
    ("Аналитикалық ойлау, Жауапкершілік, …", wrapped over lines ending in ","). An item is split

    * at a comma or semicolon outside parentheses that a capitalised word follows
      ("Наставничество (менторинг, коучинг)" stays whole), and
    * before a capitalised Cyrillic word that follows a word ending in a lowercase letter
      or ")": not before "ИТ", "SQL" or a Latin word, not after "IT-" or an abbreviation,
      and not after a word that ties the phrase to the next one (``_LINKING_WORDS``, the
      Kazakh ``-дағы/-дегі`` forms). "Английский язык" stays whole: its second word is lowercase.

    A competency printed with a lowercase initial inside a run ("Исполнительность
    математическое мышление") cannot be told apart and stays joined.
    """
    out: list[str] = []
    for item in items:
        for part in _split_at_commas(item):
            out.extend(_split_at_capitals(part))
    return out


def _split_at_commas(text: str) -> list[str]:
    parts: list[str] = []
    depth = start = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ",;" and not depth and _starts_capitalised(text[i + 1 :].lstrip()):
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [part.strip(" ,;") for part in parts if part.strip(" ,;")]


def _starts_capitalised(text: str) -> bool:
    return len(text) > 1 and text[0].isupper() and text[1].islower()


def _split_at_capitals(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for m in _CAPITALISED.finditer(text):
        before = text[start : m.start()].rstrip()
        word = before.rsplit(" ", 1)[-1]
        ends_phrase = word[-1:].islower() or word[-1:] == ")"
        if ends_phrase and word.casefold() not in _LINKING_WORDS and not _ATTRIBUTIVE.search(word.casefold()):
            parts.append(before)
            start = m.start()
    parts.append(text[start:])
    return parts


# --- quotes and titles -------------------------------------------------------

_QUOTES = "\"«»“”„'‘’"


def unquote(text: str) -> str:
    """``'"IT-дизайнер":'`` -> ``'IT-дизайнер'``: strip outer quotes, trailing colon/dot."""
    text = collapse(text).rstrip(":").strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1]
    elif text and text[0] in _QUOTES and text.count(text[0]) == 1:
        text = text[1:]
    return text.strip()


def strip_end_dot(text: str) -> str:
    """Remove one trailing full stop (``"Бағдарламалық ... сәулетшілері."``)."""
    text = collapse(text)
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text


# --- codes -------------------------------------------------------------------

# Cyrillic letters that look like Latin ones, as they turn up in printed codes.
_LOOKALIKES = str.maketrans(
    {
        "Ю": "J",
        "Ј": "J",
        "Ж": "J",
        "А": "A",
        "В": "B",
        "С": "C",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "Т": "T",
        "Х": "X",
    }
)


def normalise_code(text: str) -> str:
    """Normalise a standard code: ``"Ю069."`` -> ``"J069"``, ``" J62011053. "`` -> ``"J62011053"``."""
    code = collapse(text).rstrip(".;, ").replace(" ", "")
    return code.upper().translate(_LOOKALIKES)


def normalise_oked_section(letter: str) -> str:
    """The OKED section letter in Latin: ``"Ж"`` -> ``"J"``."""
    return collapse(letter).upper().translate(_LOOKALIKES)


_OKED_SUBCLASS = re.compile(r"(?<![\d.])(\d{2}\.\d{2}\.\d)(?![\d.]\d)")


def oked_subclasses(lines: list[str]) -> list[str]:
    """The subclass codes ``NN.NN.N`` found in OKED lines, in order, without repeats."""
    found: list[str] = []
    for line in lines:
        for code in _OKED_SUBCLASS.findall(line):
            if code not in found:
                found.append(code)
    return found


# --- levels and versions -----------------------------------------------------

_LEVEL_RANGE = re.compile(r"(?<!\d)([1-8])\s*[-–]\s*([1-8])(?!\d)")
_LEVEL_ONE = re.compile(r"(?<!\d)([1-8])(?!\d)")


def parse_level(text: str) -> tuple[int, int] | None:
    """Read an ОРК/СБШ level or level range from printed text.

    ``"5"``, ``"- 5 СБШ-нің деңгейі;"``, ``"СБШ-нің 4-деңгейі"``, ``"6 уровень ОРК"``
    give ``(n, n)``; ``"4-5-й уровни ОРК"`` gives ``(4, 5)``. ``None`` when no level.
    """
    text = collapse(text)
    m = _LEVEL_RANGE.search(text)
    if m and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    m = _LEVEL_ONE.search(text)
    if m:
        return int(m.group(1)), int(m.group(1))
    return None


# The level part at the end of a passport list item: after the last " - " that is
# followed by a level ("- 5 СБШ...", "- СБШ-нің 4-деңгейі"), or a bare "4-5-й уровни ОРК".
_LIST_LEVEL_DASHED = re.compile(r"^.*(?P<cut>\s+[-–—]\s*)(?P<level>(?:СБШ-нің\s*)?\d.*)$", re.IGNORECASE)
_LIST_LEVEL_BARE = re.compile(
    r"(?P<cut>\s+)(?P<level>\d(?:\s*[-–]\s*\d)?\s*-?\s*(?:й\s+)?(?:уров|деңг|СБШ|ОРК).*)$", re.IGNORECASE
)


def split_list_item(text: str) -> tuple[str, str]:
    """Split a passport list item into (title, level text).

    ``"1) IT-дизайнер - 5 СБШ-нің деңгейі;"`` -> ``("IT-дизайнер", "5 СБШ-нің деңгейі")``;
    ``"Аналитик службы поддержки 4-5-й уровни ОРК"`` -> ``("Аналитик службы поддержки", "4-5-й уровни ОРК")``.
    """
    item = remove_numbering(text).rstrip(" ;.")
    for pattern in (_LIST_LEVEL_DASHED, _LIST_LEVEL_BARE):
        m = pattern.search(item)
        if m and parse_level(m.group("level")):
            return item[: m.start("cut")].strip(), m.group("level").strip()
    return item, ""


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_SMALL_NUMBER = re.compile(r"(?<![\d.])(\d{1,2})(?![\d.]\d)")


def parse_version(text: str) -> tuple[int | None, int | None]:
    """``"Нұсқа 3, 2024 ж."`` / ``"версия 2, 2022 г."`` / ``"Версия 1, 2019 год"`` -> ``(3, 2024)``."""
    text = collapse(text)
    year = _YEAR.search(text)
    before_year = text[: year.start()] if year else text
    number = _SMALL_NUMBER.search(before_year)
    return (int(number.group(1)) if number else None), (int(year.group(1)) if year else None)


# --- language and order dates --------------------------------------------------

_KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def guess_language(text: str) -> str:
    """``"kk"`` when Kazakh-specific letters make up more than 1% of the Cyrillic letters, else ``"ru"``.

    Returns ``""`` for text without Cyrillic letters.
    """
    cyrillic = len(_CYRILLIC.findall(text))
    if not cyrillic:
        return ""
    kazakh = sum(1 for ch in text if ch in _KAZAKH_LETTERS)
    return "kk" if kazakh / cyrillic > 0.01 else "ru"


_KK_MONTHS = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
]
_RU_MONTHS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]
_KK_ORDER = re.compile(r"(\d{4})\s*жылғы\s*(\d{1,2})\s*([^\W\d_]+)\s*№\s*([\w/ ]+?)(?=\s*(?:бұйр|[.,;\"»]|$))")
_RU_ORDER = re.compile(
    r"от\s*(\d{1,2})\s+([^\W\d_]+)\s+(\d{4})\s*(?:года|г\.?)?\s*№\s*"
    r"([\w/ ]+?)(?=\s*(?:[.,;\"»*]|$|\s[^\W\d_]))"
)


def _month(word: str, months: list[str]) -> int | None:
    word = word.casefold()
    # longest stem first, so "ма" (мая) does not win over "март"
    for stem in sorted(months, key=len, reverse=True):
        if word.startswith(stem):
            return months.index(stem) + 1
    return None


def parse_order_reference(text: str) -> tuple[str, str] | None:
    """Find ``(number, ISO date)`` of an order in text.

    ``"2025 жылғы 10 қарашадағы № 569/НҚ бұйрығы"`` -> ``("569/НҚ", "2025-11-10")``;
    ``"от 20 апреля 2026 года № 209/НК"`` -> ``("209/НК", "2026-04-20")``.
    """
    text = collapse(text)
    m = _KK_ORDER.search(text)
    if m:
        year, day, month = int(m.group(1)), int(m.group(2)), _month(m.group(3), _KK_MONTHS)
        number = m.group(4)
    else:
        m = _RU_ORDER.search(text)
        if not m:
            return None
        day, month, year = int(m.group(1)), _month(m.group(2), _RU_MONTHS), int(m.group(3))
        number = m.group(4)
    if not month:
        return None
    return number.replace(" ", ""), f"{year:04d}-{month:02d}-{day:02d}"
