"""Search in a real browser: a query typed on the overview, the ranked professions, the top card, a level."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.ui import label, say

pytestmark = pytest.mark.slow

SEARCH_PAGE_FIELD = "Words of a profession, a skill or a code, in Kazakh or Russian"
OVERVIEW_SEARCH = "Find a profession card: words of a profession or a skill, a code or a level"


def test_a_user_types_a_query_on_the_overview_reads_the_results_and_opens_the_top_card(page, screenshot):
    page.goto("/ru/")
    page.get_by_label(label(say("ru", OVERVIEW_SEARCH))).fill("ИИ инженер 7 уровень")
    page.get_by_role("search").get_by_role("button", name=say("ru", "Search")).click()

    expect(page).to_have_url(re.compile(r"/ru/search/\?q="))
    expect(page.get_by_role("heading", level=1)).to_have_text(say("ru", "Search profession cards"))
    search_field = page.get_by_label(label(say("ru", SEARCH_PAGE_FIELD)))
    expect(search_field).to_have_value("ИИ инженер 7 уровень")
    results = page.locator(".search-results > li")
    expect(results.first).to_be_visible()
    top = results.first.get_by_role("heading", level=3)
    expect(top).to_have_text("Инженер по искусственному интеллекту")
    expect(results.first).to_contain_text("J068")
    expect(top.locator("mark").first).to_be_visible()  # the matching words are marked
    screenshot(page, "search-ru")

    top.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/ru/cards/J068/2/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Инженер по искусственному интеллекту")


def test_a_kazakh_query_with_inflections_finds_the_kazakh_card(page):
    page.goto("/kk/search/?q=" + "деректер базасының әкімшілері")
    top = page.locator(".search-results > li").first.get_by_role("heading", level=3)
    expect(top).to_contain_text("Деректер базасын әкімшілендіру жөніндегі маман")


def test_a_result_lists_its_professions_levels_and_a_reader_opens_one(page):
    page.goto("/ru/search/?q=" + "тестлеуші")  # a typo of тестілеуші, in a Kazakh-only standard
    first = page.locator(".search-results > li").first
    expect(first.get_by_role("heading", level=3)).to_contain_text("Қосымшаларды тестілеу жөніндегі маман")
    expect(first.locator(".language-mark").first).to_be_visible()  # text in Kazakh only
    levels = first.locator(".hit-levels li")
    expect(levels.locator("a")).to_have_text(["4", "5"])
    expect(levels.first.locator(".best-mark")).to_be_visible()
    levels.nth(1).get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/ru/cards/J057/4/$"))


def test_an_empty_search_offers_examples(page):
    page.goto("/kk/search/")
    expect(page.get_by_role("main").get_by_role("link", name="2512")).to_be_visible()
