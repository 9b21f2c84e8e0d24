"""The match page: the form, the ten closest cards, the coverage table, its downloads, and bad input."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext, pgettext

from cards import matching
from standards.revision import bump_revision
from tests.matching.conftest import fixture_text

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def say(language: str, message: str, **params) -> str:
    with translation.override(language):
        return gettext(message) % params if params else gettext(message)


def units(response) -> list[str]:
    return re.findall(r'data-unit="([^"]+)"', response.content.decode())


@pytest.fixture
def client(index):
    return Client()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_page_shows_the_form_in_both_languages_and_the_overview_links_to_it(client, language):
    page = client.get(f"/{language}/match/")
    assert page.status_code == 200
    assert say(language, "Match a text to the cards") in page.content.decode()
    assert f'href="/{language}/match/"' in client.get(f"/{language}/").content.decode()


def test_a_pasted_vacancy_lists_ten_cards_best_first_and_the_best_cards_coverage(client):
    page = client.post("/ru/match/", {"text": fixture_text("J070/3", "ru")})
    html = page.content.decode()
    assert page.status_code == 200
    assert units(page)[0] == "J070/3" and len(units(page)) == 10
    assert "Инженер по компьютерной лингвистике (NLP)" in html
    assert 'id="coverage-heading"' in html and html.count("Инженер по компьютерной лингвистике (NLP)") >= 2
    assert 'class="item-row mark-covered"' in html and 'class="item-row mark-none"' in html
    assert "Архитектур нейронных сетей для NLP" in html  # an item of the card, with the sentence that covers it
    assert "Понимание архитектур нейронных сетей для NLP" in html


def test_choosing_another_card_shows_its_coverage(client):
    page = client.post("/kk/match/", {"text": fixture_text("J070/3", "ru"), "card": "J070/5"})
    assert page.status_code == 200
    assert 'class="match-hit is-chosen" data-unit="J070/5"' in page.content.decode()
    assert 'href="/kk/cards/J070/3/"' in page.content.decode()  # a result links to the card in the page language


def test_the_coverage_table_downloads_as_csv_and_xlsx_with_formulas_neutralised(client):
    text = '=HYPERLINK("http://evil") Понимание принципов MLOps и DevOps\n' + fixture_text("J070/3", "ru")
    response = client.post("/ru/match/", {"text": text, "card": "J070/3", "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="coverage-J070-3.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == [say("ru", "Labour function"), say("ru", "Skill")]
    devops = next(row for row in rows if row[3] == "Архитектур нейронных сетей для NLP")
    with translation.override("ru"):
        assert devops[4] == pgettext("coverage", "covered") != "covered"
    assert devops[6] == "Понимание архитектур нейронных сетей для NLP"
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    devops = next(row for row in rows if row[3] == "Принципов MLOps и DevOps")
    assert devops[6] == '\'=HYPERLINK("http://evil") Понимание принципов MLOps и DevOps'

    from openpyxl import load_workbook

    response = client.post("/kk/match/", {"text": text, "card": "J070/3", "format": "xlsx"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == say("kk", "Labour function")
    assert any(row[3] == "Архитектур нейронных сетей для NLP" for row in values)
    assert not any(str(cell).startswith("=") for row in values for cell in row)


def test_the_users_text_is_shown_escaped(client):
    text = "<script>alert(1)</script> Понимание принципов MLOps и DevOps. Знание архитектур нейронных сетей для NLP"
    html = client.post("/ru/match/", {"text": text}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_docx_and_a_pdf_upload_are_read_and_matched(client):
    import docx

    document = docx.Document()
    for line in fixture_text("J057/3", "kk").splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("вакансия.docx", buffer.getvalue())
    page = client.post("/kk/match/", {"file": upload})
    assert page.status_code == 200 and units(page)[0] == "J057/3"

    # A real order's PDF (24,707 characters): its first 20,000 are matched, and the page says so.
    pdf = (ROOT / "fixtures/documents/order-569-excerpt-kk.pdf").read_bytes()
    page = client.post("/kk/match/", {"file": SimpleUploadedFile("order.pdf", pdf)})
    assert page.status_code == 200 and len(units(page)) == 10
    notice = say("kk", "The file is longer than %(limit)s characters: its beginning was matched.", limit=20000)
    assert notice in page.content.decode().replace("\u00a0", "").replace("20 000", "20000")


ENCRYPTED_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"3 0 obj<</Filter/Standard/V 1/R 2/O<" + b"41" * 32 + b">/U<" + b"42" * 32 + b">/P -4>>endobj\n"
    b"trailer<</Root 1 0 R/Encrypt 3 0 R"
    b"/ID[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]>>\n%%EOF\n"
)


@pytest.mark.parametrize(
    ("language", "data", "message"),
    [
        ("ru", {"text": ""}, ("Paste a text or choose a file: there is nothing to match.", {})),
        (
            "kk",
            {"text": "We need an engineer who knows SQL"},
            ("The text is neither in Kazakh nor in Russian; the registry's cards are in these two languages.", {}),
        ),
        (
            "kk",
            {"text": "и в на по для, мы и вы"},
            ("The text has only common words (such as “and”, “for”, “the”); there is nothing to match.", {}),
        ),
        ("ru", {"text": "x", "standard": "J999"}, ("There is no standard with the code “%(code)s”.", {"code": "J999"})),
        (
            "ru",
            {"text": "Разработка моделей", "card": "J070/999"},
            ("There is no card %(card)s in the registry.", {"card": "J070/999"}),
        ),
        (
            "kk",
            {"text": "Разработка моделей", "card": "<b>"},
            ("A card is named by its standard and position, e.g. J070/3.", {}),
        ),
        (
            "ru",
            {"file": ("data.txt", b"\x00\x01\x02binary\x00")},
            ("“%(name)s” is a binary file, not text.", {"name": "data.txt"}),
        ),
        (
            "kk",
            {"file": ("cv.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)},
            ("“%(name)s” is password-protected; save it without a password.", {"name": "cv.docx"}),
        ),
        (
            "ru",
            {"file": ("locked.pdf", ENCRYPTED_PDF)},
            ("“%(name)s” is password-protected; save it without a password.", {"name": "locked.pdf"}),
        ),
        (
            "ru",
            {"file": ("broken.docx", b"PK\x03\x04 not a zip")},
            ("“%(name)s” is not a readable .docx document.", {"name": "broken.docx"}),
        ),
        (
            "kk",
            {"file": ("photo.png", b"\x89PNG")},
            ("“%(name)s”: only .txt, .docx and .pdf files are accepted.", {"name": "photo.png"}),
        ),
        (
            "ru",
            {"file": ("big.txt", b"a" * (10 * 1024 * 1024))},
            (
                "“%(name)s” is %(size)s MB; files up to %(limit)s MB are accepted.",
                {"name": "big.txt", "size": "10.0", "limit": 5},
            ),
        ),
    ],
)
def test_bad_input_is_a_400_with_a_translated_message_never_a_500(client, language, data, message):
    if "file" in data:
        name, content = data["file"]
        data = {"file": SimpleUploadedFile(name, content)}
    page = client.post(f"/{language}/match/", data)
    assert page.status_code == 400
    text, params = message
    translated = say(language, text, **params)
    assert translated != text % params if params else translated != text
    html = page.content.decode()
    from django.utils.html import escape

    assert escape(translated) in html


@pytest.mark.parametrize("query", ["level=abc", "level=9", "standard=" + "x" * 40, "format=pdf", "card=..%2F"])
def test_a_bad_parameter_of_the_empty_form_is_a_400(client, query):
    assert client.get(f"/ru/match/?{query}").status_code == 400


def test_the_index_is_rebuilt_when_the_content_revision_moves(client):
    before = matching.registry_corpus()
    assert matching.registry_corpus() is before
    bump_revision()
    after = matching.registry_corpus()
    assert after is not before and after.revision == before.revision + 1


@pytest.mark.parametrize(
    ("language", "data"),
    [
        ("ru", {"unit": "J070/3", "text": "ru"}),
        ("kk", {"unit": "J070/3", "text": "ru"}),
        ("ru", {"unit": "J057/3", "text": "kk"}),
        ("ru", {"unit": "J070/3", "text": "ru", "standard": "J061"}),
    ],
)
def test_a_result_page_reads_in_its_language_and_marks_text_in_the_other(client, language, data):
    from lxml import html as lxml_html

    from tests.test_crawl import FORBIDDEN, english_words, interface_text, unmarked_other_language

    post = {"text": fixture_text(data["unit"], data["text"])}
    if "standard" in data:
        post["standard"] = data["standard"]
    page = client.post(f"/{language}/match/", post)
    assert page.status_code == 200 and units(page)
    document = lxml_html.fromstring(page.content.decode())
    text = interface_text(document)
    assert english_words(text) == []
    assert [p for p in FORBIDDEN if re.search(p, text)] == []
    assert unmarked_other_language(lxml_html.fromstring(page.content.decode()), language) == []
