"""What changed between a standard's editions.

One read in a fixed number of queries, :func:`changes_of_standard` (the edition-changes
page), returning plain dataclasses the template walks. The pure half
(:func:`pair_editions`) takes loaded cards and touches no database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from cards import compare
from cards.comparison_data import card_tree, tree_prefetches
from cards.identity import card_reference, normalise_name, profession_key
from cards.models import ProfessionCard
from standards.models import Edition, Standard


@dataclass
class TreeChange:
    """A labour function or skill added, removed or reworded from the old card to the new one."""

    change: str  # "added", "removed", "changed"
    kind: str  # "function" or "skill"
    text: str
    function: str = ""  # for a skill: the title of its function
    old_text: str = ""
    segments: tuple = ()  # for "changed": the word diff of old_text against text
    skills: int = 0  # for an added or removed function: how many skills come or go with it


@dataclass
class TreeChanges:
    counts: dict  # compare.Counts by kind: "function", "skill", "ability", "knowledge"
    items: list[TreeChange]


def tree_changes(old: ProfessionCard, new: ProfessionCard) -> TreeChanges:
    """The functions and skills added, removed or reworded from ``old`` to ``new``, aligned by
    cards/compare.py; abilities and knowledge items are counted, not listed.

    A skill of an added or removed function is not listed again: the function row says how
    many skills it brings or takes.
    """
    alignment = compare.align_cards([card_tree(old), card_tree(new)], method=compare.TEXT)
    counts = compare.summarise(alignment)[0].counts
    items: list[TreeChange] = []
    whole = {}  # function title -> its row in items, for functions added or removed whole
    for change in compare.changes(alignment):
        if change.kind == "function":
            item = TreeChange(change.change, "function", change.text, old_text=change.old_text)
            if change.change != compare.CHANGED:
                whole[(change.change, change.text)] = item
        elif change.kind == "skill":
            parent = whole.get((change.change, change.function))
            if parent is not None:
                parent.skills += 1
                continue
            item = TreeChange(change.change, "skill", change.text, change.function, change.old_text)
        else:
            continue
        if item.change == compare.CHANGED:
            item.segments = compare.word_diff(item.old_text, item.text)
        items.append(item)
    return TreeChanges(counts, items)


@dataclass
class KeptCard:
    """A card of the old edition that lives on in the new one (the importer's predecessor link)."""

    old: ProfessionCard
    new: ProfessionCard
    tree: TreeChanges | None = None

    @property
    def renamed(self) -> bool:
        return normalise_name(self.old.title) != normalise_name(self.new.title)

    @property
    def occupation_code_changed(self) -> bool:
        return self.old.occupation_code.strip() != self.new.occupation_code.strip()

    @property
    def group_code_changed(self) -> bool:
        return self.old.group_code.strip() != self.new.group_code.strip()

    @property
    def level_changed(self) -> bool:
        return self.old.level != self.new.level

    @property
    def compare_references(self) -> str:
        """``?cards=`` of the comparison page for the two cards, each in its own language."""
        return f"{card_reference(self.old)},{card_reference(self.new)}"

    @property
    def title_segments(self) -> tuple:
        return compare.word_diff(self.old.title, self.new.title) if self.renamed else ()


@dataclass
class AddedCard:
    """A card of the new edition without a predecessor in the old one."""

    card: ProfessionCard
    old_levels: list[int] = field(default_factory=list)  # levels of the same occupation in the old edition

    @property
    def is_new_level(self) -> bool:
        """The occupation was there before, only at other levels: the edition added a level to it."""
        return bool(self.old_levels)


@dataclass
class EditionChanges:
    old_edition: Edition
    new_edition: Edition | None
    kept: list[KeptCard] = field(default_factory=list)
    added: list[AddedCard] = field(default_factory=list)
    dropped: list[ProfessionCard] = field(default_factory=list)
    old_count: int = 0
    new_count: int = 0

    @property
    def editions(self) -> tuple[Edition, Edition | None]:
        return (self.old_edition, self.new_edition)

    @property
    def renamed(self) -> list[KeptCard]:
        return [k for k in self.kept if k.renamed]

    @property
    def occupation_code_changes(self) -> list[KeptCard]:
        return [k for k in self.kept if k.occupation_code_changed]

    @property
    def group_code_changes(self) -> list[KeptCard]:
        return [k for k in self.kept if k.group_code_changed]

    @property
    def new_levels(self) -> list[AddedCard]:
        return [a for a in self.added if a.is_new_level]


def pair_editions(
    old_edition: Edition, new_edition: Edition | None, old_cards: list, new_cards: list
) -> EditionChanges:
    """Sort two editions' cards into kept, added and dropped by the predecessor links.

    Pure: reads ``card.predecessor_id`` only. A kept card appears once per successor
    (an old card split in two is kept twice); an added card records the levels at
    which its occupation existed in the old edition, which makes it a new level.
    """
    old_by_pk = {c.pk: c for c in old_cards}
    changes = EditionChanges(old_edition, new_edition, old_count=len(old_cards), new_count=len(new_cards))
    succeeded = set()
    old_levels = defaultdict(set)
    for card in old_cards:
        if card.level is not None:
            old_levels[profession_key(card)].add(card.level)
    for card in sorted(new_cards, key=lambda c: c.position):
        old = old_by_pk.get(card.predecessor_id)
        if old is not None:
            succeeded.add(old.pk)
            changes.kept.append(KeptCard(old, card))
        else:
            levels = old_levels.get(profession_key(card), set()) - {card.level}
            changes.added.append(AddedCard(card, sorted(levels)))
    changes.dropped = sorted((c for c in old_cards if c.pk not in succeeded), key=lambda c: c.position)
    return changes


def counterpart_edition(old_edition: Edition, in_force: list[Edition]) -> Edition | None:
    """The in-force edition to compare ``old_edition`` with: the same language, else any."""
    same_language = [e for e in in_force if e.language == old_edition.language]
    return (same_language or in_force or [None])[0]


def changes_of_standard(standard: Standard) -> list[EditionChanges]:
    """The changes from each superseded edition of ``standard`` to its in-force text,
    with each kept card's functions and skills aligned (:func:`tree_changes`).

    Six queries (editions, cards, the four levels of their trees), whatever the number of cards.
    """
    editions = list(Edition.objects.filter(standard=standard).select_related("standard", "document"))
    superseded = [e for e in editions if e.status == Edition.Status.SUPERSEDED]
    if not superseded:
        return []
    in_force = [e for e in editions if e.status == Edition.Status.IN_FORCE]
    pairs = [(old, counterpart_edition(old, in_force)) for old in superseded]
    wanted = {e.pk for pair in pairs for e in pair if e is not None}
    by_edition = defaultdict(list)
    cards = ProfessionCard.objects.filter(edition__in=wanted).select_related("edition__standard")
    for card in cards.prefetch_related(*tree_prefetches()):
        by_edition[card.edition_id].append(card)
    result = []
    for old, new in pairs:
        changes = pair_editions(old, new, by_edition[old.pk], by_edition[new.pk] if new else [])
        for kept in changes.kept:
            kept.tree = tree_changes(kept.old, kept.new)
        result.append(changes)
    return result
