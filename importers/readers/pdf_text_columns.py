"""The education row of the 2019 PDF text, whose three columns the extraction mixed (004).

Used by :mod:`importers.readers.pdf_text` when it closes the qualification column.
"""

from __future__ import annotations

import re

from importers import labels as L
from importers.readers.pdf_text_lines import Line
from importers.tokens import Piece

EDUCATION_COLUMNS = (L.EDUCATION_LEVEL, L.SPECIALTY, L.QUALIFICATION)
_SPECIALTY_CODE = re.compile(r"^\d{7}\b")  # "1304000 Вычислительная техника …"
_QUALIFICATION_CODE = re.compile(r"^\d{6}\s\d\b")  # "130404 3" / "Техник-программист"
_EDUCATION_WORDS = re.compile(r"ТиПО|МСКО|образовани|Аттестат|Диплом|бакалавр|магистр", re.IGNORECASE)


def untangle(columns: dict[str, list[Line]]) -> dict[str, list[Line]] | None:
    """Give back to the level and specialty columns the lines the PDF text put in the qualification.

    In 004 card 7 (lines 2676–2715) and card 10 (3753) the three columns of the education
    row are mixed line by line. The codes tell them apart: a specialty starts with a 7-digit
    code, a qualification with "NNNNNN N", the level column has its own words (ТиПО, МСКО,
    образование, Аттестат). A line with none of these goes with the line above it in the
    same paragraph; after a blank line, an uppercase line names a specialty whose code still
    waits for its name, and a lowercase one completes a hyphenated qualification ("Техник-").
    Returns None when the qualification column holds nothing of the other two.
    """
    qualification = columns.get(L.QUALIFICATION, [])
    if not any(_SPECIALTY_CODE.match(x.text) or _EDUCATION_WORDS.search(x.text) for x in qualification):
        return None
    out = {concept: [x for x in columns.get(concept, []) if x.text] for concept in EDUCATION_COLUMNS[:2]}
    out[L.QUALIFICATION] = []
    moved_level: list[Line] = []
    previous: str | None = None
    after_blank = True
    for x in qualification:
        if not x.text:
            after_blank = True
            continue
        if _QUALIFICATION_CODE.match(x.text):
            column = L.QUALIFICATION
        elif _SPECIALTY_CODE.match(x.text):
            column = L.SPECIALTY
        elif _EDUCATION_WORDS.search(x.text):
            column = L.EDUCATION_LEVEL
        elif previous is not None and not after_blank:
            column = previous
        elif x.text[:1].islower() and out[L.QUALIFICATION] and out[L.QUALIFICATION][-1].text.endswith("-"):
            column = L.QUALIFICATION
        elif out[L.SPECIALTY] and _SPECIALTY_CODE.fullmatch(out[L.SPECIALTY][-1].text.strip()):
            column = L.SPECIALTY
        else:
            column = previous or L.QUALIFICATION
        (moved_level if column == L.EDUCATION_LEVEL else out[column]).append(x)
        previous, after_blank = column, False
    if moved_level:
        # "Общее среднее образование," ends with a comma: the list goes on right there.
        level = out[L.EDUCATION_LEVEL]
        at = next((k + 1 for k, x in enumerate(level) if x.text.endswith(",")), len(level))
        out[L.EDUCATION_LEVEL] = level[:at] + moved_level + level[at:]
    return out


def column_pieces(lines: list[Line]) -> list[Piece]:
    """One piece for a column's lines; "Техник-" + "программист" join without a space."""
    if not lines:
        return []
    text = lines[0].text
    for x in lines[1:]:
        glue = "" if len(text) > 1 and text.endswith("-") and text[-2].isalpha() and x.text[:1].islower() else " "
        text = f"{text}{glue}{x.text}"
    return [Piece(lines[0].no, text)]
