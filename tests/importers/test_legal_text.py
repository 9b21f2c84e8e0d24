"""The legal-database text reader (seed 001) on real excerpts of order 569/НҚ."""

from pathlib import Path

from importers import labels as L
from importers.readers import legal_text
from importers.tokens import ANNEX, RELATED_ROW, TEXT

EXCERPTS = Path(__file__).resolve().parents[2] / "fixtures" / "excerpts"
ORDER_569 = Path(__file__).resolve().parents[2] / "fixtures" / "orders" / "order-569-2025-kk.txt"


def read(name: str):
    return legal_text.read((EXCERPTS / name).read_bytes(), name)


def concepts(source, concept):
    return [t for t in source.tokens if t.concept == concept]


def test_it_recognises_legal_database_text():
    assert legal_text.looks_like(ORDER_569.read_bytes())
    assert not legal_text.looks_like(b"%PDF-1.4 ...")


def test_it_reads_the_annex_number_from_the_569_annex_header():
    source = read("legal_text_j065.txt")
    assert [t.number for t in concepts(source, ANNEX)] == [13]


def test_it_puts_a_value_on_the_line_after_its_label():
    source = read("legal_text_j065.txt")
    group_code = concepts(source, L.GROUP_CODE)[0]
    assert group_code.text == "2512-3"
    assert group_code.value[0].line > group_code.line


def test_it_emits_an_empty_level_when_the_sublevel_label_follows_directly():
    source = read("legal_text_j065.txt")
    (level,) = concepts(source, L.LEVEL)
    assert level.value == []
    assert concepts(source, L.SUBLEVEL)[0].line == level.line + 1


def test_it_keeps_one_piece_per_list_item_with_its_numbering():
    source = read("legal_text_j065.txt")
    abilities = concepts(source, L.ABILITIES)[0]
    assert [p.text for p in abilities.value] == [
        "1. Сабақтың тақырыптық жоспарын құрастыру",
        "2. Теориялық білімді бекітуге арналған тапсырмаларды таңдау",
        "3. Жарысқа қатысушылардың дағдыларын дамыту траекториясын құрастыру",
    ]


def test_it_emits_the_additional_labour_function():
    source = read("legal_text_j065.txt")
    (additional,) = concepts(source, L.ADDITIONAL_LABOUR_FUNCTION)
    assert (additional.number, additional.text) == (1, "Олимпиадаларды ұйымдастыру және өткізу")


def test_it_turns_related_cells_into_rows_with_their_level():
    source = read("legal_text_j061.txt")
    rows = concepts(source, RELATED_ROW)[:4]
    assert [(r.number, r.text) for r in rows] == [
        (6, "Деректер базасын әкімшілендіру жөніндегі маман (деректер базасы әкімшісі)"),
        (6, "Үлкен деректермен жұмыс істеу маманы"),
        (7, "Үлкен деректермен жұмыс істеу маманы"),
        (6, "Деректер базасы аналитигі"),
    ]


def test_it_keeps_related_names_on_consecutive_lines_apart():
    source = read("legal_text_j065.txt")
    assert [(r.number, r.text) for r in concepts(source, RELATED_ROW)] == [
        (None, "Бағдарламалық қамтылым жобалаушы"),
        (None, "Қосымшалар әзірлеуші"),
    ]


def test_it_tells_the_related_name_column_from_the_profession_name():
    source = read("legal_text_j065.txt")
    assert len(concepts(source, L.PROFESSION_NAME)) == 1
    assert len(concepts(source, L.RELATED_NAME_COLUMN)) == 1


def test_it_reports_the_amendment_note_as_text_not_as_the_heading_value():
    source = read("legal_text_j065.txt")
    (heading,) = concepts(source, L.STANDARD_HEADING)
    assert heading.text == '"Спорттық бағдарламалау жаттықтырушысы"'
    assert any(t.text.startswith("Ескерту.") for t in concepts(source, TEXT))


def test_it_keeps_duplicated_card_numbers_as_printed():
    source = read("legal_text_j061.txt")
    assert [t.number for t in concepts(source, L.CARD_HEADER)] == [14, 14]


def test_it_emits_the_whole_569_order_in_canonical_order():
    source = legal_text.read(ORDER_569.read_bytes(), ORDER_569.name)
    count = {
        c: len(concepts(source, c))
        for c in (
            L.CARD_HEADER,
            L.LABOUR_FUNCTION,
            L.SKILL,
            L.ABILITIES,
            L.KNOWLEDGE,
            L.RECOGNITION,
            L.STANDARD_HEADING,
            ANNEX,
        )
    }
    assert count == {
        L.CARD_HEADER: 118,
        L.LABOUR_FUNCTION: 295,
        L.SKILL: 559,
        L.ABILITIES: 559,
        L.KNOWLEDGE: 559,
        L.RECOGNITION: 559,
        L.STANDARD_HEADING: 22,
        ANNEX: 22,
    }
