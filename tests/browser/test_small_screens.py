"""Phones: at 360 CSS pixels wide every kind of page fits the screen (wide tables scroll inside their own
box), and the main navigation folds into a "Menu" that opens and is followed from the keyboard."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.ui import say

pytestmark = pytest.mark.slow

PHONE = {"width": 360, "height": 740}

# What a page would need to scroll sideways: the document's own width beyond the viewport.
PAGE_WIDTH = "document.documentElement.scrollWidth"
# Elements reaching past the right edge of the screen, outside any box that scrolls sideways: they
# widen the page (or are cut off when it hides its overflow). An absolutely positioned element
# belongs to its containing block, not to the box it sits in: a scrolling box that is not
# positioned does not hold it. What a visually hidden label holds is clipped to its one pixel (the label itself
# is checked: placed beyond the screen, it widens the page).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = box => ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
  const inScroller = el => {
    const position = getComputedStyle(el).position;
    if (position === 'fixed') return false;
    let box = position === 'absolute' ? el.offsetParent : el.parentElement;
    for (; box && box !== document.body && box !== document.documentElement; box = box.parentElement) {
      if (scrolls(box)) return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll('*')]
    .filter(el => {
      const r = el.getBoundingClientRect();
      const clipped = el.parentElement && el.parentElement.closest('.visually-hidden');
      return r.width > 0 && r.right > width + 1 && !clipped && !inScroller(el);
    })
    .slice(0, 5)
    .map(el => `<${el.tagName.toLowerCase()} class="${el.className}"> ${(el.textContent || '').trim().slice(0, 60)}`);
}"""
# Tables wider than their box, and whether that box scrolls sideways (so the page does not have to).
WIDE_TABLES = """() => [...document.querySelectorAll('main table')]
  .filter(table => table.scrollWidth > table.parentElement.clientWidth + 1)
  .map(table => {
    const box = table.parentElement;
    return {caption: table.caption ? table.caption.textContent.trim() : '',
            scrolls: ['auto', 'scroll'].includes(getComputedStyle(box).overflowX)};
  })"""


# One page of every kind, in each interface language.
PAGES = [
    "/{lang}/",  # the overview
    "/{lang}/standards/",
    "/{lang}/standards/J074/",
    "/{lang}/standards/J071/editions/2022-kk/",  # a superseded edition
    "/{lang}/cards/",
    "/{lang}/cards/?level=5&level=6",
    "/{lang}/cards/J074/4/",  # the largest card
    "/{lang}/cards/J068/2/",
    "/{lang}/cards/J062/1/",  # Kazakh text only: on /ru/ shown in Kazakh, with a note
    "/{lang}/standards/J071/editions/2022-kk/cards/1/",  # a card of a superseded edition
    "/{lang}/cards/J068/1/ladder/",
    "/{lang}/compare/?cards=J068/1,J068/2",
    "/{lang}/compare/?cards=J068/1,J068/2,J068/3,J068/4",
    "/{lang}/occupations/2519-9-001/",
    "/{lang}/search/?q=тестировщик",
    "/{lang}/quality/",
]

MENU_LINKS = 6  # standards, cards, occupations, search, compare, quality report


@pytest.fixture
def phone(request, new_context):
    """Make a page on a phone's screen (``phone(java_script_enabled=False)``); a failure saves its screenshot."""

    def make(**options):
        page = new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2, **options).new_page()
        request.node.browser_page = page
        return page

    return make


def assert_fits_the_screen(page, what: str):
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_be_visible()
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate(PAGE_WIDTH) <= page.evaluate("window.innerWidth"), f"{what} scrolls sideways"
    page.mouse.wheel(400, 0)  # a sideways swipe over the page itself moves nothing
    assert page.evaluate("window.scrollX") == 0, f"{what} scrolls sideways"
    box = heading.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert [t for t in page.evaluate(WIDE_TABLES) if not t["scrolls"]] == []


def shot_name(path: str) -> str:
    return re.sub(r"[^\w-]+", "-", path.strip("/")).strip("-")


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_the_page_fits_a_360_pixel_screen_without_sideways_scrolling(phone, path, language, screenshot):
    page = phone()
    path = path.format(lang=language)
    response = page.goto(path)
    assert response.status == 200
    if "/search/" in path:
        expect(page.locator(".search-results > li").first).to_be_visible()  # a page with results
    assert_fits_the_screen(page, path)
    # A comparison of four cards is tens of thousands of pixels tall on a phone: only its first screen.
    screenshot(page, f"360px-{shot_name(path)}", full_page=page.evaluate("document.body.scrollHeight") < 20_000)


def error_page(path: str) -> tuple[int, str]:
    """The error page a visitor gets at ``path`` with DEBUG off (the browser tests' server runs with DEBUG on)."""
    if path.endswith("/500/"):
        with translation.override(path.split("/")[1]):
            return 500, render_to_string("500.html")  # what Django's server_error renders: no context
    response = Client(raise_request_exception=False).get(path)
    return response.status_code, response.content.decode()


# Addresses that need no database (these tests run beside the browser's event loop, where Django refuses
# database calls); tests/registry/test_error_pages.py checks that an unknown card gets the same page.
@pytest.mark.parametrize("path", ["/kk/no-such-page/", "/ru/no/such/page/", "/ru/500/"])
def test_the_error_pages_fit_a_360_pixel_screen(phone, path, screenshot):
    status, html = error_page(path)
    assert status in {404, 500}
    page = phone()
    page.route(f"**{path}", lambda route: route.fulfill(status=status, content_type="text/html", body=html))
    page.goto(path)
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"  # the site's stylesheet loaded
    assert_fits_the_screen(page, path)
    screenshot(page, f"360px-error-{shot_name(path)}")


MENU_SUMMARY = ".menu > summary"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_on_a_phone_the_menu_opens_and_its_links_work_from_the_keyboard(phone, language, screenshot):
    page = phone()
    page.goto(f"/{language}/cards/J068/1/")
    main_nav = page.get_by_role("navigation", name=say(language, "Main"))
    standards = main_nav.get_by_role("link", name=say(language, "Standards"), exact=True)
    menu = main_nav.get_by_text(say(language, "Menu"), exact=True)
    expect(menu).to_be_visible()
    expect(standards).to_be_hidden()
    header_height = page.locator(".site-header").bounding_box()["height"]
    assert header_height < 160, f"the closed menu's header is {header_height} px tall"

    for _ in range(3):  # the skip link, the registry's name, then the menu
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.menu > summary')")
    page.keyboard.press("Enter")
    expect(standards).to_be_visible()
    links = main_nav.get_by_role("link")
    assert links.count() == MENU_LINKS
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["x"] + box["width"] <= PHONE["width"] and box["height"] >= 40  # big enough to tap
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    screenshot(page, f"360px-menu-open-{language}")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == say(language, "Standards")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/{language}/standards/$"))

    page.locator(MENU_SUMMARY).focus()
    page.keyboard.press("Space")
    expect(main_nav.get_by_role("link", name=say(language, "Quality report"))).to_be_visible()
    page.keyboard.press("Space")
    expect(main_nav.get_by_role("link", name=say(language, "Quality report"))).to_be_hidden()


def test_on_a_phone_the_menu_opens_without_javascript(phone):
    page = phone(java_script_enabled=False)
    page.goto("/ru/")
    main_nav = page.get_by_role("navigation", name=say("ru", "Main"))
    main_nav.get_by_text(say("ru", "Menu"), exact=True).click()
    main_nav.get_by_role("link", name=say("ru", "Profession cards")).click()
    expect(page).to_have_url(re.compile("/ru/cards/$"))


def test_on_a_wide_screen_the_navigation_is_open_and_there_is_no_menu_button(page):
    page.goto("/kk/")
    main_nav = page.get_by_role("navigation", name=say("kk", "Main"))
    expect(main_nav.get_by_text(say("kk", "Menu"), exact=True)).to_be_hidden()
    links = main_nav.get_by_role("link")
    assert links.count() == MENU_LINKS
    for i in range(links.count()):
        expect(links.nth(i)).to_be_visible()
    assert len({round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}) == 1  # one line
    links.first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/kk/standards/$"))
