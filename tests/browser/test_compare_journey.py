"""A methodologist's way through the comparison pages, in a real browser:
card page -> level ladder -> two levels side by side -> the card against its Kazakh text."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.ui import say

pytestmark = pytest.mark.slow

ENGINEER_RU = "Инженер по искусственному интеллекту"  # J068, levels 6 (position 1) and 7 (position 2)
ONLY_AT_LEVEL_7 = ["Управление проектами ИИ", "Научно-исследовательская деятельность"]


def function_row(page, title: str):
    """The side-by-side row of the labour function ``title``."""
    return page.locator("tr.kind-function").filter(has_text=title)


def test_a_methodologist_walks_from_a_card_to_its_ladder_a_comparison_and_the_other_language(page, screenshot):
    page.goto("/ru/cards/J068/1/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ENGINEER_RU)
    compare_nav = page.get_by_role("navigation", name=say("ru", "Compare this card"))

    # The ladder: level 6 then level 7, and what level 7 adds.
    compare_nav.get_by_role("link", name=say("ru", "Compare with other levels")).click()
    expect(page).to_have_url(re.compile(r"/ru/cards/J068/1/ladder/$"))
    new_at_7 = say("ru", "New at level %(level)s", level=7)
    expect(page.get_by_role("table", name=new_at_7)).to_be_visible()
    for title in ONLY_AT_LEVEL_7:
        expect(page.get_by_role("table", name=new_at_7)).to_contain_text(title)
    screenshot(page, "ladder-ru")

    # The two levels side by side: the new functions are marked as only in the level-7 card.
    page.get_by_role("link", name=say("ru", "Compare these two levels side by side")).click()
    expect(page).to_have_url(re.compile(r"/ru/compare/\?cards="))
    expect(page.get_by_role("heading", level=1)).to_have_text(say("ru", "Compare profession cards"))
    for title in ONLY_AT_LEVEL_7:
        row = function_row(page, title)
        expect(row.get_by_role("rowheader")).to_contain_text(say("ru", "Only in:"))
        expect(row.locator("td").first).to_have_text(say("ru", "not listed"))
    kept = function_row(page, "Реализация систем искусственного интеллекта").first
    expect(kept.get_by_role("rowheader")).to_contain_text(re.compile(f"{say('ru', 'Common')}|{say('ru', 'Changed')}"))
    screenshot(page, "compare-levels-ru")

    # Back on the card, against its Kazakh text: aligned by position, every function in both.
    page.goto("/ru/cards/J068/1/")
    compare_nav.get_by_role("link", name=say("ru", "Compare with the Kazakh text")).click()
    expect(page).to_have_url(re.compile(r"/ru/compare/\?cards="))
    functions = page.locator("tr.kind-function")
    expect(functions.first).to_be_visible()
    for i in range(functions.count()):
        expect(functions.nth(i).get_by_role("rowheader")).to_contain_text(say("ru", "In both"))
    headers = page.locator("table.compare-table thead th").all_inner_texts()
    assert any("Жасанды интеллект" in h for h in headers) and any(ENGINEER_RU in h for h in headers)
    screenshot(page, "compare-kk-ru")


NETWORK_ADMIN_RU = "Сетевой администратор"  # J069, levels 4, 5 and 6, with Kazakh twins ("Желілік әкімші")
PICKER_FIELD = "Profession name, in Kazakh or in Russian"


def test_an_hr_officer_picks_two_cards_from_the_suggestions_with_the_keyboard_and_compares_them(page, screenshot):
    page.goto("/ru/compare/")
    field = page.get_by_role("combobox", name=say("ru", PICKER_FIELD))
    expect(field).to_have_attribute("aria-expanded", "false")
    field.focus()
    suggestions = page.get_by_role("listbox")
    options = suggestions.get_by_role("option")
    chosen = page.locator('#compare-chosen-list input[name="cards"]:checked')

    # A Russian name: the first suggestion is the lowest level; the arrow keys move, Enter adds it.
    page.keyboard.type("сетевой адм")
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(options.first).to_contain_text(NETWORK_ADMIN_RU)
    expect(options.first).to_contain_text("J069")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    screenshot(page, "compare-picker-suggestions-ru")
    page.keyboard.press("Enter")
    expect(chosen).to_have_count(1)
    expect(chosen.first).to_have_value("J069/5@ru")
    expect(field).to_have_value("")
    expect(suggestions).to_be_hidden()
    expect(field).to_be_focused()

    # Escape closes the list, a second Escape clears the field.
    page.keyboard.type("облачн")
    expect(options.first).to_be_visible()
    page.keyboard.press("Escape")
    expect(suggestions).to_be_hidden()
    expect(field).to_have_value("облачн")
    page.keyboard.press("Escape")
    expect(field).to_have_value("")

    # A Kazakh name on the Russian page finds the Russian texts; the card already chosen is not offered again.
    page.keyboard.type("желілік әкімші")
    expect(options.first).to_contain_text(NETWORK_ADMIN_RU)
    assert "J069/5@ru" not in [options.nth(i).get_attribute("data-reference") for i in range(options.count())]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(chosen).to_have_count(2)
    screenshot(page, "compare-picker-chosen-ru")

    # With the field empty, Enter compares the chosen cards.
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/ru/compare/\?.*cards=J069%2F5%40ru.*cards=J069%2F4%40ru"))
    headers = page.locator("table.compare-table thead th")
    expect(headers).to_have_count(3)
    expect(headers.nth(1)).to_contain_text(NETWORK_ADMIN_RU)
    screenshot(page, "compare-picked-ru")


@pytest.mark.parametrize(
    "path",
    [
        "/ru/compare/?q=администратор&cards=J068/1",  # the picker without its script's list: chosen, matches
        "/kk/occupations/",
        "/ru/occupations/isco/2512/",  # Kazakh-only professions, marked
    ],
)
def test_axe_finds_no_serious_violation_on_the_picker_and_the_occupation_pages(page, path):
    page.goto(path)
    if "/compare/" in path:  # and with the suggestions open
        page.get_by_role("combobox").fill("сетев")
        expect(page.get_by_role("listbox").get_by_role("option").first).to_be_visible()
    violations = Axe().run(page).response["violations"]
    assert not [(v["id"], v["nodes"][0]["html"][:120]) for v in violations if v["impact"] in {"serious", "critical"}]
