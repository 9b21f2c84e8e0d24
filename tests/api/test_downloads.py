"""Downloads: the JSON export validates against its schema, the XLSX reads back as the database, CSV opens in Excel."""

import csv
import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

from cards.models import ProfessionCard

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def csv_rows(content: bytes) -> list[dict]:
    assert content.startswith("\ufeff".encode())  # a BOM: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_whole_registry_as_json_validates_against_the_documented_schema(client, registry):
    response = client.get("/api/v1/downloads/registry.json")
    assert response["Content-Disposition"] == 'attachment; filename="registry.json"'
    data = json.loads(response.content)
    jsonschema.validate(data, json.loads((ROOT / "docs" / "export.schema.json").read_text(encoding="utf-8")))
    assert len(data["cards"]) == ProfessionCard.objects.count() == 228
    j068 = next(c for c in data["cards"] if c["permalink"] == "/ru/cards/J068/1/")
    assert j068["esco_uri"] == "http://data.europa.eu/esco/isco/C2519"


def test_the_csv_bundle_has_one_file_per_table_with_kazakh_letters(client, registry):
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/downloads/registry-csv.zip").content))
    assert sorted(archive.namelist()) == sorted(
        f"{name}.csv"
        for name in (
            "standards",
            "editions",
            "cards",
            "labour_functions",
            "skills",
            "abilities",
            "knowledge",
            "related_professions",
        )
    )
    cards = csv_rows(archive.read("cards.csv"))
    assert len(cards) == 228
    kk = next(row for row in cards if row["card"] == "/kk/cards/J068/1/")
    assert (
        kk["title"]
        == ProfessionCard.objects.get(
            edition__language="kk", edition__standard__code="J068", position=1, edition__status="in_force"
        ).title
    )
    assert any(letter in kk["title"] for letter in "әғқңөұүһі")
    knowledge = csv_rows(archive.read("knowledge.csv"))
    from cards.models import Knowledge

    assert len(knowledge) == Knowledge.objects.count()


def test_the_xlsx_workbook_reads_back_as_the_database(client, registry):
    workbook = load_workbook(io.BytesIO(client.get("/api/v1/downloads/registry.xlsx").content))
    assert workbook.sheetnames[:3] == ["standards", "editions", "cards"]
    sheet = workbook["cards"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    by_card = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert len(by_card) == 228
    for card in ProfessionCard.objects.select_related("edition__standard"):
        row = by_card[card.permalink()]
        assert (row["title"], row["level"], row["occupation_code"] or "") == (
            card.title,
            card.level,
            card.occupation_code,
        )
    functions = list(workbook["labour_functions"].iter_rows(values_only=True))
    from cards.models import LabourFunction

    assert len(functions) - 1 == LabourFunction.objects.count()


def test_the_card_list_downloads_honour_the_filters(client, registry):
    response = client.get("/api/v1/cards.csv?lang=ru&level=7&standard=J068")
    rows = csv_rows(response.content)
    api = client.get("/api/v1/cards?lang=ru&level=7&standard=J068&page_size=100").json()
    assert [row["card"] for row in rows] == [r["permalink"].removeprefix("http://testserver") for r in api["results"]]
    workbook = load_workbook(io.BytesIO(client.get("/api/v1/cards.xlsx?lang=ru&level=7&standard=J068").content))
    assert [row[0] for row in workbook["cards"].iter_rows(min_row=2, values_only=True)] == [row["card"] for row in rows]
    assert client.get("/api/v1/cards.xlsx?level=9").json()["errors"]["level"][0]["code"] == "invalid_choice"


def test_a_cell_that_looks_like_a_formula_is_never_a_formula(client, registry):
    card = ProfessionCard.objects.get(
        edition__standard__code="J068", position=1, edition__language="ru", edition__status="in_force"
    )
    card.title = '=HYPERLINK("http://evil.example","x")'
    card.purpose = "@SUM(1+1)"
    card.save()
    rows = csv_rows(client.get("/api/v1/cards.csv?standard=J068&language=ru").content)
    row = next(r for r in rows if r["card"] == "/ru/cards/J068/1/")
    assert row["title"] == "'" + card.title and row["purpose"] == "'@SUM(1+1)"
    sheet = load_workbook(io.BytesIO(client.get("/api/v1/cards.xlsx?standard=J068&language=ru").content))["cards"]
    cell = next(r[7] for r in sheet.iter_rows(min_row=2) if r[0].value == "/ru/cards/J068/1/")
    assert cell.value == card.title and cell.data_type == "s"


def test_the_open_data_page_links_every_download_and_the_docs_from_every_footer(client, registry):
    page = client.get("/ru/open-data/").content.decode()
    for url in (
        "/api/v1/downloads/registry.json",
        "/api/v1/downloads/registry-csv.zip",
        "/api/v1/downloads/registry.xlsx",
        "/api/v1/docs/?lang=ru",
    ):
        assert url in page
    assert 'href="/kk/open-data/"' in client.get("/kk/standards/").content.decode()
    cards = client.get("/ru/cards/?level=7&page=2").content.decode()
    assert 'href="/api/v1/cards.xlsx?level=7&amp;lang=ru"' in cards


def test_the_card_page_links_its_isco_group_in_esco(client, registry):
    page = client.get("/ru/cards/J068/1/").content.decode()
    assert 'href="http://data.europa.eu/esco/isco/C2519"' in page
