"""Choosing cards to compare without JavaScript, the type-ahead's suggestions, the selection carried from a
card page and back, and cards in the other language on the comparison pages; on the bundled orders.

The interface's catalogues are on here: where a text is asserted it is the msgid read through
``translation.override``, which holds before and after the translations are merged.
"""

import csv
import io
from urllib.parse import urlencode

import pytest
from django.utils import translation

from cards.views.compare import csv_columns, csv_words
from tests.cards.pages import document, get, text

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

NETWORK_ADMIN_RU = "Сетевой администратор"  # J069: levels 4, 5 and 6, with Kazakh twins
NETWORK_ADMIN_KK = "Желілік әкімші"
TESTER_KK = "Қосымшаларды тестілеу жөніндегі маман"  # J057, Kazakh only
# The picker's two queries: the cards with their twins' titles, and their names in the page language.
PICKER_QUERIES = 2


def picker(doc):
    return doc.xpath('//form[@id="compare-picker"]')[0]


def boxes(doc, where: str) -> list:
    """The picker's checkboxes among the chosen cards ("chosen") or the matches ("results")."""
    css = {"chosen": "compare-chosen", "results": "compare-results"}[where]
    return picker(doc).xpath(f'.//fieldset[contains(@class, "{css}")]//input[@type="checkbox"]')


def submit(form, ticked: list[str], button: str = "", typed: str | None = None) -> str:
    """The address a browser opens when ``form`` is submitted with ``typed`` in its name field (else its
    value), ``ticked`` checkboxes and ``button`` (a submit button's name; "" for one without a name)."""
    fields = [
        (field.get("name"), typed if typed is not None else field.get("value") or "")
        for field in form.xpath('.//input[@type="text"]')
    ]
    fields += [("cards", value) for value in ticked]
    if button:
        fields.append((button, form.xpath(f'.//button[@name="{button}"]')[0].get("value")))
    return f"{form.get('action')}?{urlencode(fields)}"


def link(doc, kind: str):
    """The card page's comparison link of ``kind`` (add, remove, back), or None."""
    found = doc.xpath(f'//nav[contains(@class, "compare-links")]//a[@data-compare="{kind}"]')
    return found[0].get("href") if found else None


def headers(doc) -> list:
    return doc.xpath('//table[contains(@class, "compare-table")]/thead//th')[1:]


# --- the picker without JavaScript ----------------------------------------------------------------


def test_a_russian_name_is_found_two_cards_ticked_and_compared_without_javascript(client, registry):
    start = document(client, "/ru/compare/")
    form = picker(start)
    assert form.get("method") == "get" and form.xpath('.//input[@name="q"]')
    found = document(client, submit(form, [], button="find", typed="сетевой администратор"))
    results = boxes(found, "results")
    refs = [box.get("value") for box in results]
    assert {"J069/2@ru", "J069/4@ru", "J069/5@ru"} <= set(refs)
    for box in results:
        assert not box.get("checked")
        assert found.xpath(f'//label[@for="{box.get("id")}"]'), "each checkbox has its label"
    labels = [text(found.xpath(f'//label[@for="{box.get("id")}"]')[0]) for box in results[:3]]
    assert all(NETWORK_ADMIN_RU in label and "J069" in label for label in labels)

    compared = document(client, submit(picker(found), ["J069/5@ru", "J069/4@ru"]))
    assert [text(th).split(" J069")[0] for th in headers(compared)] == [NETWORK_ADMIN_RU, NETWORK_ADMIN_RU]
    assert compared.xpath('//tr[contains(@class, "compare-row")]')


def test_find_keeps_the_ticked_cards_chosen_instead_of_comparing_them(client, registry):
    doc = document(client, "/ru/compare/?q=облачн&find=1&cards=J069/5@ru&cards=J069/4@ru")
    assert not doc.xpath('//table[contains(@class, "compare-table")]')
    assert [box.get("value") for box in boxes(doc, "chosen")] == ["J069/5@ru", "J069/4@ru"]
    assert all(box.get("checked") is not None for box in boxes(doc, "chosen"))
    results = [box.get("value") for box in boxes(doc, "results")]
    assert results and not set(results) & {"J069/5@ru", "J069/4@ru"}
    labels = [text(doc.xpath(f'//label[@for="{box.get("id")}"]')[0]) for box in boxes(doc, "results")]
    assert all("облачн" in label for label in labels)


def test_a_kazakh_name_finds_the_russian_texts_on_the_russian_page(client, registry):
    doc = document(client, "/ru/compare/?q=" + "желілік әкімші")
    assert {"J069/2@ru", "J069/4@ru", "J069/5@ru"} <= {box.get("value") for box in boxes(doc, "results")}


def test_one_chosen_card_shows_the_picker_asking_for_another(client, registry):
    doc = document(client, "/ru/compare/?cards=J068/1")
    assert not doc.xpath('//*[@role="alert"]')
    assert [box.get("value") for box in boxes(doc, "chosen")] == ["J068/1@ru"]
    assert doc.xpath('//p[contains(@class, "compare-needs-more")]')


def test_a_query_nothing_matches_says_so(client, registry):
    doc = document(client, "/kk/compare/?q=zzzqqq")
    assert not boxes(doc, "results")
    assert doc.xpath('//p[@class="compare-results-none"]')


def test_the_picker_runs_two_queries(client, registry, django_assert_num_queries):
    with django_assert_num_queries(PICKER_QUERIES):
        get(client, "/ru/compare/?q=администратор&find=1")


# --- the suggestions' JSON ------------------------------------------------------------------------


def suggest(client, language: str, **params):
    response = get(client, f"/{language}/compare/suggest/?{urlencode(params)}")
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_suggestions_match_kazakh_and_russian_names_in_either_page_language(client, registry):
    on_ru = suggest(client, "ru", q="желілік")
    assert {"J069/2@ru", "J069/4@ru", "J069/5@ru"} <= {item["reference"] for item in on_ru["results"]}
    on_kk = suggest(client, "kk", q="сетевой адм")
    kk_items = [item for item in on_kk["results"] if item["standard"] == "J069"]
    assert kk_items and all(item["language"] == "kk" and item["name"] == NETWORK_ADMIN_KK for item in kk_items)


def test_a_suggestion_has_its_name_standard_level_language_and_address(client, registry):
    [first, *_] = suggest(client, "ru", q="сетевой администратор")["results"]
    assert set(first) >= {"reference", "id", "name", "title", "standard", "level", "language", "facts", "text", "url"}
    assert first["reference"] == "J069/5@ru" and first["level"] == 4  # the lowest level first
    assert first["name"] == NETWORK_ADMIN_RU
    with translation.override("ru"):
        level = translation.pgettext("card facts", "ОРК level %(level)s") % {"level": 4}
    assert first["text"].startswith(f"{NETWORK_ADMIN_RU} · J069 · {level} · ")
    assert first["url"] == "/ru/cards/J069/5/"


def test_a_kazakh_only_card_is_suggested_on_the_russian_page_with_its_mark(client, registry):
    [item, *_] = [i for i in suggest(client, "ru", q="тестілеу")["results"] if i["standard"] == "J057"]
    assert item["title"] == TESTER_KK and item["language"] == "kk"
    with translation.override("ru"):
        assert item["mark"] == translation.gettext("text in Kazakh only")


def test_suggestions_leave_out_the_chosen_cards_and_carry_them_in_their_addresses(client, registry):
    results = suggest(client, "ru", q="сетевой", selection="J069/5@ru,J068/1@ru")["results"]
    assert results and "J069/5@ru" not in {item["reference"] for item in results}
    assert all(item["url"].endswith("?compare=J069/5@ru,J068/1@ru") for item in results)


def test_levels_and_standard_codes_narrow_the_suggestions(client, registry):
    assert {i["level"] for i in suggest(client, "ru", q="администратор 6")["results"]} == {6}
    assert {i["standard"] for i in suggest(client, "ru", q="J068")["results"]} == {"J068"}


@pytest.mark.parametrize("query", ["", " ", "a", "zzzqqq"])
def test_an_empty_short_or_unknown_query_suggests_nothing(client, registry, query):
    assert suggest(client, "kk", q=query)["results"] == []


def test_a_query_over_200_characters_is_refused(client, registry):
    response = get(client, "/ru/compare/suggest/?q=" + "а" * 201, status=400)
    assert response.json()["errors"]["q"][0]["code"] == "too_long"


def test_the_suggestions_run_two_queries_and_at_most_ten(client, registry, django_assert_num_queries):
    with django_assert_num_queries(PICKER_QUERIES):
        results = suggest(client, "ru", q="администратор")["results"]
    assert len(results) == 10


# --- add and remove from a card page, without JavaScript -------------------------------------------


def test_a_card_is_added_from_its_page_compared_removed_and_its_page_reached_again(client, registry):
    card_page = document(client, "/ru/cards/J068/1/")
    assert link(card_page, "remove") is None and link(card_page, "back") is None
    first_add = link(card_page, "add")
    assert first_add == "/ru/compare/?cards=J068/1@ru"

    choosing = document(client, first_add)  # one card: the picker, the card ticked
    [chosen] = choosing.xpath('//fieldset[contains(@class, "compare-chosen")]//li')
    card_url = chosen.xpath('.//a[@class="compare-pick-open"]')[0].get("href")
    assert card_url == "/ru/cards/J068/1/?compare=J068/1@ru"
    back_on_card = document(client, card_url)
    assert link(back_on_card, "remove") == "/ru/compare/" and link(back_on_card, "back") == first_add

    level_7 = document(client, "/ru/cards/J068/2/?compare=J068/1@ru")
    assert link(level_7, "add") == "/ru/compare/?cards=J068/1@ru,J068/2@ru"
    compared = document(client, link(level_7, "add"))
    assert len(headers(compared)) == 2

    removes = [a.get("href") for a in compared.xpath('//a[contains(@class, "compare-remove")]')]
    assert removes == ["/ru/compare/?cards=J068/2@ru", "/ru/compare/?cards=J068/1@ru"]
    after_remove = document(client, removes[0])
    assert [box.get("value") for box in boxes(after_remove, "chosen")] == ["J068/2@ru"]

    column_links = [a.get("href") for a in compared.xpath('//ol[@class="compare-cards"]/li/a[@lang]')]
    assert column_links[0] == "/ru/cards/J068/1/?compare=J068/1@ru,J068/2@ru"
    from_column = document(client, column_links[0])
    assert link(from_column, "remove") == "/ru/compare/?cards=J068/2@ru"
    assert link(from_column, "back") == "/ru/compare/?cards=J068/1@ru,J068/2@ru"


def test_a_card_page_with_four_chosen_cards_offers_no_fifth(client, registry):
    doc = document(client, "/ru/cards/J068/1/?compare=J069/2@ru,J069/4@ru,J069/5@ru,J068/2@ru")
    assert link(doc, "add") is None
    assert doc.xpath('//li[@data-compare="full"]')
    assert link(doc, "back") == "/ru/compare/?cards=J069/2@ru,J069/4@ru,J069/5@ru,J068/2@ru"


def test_a_reference_without_language_names_the_card_shown(client, registry):
    doc = document(client, "/ru/cards/J068/1/?compare=j068/1,J068/2@ru")
    assert link(doc, "remove") == "/ru/compare/?cards=J068/2@ru"


# --- cards in the other language on the comparison pages -------------------------------------------


def test_the_comparison_headers_mark_a_kazakh_only_card_on_the_russian_page(client, registry):
    doc = document(client, "/ru/compare/?cards=J057/1,J068/1")
    kazakh, russian = headers(doc)
    assert kazakh.xpath('.//span[@lang="kk"]//span[@class="language-mark"]')
    assert not russian.xpath('.//span[@class="language-mark"]')
    assert doc.xpath('//ol[@class="compare-cards"]/li[1]//span[@class="language-mark"]')


def test_a_kazakh_card_on_the_russian_page_is_headed_by_its_russian_twins_title(client, registry):
    doc = document(client, "/ru/compare/?cards=J068/1@kk,J068/1@ru")
    kazakh = headers(doc)[0]
    [label] = kazakh.xpath('.//span[@class="page-label"]')
    assert label.get("lang") == "ru" and text(label) == "Инженер по искусственному интеллекту"


def test_the_ladder_of_a_kazakh_only_profession_is_marked_on_the_russian_page(client, registry):
    doc = document(client, "/ru/cards/J057/1/ladder/")
    assert doc.xpath('//h1/span[@lang="kk"]//span[@class="language-mark"]')
    levels = doc.xpath('//ol[@class="ladder-levels"]/li/a')
    assert len(levels) == 2 and all(a.xpath('.//span[@class="language-mark"]') for a in levels)
    assert all(a.get("href").startswith("/ru/cards/J057/") for a in levels)


# --- the ladder CSV in the page language -----------------------------------------------------------


def csv_table(client, url: str) -> list[list[str]]:
    body = get(client, url).content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_ladder_csv_speaks_the_page_language(client, registry, language):
    table = csv_table(client, f"/{language}/cards/J068/1/ladder.csv")
    with translation.override(language):
        columns, words = csv_columns(), csv_words()
        labour_function = translation.gettext("Labour function")
    assert table[0] == columns
    assert table[0][4] == labour_function != "Labour function"  # a word the catalogue already has
    assert {row[2] for row in table[1:]} == {words["added"], words["removed"]}
    assert {row[3] for row in table[1:]} <= {words[kind] for kind in ("function", "skill", "ability", "knowledge")}
    [new_function] = [row for row in table if row[3] == words["function"] and row[2] == words["added"]][:1]
    assert new_function[:2] == ["6", "7"]
