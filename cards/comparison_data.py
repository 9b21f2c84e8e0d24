"""Reads for the comparison pages: card references, cards with their trees, level ladders.

Every function here runs a fixed number of queries whatever the cards' size, and
hands the pure :mod:`cards.compare` module plain :class:`~cards.compare.CardTree` data.

A card reference, as typed in ``?cards=`` (codes case-insensitive):

- ``J068/1``: the in-force card at position 1 of J068, in the page language where it
  exists, else in the other one (the content-language rule of ``current_card``);
- ``J068/1@ru``: the same card, in Russian explicitly;
- ``J071/2022-kk/4``: card 4 of the superseded edition ``2022-kk`` of J071.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import reduce
from itertools import pairwise
from operator import or_

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils.translation import gettext as _

from cards import compare
from cards.compare import Alignment, CardTree, FunctionNode, SkillNode, align_cards
from cards.identity import card_reference
from cards.models import Ability, Knowledge, LabourFunction, ProfessionCard, Skill
from standards.models import Edition

MIN_CARDS, MAX_CARDS = 2, 4
LANGUAGES = ("kk", "ru")

_REFERENCE = re.compile(
    r"^(?P<code>[A-Za-z0-9]+)/(?:(?P<key>[A-Za-z0-9-]+)/)?(?P<position>\d{1,3})(?:@(?P<language>[A-Za-z]{2}))?$"
)


class CardReferenceError(ValueError):
    """A ``?cards=`` value the page cannot show; the message is for the reader."""


@dataclass(frozen=True)
class CardReference:
    code: str
    position: int
    language: str = ""  # "" = the page language where it exists
    edition_key: str = ""  # "" = the in-force edition

    def __str__(self) -> str:
        if self.edition_key:
            return f"{self.code}/{self.edition_key}/{self.position}"
        return f"{self.code}/{self.position}" + (f"@{self.language}" if self.language else "")


def parse_references(values: list[str]) -> list[CardReference]:
    """Parse ``?cards=`` values (each comma-separated) into 2 to 4 references.

    Raises :class:`CardReferenceError` with a message for the page.
    """
    parts = [part.strip() for value in values for part in value.replace(";", ",").split(",") if part.strip()]
    references = []
    for part in parts:
        match = _REFERENCE.match(part.replace(" ", ""))
        if not match:
            raise CardReferenceError(_("“%(part)s” is not a card reference such as J068/1.") % {"part": part})
        language = (match["language"] or "").lower()
        if language and language not in LANGUAGES:
            raise CardReferenceError(_("“%(part)s”: the language must be kk or ru.") % {"part": part})
        references.append(
            CardReference(match["code"].upper(), int(match["position"]), language, (match["key"] or "").lower())
        )
    if len(references) < MIN_CARDS:
        raise CardReferenceError(_("Choose at least two cards to compare."))
    if len(references) > MAX_CARDS:
        raise CardReferenceError(_("At most four cards can be compared at once; you chose %(n)d.") % {"n": len(parts)})
    return references


def tree_prefetches() -> list[Prefetch]:
    """Prefetch a card's function tree in four queries, loading only what the comparison reads."""
    return [
        Prefetch(
            "labour_functions",
            LabourFunction.objects.only("card_id", "position", "number", "title", "kind").order_by("position"),
        ),
        Prefetch(
            "labour_functions__skills",
            Skill.objects.only("labour_function_id", "position", "number", "title").order_by("position"),
        ),
        Prefetch("labour_functions__skills__abilities", Ability.objects.only("skill_id", "position", "text")),
        Prefetch("labour_functions__skills__knowledge_items", Knowledge.objects.only("skill_id", "position", "text")),
    ]


def cards_by_reference(references: list[CardReference], language: str) -> list[ProfessionCard]:
    """The cards the references name, with their trees: five queries in all.

    Raises :class:`CardReferenceError` naming the first reference without a card.
    """
    conditions = []
    for ref in references:
        where = Q(edition__standard__code__iexact=ref.code, position=ref.position)
        if ref.edition_key:
            where &= Q(edition__key=ref.edition_key)
        else:
            where &= Q(edition__status=Edition.Status.IN_FORCE)
        conditions.append(where)
    candidates = list(
        ProfessionCard.objects.filter(reduce(or_, conditions)).select_related(
            "edition__standard", "edition__document", "occupation"
        )
    )
    chosen = []
    for ref in references:
        matching = [c for c in candidates if _names(ref, c)]
        if ref.language:
            matching = [c for c in matching if c.edition.language == ref.language]
        if not matching:
            raise CardReferenceError(_("There is no card %(ref)s.") % {"ref": ref})
        # The page language first, as current_card does.
        matching.sort(key=lambda c: c.edition.language != language)
        chosen.append(matching[0])
    # Trees of the chosen cards only (not of the other-language candidates), in four queries.
    prefetch_related_objects(chosen, *tree_prefetches())
    return chosen


def _names(ref: CardReference, card: ProfessionCard) -> bool:
    edition = card.edition
    if edition.standard.code.upper() != ref.code or card.position != ref.position:
        return False
    if ref.edition_key:
        return edition.key == ref.edition_key
    return edition.status == Edition.Status.IN_FORCE


def card_tree(card: ProfessionCard, label: str = "") -> CardTree:
    """Convert a card with a prefetched tree into the pure structure. Runs no query."""
    return CardTree(
        functions=tuple(
            FunctionNode(
                f.title,
                tuple(
                    SkillNode(
                        s.title,
                        tuple(a.text for a in s.abilities.all()),
                        tuple(k.text for k in s.knowledge_items.all()),
                        s.number or s.position,
                    )
                    for s in f.skills.all()
                ),
                f.number or f.position,
                f.kind,
            )
            for f in card.labour_functions.all()
        ),
        language=card.edition.language,
        label=label or card_label(card),
    )


def align_loaded_cards(*cards: ProfessionCard, method: str | None = None) -> Alignment:
    """Align cards whose trees are prefetched (e.g. ``tree_changes`` of ``cards.changes``). Runs no query.

    ``method`` as in :func:`cards.compare.align_cards`: by default by text when the cards
    share a language, by position when they do not.
    """
    return align_cards([card_tree(card) for card in cards], method)


def card_label(card: ProfessionCard) -> str:
    """A short name of the card for column headers and markings, in words a reader knows:
    ``J068/2 · Russian text · level 7``; a superseded edition's card adds the edition's version
    and year (``J071/4 · version 2, 2022 · Kazakh text``). No language code, no edition key;
    reads only the card's edition."""
    edition = card.edition
    parts = [f"{edition.standard.code}/{card.position}"]
    if edition.status == Edition.Status.SUPERSEDED:
        parts.append(edition.version_label())
    parts.append(edition.language_text())
    if card.level:
        parts.append(_("level %(level)s") % {"level": card.level})
    return " · ".join(parts)


# --- the level ladder ----------------------------------------------------------------------------


def ladder_cards(card: ProfessionCard) -> list[ProfessionCard]:
    """The levels of ``card``'s profession in its edition, lowest first, with their trees. Five queries."""
    queryset = ProfessionCard.objects.select_related("edition__standard", "edition__document")
    return queryset.prefetch_related(*tree_prefetches()).ladder_of(card)


def ladder_steps(cards) -> list[dict]:
    """For each step up the ladder: the two cards, the counts, what is new and what is no longer listed."""
    steps = []
    for before, after in pairwise(cards):
        alignment = compare.align_cards([card_tree(before), card_tree(after)], compare.TEXT)
        changes = compare.changes(alignment, reworded=False)
        steps.append(
            {
                "before": before,
                "after": after,
                "counts": compare.summarise(alignment)[0].rows(),
                "added": [c for c in changes if c.change == compare.ADDED],
                "removed": [c for c in changes if c.change == compare.REMOVED],
                "references": f"{card_reference(before)},{card_reference(after)}",
            }
        )
    return steps
