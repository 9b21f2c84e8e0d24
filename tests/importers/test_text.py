"""Pure text helpers: whitespace, markup, items, codes, levels, versions, order references."""

import pytest

from importers.text import (
    collapse,
    guess_language,
    normalise_code,
    normalise_oked_section,
    oked_subclasses,
    parse_level,
    parse_order_reference,
    parse_version,
    plain,
    remove_numbering,
    split_competencies,
    split_items,
    split_list_item,
    split_other_titles,
    unquote,
)


def test_it_collapses_nbsp_and_tabs():
    assert collapse("\xa0\xa0\xa0 1. Кәсіптік\tстандарт ") == "1. Кәсіптік стандарт"


def test_it_strips_html_and_markdown():
    assert plain("<p>Код&nbsp;группы:</p>") == "Код группы:"
    assert plain('## **Профессиональный стандарт: "X"**') == 'Профессиональный стандарт: "X"'


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("1. Пайдаланушы талаптарын талдау.", "Пайдаланушы талаптарын талдау."),
        ("1) IT-дизайнер", "IT-дизайнер"),
        ("7. 7. Кәсіптік", "Кәсіптік"),
        ("- Жауапкершілік", "Жауапкершілік"),
        ("3.Сүйемелдеу процесінде", "Сүйемелдеу процесінде"),
        ("3.5 GHz", "3.5 GHz"),
    ],
)
def test_it_removes_list_numbering(raw, clean):
    assert remove_numbering(raw) == clean


def test_it_splits_items_by_piece_and_by_inline_numbering():
    assert split_items(["1. Бір. 2. Екі 3. Үш", "4. Төрт;", "-", ""]) == ["Бір.", "Екі", "Үш", "Төрт"]


def test_it_removes_bare_numbers_only_when_they_count_items():
    assert split_items(["1 ДБ көшірмесі.", "2 Арнайы білім."]) == ["ДБ көшірмесі.", "Арнайы білім."]
    assert split_items(["5 жылдық жоспар"]) == ["5 жылдық жоспар"]


def test_it_does_not_split_numbers_out_of_sequence():
    assert split_items(["версия 2, ISO 27001 стандарты"]) == ["версия 2, ISO 27001 стандарты"]


def test_it_splits_code_prefixed_other_titles():
    assert split_other_titles("2511-1-003 - Системный архитектор 2511-3-001 - Архитектор ПО") == [
        "2511-1-003 - Системный архитектор",
        "2511-3-001 - Архитектор ПО",
    ]


@pytest.mark.parametrize("raw, code", [("Ю069", "J069"), ("J062.", "J062"), (" J62011053. ", "J62011053")])
def test_it_normalises_standard_codes(raw, code):
    assert normalise_code(raw) == code


def test_it_normalises_the_oked_section_letter():
    assert normalise_oked_section("Ж") == "J"


def test_it_collects_oked_subclasses_once():
    lines = ["J Ақпарат және байланыс.", "62.01 Компьютерлік", "62.01.1 Бағдарламалық", "62.01.1 again"]
    assert oked_subclasses(lines) == ["62.01.1"]


@pytest.mark.parametrize(
    "text, level",
    [
        ("5", (5, 5)),
        ("- 5 СБШ-нің деңгейі;", (5, 5)),
        ("СБШ-нің 4-деңгейі", (4, 4)),
        ("6 уровень ОРК", (6, 6)),
        ("4-5-й уровни ОРК", (4, 5)),
        ("", None),
    ],
)
def test_it_parses_levels(text, level):
    assert parse_level(text) == level


@pytest.mark.parametrize(
    "item, expected",
    [
        ("1) IT-дизайнер - 5 СБШ-нің деңгейі;", ("IT-дизайнер", "5 СБШ-нің деңгейі")),
        (
            "2) Контент менеджер (контент - менеджер) - СБШ-нің 4-деңгейі;",
            ("Контент менеджер (контент - менеджер)", "СБШ-нің 4-деңгейі"),
        ),
        ("Аналитик службы поддержки 4-5-й уровни ОРК", ("Аналитик службы поддержки", "4-5-й уровни ОРК")),
    ],
)
def test_it_splits_a_passport_list_item_into_title_and_level(item, expected):
    assert split_list_item(item) == expected


@pytest.mark.parametrize(
    "text, version",
    [("Нұсқа 3, 2024 ж.", (3, 2024)), ("версия 2, 2022 г.", (2, 2022)), ("Версия 1, 2019 год", (1, 2019))],
)
def test_it_parses_version_and_year(text, version):
    assert parse_version(text) == version


def test_it_reads_order_references_in_both_languages():
    assert parse_order_reference("министрінің 2025 жылғы 10 қарашадағы № 569/НҚ бұйрығы.") == ("569/НҚ", "2025-11-10")
    assert parse_order_reference("Приказ от 20 апреля 2026 года № 209/НК. Зарегистрирован") == ("209/НК", "2026-04-20")


def test_it_unquotes_titles():
    assert unquote('"IT-дизайнер":') == "IT-дизайнер"
    assert unquote("«АТ-инфрақұрылым сәулетшілері»:") == "АТ-инфрақұрылым сәулетшілері"


def test_it_tells_kazakh_from_russian():
    assert guess_language("Бағдарламалық жасақтама сәулетшілері") == "kk"
    assert guess_language("Разработка программного обеспечения") == "ru"


def test_it_removes_a_list_number_printed_twice():
    # 001:2283 "2.2. Аспаптық жобалау …"
    assert remove_numbering("2.2. Аспаптық жобалау") == "Аспаптық жобалау"
    assert remove_numbering("2.2 GHz") == "2.2 GHz"


def test_it_splits_a_run_whose_first_number_is_glued_to_its_word():
    # 003:4139 "1.Инфокоммуникационные … 2. Основы делопроизводства 3. Регламенты …"
    assert split_items(["1.Инфокоммуникационные технологии. 2. Основы 3. Регламенты"]) == [
        "Инфокоммуникационные технологии.",
        "Основы",
        "Регламенты",
    ]
    assert split_items(["Web 2.0 және 3.0"]) == ["Web 2.0 және 3.0"]


def test_it_keeps_a_lowercase_second_paragraph_in_its_numbered_item():
    # 001:12732 / 12734: item 4 goes on in a paragraph of its own.
    assert split_items(["4. Вики-жүйелер ұғымдары;", "қазіргі уақытта вики жүйелері.", "5. Хостинг."]) == [
        "Вики-жүйелер ұғымдары; қазіргі уақытта вики жүйелері.",
        "Хостинг.",
    ]
    assert split_items(["Жауапкершілік", "өнімділік"]) == ["Жауапкершілік", "өнімділік"]


def test_it_splits_competencies_run_together_at_their_capitals():
    # 003:1152, a whole list in one cell with nothing but capitals between the competencies
    run = "Ответственность Стрессоустойчивость Терпеливость Дисциплинированность"
    assert split_competencies([run]) == run.split()
    # 003:3110: a phrase keeps its lowercase words; ")" ends a competency
    assert split_competencies(
        ["Ответственность Понимание бизнеса Наставничество (менторинг, коучинг) Критическое мышление"]
    ) == ["Ответственность", "Понимание бизнеса", "Наставничество (менторинг, коучинг)", "Критическое мышление"]


def test_it_splits_every_item_that_holds_several_competencies():
    # 003:2107-2109 (J070 card 1): five paragraphs, then a run of three after the label
    items = ["Гибкость мышления", "Креативность", "Исполнительность Ориентация на результат Организованность"]
    assert split_competencies(items) == [
        "Гибкость мышления",
        "Креативность",
        "Исполнительность",
        "Ориентация на результат",
        "Организованность",
    ]


def test_it_splits_comma_lists_of_competencies():
    # 001 J062 card 2: one item, one comma without a space after it
    assert split_competencies(["Аналитикалық ойлау, Жауапкершілік, Оқу қабілеті,Командада жұмыс істей білу"]) == [
        "Аналитикалық ойлау",
        "Жауапкершілік",
        "Оқу қабілеті",
        "Командада жұмыс істей білу",
    ]
    # 004:450-452: the list wrapped over lines that end in a comma
    assert split_competencies(["Структурное мышление, Аналитический склад ума,", "Ответственность"]) == [
        "Структурное мышление",
        "Аналитический склад ума",
        "Ответственность",
    ]


@pytest.mark.parametrize(
    "item",
    [
        "Мәселелерді шешудегі Тәуелсіздік",  # 001 J066: the "-дегі" form ties the two words
        "шешім қабылдаудағы Тәуелсіздік",  # 001 J070 card 3
        "Тәлімгерлік (тәлімгерлік, коучинг)",  # a comma inside parentheses, and lowercase after it
        "Английский язык",  # the second word is lowercase
        "Знание SQL Ответственность",  # after an abbreviation
        "Работа с ИТ Специалистами",  # an abbreviation does not start a competency
        "IT- Специалист",  # after a hyphen
        "Способность к Обучению",  # after a preposition
        "Исполнительность математическое мышление",  # 003:2493: a lowercase initial cannot be told apart
        "Умение слушать, убеждать",  # a comma with lowercase after it
    ],
)
def test_it_keeps_one_competency_whole(item):
    assert split_competencies([item]) == [item]
