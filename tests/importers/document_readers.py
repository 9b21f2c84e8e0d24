"""What the real-PDF and HTML reader tests share: the same cards, read from the 001 text."""

from pathlib import Path

from importers.parser import parse
from importers.readers import legal_text
from importers.text import collapse

ROOT = Path(__file__).resolve().parents[2]
ORDER_569 = ROOT / "fixtures" / "orders" / "order-569-2025-kk.txt"


def concepts(source, concept):
    return [t for t in source.tokens if t.concept == concept]


def functions(card):
    """A card's labour functions, skills and items, whitespace collapsed."""
    return [
        (
            lf.kind,
            lf.number,
            collapse(lf.title),
            [
                (s.number, collapse(s.title), [collapse(a) for a in s.abilities], [collapse(k) for k in s.knowledge])
                for s in lf.skills
            ],
        )
        for lf in card.labour_functions
    ]


def editions_of_order_569() -> dict:
    """Annexes of order 569 as the 001 text reader and the parser read them, by annex number."""
    document = parse(legal_text.read(ORDER_569.read_bytes(), ORDER_569.name))
    return {edition.annex: edition for edition in document.editions}


def assert_same_cards_as_the_text_reader(document, text_editions, *, levels: bool = False) -> None:
    """``document`` (read from a PDF or HTML file) holds annexes 8 and 13 exactly as the 001 text does."""
    assert [(e.annex, e.code, len(e.cards)) for e in document.editions] == [(8, "J060", 2), (13, "J065", 1)]
    for edition in document.editions:
        expected = text_editions[edition.annex]
        for card, twin in zip(edition.cards, expected.cards, strict=True):
            assert card.header_title == twin.header_title
            if levels:
                assert card.level == twin.level
            assert functions(card) == functions(twin)
