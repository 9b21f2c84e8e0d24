"""The alignment engine, on plain data: no database, no Django."""

from pathlib import Path

from cards.compare import (
    CHANGED,
    COMMON,
    ONLY,
    POSITION,
    TEXT,
    CardTree,
    FunctionNode,
    Segment,
    SkillNode,
    align_cards,
    changes,
    default_method,
    match_texts,
    summarise,
    word_diff,
)

ROOT = Path(__file__).resolve().parents[2]


def card(*functions, language="ru", label=""):
    return CardTree(tuple(functions), language, label)


def function(title, *skills):
    return FunctionNode(title, tuple(skills))


def skill(title, abilities=(), knowledge=()):
    return SkillNode(title, tuple(abilities), tuple(knowledge))


def texts(rows, column):
    return [row.text_in(column) for row in rows]


def test_it_matches_exact_texts_before_close_ones():
    pairs = match_texts(["Анализ данных", "Анализ данных."], ["анализ данных", "Анализ данных и отчётов"])
    assert [(p.left, p.right) for p in pairs] == [(0, 0), (1, 1)]
    assert pairs[0].score == 100


def test_it_matches_one_to_one():
    pairs = match_texts(["Тестирование систем"], ["Тестирование систем", "Тестирование системы"])
    assert [(p.left, p.right) for p in pairs] == [(0, 0), (None, 1)]


def test_it_keeps_unrelated_texts_apart():
    pairs = match_texts(["Управление проектами ИИ"], ["Научно-исследовательская деятельность"])
    assert [(p.left, p.right) for p in pairs] == [(0, None), (None, 0)]


def test_it_places_right_only_items_after_the_row_they_follow():
    pairs = match_texts(["A один", "C три"], ["A один", "B два", "C три", "D четыре"])
    assert [(p.left, p.right) for p in pairs] == [(0, 0), (None, 1), (1, 2), (None, 3)]


def test_it_puts_removed_before_added_between_two_matches():
    pairs = match_texts(["A один", "X старое", "C три"], ["A один", "Y новое", "C три"])
    assert [(p.left, p.right) for p in pairs] == [(0, 0), (1, None), (None, 1), (2, 2)]


def test_it_keeps_a_moved_item_matched_and_marks_it():
    pairs = match_texts(
        ["Первый пункт", "Второй пункт", "Третий пункт"], ["Третий пункт", "Первый пункт", "Второй пункт"]
    )
    assert [(p.left, p.right, p.moved) for p in pairs] == [(0, 1, False), (1, 2, False), (2, 0, True)]


def test_the_word_diff_marks_deleted_and_inserted_words_and_keeps_the_original_words():
    assert word_diff("Разработка проекта системы", "Разработка плана системы.") == (
        Segment("equal", "Разработка"),
        Segment("delete", "проекта"),
        Segment("insert", "плана"),
        Segment("equal", "системы."),
    )


def test_a_close_text_is_changed_with_its_words_highlighted():
    old = card(function("Разработка облачной среды"))
    new = card(function("Разработка облачной архитектуры"))
    [row] = align_cards([old, new]).rows
    assert row.status == CHANGED
    assert row.cells[0].segments == ()
    assert [s for s in row.cells[1].segments if s.op != "equal"] == [
        Segment("delete", "среды"),
        Segment("insert", "архитектуры"),
    ]


def test_equal_texts_are_common_even_when_punctuation_differs():
    [row] = align_cards([card(function("Анализ данных.")), card(function("анализ данных"))]).rows
    assert row.status == COMMON and not row.changed


def test_an_item_only_in_one_card_names_that_card():
    level6 = card(function("Реализация систем"), label="J068/1")
    level7 = card(function("Реализация систем"), function("Управление проектами ИИ"), label="J068/2")
    rows = align_cards([level6, level7]).rows
    assert [r.status for r in rows] == [COMMON, ONLY]
    assert rows[1].only_in == ("J068/2",)
    assert rows[1].cells[0] is None


def test_skills_align_within_matched_functions_and_items_within_matched_skills():
    old = card(function("Тестирование", skill("Проверка", ["Проводить тесты"], ["Методы"]), skill("Отладка")))
    new = card(function("Тестирование", skill("Проверка", ["Проводить тесты", "Писать отчёты"]), skill("Выпуск")))
    [row] = align_cards([old, new]).rows
    assert [(s.text_in(0), s.text_in(1)) for s in row.skills] == [
        ("Проверка", "Проверка"),
        ("Отладка", ""),
        ("", "Выпуск"),
    ]
    check = row.skills[0]
    assert [a.status for a in check.abilities] == [COMMON, ONLY]
    assert [(k.text_in(0), k.text_in(1)) for k in check.knowledge] == [("Методы", "")]


def test_the_skills_of_a_function_only_in_one_card_are_only_there_too():
    rows = align_cards([card(), card(function("Новая функция", skill("Навык", ["Умение"])))]).rows
    [only] = rows
    assert only.skills[0].status == ONLY and only.skills[0].abilities[0].status == ONLY


def test_output_keeps_each_cards_order():
    old = card(function("Альфа"), function("Бета"), function("Гамма"))
    new = card(function("Альфа"), function("Дельта"), function("Гамма"), function("Эпсилон"))
    rows = align_cards([old, new]).rows
    assert [t for t in texts(rows, 0) if t] == ["Альфа", "Бета", "Гамма"]
    assert [t for t in texts(rows, 1) if t] == ["Альфа", "Дельта", "Гамма", "Эпсилон"]


def test_three_cards_align_progressively():
    a = card(function("Анализ требований"), label="5")
    b = card(function("Анализ требований"), function("Проектирование"), label="6")
    c = card(function("Анализ требований заказчика"), function("Проектирование"), function("Управление"), label="7")
    rows = align_cards([a, b, c]).rows
    assert [r.present for r in rows] == [(True, True, True), (False, True, True), (False, False, True)]
    assert rows[0].status == CHANGED and rows[0].cells[2].changed and not rows[0].cells[1].changed
    assert rows[1].only_in == ("6", "7")


def test_cards_in_different_languages_align_by_position_and_are_never_changed():
    kk = card(function("Жүйелерді енгізу", skill("Жобалау")), function("Тестілеу"), language="kk", label="kk")
    ru = card(function("Внедрение систем", skill("Проектирование")), language="ru", label="ru")
    assert default_method([kk, ru]) == POSITION
    alignment = align_cards([kk, ru])
    assert [(r.text_in(0), r.text_in(1)) for r in alignment.rows] == [
        ("Жүйелерді енгізу", "Внедрение систем"),
        ("Тестілеу", ""),
    ]
    assert [r.status for r in alignment.rows] == [COMMON, ONLY]
    assert alignment.rows[0].skills[0].status == COMMON
    assert not any(r.changed for r, _, _ in alignment.walk())


def test_cards_in_one_language_align_by_text():
    assert default_method([card(language="kk"), card(language="kk")]) == TEXT


def test_the_summary_counts_each_kind_for_each_step():
    old = card(function("Функция", skill("Навык", ["Умение раз"], ["Знание"])), function("Старая"))
    new = card(function("Функция", skill("Навык", ["Умение раз", "Умение два"], ["Знание!"])), function("Новая совсем"))
    [step] = summarise(align_cards([old, new]))
    assert (step.before, step.after) == (0, 1)
    counts = step.counts
    assert (counts["function"].common, counts["function"].added, counts["function"].removed) == (1, 1, 1)
    assert (counts["skill"].common, counts["ability"].common, counts["ability"].added) == (1, 1, 1)
    assert counts["knowledge"].common == 1


def test_changes_list_what_is_new_with_its_function_and_skill():
    old = card(function("Реализация", skill("Проект", ["Писать ТЗ"])))
    new = card(
        function("Реализация", skill("Проект", ["Писать ТЗ", "Оценивать риски"])),
        function("Научно-исследовательская деятельность", skill("Исследование", [], ["Методы науки"])),
    )
    found = [(c.change, c.kind, c.function, c.skill, c.text) for c in changes(align_cards([old, new]))]
    assert found == [
        ("added", "ability", "Реализация", "Проект", "Оценивать риски"),
        ("added", "function", "Научно-исследовательская деятельность", "", "Научно-исследовательская деятельность"),
        ("added", "skill", "Научно-исследовательская деятельность", "Исследование", "Исследование"),
        ("added", "knowledge", "Научно-исследовательская деятельность", "Исследование", "Методы науки"),
    ]


def test_changes_name_removed_items_by_the_earlier_text_and_can_leave_out_rewordings():
    old = card(function("Мониторинг систем"), function("Разработка облачной среды"))
    new = card(function("Разработка облачной архитектуры"))
    alignment = align_cards([old, new])
    assert [(c.change, c.text) for c in changes(alignment, reworded=False)] == [("removed", "Мониторинг систем")]
    reworded = [c for c in changes(alignment) if c.change == CHANGED]
    assert [(c.old_text, c.text) for c in reworded] == [
        ("Разработка облачной среды", "Разработка облачной архитектуры")
    ]


def test_a_row_is_all_common_only_when_everything_under_it_is():
    old = card(function("Функция", skill("Навык", ["Умение"])))
    same = align_cards([old, old]).rows[0]
    other = align_cards([old, card(function("Функция", skill("Навык", ["Другое совсем умение"])))]).rows[0]
    assert same.all_common
    assert other.status == COMMON and not other.all_common
