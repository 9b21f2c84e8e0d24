"""Hostile content, served: a copy of a bundled order carrying attack payloads (tests/security/hostile.py)
is imported through the import service, and every page type, the API, the downloads and the admin
that show it keep it text: no markup, no event handler, no ``javascript:`` link, no template code
run, no spreadsheet formula. The browser half (no script runs, no layout breaks) is
tests/browser/test_hostile_content.py.
"""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.contrib.auth.models import User
from django.test import Client
from lxml import html as lxml_html
from openpyxl import load_workbook

from tests.security.hostile import (
    FORMULAS,
    SCRIPT_PAYLOADS,
    TAG_PAYLOADS,
    TEXT_PAYLOADS,
    TITLE_FORMULA,
    field_texts,
    planted_in,
    write_hostile_copy,
)
from tests.security.test_headers import inline_code

pytestmark = [pytest.mark.django_db]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile(django_db_setup, django_db_blocker, tmp_path_factory):
    """The hostile copy imported into the test database, alone; removed after the module."""
    from importers.pipeline import parse_file
    from importers.service import import_documents
    from tests.bundled import clear_registry

    path, _ = write_hostile_copy(tmp_path_factory.mktemp("hostile"))
    with django_db_blocker.unblock():
        result = import_documents([path])
        assert not result.failed, result.failed[0].error
        try:
            yield parse_file(path)
        finally:
            clear_registry()


@pytest.fixture(scope="module")
def urls(hostile) -> list[str]:
    return hostile_urls()


def hostile_urls() -> list[str]:
    """Every page type showing the hostile standard, in both languages, the API and the downloads."""
    from cards.identity import card_path
    from cards.models import ProfessionCard
    from standards.models import Edition, SourceDocument

    edition = Edition.objects.get()
    code = edition.standard.code
    cards = list(ProfessionCard.objects.filter(edition=edition).order_by("position"))
    pages = ["/", "/standards/", f"/standards/{code}/", f"/standards/{code}/editions/{edition.key}/"]
    pages += [f"/standards/{code}/changes/", "/cards/", f"/cards/?standard={code}", "/quality/", "/occupations/"]
    urls = []
    for language in ("kk", "ru"):
        urls += [f"/{language}{p}" for p in pages]
        for card in cards:
            path = card_path(card)  # the card's address in the page language of the request
            urls.append(path if path.startswith(f"/{language}/") else f"/{language}/" + path.split("/", 2)[2])
        position = cards[0].position
        urls += [
            f"/{language}/compare/?cards={code}/{cards[0].position},{code}/{cards[1].position}",
            f"/{language}/search/?q=инфрақұрылым",
            f"/{language}/search/?q=" + "window.hostileFlag",
            f"/{language}/sources/{SourceDocument.objects.get().pk}/",
        ]
        urls += [f"/{language}/occupations/{c.occupation_code}/" for c in cards if c.occupation_code not in ("", "-")]
        urls.append(f"/{language}/cards/{code}/{position}/ladder/")
    urls += ["/api/v1/cards", f"/api/v1/cards?standard={code}", "/api/v1/search?q=инфрақұрылым"]
    return urls


def test_the_copy_carries_the_payloads_into_the_parsed_fields(hostile):
    landed = planted_in(hostile)
    every = {*SCRIPT_PAYLOADS, *TAG_PAYLOADS, *TEXT_PAYLOADS, *FORMULAS, TITLE_FORMULA}
    # Each one as written, the javascript: URL, the tags, the zero-width characters and =HYPERLINK included.
    assert every - landed == set()
    assert "<" in field_texts(hostile)


def assert_harmless(response, url: str) -> None:
    assert response.status_code in (200, 404), (url, response.status_code)
    body = response.content.decode("utf-8", errors="replace")
    content_type = response.headers.get("Content-Type", "")
    if content_type.startswith("application/json"):
        # Data, not markup: the text as imported, served with a type no browser renders as a page.
        assert response.headers.get("X-Content-Type-Options") == "nosniff", url
        return
    for payload in TAG_PAYLOADS:
        assert payload not in body, (url, payload)
    assert "onerror='window.hostileFlag" not in body, url
    assert 'onmouseover="window.hostileFlag' not in body, url
    assert "14" + "2026" not in body  # {{ 7|add:7 }}{% now 'Y' %} rendered as a template would be
    if response.headers.get("Content-Type", "").startswith("text/html"):
        assert inline_code(body) == [], url
        document = lxml_html.fromstring(body)
        for element in document.iter():
            if isinstance(element.tag, str):
                for name, value in element.attrib.items():
                    assert "hostileFlag" not in name, (url, name)
                    if name in ("href", "src", "action"):
                        assert not value.strip().lower().startswith("javascript:"), (url, value)


def test_every_page_type_shows_the_payloads_as_text(hostile, urls, client):
    seen = 0
    for url in urls:
        response = client.get(url)
        assert_harmless(response, url)
        seen += "hostileFlag" in response.content.decode("utf-8", errors="replace")
    assert seen >= 10  # the payloads are on the pages, as text


def test_the_card_page_shows_the_markup_escaped(hostile, client):
    from django.utils.html import escape

    from cards.identity import card_path
    from cards.models import Ability, Knowledge

    item = Knowledge.objects.filter(text__contains="<").first() or Ability.objects.filter(text__contains="<").first()
    html = client.get(card_path(item.skill.labour_function.card)).content.decode()
    tag = item.text[item.text.index("<") :].split(">")[0] + ">"
    assert escape(tag) in html and tag not in html


def test_the_admin_shows_the_payloads_as_text(hostile):
    from cards.models import LabourFunction, ProfessionCard, Skill
    from standards.models import Edition, Standard

    client = Client()
    client.force_login(User.objects.create_superuser("hostile-admin", password="-"))
    card = ProfessionCard.objects.order_by("position").first()
    urls = ["/admin/cards/professioncard/?q=hostileFlag", "/admin/cards/knowledge/?q=script"]
    urls += [f"/admin/cards/professioncard/{c.pk}/change/" for c in ProfessionCard.objects.all()]
    urls += [f"/admin/cards/labourfunction/{f.pk}/change/" for f in LabourFunction.objects.filter(card=card)]
    urls += [f"/admin/cards/skill/{s.pk}/change/" for s in Skill.objects.filter(labour_function__card=card)]
    urls += [f"/admin/standards/standard/{Standard.objects.get().pk}/change/"]
    urls += [f"/admin/standards/edition/{Edition.objects.get().pk}/change/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url  # 404: a model the admin does not register
        assert_harmless(response, url)


def csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]


def assert_no_formula(cells: list[str], where: str) -> None:
    dangerous = [cell for cell in cells if cell.startswith(FORMULA_START)]
    assert dangerous == [], (where, dangerous[:5])


def test_the_ladder_csv_neutralises_formulas(hostile, client):
    from cards.models import ProfessionCard

    found = []
    for card in ProfessionCard.objects.all():
        response = client.get(f"/kk/cards/{card.edition.standard.code}/{card.position}/ladder.csv")
        assert response.status_code == 200
        cells = csv_cells(response.content)
        assert_no_formula(cells, "ladder.csv")
        found += [cell for cell in cells if cell.startswith("'") and cell[1:].startswith(FORMULA_START)]
    assert any(any(cell[1:].startswith(f) for f in FORMULAS) for cell in found), (
        "no formula payload reached a ladder CSV: the test would not see an unsafe one"
    )


DOWNLOADS = ["/api/v1/cards.csv", "/api/v1/downloads/registry-csv.zip"]
WORKBOOKS = ["/api/v1/cards.xlsx", "/api/v1/downloads/registry.xlsx"]


@pytest.mark.parametrize("url", DOWNLOADS)
def test_the_csv_downloads_neutralise_formulas(hostile, client, url):
    response = client.get(url)
    if response.status_code == 404:
        pytest.fail(f"{url} does not exist (yet): the API's downloads are not covered")
    assert response.status_code == 200, url
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if url.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            cells = [c for name in archive.namelist() for c in csv_cells(archive.read(name))]
    else:
        cells = csv_cells(data)
    assert_no_formula(cells, url)
    assert any(cell.startswith("'") and cell[1:].startswith(FORMULA_START) for cell in cells)


@pytest.mark.parametrize("url", WORKBOOKS)
def test_the_xlsx_downloads_store_formulas_as_text(hostile, client, url):
    response = client.get(url)
    if response.status_code == 404:
        pytest.fail(f"{url} does not exist (yet): the API's downloads are not covered")
    assert response.status_code == 200, url
    data = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(io.BytesIO(data))
    formulas, texts = [], []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(cell.value)
                elif isinstance(cell.value, str) and cell.value.lstrip("'").startswith(FORMULA_START):
                    texts.append(cell.value)
    assert formulas == [], (url, formulas[:5])
    assert texts, "no formula payload reached the workbook: the test would not see an unsafe one"
