"""The matching engine's registry (:mod:`matching`), built from the database once per content revision.

:func:`registry_corpus` reads every in-force card's tree (five queries) into the engine's plain
:class:`~matching.corpus.CardText` trees and indexes them; the index is kept in this process under
the content revision it was built from (:func:`standards.revision.current_revision`, one single-row
query per call), so an import or an admin edit, which bump the revision, make every app server
rebuild it on its next match: no process ever serves a stale registry, and none has to be told.
:func:`match_text` runs a match; :func:`coverage_rows` flattens a card's coverage for the downloads.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from cards.models import ProfessionCard
from cards.search.query import RU_TO_KK
from matching import corpus as engine_corpus
from matching import engine
from standards.revision import current_revision

_lock = threading.Lock()
_cached: dict[str, object] = {}


@dataclass
class Registry:
    """The index and, per card of it, the database row (``edition__standard`` loaded)."""

    revision: int
    corpus: engine_corpus.Corpus
    rows: list[ProfessionCard]

    def card(self, c: int) -> ProfessionCard:
        return self.rows[c]

    def find(self, unit: str, language: str) -> int | None:
        """The corpus index of unit ``J070/3``'s text in ``language``, else in the other language."""
        by_language = self.corpus.by_unit.get(unit)
        if not by_language:
            return None
        return by_language.get(language, next(iter(by_language.values())))


def unit_of(card: ProfessionCard) -> str:
    return f"{card.edition.standard.code}/{card.position}"


def card_text(card: ProfessionCard) -> engine_corpus.CardText:
    return engine_corpus.CardText(
        unit=unit_of(card),
        language=card.edition.language,
        title=card.title,
        level=card.level,
        standard=card.edition.standard.code,
        functions=tuple(
            engine_corpus.FunctionText(
                function.number or function.position,
                function.title,
                tuple(
                    engine_corpus.SkillText(
                        skill.number or skill.position,
                        skill.title,
                        tuple(item.text for item in skill.abilities.all()),
                        tuple(item.text for item in skill.knowledge_items.all()),
                    )
                    for skill in function.skills.all()
                ),
            )
            for function in card.labour_functions.all()
        ),
    )


def build_registry(revision: int) -> Registry:
    rows = list(
        ProfessionCard.objects.in_force()
        .select_related("edition__standard")
        .prefetch_related("labour_functions__skills__abilities", "labour_functions__skills__knowledge_items")
        .order_by("edition__standard__code", "position", "edition__language")
    )
    return Registry(revision, engine_corpus.Corpus([card_text(card) for card in rows], glossary=RU_TO_KK), rows)


def registry_corpus() -> Registry:
    """The index of the registry as it is now (rebuilt when the content revision has moved)."""
    revision = current_revision()
    registry = _cached.get("registry")
    if registry is not None and registry.revision == revision:
        return registry
    with _lock:
        registry = _cached.get("registry")
        if registry is None or registry.revision != revision:
            registry = _cached["registry"] = build_registry(revision)
    return registry


def match_text(text: str, levels=(), standards=(), limit: int = engine.TOP) -> tuple[Registry, engine.MatchResult]:
    """Match ``text`` against the registry; raises :class:`matching.engine.MatchError`."""
    registry = registry_corpus()
    return registry, engine.match(registry.corpus, text, levels=levels, standards=standards, limit=limit)


KIND_ORDER = (engine_corpus.SKILL, engine_corpus.ABILITY, engine_corpus.KNOWLEDGE)


def coverage_rows(coverage: engine.Coverage) -> list[tuple[str, str, str, str, str, str, str]]:
    """A card's coverage as flat rows: function, skill, kind, item, mark, score, passage (raw
    values; the view translates the kind and the mark)."""
    rows = []
    for function in coverage.functions:
        for skill in function.skills:
            for item in (skill.title, *skill.abilities, *skill.knowledge):
                rows.append(
                    (
                        f"{function.number}. {function.title.text}",
                        f"{skill.number}. {skill.title.text}",
                        item.kind,
                        item.text,
                        item.mark,
                        f"{item.score:.2f}",
                        item.passage,
                    )
                )
    return rows
