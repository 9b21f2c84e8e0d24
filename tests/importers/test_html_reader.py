"""The HTML reader on a legal-database page rebuilt from order 569/НҚ (annexes 8 and 13).

``fixtures/documents/order-569-excerpt-kk.html`` is made by
``fixtures/documents/make_documents.py`` from the text of seed 001: the same
cards, laid out as real tables with rowspan / colspan.
"""

from pathlib import Path

import pytest

from importers import labels as L
from importers.readers import html
from importers.tokens import ANNEX, RELATED_ROW, TEXT
from tests.importers.document_readers import (
    ORDER_569,
    assert_same_cards_as_the_text_reader,
    concepts,
    editions_of_order_569,
)

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "fixtures" / "documents" / "order-569-excerpt-kk.html"


@pytest.fixture(scope="module")
def source():
    return html.read(PAGE.read_bytes(), PAGE.name)


@pytest.fixture(scope="module")
def text_editions():
    """Annexes 8 and 13 as the 001 text reader and the parser read them."""
    return editions_of_order_569()


def test_it_recognises_html_pages():
    assert html.looks_like(PAGE.read_bytes())
    assert html.looks_like(b"\xef\xbb\xbf  <!DOCTYPE html><html><body></body></html>")
    assert not html.looks_like(b"%PDF-1.7\n")
    assert not html.looks_like(ORDER_569.read_bytes()[:4096])


def test_it_reads_the_same_cards_as_the_text_reader(source, text_editions):
    from importers.parser import parse

    assert_same_cards_as_the_text_reader(parse(source), text_editions)


def test_it_lands_every_card_character_in_a_field(source, text_editions):
    from importers.parser import parse

    document = parse(source)
    assert document.card_chars_total > 9000
    assert document.card_chars_landed == document.card_chars_total


def test_it_reads_the_cards_as_printed(source):
    """Hand-checked against lines 12903-13550 and 18517-18921 of the text."""
    headers = concepts(source, L.CARD_HEADER)
    assert [(t.number, t.text) for t in headers] == [
        (9, '"Web-сайт әкімшісі":'),
        (10, '"Web-сайт әкімшісі":'),
        (9, '"Спорттық бағдарламалау бойынша жаттықтырушы":'),
    ]
    assert [t.number for t in concepts(source, ANNEX)] == [8, 13]
    levels = concepts(source, L.LEVEL)
    assert [t.text for t in levels] == ["", "4", ""]  # annex 8 card 9 and J065 print no level
    assert [t.text for t in concepts(source, L.ADDITIONAL_LABOUR_FUNCTION)] == [
        "Олимпиадаларды ұйымдастыру және өткізу"
    ]
    assert len(concepts(source, L.LABOUR_FUNCTION)) == 2 + 2 + 3
    assert len(concepts(source, L.SKILL)) == 5 + 5 + 8


def test_it_follows_the_merged_cells_in_the_canonical_order(source):
    card = source.tokens[[t.concept for t in source.tokens].index(L.ADDITIONAL_LABOUR_FUNCTION) :]
    assert [t.concept for t in card[:5]] == [
        L.ADDITIONAL_LABOUR_FUNCTION,
        L.SKILL,
        L.ABILITIES,
        L.KNOWLEDGE,
        L.RECOGNITION,
    ]
    abilities = card[2]
    assert [p.text for p in abilities.value] == [
        "1. Жарыс регламентін әзірлеу",
        "2. Жарыс бюджетін әзірлеу",
        "3. Топты басқару",
        "4. Қауіпсіздік техникасын, соның ішінде ақпараттық қауіпсіздік нормаларын сақтау",
    ]
    assert card[4].text == "Ұсынылады"
    # The labour-function cell spans its skills' rows: the skill starts in the same row, next column.
    assert (card[1].row, card[1].column) == (card[0].row, card[0].column + 1)


def test_it_reads_related_professions_as_rows(source):
    rows = concepts(source, RELATED_ROW)
    assert [(t.number, t.text) for t in rows] == [
        (None, "Бағдарламалық қамтылым жобалаушы"),
        (None, "Қосымшалар әзірлеуші"),
    ]
    assert len(concepts(source, L.RELATED_NAME_COLUMN)) == 3


def test_its_line_numbers_point_at_the_paragraphs(source):
    for token in source.tokens:
        for piece in token.value:
            assert piece.text in source.lines[piece.line - 1]
    assert source.language == "kk"
    assert [t.text for t in concepts(source, TEXT)][:1] == [
        "Ақпараттық технологиялар саласындағы кәсіптік стандарттарды бекіту туралы"
    ]


def test_it_expands_rowspan_and_colspan():
    page = """<html><body><h3>Кәсіптік стандарт "X"</h3><table>
      <tr><td colspan="3">9. Кәсіптің карточкасы "X":</td></tr>
      <tr><td rowspan="3"><p>Еңбек функциясы 1:</p><p>Жоспарлау</p></td>
          <td rowspan="3">Дағды 1: Талдау</td><td>Машықтар:<p>1. Бір</p><p>2. Екі</p></td></tr>
      <tr><td>Білімдер: <b>1.</b> Үш</td></tr>
      <tr><td>Дағдыны тану мүмкіндігі:</td><td>Ұсынылмайды</td></tr>
      <tr><td>Жеке құзыреттерге қойылатын талаптар:</td><td colspan="2">Жауапкершілік</td></tr>
    </table></body></html>""".encode()
    source = html.read(page, "small.html")
    assert [(t.concept, t.text) for t in source.tokens] == [
        (L.STANDARD_HEADING, '"X"'),
        (L.CARD_HEADER, '"X":'),
        (L.LABOUR_FUNCTION, "Жоспарлау"),
        (L.SKILL, "Талдау"),
        (L.ABILITIES, "1. Бір 2. Екі"),
        (L.KNOWLEDGE, "1. Үш"),
        (L.RECOGNITION, "Ұсынылмайды"),
        (L.PERSONAL_COMPETENCIES, "Жауапкершілік"),
    ]
    recognition = source.tokens[6]
    assert (recognition.row, recognition.column) == (3, 2)  # columns 0 and 1 are spanned from row 1
    assert source.tokens[7].column == 0


def test_a_page_without_a_standard_is_a_clear_error():
    with pytest.raises(ValueError, match=r"news\.html: no professional standard"):
        html.read("<html><body><h1>Жаңалықтар</h1><p>Бүгін жаңбыр.</p></body></html>".encode(), "news.html")
    with pytest.raises(ValueError, match=r"empty\.html"):
        html.read(b"", "empty.html")
