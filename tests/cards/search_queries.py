"""The search quality set: queries a user would type, and the cards they expect.

Written by reading the bundled orders (fixtures/orders): half Kazakh, half Russian, with
inflected forms, typos, abbreviations, НКЗ codes and ОРК levels. Each query is searched on
the page of its language; ``expected`` are card permalinks of the current editions, and a
query is answered when any of them is among the first results (a card counts in either
language: ``/kk/cards/J068/2/`` and ``/ru/cards/J068/2/`` are the same card, twins).

Used by tests/cards/test_search_quality.py and bench/search.py.
"""

from __future__ import annotations

from typing import NamedTuple


class Query(NamedTuple):
    text: str
    language: str
    expected: tuple[str, ...]
    why: str


def cards(language: str, *keys: str) -> tuple[str, ...]:
    return tuple(f"/{language}/cards/{key}/" for key in keys)


QUERIES = [
    # Kazakh
    Query("тестілеу маманы", "kk", cards("kk", "J057/1", "J057/4"), "possessive -ы"),
    Query("қосымшаларды тестілеу", "kk", cards("kk", "J057/1", "J057/4"), "plural + accusative"),
    Query("деректер базасы әкімшісі", "kk", cards("kk", "J061/1", "J061/2"), "the issue's example"),
    Query("деректер базасының әкімшілері", "kk", cards("kk", "J061/1", "J061/2"), "genitive, plural possessive"),
    Query("графикалық дизайнер", "kk", cards("kk", "J058/2", "J058/1"), "adjective in -лық"),
    Query("веб-сайт әкімшісі", "kk", cards("kk", "J060/1", "J060/2"), "веб for Web"),
    Query("техникалық жазушы", "kk", cards("kk", "J062/1", "J062/2"), "a name in parentheses"),
    Query("бұлттық технологиялар әкімшісі", "kk", cards("kk", "J072/5", "J072/7", "J072/8"), "full title"),
    Query("бұлтты есептеулер маманы", "kk", cards("kk", "J072/3", "J072/6"), "бұлтты for бұлттық"),
    Query("жасанды интеллект инженері 7 деңгей", "kk", cards("kk", "J068/2"), "level words"),
    Query("машиналық оқыту", "kk", cards("kk", "J070/4", "J070/6"), "a field, not a title"),
    Query("нейрондық желілер маманы", "kk", cards("kk", "J070/5", "J070/12"), "plural"),
    Query("желілік әкімші", "kk", cards("kk", "J069/2", "J069/4", "J069/5"), "network administrator"),
    Query("серверлер әкімшісі 6-деңгей", "kk", cards("kk", "J074/3"), "level with a hyphen"),
    Query("ұялы қосымшалар әзірлеушісі", "kk", cards("kk", "J073/5", "J073/11"), "agent noun, possessive"),
    Query("бағдарламалық жасақтама сәулетшісі", "kk", cards("kk", "J62011053/5", "J62011053/6"), "long code"),
    Query("жүйелік сәулетші", "kk", cards("kk", "J62011053/3", "J62011053/4", "J62011053/8"), "system architect"),
    Query("операциялық жүйелер әкімшілері", "kk", cards("kk", "J62012055/1", "J62012055/2"), "plural possessive"),
    Query("контент-менеджер", "kk", cards("kk", "J63999054/1", "J63999054/2", "J63999054/3"), "hyphenated loan"),
    Query("компьютерлік ойындар әзірлеуші", "kk", cards("kk", "J077/5", "J077/8", "J077/9"), "games"),
    Query("робототехника технигі", "kk", cards("kk", "J075/1", "J075/4"), "possessive after к"),
    Query("спорттық бағдарламалау жаттықтырушысы", "kk", cards("kk", "J065/1"), "coach"),
    Query("бұлтық технологиялар сәулетшісі", "kk", cards("kk", "J072/4", "J072/9", "J072/11"), "typo: бұлтық"),
    Query("2512-2-007", "kk", cards("kk", "J057/1", "J057/4"), "full НКЗ code"),
    # Russian
    Query("тестировщик", "ru", cards("kk", "J057/1", "J057/2", "J057/3", "J057/4"), "Kazakh-only standard"),
    Query("тестирование программного обеспечения", "ru", cards("kk", "J057/1", "J057/4"), "standard title"),
    Query("администратор баз данных", "ru", cards("kk", "J061/1", "J061/2"), "Kazakh-only, glossary"),
    Query("администрированию баз данных", "ru", cards("kk", "J061/1", "J061/2", "J061/4", "J061/6"), "dative"),
    Query(
        "облачные вычисления администратор",
        "ru",
        cards("ru", "J072/5", "J072/7", "J072/8", "J072/3", "J072/6"),
        "the issue's example",
    ),
    Query("специалиста по облачным вычислениям", "ru", cards("ru", "J072/3", "J072/6"), "genitive"),
    Query("машинное обучение", "ru", cards("ru", "J070/4", "J070/6"), "the issue's example"),
    Query("ИИ инженер 7 уровень", "ru", cards("ru", "J068/2"), "abbreviation and level"),
    Query("инженеры по искусственному интеллекту", "ru", cards("ru", "J068/1", "J068/2"), "plural"),
    Query("сетевой администратор", "ru", cards("ru", "J069/2", "J069/4", "J069/5"), "title"),
    Query("администратор серверов 5 уровень", "ru", cards("ru", "J074/6"), "level"),
    Query("веб разработчик", "ru", cards("ru", "J073/3", "J073/7"), "веб for Web"),
    Query("разработчика мобильных приложений", "ru", cards("ru", "J073/5", "J073/11"), "genitive"),
    Query("архитектор облачных технологий", "ru", cards("ru", "J072/4", "J072/9", "J072/11"), "title"),
    Query("архитектр ИТ-инфраструктуры", "ru", cards("ru", "J071/1", "J071/4"), "typo: архитектр"),
    Query("администратр серверов", "ru", cards("ru", "J074/3", "J074/6"), "typo: администратр"),
    Query("компьютерное зрение", "ru", cards("ru", "J070/7", "J070/10"), "a field"),
    Query("разработчик компьютерных игр", "ru", cards("ru", "J077/5", "J077/8"), "title"),
    Query("техник по робототехнике", "ru", cards("ru", "J075/1", "J075/4"), "title"),
    Query("2519-9-001", "ru", cards("ru", "J068/1", "J068/2"), "full НКЗ code"),
    Query("2512 уровень 4", "ru", cards("kk", "J057/1"), "ISCO group and level"),
    Query("системный архитектор", "ru", cards("kk", "J62011053/3", "J62011053/4", "J62011053/8"), "via НКЗ names"),
    Query("графический дизайнер", "ru", cards("kk", "J058/2", "J058/1"), "Kazakh-only, glossary"),
    Query("технический писатель", "ru", cards("kk", "J062/1", "J062/2"), "Kazakh-only, glossary"),
]


def card_key(permalink: str) -> str:
    """``/ru/cards/J068/2/`` -> ``J068/2``: twins are the same card for the quality set."""
    parts = [p for p in permalink.split("/") if p]
    return "/".join(parts[-2:])
