"""The comparison's selection carried by card pages, and how a query matches a card's names: no database."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from cards.search.query import parse_query
from cards.selection import card_selection, names_card, split_selection
from cards.suggestions import OTHER_NAME, SHOWN_NAME, TWIN_NAME, dom_id, match_place
from standards.models import Edition


def card(code="J068", position=1, language="ru", title="", twin_title="", page_label="", other_titles=(), **kw):
    edition = SimpleNamespace(
        standard=SimpleNamespace(code=code),
        status=kw.pop("status", Edition.Status.IN_FORCE),
        Status=Edition.Status,
        key=kw.pop("key", f"2025-{language}"),
        language=language,
    )
    page_language = kw.pop("page_language", language)
    return SimpleNamespace(
        edition=edition,
        position=position,
        title=title,
        twin_id=1 if twin_title else None,
        twin=SimpleNamespace(title=twin_title) if twin_title else None,
        in_other_language=language != page_language,
        page_label=page_label,
        other_titles=list(other_titles),
    )


@pytest.fixture(autouse=True)
def _russian_pages():
    with translation.override("ru"):
        yield


def test_a_selection_splits_on_commas_and_semicolons_and_drops_blanks():
    values = ["J068/1@ru, J068/2@ru;", " ", "J071/2022-kk/4"]
    assert split_selection(values) == ["J068/1@ru", "J068/2@ru", "J071/2022-kk/4"]


def test_a_reference_names_a_card_whatever_its_case_with_or_without_its_language():
    shown = card("J068", 1, "ru")
    assert names_card("j068/1", shown) and names_card("J068/1@RU", shown)
    assert not names_card("J068/1@kk", shown) and not names_card("J068/11@ru", shown)
    old = card("J071", 4, "kk", status=Edition.Status.SUPERSEDED, key="2022-kk")
    assert names_card("J071/2022-KK/4", old) and not names_card("J071/4", old)


def test_a_card_not_chosen_is_added_after_the_others():
    links = card_selection(card("J068", 2), "J069/5@ru,J068/1@ru")
    assert links["add_url"] == "/ru/compare/?cards=J069/5@ru,J068/1@ru,J068/2@ru"
    assert (links["remove_url"], links["count"], links["contains"]) == ("", 2, False)
    assert links["back_url"] == "/ru/compare/?cards=J069/5@ru,J068/1@ru"


def test_a_chosen_card_is_removed_and_the_last_one_removed_leads_to_the_empty_picker():
    assert card_selection(card("J068", 1), "J068/1@ru,J068/2@ru")["remove_url"] == "/ru/compare/?cards=J068/2@ru"
    assert card_selection(card("J068", 1), "J068/1@ru")["remove_url"] == "/ru/compare/"


def test_without_a_selection_adding_starts_one_and_there_is_nothing_to_go_back_to():
    links = card_selection(card("J068", 1), "")
    assert (links["add_url"], links["back_url"], links["count"]) == ("/ru/compare/?cards=J068/1@ru", "", 0)


def test_four_chosen_cards_leave_no_room_and_more_are_not_carried():
    links = card_selection(card("J068", 1), "A1/1,A1/2,A1/3,A1/4,A1/5")
    assert links["is_full"] and not links["add_url"] and links["count"] == 4


def test_a_reference_of_markup_is_carried_quoted_never_as_markup():
    links = card_selection(card("J068", 1), '"><script>')
    assert "<" not in links["add_url"] and '"' not in links["add_url"]


def test_the_checkbox_id_of_a_reference_keeps_its_parts_apart():
    assert dom_id("J068/1@ru") == "pick-J068-1-ru"
    assert dom_id("J071/2022-kk/4") == "pick-J071-2022-kk-4"


# --- matching a query to a card's names ------------------------------------------------------------


def place(query: str, shown) -> tuple | None:
    return match_place(shown, parse_query(query).words)


def test_the_letters_typed_so_far_begin_a_word_of_the_name():
    admin = card(title="Сетевой администратор")
    assert place("сет", admin) == (SHOWN_NAME, 0)
    assert place("админ", admin) == (SHOWN_NAME, 0)  # an abbreviation, spelled out: администратор
    assert place("адм сетев", admin) == (SHOWN_NAME, 0)
    assert place("истратор", admin) is None  # the middle of a word is no beginning


def test_an_inflected_word_matches_by_its_stem_after_the_words_as_typed():
    assert place("сетевые администраторы", card(title="Сетевой администратор")) == (SHOWN_NAME, 1)
    assert place("әкімшілері", card(language="kk", title="Деректер базасы әкімшісі")) == (SHOWN_NAME, 1)


def test_a_russian_word_reaches_a_kazakh_only_card_through_the_glossary():
    kazakh_only = card(language="kk", title="Желілік әкімші", page_language="ru")
    assert place("администратор", kazakh_only) == (SHOWN_NAME, 1)


def test_the_other_languages_name_and_other_titles_match_after_the_shown_one():
    twin = card(language="kk", title="Киберқауіпсіздік сарапшысы", twin_title="Эксперт по кибербезопасности")
    assert place("эксперт", twin) == (TWIN_NAME, 0)
    labelled = card(language="kk", title="Желілік әкімші", page_language="ru", page_label="Сетевой администратор")
    assert place("сетевой", labelled) == (SHOWN_NAME, 0)
    assert place("желілік", labelled) == (TWIN_NAME, 0)
    other = card(title="Тестировщик", other_titles=["Инженер по качеству"])
    assert place("качеств", other) == (OTHER_NAME, 0)


def test_every_word_must_match_one_name():
    assert place("сетевой программист", card(title="Сетевой администратор")) is None
    assert place("6", card(title="Сетевой администратор")) == (SHOWN_NAME, 0)  # a level only: it filters
