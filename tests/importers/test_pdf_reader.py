"""The PDF reader on a real PDF of order 569/НҚ annexes 8 and 13.

``fixtures/documents/order-569-excerpt-kk.pdf`` is the HTML fixture printed to
PDF by LibreOffice (``fixtures/documents/make_documents.py``): ruled card
tables with merged cells, cut by page breaks in the middle of skills.
"""

from pathlib import Path

import pytest

from importers import labels as L
from importers.readers import pdf
from importers.tokens import ANNEX
from tests.importers.document_readers import (
    ORDER_569,
    assert_same_cards_as_the_text_reader,
    concepts,
    editions_of_order_569,
)

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "fixtures" / "documents" / "order-569-excerpt-kk.pdf"


@pytest.fixture(scope="module")
def source():
    return pdf.read(PDF.read_bytes(), PDF.name)


@pytest.fixture(scope="module")
def text_editions():
    """Annexes 8 and 13 as the 001 text reader and the parser read them."""
    return editions_of_order_569()


def test_it_recognises_pdf_files():
    assert pdf.looks_like(PDF.read_bytes())
    assert not pdf.looks_like(b"<html><body></body></html>")
    assert not pdf.looks_like(ORDER_569.read_bytes()[:1000])


def test_the_fixture_stays_small():
    assert PDF.stat().st_size < 300_000


def test_it_reads_the_same_cards_as_the_text_reader(source, text_editions):
    from importers.parser import parse

    assert_same_cards_as_the_text_reader(parse(source), text_editions, levels=True)


def test_it_lands_every_card_character_in_a_field(source, text_editions):
    from importers.parser import parse

    document = parse(source)
    assert document.card_chars_total > 9000
    assert document.card_chars_landed == document.card_chars_total


def test_it_keeps_a_skill_title_cut_by_a_page_break_in_one_piece(source):
    """Annex 8 card 10, labour function 2, skill 1 starts on page 4 and ends on page 5."""
    start = "Сайтқа кірушілердің белсенділігі, пайдаланушының"
    skill = next(t for t in concepts(source, L.SKILL) if t.text.startswith(start))
    assert skill.text == ("Сайтқа кірушілердің белсенділігі, пайдаланушының қызығушылығын және конверсияны талдау")
    abilities = source.tokens[source.tokens.index(skill) + 1]
    assert abilities.concept == L.ABILITIES
    assert [p.text[:3] for p in abilities.value] == ["1. ", "2. ", "3. ", "4. "]
    assert {p.line // pdf.PAGE_LINES for p in abilities.value} == {4, 5}


def test_it_reads_the_cards_as_printed(source):
    assert [t.number for t in concepts(source, ANNEX)] == [8, 13]
    assert [t.number for t in concepts(source, L.CARD_HEADER)] == [9, 10, 9]
    assert [t.text for t in concepts(source, L.LEVEL)] == ["", "4", ""]
    assert [t.text for t in concepts(source, L.REVIEW_DATE)] == ["02.12.2028 ж.", "11.01.2028 г."]
    assert len(concepts(source, L.ADDITIONAL_LABOUR_FUNCTION)) == 1
    assert source.language == "kk"


def test_its_line_numbers_are_page_and_row(source):
    pages = max(t.line for t in source.tokens) // pdf.PAGE_LINES
    assert pages == 9
    for token in source.tokens:
        assert 1 <= token.line // pdf.PAGE_LINES <= pages
        for piece in token.value:
            # A piece starts on its line (wrapped lines are joined into the piece).
            assert piece.text.split()[0] in source.lines[piece.line - 1]


def test_a_corrupt_pdf_is_a_clear_error():
    with pytest.raises(ValueError, match=r"broken\.pdf: not a readable PDF"):
        pdf.read(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF", "broken.pdf")
    with pytest.raises(ValueError, match=r"cut\.pdf"):
        pdf.read(PDF.read_bytes()[:3000], "cut.pdf")
    with pytest.raises(ValueError, match=r"page\.html: not a PDF"):
        pdf.read(b"<html></html>", "page.html")


def test_a_pdf_without_a_standard_is_a_clear_error():
    empty_page = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )
    with pytest.raises(ValueError, match=r"blank\.pdf: no professional standard"):
        pdf.read(empty_page, "blank.pdf")
