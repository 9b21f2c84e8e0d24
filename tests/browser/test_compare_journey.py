"""A methodologist's way through the comparison pages, in a real browser:
card page -> level ladder -> two levels side by side -> the card against its Kazakh text."""

import re

import pytest
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
