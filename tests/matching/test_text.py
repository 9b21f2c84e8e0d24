"""Reading a text (pure, no database): its language, its passages and their stems."""

from matching.text import detect_language, passages, stems


def test_it_reads_a_kazakh_vacancy_as_kazakh_and_a_russian_one_as_russian():
    assert detect_language("Деректер базасының әкімшісі қажет, SQL білу") == "kk"
    assert detect_language("Требуется администратор баз данных, знание SQL и PostgreSQL") == "ru"


def test_it_reads_neither_an_english_nor_a_ukrainian_text_as_kk_or_ru():
    assert detect_language("We are hiring a senior database administrator with SQL skills") is None
    assert detect_language("Шукаємо адміністратора баз даних, знання їхніх систем та євростандартів") is None
    assert detect_language("12345 !!! ...") is None


def test_it_splits_a_text_into_sentences_and_list_items_without_their_markers():
    text = "Обязанности:\n- Разработка моделей;\n• Тестирование кода\n1) Сопровождение систем. Обучение коллег!"
    assert [p.text for p in passages(text, "ru")] == [
        "Обязанности:",
        "Разработка моделей",
        "Тестирование кода",
        "Сопровождение систем",
        "Обучение коллег!",
    ]


def test_stop_words_leave_no_passage_and_the_stems_meet_the_search_stemmers():
    assert passages("и в на по для. Мы и вы", "ru") == []
    assert stems("разработку моделей", "ru") == stems("Разработка модели", "ru")
    assert stems("әкімшілері", "kk") == stems("әкімшісі", "kk")
