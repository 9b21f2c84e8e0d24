"""Token sequences that make the parser report each kind of import issue, for the tests of the codes
(tests/importers/test_issue_codes.py) and of their translations (tests/standards/test_issue_messages.py)."""

from __future__ import annotations

from importers import labels as L
from importers import records as R
from importers.parser import parse
from importers.records import DocumentRecord, ImportIssue
from importers.tokens import TEXT, Piece, Source, Token


def _header(line: int = 1, number: int = 9) -> Token:
    return Token(L.CARD_HEADER, line, number, value=[Piece(line, '"A":')])


def _functions(line: int = 3) -> Token:
    return Token(L.MANDATORY_FUNCTIONS, line, value=[Piece(line, "1. Бірінші функция"), Piece(line + 1, "2. Екінші")])


def _level(line: int = 2, text: str = "5") -> Token:
    return Token(L.LEVEL, line, value=[Piece(line, text)])


def _skill_with_everything(line: int) -> list[Token]:
    return [
        Token(L.LABOUR_FUNCTION, line, 1, value=[Piece(line, "F")]),
        Token(L.SKILL, line + 1, 1, value=[Piece(line + 1, "S")]),
        Token(L.ABILITIES, line + 2, value=[Piece(line + 2, "1. a")]),
        Token(L.KNOWLEDGE, line + 3, value=[Piece(line + 3, "1. k")]),
        Token(L.RECOGNITION, line + 4, value=[Piece(line + 4, "Ұсынылмайды")]),
    ]


# code -> the tokens of a small document that reports it
TOKENS: dict[str, list[Token]] = {
    R.CARD_WITHOUT_HEADER: [_level(1)],
    R.UNPLACED_TEXT: [_header(), _level(), Token(TEXT, 5, value=[Piece(5, "жетім мәтін")])],
    R.UNPLACED_LABEL_TEXT: [
        _header(),
        _level(),
        Token("unheard_of", 5, value=[Piece(5, "мәтін")], label="Белгісіз белгі:"),
    ],
    R.TEXT_UNDER_HEADING: [
        _header(),
        _level(),
        Token(L.FUNCTIONS_DESCRIPTION, 5, value=[Piece(5, ".")], label="Еңбек функцияларының сипаттамасы"),
    ],
    R.TEXT_ON_RELATED_HEADER: [_header(), _level(), Token(L.RELATED, 5, value=[Piece(5, "- -")])],
    R.TEXT_UNDER_RELATED_NAME_COLUMN: [
        _header(),
        _level(),
        Token(L.RELATED, 5),
        Token(L.PROFESSION_NAME, 6, value=[Piece(6, "Атау")], label="Кәсіптің атауы:"),
    ],
    R.LEVEL_NOT_SINGLE: [_header(), _level(2, "5-6"), _level(3, "5")],
    R.FUNCTION_TITLE_FROM_LIST: [_header(), _level(), _functions(), Token(L.LABOUR_FUNCTION, 5, 2)],
    R.SKILL_BEFORE_FUNCTION: [_header(), _level(), _functions(), Token(L.SKILL, 5, 1, value=[Piece(5, "Дағды")])],
    R.REPEATED_SKILL_LABEL: [
        _header(),
        _level(),
        Token(L.LABOUR_FUNCTION, 5, 1, value=[Piece(5, "F")]),
        Token(L.SKILL, 6, 1, value=[Piece(6, "S")]),
        Token(L.ABILITIES, 7, value=[Piece(7, "1. a")]),
        Token(L.SKILL, 8, 1, value=[Piece(8, "S")]),
    ],
    R.ABILITIES_WITHOUT_SKILL: [
        _header(),
        _level(),
        *_skill_with_everything(5),
        Token(L.ABILITIES, 10, value=[Piece(10, "1. b")]),
    ],
    R.KNOWLEDGE_WITHOUT_SKILL: [
        _header(),
        _level(),
        *_skill_with_everything(5),
        Token(L.KNOWLEDGE, 10, value=[Piece(10, "1. b")]),
    ],
    R.RECOGNITION_WITHOUT_SKILL: [
        _header(),
        _level(),
        Token(L.LABOUR_FUNCTION, 5, 1, value=[Piece(5, "F")]),
        Token(L.RECOGNITION, 6, value=[Piece(6, "Ұсынылмайды")]),
    ],
    R.CARD_COUNT_MISMATCH: [_header(), _level()],
    R.CARD_WITHOUT_LEVEL: [_header()],
}


def document_of(code: str) -> DocumentRecord:
    return parse(Source("t.txt", ["x"] * 40, TOKENS[code], "test"))


def example_issue(code: str) -> ImportIssue:
    """The first issue of ``code`` that the parser reports on its example tokens."""
    return next(issue for issue in document_of(code).issues if issue.code == code)
