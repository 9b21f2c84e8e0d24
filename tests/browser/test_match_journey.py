"""An HR officer matches a vacancy to the registry in a real browser: paste it, open the best card's
coverage, download the table; and the same in Kazakh with a file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.ui import say

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "match"
NLP_ENGINEER = "Инженер по компьютерной лингвистике (NLP)"


def covered(language: str) -> str:
    with translation.override(language):
        return translation.pgettext("coverage", "covered")


def vacancy(name: str) -> str:
    return next(FIXTURES.glob(name)).read_text(encoding="utf-8")


def test_an_hr_officer_pastes_a_vacancy_opens_the_best_cards_coverage_and_downloads_it(page, screenshot):
    page.goto("/ru/")
    page.get_by_role("link", name=say("ru", "Match a vacancy or a study programme to the cards")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(say("ru", "Match a text to the cards"))

    page.get_by_label(say("ru", "A vacancy, a job description or a programme's learning outcomes")).fill(
        vacancy("*-ru-J070-3.txt")
    )
    page.get_by_role("button", name=say("ru", "Find the closest cards")).click()

    results = page.locator("li.match-hit")
    expect(results).to_have_count(10)
    best = results.first
    expect(best.get_by_role("heading", level=3)).to_have_text(NLP_ENGINEER)
    expect(best.locator(".match-why li").first).to_be_visible()
    screenshot(page, "match-results-ru")

    # The second card's coverage, then back to the best one's.
    results.nth(1).get_by_role("button", name=say("ru", "Show the coverage")).click()
    expect(page.locator("li.match-hit.is-chosen")).to_have_attribute(
        "data-unit", results.nth(1).get_attribute("data-unit")
    )
    page.locator("li.match-hit").first.get_by_role("button", name=say("ru", "Show the coverage")).click()
    coverage = page.get_by_role("table")
    expect(page.locator("#coverage-heading")).to_contain_text(NLP_ENGINEER)
    nlp_row = coverage.get_by_role("row").filter(has_text="Архитектур нейронных сетей для NLP")
    expect(nlp_row.locator(".mark")).to_have_text(f"✔ {covered('ru')}")
    expect(nlp_row).to_contain_text("Понимание архитектур нейронных сетей для NLP")
    expect(coverage.locator("tr.item-row.mark-none").first).to_be_visible()
    screenshot(page, "match-coverage-ru")

    # On paper: the closest cards and the coverage table, without the form and the buttons.
    page.emulate_media(media="print")
    expect(page.locator(".coverage-table")).to_be_visible()
    expect(page.locator("li.match-hit").first).to_be_visible()
    expect(page.locator("#match-form")).to_be_hidden()
    expect(page.get_by_role("button", name=say("ru", "Download the table (CSV)"))).to_be_hidden()
    page.emulate_media(media="screen")

    with page.expect_download() as download_info:
        page.get_by_role("button", name=say("ru", "Download the table (CSV)")).click()
    download = download_info.value
    assert download.suggested_filename == "coverage-J070-3.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == say("ru", "Labour function")
    nlp = next(row for row in rows if row[3] == "Архитектур нейронных сетей для NLP")
    assert (nlp[4], nlp[6]) == (covered("ru"), "Понимание архитектур нейронных сетей для NLP")

    with page.expect_download() as download_info:
        page.get_by_role("button", name=say("ru", "Download the table (XLSX)")).click()
    sheet = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes())).active
    assert sheet.cell(1, 1).value == say("ru", "Labour function")
    assert any(row[3] == "Архитектур нейронных сетей для NLP" for row in sheet.iter_rows(values_only=True))


def test_a_kazakh_vacancy_uploaded_as_a_file_finds_its_card_and_a_bad_file_gets_a_message(page, tmp_path):
    page.goto("/kk/match/")
    path = tmp_path / "бос-орын.txt"
    path.write_text(vacancy("*-kk-J057-3.txt"), encoding="utf-8")
    page.get_by_label(say("kk", "or a file:")).set_input_files(str(path))
    page.get_by_role("button", name=say("kk", "Find the closest cards")).click()
    expect(page.locator("li.match-hit").first).to_have_attribute("data-unit", "J057/3")
    expect(page.locator("#coverage-heading")).to_be_visible()

    page.goto("/kk/match/")
    binary = tmp_path / "сурет.pdf"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    page.get_by_label(say("kk", "or a file:")).set_input_files(str(binary))
    page.get_by_role("button", name=say("kk", "Find the closest cards")).click()
    expect(page.get_by_role("alert")).to_contain_text(
        say("kk", "“%(name)s” is not a readable PDF document.", name="сурет.pdf")
    )
