"""Printing: the card, the comparison and the ladder have a Print button; on paper no page shows anything
only a screen can use (navigation, forms, buttons, the language switch, "compare" links), and links
read as plain text."""

import pytest
from playwright.sync_api import expect

from tests.browser.ui import say

pytestmark = pytest.mark.slow

PRINTABLE = {
    "card": "/{lang}/cards/J068/1/",
    "comparison": "/{lang}/compare/?cards=J068/1,J068/2",
    "ladder": "/{lang}/cards/J068/1/ladder/",
}

# On paper: the controls still shown, links that still look like links, and links to the comparison page.
ON_PAPER = """() => {
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const describe = el => `<${el.tagName.toLowerCase()} class="${el.className}"> ${el.textContent.trim().slice(0, 50)}`;
  const controls = [...document.querySelectorAll('nav, form, button, input, select, textarea, summary')];
  const links = [...document.querySelectorAll('a[href]')].filter(shown);
  const bodyColor = getComputedStyle(document.body).color;
  return {
    controls: controls.filter(shown).map(describe),
    styledLinks: links.filter(a => {
      const style = getComputedStyle(a);
      return style.textDecorationLine !== 'none' || style.color !== bodyColor;
    }).map(describe),
    compareLinks: links.filter(a => /\\/compare\\//.test(a.getAttribute('href'))).map(describe),
  };
}"""


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("name", list(PRINTABLE))
def test_the_print_button_opens_the_browsers_print_dialog(page, name, language):
    page.goto(PRINTABLE[name].format(lang=language))
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    button = page.get_by_role("button", name=say(language, "Print"), exact=True)
    expect(button).to_have_count(1)
    button.click()
    assert page.evaluate("window.printed") == 1


def test_without_javascript_there_is_no_print_button_that_would_do_nothing(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(PRINTABLE["card"].format(lang="ru"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".print-button")).to_have_count(1)
    expect(page.locator(".print-button")).to_be_hidden()


@pytest.mark.parametrize("name", [*PRINTABLE, "card-list", "overview"])
def test_on_paper_the_page_shows_no_controls_and_links_read_as_text(page, name, screenshot):
    path = {**PRINTABLE, "card-list": "/{lang}/cards/?level=6", "overview": "/{lang}/"}[name].format(lang="ru")
    page.goto(path)
    expect(page.locator(".print-button").first if name in PRINTABLE else page.locator("h1")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    for navigation in ("Main", "Language"):
        expect(page.get_by_role("navigation", name=say("ru", navigation))).to_be_hidden()
    expect(page.get_by_role("button")).to_have_count(0)
    on_paper = page.evaluate(ON_PAPER)
    assert on_paper["controls"] == []
    assert on_paper["styledLinks"] == []
    assert on_paper["compareLinks"] == []
    screenshot(page, f"print-{name}-ru", full_page=name != "comparison")


def test_on_paper_the_comparison_table_is_printed_whole_not_in_a_scrolling_box(page):
    page.goto(PRINTABLE["comparison"].format(lang="ru"))
    page.emulate_media(media="print")
    table = page.locator(".compare-table")
    expect(table).to_be_visible()
    box = table.locator("xpath=..")
    assert box.evaluate("el => getComputedStyle(el).overflowX") == "visible"
    assert box.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    expect(table.locator("thead th").first).to_be_visible()
