"""The layers point one way, and the rule holds by itself: a forbidden import fails here.

``cards -> standards``, ``importers -> cards, standards``, ``api -> cards, standards,
importers.export``; ``standards`` imports nothing of ``cards``; neither imports ``importers``;
nothing imports ``api`` (registry's URLconf names it in strings); the parser and the readers import no Django and no
app; production code imports nothing from ``bench/``. Every import statement counts, those
inside functions too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PURE_IMPORTERS = [
    "importers/parser.py",
    "importers/text.py",
    "importers/labels.py",
    "importers/records.py",
    "importers/tokens.py",
    "importers/pipeline.py",
    "importers/passport.py",
    "importers/reconcile.py",  # the three-way re-import's decisions (--- Editorial workflow)
    "importers/readers/",
]

# (files, what they must not import, why)
RULES = [
    (
        ["standards/"],
        ["cards", "importers", "api", "bench"],
        "standards is the bottom layer: cards -> standards, one way",
    ),
    (["cards/"], ["importers", "api", "bench"], "the importer builds on cards and standards, not the other way"),
    (["importers/"], ["api", "bench"], "the public API reads the importer's export; the importer knows no API"),
    (
        ["api/"],
        ["bench", "importers.service", "importers.load", "importers.link", "importers.pipeline", "importers.parser"],
        "the API sits on cards and standards and reads importers.export only: it never writes content",
    ),
    (["registry/"], ["importers", "api", "bench"], "the project package wires apps; benchmarks stay in bench/"),
    (PURE_IMPORTERS, ["django", "cards", "standards"], "parsers and readers are pure: bytes in, records out"),
    (
        ["matching/"],
        ["django", "standards", "importers", "bench", "api", "cards.models", "cards.search", "cards.matching"],
        "the matching engine is pure: it reuses only the pure cards modules (kazakh, compare, identity)",
    ),
    (["standards/", "importers/", "registry/"], ["matching"], "only cards' adapter (and the API) use the engine"),
]


def imported_modules(source: str, module: str = "") -> set[str]:
    """Every module an import statement of ``source`` names, relative imports resolved against ``module``."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")[: -node.level]
                base = ".".join([*package, base] if base else package)
            found.add(base)
    return found


def violations(path: Path, source: str, forbidden: list[str]) -> list[str]:
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return sorted(
        f"{path.relative_to(ROOT)} imports {name}"
        for name in imported_modules(source, module)
        if any(name == top or name.startswith(top + ".") for top in forbidden)
    )


def files_of(patterns: list[str]) -> list[Path]:
    files = []
    for pattern in patterns:
        target = ROOT / pattern
        files += sorted(target.rglob("*.py")) if pattern.endswith("/") else [target]
    return files


@pytest.mark.parametrize(("patterns", "forbidden", "why"), RULES, ids=[rule[2] for rule in RULES])
def test_no_module_imports_across_a_layer_boundary(patterns, forbidden, why):
    found = [v for path in files_of(patterns) for v in violations(path, path.read_text(encoding="utf-8"), forbidden)]
    assert found == [], f"{why}:\n" + "\n".join(found)


def test_the_check_sees_a_forbidden_import_inside_a_function_and_a_relative_one():
    source = "def f():\n    from cards.models import ProfessionCard\nfrom ..cards import views\n"
    assert violations(ROOT / "standards/views_example.py", source, ["cards"]) == [
        "standards/views_example.py imports cards",
        "standards/views_example.py imports cards.models",
    ]
    assert violations(ROOT / "standards/ok.py", "from standards.models import Standard\n", ["cards"]) == []


def test_the_pure_modules_load_no_django_when_imported():
    code = (
        "import sys, pkgutil, importlib, importers.readers as r\n"
        "import importers.parser, importers.pipeline, importers.passport, importers.text, importers.labels\n"
        "import importers.records, importers.tokens, cards.compare, cards.identity, cards.kazakh\n"
        "import matching.text, matching.corpus, matching.engine\n"
        "for m in pkgutil.iter_modules(r.__path__): importlib.import_module('importers.readers.' + m.name)\n"
        "print(sorted(n for n in sys.modules if n == 'django' or n.startswith('django.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
