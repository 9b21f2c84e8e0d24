"""An HR officer's way through the registry, in a real browser: overview, matrix, list, card, print."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.ui import cards_match, label, result_rows, say

pytestmark = pytest.mark.slow

# Standard J068 has two cards at ОРК level 7 in each language: the engineer (position 2) and the
# specialist in artificial intelligence (position 4), whose related professions link to each other.
ENGINEER_RU = "Инженер по искусственному интеллекту"
SPECIALIST_RU = "Специалист по искусственному интеллекту"
SPECIALIST_KK = "Жасанды интеллект бойынша маман"


def matrix_cell(page, code: str, level: str):
    """The cell of the overview's matrix in the row of standard ``code`` and the column headed ``level``."""
    matrix = page.get_by_role("table").filter(has=page.get_by_role("rowheader", name=re.compile(rf"^{code}\b")))
    headers = matrix.get_by_role("row").first.get_by_role("columnheader").all_inner_texts()
    row = matrix.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile(rf"^{code}\b")))
    return row.locator("th, td").nth([h.strip() for h in headers].index(level))


def test_a_user_goes_from_the_matrix_to_a_card_and_prints_it_in_the_other_language(page, screenshot):
    page.goto("/ru/")
    expect(page).to_have_title(re.compile(say("ru", "IT professional standards registry")))
    expect(page.get_by_role("heading", level=1)).to_have_text(say("ru", "IT professional standards registry"))
    screenshot(page, "overview-ru")

    # The matrix cell J068 × 7 gives a count and opens the list of exactly those cards.
    cell = matrix_cell(page, "J068", "7").get_by_role("link")
    count = int(cell.inner_text())
    assert count == 2
    cell.click()
    expect(page).to_have_url(re.compile(r"/ru/cards/\?"))
    assert set(re.findall(r"(standard=J068|level=7)", page.url)) == {"standard=J068", "level=7"}
    expect(page.get_by_role("heading", level=1)).to_have_text(say("ru", "Profession cards"))
    expect(result_rows(page)).to_have_count(count)
    expect(page.get_by_role("main")).to_contain_text(cards_match("ru", count))
    expect(page.get_by_role("checkbox", name="7", exact=True)).to_be_checked()
    expect(page.get_by_label(label(say("ru", "Standard")))).to_have_value("J068")
    screenshot(page, "card-list-ru")

    # Words in the title narrow it further, and the other filters stay.
    page.get_by_label(label(say("ru", "Words in the title"))).fill("инженер")
    page.get_by_role("button", name=say("ru", "Show cards")).click()
    expect(page).to_have_url(re.compile(r"q=%D0%B8%D0%BD%D0%B6%D0%B5%D0%BD%D0%B5%D1%80|q=инженер"))
    expect(result_rows(page)).to_have_count(1)
    expect(page.get_by_role("checkbox", name="7", exact=True)).to_be_checked()

    # The card.
    result_rows(page).get_by_role("link", name=ENGINEER_RU).click()
    expect(page).to_have_url(re.compile(r"/ru/cards/J068/2/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ENGINEER_RU)
    expect(page.get_by_role("heading", name=say("ru", "Related professions"))).to_be_visible()
    screenshot(page, "card-ru")

    # A related profession at level 7 is a link to its card.
    related = page.get_by_role("table").filter(has=page.get_by_role("columnheader", name=say("ru", "Profession")))
    related = related.get_by_role("row").filter(has=page.get_by_role("cell", name="7", exact=True))
    related.get_by_role("link", name=SPECIALIST_RU).click()
    expect(page).to_have_url(re.compile(r"/ru/cards/J068/4/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(SPECIALIST_RU)

    # The language switch keeps the card: its Kazakh text, under a Kazakh interface.
    page.get_by_role("navigation", name=say("ru", "Language")).get_by_role("link", name="Қазақша").click()
    expect(page).to_have_url(re.compile(r"/kk/cards/J068/4/$"))
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.get_by_role("heading", level=1)).to_have_text(SPECIALIST_KK)
    expect(
        page.get_by_role("navigation", name=say("kk", "Language")).get_by_role("link", name="Русский")
    ).to_be_visible()

    # Printed: no navigation, the card itself in full.
    numbered = re.escape(say("kk", "Labour function %(number)s")).replace(re.escape("%(number)s"), r"\d+")
    functions = page.get_by_role("heading", level=2, name=re.compile(f"^{numbered}"))
    function_count = functions.count()
    assert function_count > 0
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    for name in ("Main", "Language", "Breadcrumb"):
        expect(page.get_by_role("navigation", name=say("kk", name))).to_be_hidden()
    expect(page.get_by_role("link", name=say("kk", "Skip to content"))).to_be_hidden()
    expect(page.get_by_role("contentinfo")).to_be_hidden()
    for i in range(function_count):
        expect(functions.nth(i)).to_be_visible()
    expect(page.get_by_role("heading", name=say("kk", "Abilities")).first).to_be_visible()
    expect(page.get_by_role("heading", name=say("kk", "Knowledge")).first).to_be_visible()
    screenshot(page, "card-kk-print")
    page.pdf(path=str(screenshot.directory / "card-kk.pdf"), format="A4", print_background=False)
