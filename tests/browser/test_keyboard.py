"""Keyboard users: the first Tab offers the skip link, and following it puts them in the main content."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.ui import label, result_rows, say

pytestmark = pytest.mark.slow

IN_MAIN = "() => document.querySelector('main').contains(document.activeElement)"


@pytest.mark.parametrize(("language", "path"), [("kk", "/kk/cards/J068/2/"), ("ru", "/ru/cards/"), ("ru", "/ru/")])
def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_the_main_content(page, language, path):
    page.goto(path)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=say(language, "Skip to content"))
    expect(skip).to_be_focused()
    box = skip.bounding_box()  # shown when focused, not left off-screen
    assert box and 0 <= box["x"] < page.viewport_size["width"] and 0 <= box["y"] < page.viewport_size["height"]

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    page.keyboard.press("Tab")
    assert page.evaluate(IN_MAIN), "the Tab after the skip link left the main content"


def test_the_card_list_filters_from_the_keyboard_alone(page):
    page.goto("/ru/cards/")
    page.get_by_label(label(say("ru", "Words in the title"))).focus()
    page.keyboard.type("администратор")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q="))
    rows = result_rows(page)
    expect(rows.first).to_contain_text(re.compile("администратор", re.IGNORECASE))
    for title in rows.get_by_role("rowheader").all_inner_texts():
        assert "администратор" in title.lower()
