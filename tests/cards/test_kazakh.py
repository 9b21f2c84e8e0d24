"""The Kazakh stemmer: inflected forms of the registry's words meet on one stem."""

import pytest

from cards.kazakh import stem, stemmed_text, stems


@pytest.mark.parametrize(
    "forms",
    [
        ("әкімші", "әкімшісі", "әкімшілері", "әкімшіге"),
        ("деректер", "деректерді", "деректермен", "деректерінің"),
        ("база", "базасы", "базасын", "базасының"),
        ("жүйе", "жүйелер", "жүйелерінің", "жүйені"),
        ("маман", "маманы", "мамандар"),
        ("бұлт", "бұлттық", "бұлтты"),
        ("тестілеу", "тестілеуші"),
        ("әзірлеуші", "әзірлеушісі", "әзірлеу"),
        ("сервер", "серверлер", "серверлерді"),
        ("интеллект", "интеллектіні"),
    ],
)
def test_it_gives_inflected_forms_one_stem(forms):
    assert len({stem(form) for form in forms}) == 1, {form: stem(form) for form in forms}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("база", "база"),  # a single-vowel dative is never stripped
        ("компьютер", "компьютер"),  # -тер only after a voiceless consonant
        ("машиналық", "машина"),  # no case suffix after a derivational one
        ("жасанды", "жаса"),
        ("QA", "qa"),
        ("2512", "2512"),
    ],
)
def test_it_keeps_stems_that_only_look_inflected(word, expected):
    assert stem(word) == expected


def test_it_keeps_words_apart_that_mean_different_things():
    assert stem("жасанды") != stem("жасақтама")
    assert stem("желі") != stem("жүйе")


def test_it_leaves_out_function_words_and_splits_hyphens():
    assert stems("Деректер базасын әкімшілендіру жөніндегі маман") == ["дерек", "база", "әкімшілендір", "мама"]
    assert stemmed_text("Web-сайт әкімшісі") == "web сайт әкім"
