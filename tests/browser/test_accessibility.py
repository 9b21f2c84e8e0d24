"""axe-core (the copy bundled with axe-playwright-python, no network) finds no serious or critical
violation on the main pages, in both interface languages; each page is also saved as a screenshot."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import expect

from tests.browser.ui import say

pytestmark = pytest.mark.slow

BLOCKING = {"serious", "critical"}
PAGES = {
    "overview": "/{lang}/",
    "card-list": "/{lang}/cards/?level=6&level=7",
    "card": "/{lang}/cards/J074/4/",  # the largest card
    "card-fallback": "/{lang}/cards/J057/1/",  # J057 has no Russian text: the Kazakh one, with a note
    "standard": "/{lang}/standards/J068/",
    "standard-list": "/{lang}/standards/",
    "occupation": "/{lang}/occupations/2519-9-001/",
    "comparison": "/{lang}/compare/?cards=J068/1,J068/2",
    "ladder": "/{lang}/cards/J068/1/ladder/",
}
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']} — {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:160]}")
    return "\n".join(lines)


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_violation(page, axe, screenshot, name, language):
    response = page.goto(PAGES[name].format(lang=language))
    assert response.status == 200
    results = axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    screenshot(page, f"{name}-{language}")
    assert not blocking, "\n" + describe(blocking)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_axe_finds_no_serious_or_critical_violation_on_a_phone_with_the_menu_open(new_context, axe, language):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(PAGES["card"].format(lang=language))
    page.locator(".menu > summary").click()
    expect(page.get_by_role("navigation", name=say(language, "Main")).get_by_role("link").first).to_be_visible()
    results = axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, "\n" + describe(blocking)


def test_axe_finds_no_serious_or_critical_violation_on_the_404_page(page, axe):
    """The browser tests' server runs with DEBUG on (Django's own 404 page): the page is rendered here."""
    html = Client().get("/ru/no-such-page/").content.decode()
    page.route("**/ru/no-such-page/", lambda route: route.fulfill(status=404, content_type="text/html", body=html))
    page.goto("/ru/no-such-page/")
    results = axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, "\n" + describe(blocking)


def test_axe_runs_offline_and_reports_what_it_finds(page, axe):
    """The check above cannot pass vacuously: the bundled axe-core loads and flags a planted fault."""
    page.set_content('<html lang="en"><title>t</title><main><h1>t</h1><input type="text"></main></html>')
    results = axe.run(page)
    assert "label" in {v["id"] for v in results.response["violations"] if v["impact"] in BLOCKING}
