"""The 003 reader (markdown + TAB rows + HTML): token order and the rebuilt card tables.

Expectations for whole cards were written by reading the source lines
(fixtures/orders/order-209-2026-ru.txt), not by printing the reader's output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from importers import labels as L
from importers.readers import markdown_text
from importers.readers.table_rows import cell_pieces, join_spaced_letters, split_numbered
from importers.tokens import ANNEX, RELATED_ROW, TEXT

ROOT = Path(__file__).resolve().parents[2]
EXCERPTS = ROOT / "fixtures" / "excerpts"
ORDER_209 = ROOT / "fixtures" / "orders" / "order-209-2026-ru.txt"
ORDER_569 = ROOT / "fixtures" / "orders" / "order-569-2025-kk.txt"


def read_excerpt(name):
    path = EXCERPTS / name
    return markdown_text.read(path.read_bytes(), path.name)


def cards(tokens):
    """Group tokens per card: a list of (card header token, [tokens of the card])."""
    out = []
    for token in tokens:
        if token.concept == L.CARD_HEADER:
            out.append((token, []))
        elif token.concept in (L.CHAPTER_4, L.STANDARD_HEADING, ANNEX):
            if out and out[-1][0] is not None:
                out.append((None, []))
        elif out and out[-1][0] is not None:
            out[-1][1].append(token)
    return [c for c in out if c[0] is not None]


def structure(card_tokens):
    """[(lf token, [(skill, abilities, knowledge, recognition), ...]), ...] of one card."""
    lfs = []
    for token in card_tokens:
        if token.concept in (L.LABOUR_FUNCTION, L.ADDITIONAL_LABOUR_FUNCTION):
            lfs.append((token, []))
        elif token.concept == L.SKILL:
            lfs[-1][1].append([token])
        elif token.concept in (L.ABILITIES, L.KNOWLEDGE, L.RECOGNITION):
            lfs[-1][1][-1].append(token)
    return lfs


def kazakh_counts(path):
    """Skills per labour function for each card of 001 annexes 9-22, counted from the labels."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(r"^\s*№\s*569\s*/\s*НҚ\s+9-қосымша", line))
    result = []
    for line in lines[start:]:
        text = line.replace("\xa0", " ").strip()
        if re.match(r"^\d+\.\s*Кәсіптің карточкасы", text):
            result.append([])
        elif result and re.match(r"^(?:Қосымша еңбек|Еңбек) функциясы\s*\d+\s*:", text):
            result[-1].append(0)
        elif result and re.match(r"^Дағды\s*\d+\s*:", text):
            result[-1][-1] += 1
    return result


# --- helpers -------------------------------------------------------------------------


def test_it_splits_a_cell_into_paragraphs_and_list_items():
    cell = '<p>Умения:</p> <ol style="list-style-type: none"> <li>1. A &amp; b</li> <li>2. B</li> </ol>'
    assert cell_pieces(cell) == ["Умения:", "1. A & b", "2. B"]


def test_it_joins_letters_typed_with_spaces():
    assert join_spaced_letters("Навык 1: А н а л и з производительности") == "Навык 1: Анализ производительности"
    # 003:3842: the conjunction in front stays a word of its own.
    assert join_spaced_letters("наладка и б а з о в о е программирование") == "наладка и базовое программирование"


def test_it_splits_an_inline_numbered_run_that_starts_anywhere():
    assert split_numbered("2. Основные 3. Методики 4. Основы") == ["2. Основные", "3. Методики", "4. Основы"]
    assert split_numbered("версия 2. и 3. нет") == ["версия 2. и 3. нет"]


def test_it_recognises_its_own_layout_only():
    assert markdown_text.looks_like(ORDER_209.read_bytes())
    assert not markdown_text.looks_like(ORDER_569.read_bytes())


# --- excerpts ------------------------------------------------------------------------


def test_it_emits_both_annex_numbers_before_the_standard_heading():
    source = read_excerpt("markdown_text_j068_card9.txt")
    first = source.tokens[:3]
    assert [(t.concept, t.number) for t in first] == [(ANNEX, 1), (ANNEX, 9), (L.STANDARD_HEADING, None)]
    assert first[2].text == "Разработка приложений искусственного интеллекта"


def test_it_rebuilds_j068_card_9():
    source = read_excerpt("markdown_text_j068_card9.txt")
    [(header, body)] = cards(source.tokens)
    assert header.number == 9 and header.text == "Инженер по искусственному интеллекту"
    lfs = structure(body)
    assert [lf.text for lf, _ in lfs] == [
        "Реализация систем искусственного интеллекта",  # title five rows below its label
        "Опытная эксплуатация систем искусственного интеллекта и ее внедрение",  # label after its skill 1
        "Мониторинг и оптимизация AI-систем",
    ]
    assert [[s[0].text for s in skills] for _, skills in lfs] == [
        [
            "Разработка проекта интеллектуальной системы",
            "Программная реализация интеллектуальной системы",
            "Анализ предметной и проблемной области",
        ],
        ["Внедрение и сопровождение систем искусственного интеллекта", "Тестирование систем искусственного интеллекта"],
        ["Анализ производительности"],
    ]
    _skill, abilities, knowledge, recognition = lfs[0][1][0]
    assert len(abilities.value) == 4
    assert abilities.value[0].text.startswith("1. Разрабатывать, согласовывать и утверждать техническое задание")
    assert abilities.value[-1].text == "4. Готовить аналитические отчеты"
    assert (
        len(knowledge.value) == 3 and knowledge.value[-1].text == "3. Моделирование нечетких множеств, нечеткая логика"
    )
    assert recognition.text == "Не рекомендуется"
    # skill 2: knowledge item 6 continues on a later row, item 7 follows it there
    _, abilities, knowledge, _ = lfs[0][1][1]
    assert len(abilities.value) == 2
    assert abilities.value[-1].text == "2. Использовать возможности имеющейся технической и/или программной архитектуры"
    assert len(knowledge.value) == 7
    assert knowledge.value[0].text == "1. Традиционные языки программирования (C++, Java, Python и т.п.)"
    assert knowledge.value[5].text.endswith(
        "ЭКСПЕРТ), которые позволяют создавать прикладные интеллектуальные системы, не прибегая к программированию"
    )
    assert knowledge.value[-1].text == "7. Методологии разработки программного обеспечения"
    assert knowledge.value[-1].line != knowledge.value[0].line
    _, abilities, knowledge, _ = lfs[0][1][2]
    assert (len(abilities.value), len(knowledge.value)) == (6, 4)
    assert abilities.value[-1].text == "6. Анализировать бизнес-требования"
    assert knowledge.value[-1].text == "4. Правила деловой переписки"
    # LF 2 skill 1: knowledge 2-4 sit on the row of the labour-function label
    _, abilities, knowledge, _ = lfs[1][1][0]
    assert len(abilities.value) == 6 and abilities.value[-1].text == "6. Корректировать и дополнять базы знаний"
    assert [k.text for k in knowledge.value] == [
        "1. Основные инструментальные средства искусственного интеллекта",
        "2. Основные области применения систем искусственного интеллекта",
        "3. Методики испытаний систем искусственного интеллекта",
        "4. Основы работы с базами данных",
    ]
    _, abilities, knowledge, _ = lfs[1][1][1]
    assert len(abilities.value) == 4 and len(knowledge.value) == 5
    assert abilities.value[0].text == "1. Проводить тестирование удобства и адекватности интерфейсов ввода/вывода"
    assert knowledge.value[-1].text == "5. Требования к структуре и форматам хранения тестовых наборов данных"
    _, abilities, knowledge, recognition = lfs[2][1][0]
    assert [a.text for a in abilities.value] == [
        "1. Мониторить дрейф данных и концептов",
        "2. Оценивать бизнес-метрики системы",
        "3. Проводить A/B тестирование",
    ]
    assert [k.text for k in knowledge.value] == [
        "1. Метрики оценки качества моделей",
        "2. Принципы MLOps",
        "3. Инструменты мониторинга",
    ]
    assert all(s[3].text == "Не рекомендуется" for _, skills in lfs for s in skills)
    related = [(t.number, t.text) for t in body if t.concept == RELATED_ROW]
    assert related == [(6, "Специалист по искусственному интеллекту"), (7, "Специалист по искусственному интеллекту")]
    assert not [t for t in body if t.concept == TEXT]


def test_it_keeps_the_card_fields_in_canonical_order():
    source = read_excerpt("markdown_text_j068_card9.txt")
    [(_, body)] = cards(source.tokens)
    concepts = [t.concept for t in body]
    head = [c for c in concepts if c not in (L.LABOUR_FUNCTION, L.SKILL, L.ABILITIES, L.KNOWLEDGE, L.RECOGNITION)]
    assert head[:8] == [
        L.GROUP_CODE,
        L.OCCUPATION_CODE,
        L.PROFESSION_NAME,
        L.LEVEL,
        L.SUBLEVEL,
        L.ETKS_LEVEL,
        L.EDUCATION,
        L.EDUCATION_LEVEL,
    ]
    assert concepts.index(L.ADDITIONAL_FUNCTIONS) < concepts.index(L.LABOUR_FUNCTION)
    assert concepts.index(L.RECOGNITION) < concepts.index(L.PERSONAL_COMPETENCIES)
    assert head[-7:] == [
        L.PERSONAL_COMPETENCIES,
        L.REGULATIONS,
        L.RELATED,
        L.RELATED_LEVEL_COLUMN,
        L.RELATED_NAME_COLUMN,
        RELATED_ROW,
        RELATED_ROW,
    ]
    mandatory = next(t for t in body if t.concept == L.MANDATORY_FUNCTIONS)
    assert [p.text for p in mandatory.value] == [
        "1. Реализация систем искусственного интеллекта",
        "2. Опытная эксплуатация систем искусственного интеллекта и ее внедрение",
        "3. Мониторинг и оптимизация AI-систем",
    ]


def test_it_rebuilds_j069_card_9_with_the_unlabelled_skill():
    source = read_excerpt("markdown_text_j069_card9.txt")
    [(header, body)] = cards(source.tokens)
    assert header.text == "Системный инженер"
    lfs = structure(body)
    assert [lf.text for lf, _ in lfs] == [
        "Установка, настройка, внедрение системного и прикладного программного обеспечения, необходимого для "
        "функционирования и развертывание серверной части информационной системы у заказчика",
        "Контроль работы информационной системы и устранение ошибок в их работе",
    ]
    titles = [[(s[0].number, s[0].text) for s in skills] for _, skills in lfs]
    assert titles == [
        [
            (1, "Установка, настройка, внедрение системного и прикладного программного обеспечения"),
            (2, "Развертывание серверной части информационной системы у заказчика"),
            (None, ""),
        ],  # "Возможность признания навыка: Не рекомендуется Умения: …" with no "Навык" label
        [(1, "Контроль и проведение анализа затрат"), (2, "Устранение ошибок в работе информационной системы")],
    ]
    counts = [[(len(s[1].value), len(s[2].value)) for s in skills] for _, skills in lfs]
    assert counts == [[(6, 6), (6, 5), (7, 6)], [(7, 6), (8, 6)]]
    first = lfs[0][1][0]
    assert first[1].value[0].text == "1. Выполнять работу по подготовке программ к отладке и проводить отладку"
    assert first[1].value[4].text == "5. Проводить интеграцию различных программных компонентов и систем между собой"
    assert (
        first[2].value[0].text == "1. Компьютерные настройки, применяемые операционные системы и программные приложения"
    )
    assert lfs[0][1][1][1].value[0].text == "1. Развертывать серверную часть информационной системы у заказчика"
    assert lfs[0][1][2][1].value[-1].text == (
        "7. Оценивать влияние обновлений на совместимость и производительность всей системы"
    )
    assert lfs[0][1][2][2].value[-1].text == "6. Методы тестирования обновлений в изолированных средах"
    assert lfs[1][1][0][2].value[0].text == "1. Современные программные и аппаратные средства"
    assert lfs[1][1][1][2].value[-1].text == "6. Принципы построения логирования и сбора метрик в промышленных системах"
    assert [s[3].text for _, skills in lfs for s in skills] == ["Не рекомендуется"] * 4 + ["-"]
    competencies = next(t for t in body if t.concept == L.PERSONAL_COMPETENCIES)
    assert competencies.value[0].text.startswith("Ответственность Системное мышление")  # spilled above its label
    assert [(t.number, t.text) for t in body if t.concept == RELATED_ROW] == [(6, "Системный администратор")]


def test_it_rebuilds_the_half_markdown_card_of_j072():
    source = read_excerpt("markdown_text_j072_card11.txt")
    [(header, body)] = cards(source.tokens)
    assert header.number == 11 and header.text == "Специалист по облачным вычислениям"
    lfs = structure(body)
    assert lfs[0][0].text == (
        "Техническая поддержка процессов создания (модификации) и сопровождения интеграционных "
        "решений для облачных сервисов"
    )
    assert lfs[1][0].text == (
        "Выполнение работ по созданию (модификации) и сопровождению интеграционных решений для облачных сервисов"
    )
    assert [[s[0].text for s in skills] for _, skills in lfs] == [
        [
            "Проведение испытаний интеграционного решения и его сопровождение",
            "Ввод в эксплуатацию интеграционного решения",
        ],
        [
            "Создание интеграционного решения в соответствии с техническим заданием",
            "Конфигурирование интеграционного решения на базе интеграционной платформы в соответствии с техническим "
            "заданием",
        ],
    ]
    _skill, abilities, knowledge, recognition = lfs[0][1][0]
    assert len(abilities.value) == 11 and abilities.value[-1].text.startswith("11. Разрабатывать, утверждать")
    assert len(knowledge.value) == 6
    assert knowledge.value[-1].text == (
        "6. Принципы построения Data Governance и управления тестовыми данными с "
        "учетом безопасности и конфиденциальности"
    )  # "## 6." heading + next row
    assert recognition.text == "Не рекомендуется"
    assert [(t.number, t.text) for t in body if t.concept == RELATED_ROW] == [
        (6, "Специалист по облачным вычислениям"),
        (7, "Администратор облачных технологий"),
    ]
    assert not [t for t in body if t.concept == TEXT]


def test_it_follows_the_kazakh_structure_for_the_contradictory_label_of_j077_card_15():
    source = read_excerpt("markdown_text_j077_card15.txt")
    [(_, body)] = cards(source.tokens)
    lfs = structure(body)
    assert [lf.text for lf, _ in lfs] == [
        "Проектирование и разработка интерактивных мультимедийных систем",
        "Создание комплексной графики и анимации",
    ]
    assert [[s[0].number for s in skills] for _, skills in lfs] == [[1, 2], [1, 2]]
    assert lfs[0][1][1][0].text == "Программирование и интеграция мультимедиа"
    leftover = [t.text for t in body if t.concept == TEXT]
    assert leftover == ["Трудовая функция 2: Программирование и интеграция мультимедиа"]  # reported, not lost


def test_it_places_the_additional_labour_function_of_j065():
    source = read_excerpt("markdown_text_j065_card9.txt")
    [(_, body)] = cards(source.tokens)
    lfs = structure(body)
    assert [lf.concept for lf, _ in lfs][-1] == L.ADDITIONAL_LABOUR_FUNCTION
    lf, skills = lfs[-1]
    assert lf.number == 1 and lf.text == "Организация и проведение олимпиад"
    [(skill, abilities, knowledge, _recognition)] = skills
    assert skill.text == "Организация соревнования"
    assert next(a.text for a in abilities.value) == "1. Разрабатывать регламент соревнования"  # row above the label
    assert abilities.value[-1].text.startswith("4. Соблюдать технику безопасности")
    assert knowledge.value[0].text == "1. Формата проведения соревнований по спортивному программированию"


# --- the whole order -----------------------------------------------------------------


@pytest.fixture(scope="module")
def order_209():
    return markdown_text.read(ORDER_209.read_bytes(), ORDER_209.name)


def test_it_finds_every_standard_and_card(order_209):
    tokens = order_209.tokens
    assert sum(t.concept == L.STANDARD_HEADING for t in tokens) == 14
    assert sum(t.concept == ANNEX for t in tokens) == 26  # J074 has no annex header
    assert sum(t.concept == L.CARD_HEADER for t in tokens) == 82
    assert sum(t.concept == L.LABOUR_FUNCTION for t in tokens) == 204
    assert sum(t.concept == L.ADDITIONAL_LABOUR_FUNCTION for t in tokens) == 1
    assert sum(t.concept == L.SKILL for t in tokens) == 377
    assert sum(t.concept == L.MANDATORY_FUNCTIONS for t in tokens) == 82


def test_every_card_has_the_structure_of_its_kazakh_twin(order_209):
    kazakh = kazakh_counts(ORDER_569)
    russian = [[len(skills) for _, skills in structure(body)] for _, body in cards(order_209.tokens)]
    assert len(kazakh) == len(russian) == 82
    differing = [(n, k, r) for n, (k, r) in enumerate(zip(kazakh, russian, strict=False)) if k != r]
    assert differing == []


def test_every_labour_function_and_skill_has_a_title_or_is_the_unlabelled_skill(order_209):
    lf_untitled = [
        t.line
        for t in order_209.tokens
        if t.concept in (L.LABOUR_FUNCTION, L.ADDITIONAL_LABOUR_FUNCTION) and not t.text
    ]
    skill_untitled = [t.line for t in order_209.tokens if t.concept == L.SKILL and not t.text]
    assert lf_untitled == []
    assert skill_untitled == [1814]


def test_every_piece_carries_a_source_line_holding_its_start(order_209):
    lines = order_209.lines
    for token in order_209.tokens:
        for piece in token.value:
            assert 1 <= piece.line <= len(lines)
