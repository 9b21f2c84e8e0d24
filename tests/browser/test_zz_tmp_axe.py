import pytest
from axe_playwright_python.sync_playwright import Axe
from tests.browser.test_accessibility import PAGES, describe

@pytest.mark.parametrize("width", [1280, 360])
def test_all(new_context, width):
    axe = Axe()
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    for lang in ("kk", "ru"):
        for name, path in PAGES.items():
            page.goto(path.format(lang=lang))
            r = axe.run(page, options={"resultTypes": ["violations", "incomplete"]})
            v = r.response["violations"]
            print(f"\n## {width} {lang} {name} {page.url} violations={len(v)} h1={page.locator('h1').inner_text()[:40]!r}")
            if v: print(describe(v))
