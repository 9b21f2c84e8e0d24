"""ISCO-08 unit-group titles: the reference table the importer and the pages share."""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

ISCO_REFERENCE = Path(__file__).resolve().parent / "isco08-ict.tsv"


@functools.cache
def isco_titles(language: str = "en") -> dict[str, str]:
    """ISCO-08 group titles by code in ``language`` ("kk", "ru"; English otherwise or where missing):
    ``isco_titles("ru")["2512"] == "Разработчики программного обеспечения"``."""
    column = {"kk": "kk_title", "ru": "ru_title"}.get(language, "english_title")
    with ISCO_REFERENCE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["code"]: row.get(column) or row["english_title"] for row in rows}


FULL_OCCUPATION_CODE = re.compile(r"^\d{4}-\d-\d{3}$")


def is_occupation_code(code: str) -> bool:
    """A whole НКЗ occupation code such as 2519-9-001 (not "-", nor a truncated "2166-1")."""
    return bool(FULL_OCCUPATION_CODE.match(code or ""))
