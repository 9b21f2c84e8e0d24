"""Shared by the matching tests: the fixture texts and the registry's index built from the test database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "match"


def manifest() -> list[dict]:
    return json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))


def fixture_text(unit: str, language: str) -> str:
    entry = next(e for e in manifest() if e["card"] == unit and e["language"] == language)
    return (FIXTURES / entry["file"]).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def index(registry, django_db_blocker):
    """The bundled orders' in-force cards as the engine's index (cards.matching.registry_corpus)."""
    from cards import matching

    with django_db_blocker.unblock():
        matching._cached.clear()
        yield matching.registry_corpus()
        matching._cached.clear()
