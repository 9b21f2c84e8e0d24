"""On SQLite, LIKE folds the case of every letter, not only of ASCII ones (standards/sqlite.py)."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import pytest
from django.db.backends.signals import connection_created

from standards.sqlite import fold_case_in_like, like


@pytest.mark.parametrize(
    ("value", "pattern", "escape", "expected"),
    [
        ("Бағдарламалық жасақтама әзірлеушісі", "%ӘЗІРЛЕУШІ%", None, 1),
        ("Администратор баз данных", "%администратор%", None, 1),
        ("Администратор", "администратор_", None, 0),
        ("50% done", r"50\%%", "\\", 1),
        ("500 done", r"50\%%", "\\", 0),
        ("a_b", r"a\_b", "\\", 1),
        ("axb", r"a\_b", "\\", 0),
        ("line\nbreak", "%BREAK", None, 1),
        ("(.*)+?", "(.*)+?", None, 1),
        (None, "%", None, None),
    ],
)
def test_like_matches_as_sqlite_does_with_every_letter_folded(value, pattern, escape, expected):
    assert like(pattern, value, escape) == expected


def test_a_sqlite_connection_finds_a_kazakh_word_typed_in_another_case():
    raw = sqlite3.connect(":memory:")
    assert raw.execute("SELECT 'Әзірлеуші' LIKE '%әзірлеуші%'").fetchone() == (0,)  # SQLite's own: ASCII only
    fold_case_in_like(sender=None, connection=SimpleNamespace(vendor="sqlite", connection=raw))
    found = raw.execute("SELECT 'Әзірлеуші' LIKE '%әзірлеуші%', 'ӘЗІРЛЕУШІ' LIKE 'әзір!%%' ESCAPE '!'").fetchone()
    assert found == (1, 0)


def test_django_connects_the_fold_to_every_new_connection():
    receivers = [r for r in connection_created._live_receivers(None)[0] if r is fold_case_in_like]
    assert receivers
