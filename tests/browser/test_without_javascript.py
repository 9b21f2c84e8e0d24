"""With JavaScript off the card list still lists, filters, pages and explains bad filters."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.ui import cards_match, label, result_rows, say

pytestmark = pytest.mark.slow


@pytest.fixture
def page(new_context):
    return new_context(java_script_enabled=False).new_page()


def test_the_card_list_filters_through_its_form_without_javascript(page):
    page.goto("/kk/cards/")
    expect(result_rows(page).first).to_be_visible()
    page.get_by_role("checkbox", name="7", exact=True).check()
    page.get_by_label(label(say("kk", "Standard"))).select_option("J068")
    page.get_by_role("button", name=say("kk", "Show cards")).click()
    expect(page).to_have_url(re.compile(r"/kk/cards/\?"))
    assert "level=7" in page.url and "standard=J068" in page.url
    expect(result_rows(page)).to_have_count(2)
    expect(page.get_by_role("main")).to_contain_text(cards_match("kk", 2))


def test_the_card_list_pages_without_javascript(page):
    page.goto("/ru/cards/")
    first_page = result_rows(page).get_by_role("rowheader").all_inner_texts()
    page.get_by_role("navigation", name=say("ru", "Pages")).get_by_role("link", name=say("ru", "Next")).click()
    expect(page).to_have_url(re.compile(r"[?&]page=2"))
    expect(result_rows(page).first).to_be_visible()
    assert set(result_rows(page).get_by_role("rowheader").all_inner_texts()).isdisjoint(first_page)


def test_a_bad_filter_value_is_explained_instead_of_listing_every_card(page):
    response = page.goto("/ru/cards/?level=9")
    assert response.status == 400
    expect(page.get_by_role("alert")).to_be_visible()
    expect(result_rows(page)).to_have_count(0)


def test_the_card_page_reads_without_javascript(page):
    page.goto("/ru/cards/J068/2/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Инженер по искусственному интеллекту")
    expect(page.get_by_role("heading", level=3).first).to_be_visible()
