"""Downloading from the card list in a real browser: the filtered cards as an XLSX workbook that reads back."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.ui import label, result_rows, say

pytestmark = pytest.mark.slow


def test_a_reader_filters_the_card_list_and_downloads_those_cards_as_xlsx(new_context):
    page = new_context(accept_downloads=True).new_page()
    page.goto("/ru/cards/")
    page.get_by_label(label(say("ru", "Standard"))).select_option("J068")
    page.get_by_role("checkbox", name="7", exact=True).check()
    page.get_by_role("button", name=say("ru", "Show cards")).click()
    expect(page).to_have_url(re.compile(r"standard=J068.*level=7|level=7.*standard=J068"))
    shown = [row.get_by_role("rowheader").inner_text().strip() for row in result_rows(page).all()]
    assert shown

    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX").click()
    download = download_info.value
    assert download.suggested_filename == "cards-ru.xlsx"
    workbook = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    sheet = workbook["cards"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [row["title"] for row in rows] == shown
    assert {row["standard_code"] for row in rows} == {"J068"} and {row["level"] for row in rows} == {7}
    assert all(row["esco_uri"].startswith("http://data.europa.eu/esco/isco/C") for row in rows)
    assert sheet.freeze_panes == "A2"
