"""A hostile copy of a bundled order: its real text with attack payloads planted in the fields.

Each payload is appended to (or, for the spreadsheet formulas, put in front of) a real text of the
order that the parser reads as a field: card titles, the purpose, labour functions, skills,
abilities, knowledge items, related professions, the standard's title. Every script payload sets
``window.hostileFlag``, so a page on which one ran is caught by reading that flag (and by a dialog,
for the ``alert`` ones). ``planted()`` says which payloads landed in which field of the parsed copy,
so a test can prove it looked at pages that really carry them: each payload is planted where the
parsed copy carries it as written (a field read from a line the parser takes it from), so all of them
land.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from importers.pipeline import parse_bytes

ROOT = Path(__file__).resolve().parents[2]
ORIGINAL = ROOT / "fixtures" / "orders" / "standard-J63991041-v2-2022-kk.txt"
FILE_NAME = "hostile-" + ORIGINAL.name

LONG_WORD = "Инфрақұрылым" * 834  # 10,008 letters, no space to break at
# Payloads that reach a field as written (no tag: the readers drop tags, and ``__`` and ``*``, which
# they read as emphasis): they attack the attribute, URL and script contexts a page could put them in.
SCRIPT_PAYLOADS = [
    '" onmouseover="window.hostileFlag=\'attr\'" autofocus onfocus="window.hostileFlag=\'focus\'" x="',
    "' onerror='window.hostileFlag=1' x='",
    "javascript:window.hostileFlag='js-url'",
    "');window.hostileFlag='js-string';//",
    "&lt;script&gt;window.hostileFlag='entity'&lt;/script&gt;",
    "{{ 7|add:7 }}{% now 'Y' %}",
]
# Real markup: where the readers keep it (the order's own text carries tags), the pages must escape it.
TAG_PAYLOADS = [
    "<script>window.hostileFlag='script'</script>",
    '"><img src=x onerror="window.hostileFlag=\'img\'">',
    "<svg/onload=alert(1)>",
]
TEXT_PAYLOADS = [
    "\u202eexe.txt",  # RTL override: the rest of the line reads backwards
    "Инфра\u200bқұры\u200dлым\ufeff",  # zero-width space, joiner, BOM
    "Jаvа Sсript Ј063",  # Cyrillic а, с and Ј among Latin letters
    LONG_WORD,
]
TITLE_FORMULA = "@IMPORTXML(1)"
ITEMS = ("ability", "knowledge", "skill")  # the fields the ladder's CSV and the downloads list as cells
FORMULAS = ['=HYPERLINK("http://evil.example/","click")', "=1+2", "+1+1", "-2+3", "@SUM(1+1)"]


@dataclass
class Planted:
    field: str
    original: str
    payload: str


def _targets(record) -> list[tuple[str, str]]:
    """(field, text) of the original's fields, in reading order, texts that fit on one line."""
    edition = record.editions[0]
    found = [("standard title", edition.title)]
    for card in edition.cards:
        found.append(("card title", card.title))
        found.append(("purpose", card.purpose))
        for related in card.related:
            found.append(("related profession", related.title))
        for function in card.labour_functions:
            found.append(("labour function", function.title))
            for skill in function.skills:
                found.append(("skill", skill.title))
                found += [("ability", text) for text in skill.abilities]
                found += [("knowledge", text) for text in skill.knowledge]
    return [(field, text) for field, text in found if text and "\n" not in text and len(text) > 12]


def hostile_copy() -> tuple[bytes, list[Planted]]:
    """The order's text with every payload planted once into a different field (formulas first in theirs)."""
    original = ORIGINAL.read_bytes()
    text = original.decode("utf-8")
    targets = _targets(parse_bytes(original, ORIGINAL.name))
    planted: list[Planted] = []
    used: set[str] = set()
    payloads = [(TITLE_FORMULA, True, ("card title",)), (LONG_WORD, False, ("knowledge",))]
    payloads += [(p, False, None) for p in SCRIPT_PAYLOADS + TAG_PAYLOADS]
    payloads += [(p, False, ITEMS) for p in TEXT_PAYLOADS if p != LONG_WORD] + [(f, True, ITEMS) for f in FORMULAS]
    # Spread the payloads over the kinds of field: one field of each kind in turn.
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for target in dict.fromkeys(targets):
        by_kind.setdefault(target[0], []).append(target)
    queue = [t for round_ in itertools.zip_longest(*by_kind.values()) for t in round_ if t]
    for payload, in_front, fields in payloads:
        fallback = None
        for field, original_text in queue:
            if original_text in used or original_text not in text or (fields and field not in fields):
                continue
            new = f"{payload} {original_text}" if in_front else f"{original_text} {payload}"
            candidate = text.replace(original_text, new)  # every occurrence: a title in the passport and the card
            fallback = fallback or (candidate, field, original_text)
            if _lands(candidate, payload):
                break
            # Not read into a field from this line (a title wrapped in the card, a tag the readers drop): the next.
        else:
            if payload not in TAG_PAYLOADS or fallback is None:
                raise AssertionError(f"no field of {ORIGINAL.name} carries {payload!r} once planted")
            candidate, field, original_text = fallback  # markup the readers strip wherever it stands
        text = candidate
        used.add(original_text)
        planted.append(Planted(field, original_text, payload))
    return text.encode("utf-8"), planted


def _lands(text: str, payload: str) -> bool:
    """Whether the parsed text carries the payload, as written, in one of its fields."""
    return payload in field_texts(parse_bytes(text.encode("utf-8"), ORIGINAL.name))


def write_hostile_copy(directory: Path) -> tuple[Path, list[Planted]]:
    data, planted = hostile_copy()
    path = directory / FILE_NAME
    path.write_bytes(data)
    return path, planted


def field_texts(record) -> str:
    return "\n".join(text for _, text in _targets(record))


def planted_in(record) -> set[str]:
    """The payloads that the parsed copy carries, as written, in some field."""
    joined = field_texts(record)
    return {p for p in [*SCRIPT_PAYLOADS, *TAG_PAYLOADS, *TEXT_PAYLOADS, *FORMULAS, TITLE_FORMULA] if p in joined}
