"""Phones: at 360 CSS pixels wide the pages fit the screen; wide tables scroll inside their own box."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.slow

PHONE = {"width": 360, "height": 740}

# What a page would need to scroll sideways: the document's own width beyond the viewport.
PAGE_WIDTH = "document.documentElement.scrollWidth"
# Elements reaching past the right edge of the screen, outside any box that scrolls sideways: they
# widen the page (or are cut off when it hides its overflow). An absolutely positioned element
# belongs to its containing block, not to the box it sits in: a scrolling box that is not
# positioned does not hold it.
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
      return r.width > 0 && r.right > width + 1 && !inScroller(el);
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


@pytest.mark.parametrize(
    "path",
    [
        "/ru/cards/",
        "/kk/cards/?level=5&level=6",
        "/ru/cards/J074/4/",  # the largest card
        "/kk/cards/J074/4/",
        "/kk/cards/J068/2/",
        "/kk/",
        "/ru/standards/J074/",
    ],
)
def test_the_page_fits_a_360_pixel_screen_without_sideways_scrolling(new_context, path, screenshot):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    page.goto(path)
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_be_visible()
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"], f"{path} scrolls sideways at {PHONE['width']} px"
    box = heading.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert [t for t in page.evaluate(WIDE_TABLES) if not t["scrolls"]] == []
    name = path.strip("/").replace("/", "-").replace("?", "-").replace("&", "-").replace("=", "")
    screenshot(page, f"360px-{name}")
