"""A source document's text as the registry imported it: numbered, escaped lines with anchors (#L123)."""

import hashlib

import pytest
from lxml import html as lxml_html

from standards.models import SourceDocument
from tests.factories import make_card, make_document, make_edition

pytestmark = pytest.mark.django_db

TEXT = "Бұйрық\r\nКәсіптік стандарт\n<script>alert(1)</script> & <b>қалың</b>\n\nсоңғы жол"


@pytest.fixture
def orders_dir(settings, tmp_path):
    settings.ORDERS_DIR = tmp_path
    return tmp_path


def bundled(orders_dir, text=TEXT, file_name="order-1-kk.txt", **fields):
    data = text.encode()
    (orders_dir / file_name).write_bytes(data)
    return make_document(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), **fields)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_the_source_page_numbers_every_line_as_the_importer_counts_them(client, orders_dir):
    document = bundled(orders_dir, order_number="569/НҚ", order_date="2025-11-10")
    response = page(client, f"/kk/sources/{document.pk}/")
    tree = lxml_html.fromstring(response.content.decode())
    lines = tree.xpath('//ol[@class="source-lines"]/li')
    assert [li.get("id") for li in lines] == ["L1", "L2", "L3", "L4", "L5"]
    assert lines[1].text_content() == "Кәсіптік стандарт", "\\r\\n is one line end, as in the readers"
    assert tree.xpath('//ol[@class="source-lines"]')[0].get("lang") == "kk"


def test_the_source_page_escapes_html_in_a_source_line(client, orders_dir):
    document = bundled(orders_dir)
    body = page(client, f"/ru/sources/{document.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body and "<b>қалың</b>" not in body
    assert '<li id="L3">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;қалың&lt;/b&gt;</li>' in body


def test_the_source_page_is_titled_by_the_order_and_lists_its_standards_with_links_to_their_lines(client, orders_dir):
    document = bundled(orders_dir, order_number="569/НҚ", order_date="2025-11-10")
    edition = make_edition(document=document, annex=12, first_line=2, last_line=5)
    tree = lxml_html.fromstring(page(client, f"/kk/sources/{document.pk}/").content.decode())
    assert "569/НҚ" in tree.findtext(".//h1") and "10.11.2025" in tree.findtext(".//h1")
    assert "569/НҚ" in tree.findtext(".//title")
    [link] = tree.xpath('//ul[@class="source-contents"]//a')
    assert link.get("href") == "#L2" and edition.standard.code in link.text_content()
    assert "order-1-kk.txt" not in tree.text_content(), "the file name is not the document's name"


def test_the_source_page_links_the_official_publication_when_it_is_known(client, orders_dir):
    document = bundled(orders_dir, official_url="https://example.org/order-569")
    tree = lxml_html.fromstring(page(client, f"/kk/sources/{document.pk}/").content.decode())
    assert tree.xpath('//main//a[@href="https://example.org/order-569"]')


@pytest.mark.parametrize("problem", ["missing", "changed", "pdf", "outside"])
def test_the_source_page_is_not_found_when_the_imported_text_is_no_longer_there(client, orders_dir, problem):
    document = bundled(orders_dir)
    path = orders_dir / document.file_name
    if problem == "missing":
        path.unlink()
    elif problem == "changed":
        path.write_text(TEXT + "\nжаңа жол")
    elif problem == "pdf":
        path.write_bytes(b"%PDF-1.4 ...")
        SourceDocument.objects.filter(pk=document.pk).update(sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    else:
        SourceDocument.objects.filter(pk=document.pk).update(file_name="../secret.txt", sha256="")
    assert client.get(f"/kk/sources/{document.pk}/").status_code == 404
    assert client.get("/kk/sources/999999/").status_code == 404


def test_the_card_page_links_its_source_lines_to_the_source_page_and_names_no_file(client, orders_dir):
    document = bundled(orders_dir, order_number="569/НҚ", order_date="2025-11-10", file_name="order-569-2025-kk.txt")
    edition = make_edition(document=document, annex=14)
    make_card(edition=edition, first_line=3, last_line=4)
    tree = lxml_html.fromstring(page(client, f"/kk/cards/{edition.standard.code}/1/").content.decode())
    [provenance] = tree.xpath('//section[@class="provenance"]')
    assert provenance.xpath(f'.//a[@href="/kk/sources/{document.pk}/#L3"]')
    assert "order-569-2025-kk.txt" not in tree.text_content() and "Source file" not in tree.text_content()
    assert "569/НҚ" in provenance.text_content() and "10.11.2025" in provenance.text_content()


def test_the_card_page_links_the_order_to_its_official_text(client, orders_dir):
    document = bundled(
        orders_dir, order_number="569/НҚ", order_date="2025-11-10", official_url="https://adilet.example/569"
    )
    edition = make_edition(document=document, annex=14)
    make_card(edition=edition)
    tree = lxml_html.fromstring(page(client, f"/ru/cards/{edition.standard.code}/1/").content.decode())
    [link] = tree.xpath('//section[@class="provenance"]//a[@href="https://adilet.example/569"]')
    assert "569/НҚ" in link.text_content()


def test_staff_still_see_the_file_name_in_the_staff_block(client, admin_user, orders_dir):
    document = bundled(orders_dir, file_name="order-569-2025-kk.txt")
    edition = make_edition(document=document, annex=14)
    make_card(edition=edition)
    client.force_login(admin_user)
    tree = lxml_html.fromstring(page(client, f"/kk/cards/{edition.standard.code}/1/").content.decode())
    [staff] = tree.xpath('//section[contains(@class, "staff-only")]')
    assert "order-569-2025-kk.txt" in staff.text_content()
    assert "order-569-2025-kk.txt" not in tree.xpath('//section[@class="provenance"]')[0].text_content()
