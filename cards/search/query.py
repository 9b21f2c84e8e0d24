"""Reading a query (pure; no database): levels and codes to filter by, and the words' forms.

Numbers become ОРК levels ("6 уровень", "7-деңгей", "уровень 7", a lone digit 1–8), НКЗ codes
("2512", "2519-9", "2519-9-001") and standard codes ("J068"); these filter. Abbreviations expand
("ИИ" -> "искусственный интеллект"). Every other word gets its forms: the Russian stem (Snowball,
the same algorithm as PostgreSQL's ``russian`` configuration), the Kazakh stem (:mod:`cards.kazakh`)
matched as a prefix, and the Kazakh stems of its translation when the word is in :data:`RU_TO_KK`,
a small glossary of the registry's vocabulary (so "тестировщик" also looks for "тестілеу" in
Kazakh-only standards).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from cards import kazakh

MAX_WORDS = 8
PREFIX_MIN = 5  # Kazakh stems this long match as prefixes; "жаса" (жасанды) must not find "жасақтама"

# A Snowball stemmer keeps its word in the instance while it works: one per thread, or two requests
# stemming at once in a threaded server (gunicorn's gthread workers) garble each other's words.
_stemmers = threading.local()

RUSSIAN_STOPWORDS = frozenset(
    "и в во на по для с со от до из к ко у о об обо при за как что не без над под через или а же ли".split()
)

# Query words that stand for longer names ("ИИ инженер"). Keys lower-case.
ABBREVIATIONS = {
    "ии": "искусственный интеллект",
    "ai": "искусственный интеллект",
    "жи": "жасанды интеллект",
    "бд": "база данных",
    "субд": "система управления базами данных",
    "dba": "администратор баз данных",
    "ml": "машинное обучение",
    "ит": "информационные технологии",
    "ос": "операционные системы",
    "лвс": "локальные вычислительные сети",
    "qa": "qa тестирование",
    "nlp": "nlp компьютерная лингвистика",
    "сисадмин": "системный администратор",
    "админ": "администратор",
    "ui": "графический интерфейс",
    "ux": "интерфейс",
    "frontend": "web разработчик",
    "фронтенд": "web разработчик",
    "тестер": "тестирование",
}
# "ПО" only in capitals: lower-case "по" is a preposition.
UPPER_ABBREVIATIONS = {"ПО": "программное обеспечение"}

# The registry's vocabulary, Russian -> Kazakh, as it is written in the twin texts: a Russian
# query word also looks for these Kazakh stems, which is how it reaches the Kazakh-only standards.
RU_TO_KK = {
    "администратор": "әкімші",
    "администрирование": "әкімшілендіру",
    "разработчик": "әзірлеуші",
    "разработка": "әзірлеу",
    "специалист": "маман",
    "программист": "бағдарламашы",
    "программирование": "бағдарламалау",
    "программный": "бағдарламалық",
    "программа": "бағдарлама",
    "обеспечение": "қамтамасыз жасақтама қамтылым",
    "архитектор": "сәулетші",
    "аналитик": "талдаушы",
    "анализ": "талдау",
    "тестировщик": "тестілеу",
    "тестирование": "тестілеу",
    "тренер": "жаттықтырушы",
    "база": "база дерекқор",
    "данные": "деректер дерекқор",
    "облачный": "бұлттық",
    "вычисление": "есептеу",
    "сеть": "желі",
    "сетевой": "желілік",
    "система": "жүйе",
    "системный": "жүйелік",
    "приложение": "қосымша",
    "мобильный": "ұялы",
    "игра": "ойын",
    "компьютерный": "компьютерлік",
    "искусственный": "жасанды",
    "машинный": "машиналық",
    "обучение": "оқыту",
    "документация": "құжаттама",
    "технический": "техникалық",
    "писатель": "жазушы",
    "поддержка": "қолдау",
    "сопровождение": "сүйемелдеу",
    "пользователь": "пайдаланушы",
    "графический": "графикалық",
    "верстка": "беттеу",
    "управление": "басқару",
    "информационный": "ақпараттық",
    "ресурс": "ресурс",
    "операционный": "операциялық",
    "безопасность": "қауіпсіздік",
    "инфраструктура": "инфрақұрылым",
    "обслуживание": "қызмет көрсету",
    "большой": "үлкен",
    "хранение": "сақтау",
    "обработка": "өңдеу",
    "нейронный": "нейрондық",
    "зрение": "көру",
    "проектировщик": "жобалаушы",
    "проектирование": "жобалау",
    "параллельный": "параллельді",
    "распределенный": "таратылған",
    "спортивный": "спорттық",
    "локальный": "жергілікті",
    "дизайн": "дизайн",
    "интерактивный": "интерактивтік",
    "мультимедийный": "мультимедиялық",
    "веб": "web",
    "сайт": "сайт",
    "робототехника": "робототехника",
    "промышленный": "өнеркәсіптік",
    "создание": "құру",
    "менеджер": "менеджер",
}

LEVEL_WORDS = r"(?:уровень|уровня|уровне|уровнем|уровню|ур\.?|деңгей\w*|денгей\w*|level|орк|ork|біллік|біліктілік)"
LEVEL_AFTER = re.compile(rf"(?<![\d-])([1-8])\s*(?:-?\s*(?:й|ый|ой|ші|шы|ого|го))?\s*[-‑]?\s*{LEVEL_WORDS}", re.I)
LEVEL_BEFORE = re.compile(rf"{LEVEL_WORDS}\s*[-‑:№]?\s*([1-8])(?![\d-])", re.I)
OCCUPATION_CODE = re.compile(r"(?<![\d-])(\d{4}(?:-\d(?:-\d{3})?)?)(?![\d-])")
STANDARD_CODE = re.compile(r"(?<!\w)([JjЮю]\d{3,8})(?!\w)")
LONE_LEVEL = re.compile(r"(?<![\w-])([1-8])(?![\w-])")


@lru_cache(maxsize=65536)
def russian_stem(word: str) -> str:
    stemmer = getattr(_stemmers, "russian", None)
    if stemmer is None:
        stemmer = _stemmers.russian = snowballstemmer.stemmer("russian")
    return stemmer.stemWord(word.lower().replace("ё", "е"))


@dataclass(frozen=True)
class QueryWord:
    """One word of a query and the forms it may take in the index."""

    text: str
    russian: str  # Snowball stem, matched exactly ('' for a Russian stop word)
    kazakh: tuple[str, ...]  # Kazakh stems, matched as prefixes (own stem and glossary)

    def tsquery_russian(self) -> str:
        # The word as typed: PostgreSQL's ``russian`` configuration stems it.
        return f"'{self.text}'" if self.russian else ""

    def tsquery_kazakh(self) -> str:
        return " | ".join(f"'{s}':*" if len(s) >= PREFIX_MIN else f"'{s}'" for s in self.kazakh)

    def matches(self, stem_set: frozenset[str], stem_list: tuple[str, ...]) -> bool:
        """Whether the word is among ``stem_list`` (the Python side of the same rule)."""
        if self.russian and self.russian in stem_set:
            return True
        for form in self.kazakh:
            if form in stem_set:
                return True
            if len(form) >= PREFIX_MIN and any(s.startswith(form) for s in stem_list):
                return True
        return False


@dataclass
class ParsedQuery:
    """What a query asks for: words to match, and levels and codes to filter by."""

    text: str
    words: list[QueryWord] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)
    occupation_codes: list[str] = field(default_factory=list)
    standard_codes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.levels or self.occupation_codes or self.standard_codes)


def _query_word(word: str) -> QueryWord | None:
    lower = word.lower().replace("ё", "е")
    if len(lower) < 2 or lower in RUSSIAN_STOPWORDS or lower in kazakh.STOPWORDS:
        return None
    russian = russian_stem(lower)
    forms = [kazakh.stem(lower)]
    for kk in RU_TO_KK.get(_glossary_key(russian), "").split():
        forms.append(kazakh.stem(kk))
    return QueryWord(lower, russian, tuple(dict.fromkeys(forms)))


@lru_cache(maxsize=1)
def _glossary_stems() -> dict[str, str]:
    return {russian_stem(ru): ru for ru in RU_TO_KK}


def _glossary_key(russian: str) -> str:
    return _glossary_stems().get(russian, "")


def parse_query(text: str) -> ParsedQuery:
    """Read a query: levels, codes and the words left (pure; no database)."""
    parsed = ParsedQuery(text=" ".join(text.split())[:200])
    rest = parsed.text
    for pattern in (LEVEL_AFTER, LEVEL_BEFORE):
        for match in pattern.finditer(rest):
            parsed.levels.append(int(match.group(1)))
        rest = pattern.sub(" ", rest)
    for match in STANDARD_CODE.finditer(rest):
        parsed.standard_codes.append("J" + match.group(1)[1:])
    rest = STANDARD_CODE.sub(" ", rest)
    for match in OCCUPATION_CODE.finditer(rest):
        parsed.occupation_codes.append(match.group(1))
    rest = OCCUPATION_CODE.sub(" ", rest)
    for match in LONE_LEVEL.finditer(rest):
        parsed.levels.append(int(match.group(1)))
    rest = LONE_LEVEL.sub(" ", rest)
    expanded = []
    for word in kazakh.words(rest):
        expansion = UPPER_ABBREVIATIONS.get(word) or ABBREVIATIONS.get(word.lower())
        expanded.extend(expansion.split() if expansion else [word])
    for word in expanded:
        query_word = _query_word(word)
        if query_word and query_word not in parsed.words:
            parsed.words.append(query_word)
    parsed.words = parsed.words[:MAX_WORDS]
    parsed.levels = sorted(set(parsed.levels))
    return parsed
