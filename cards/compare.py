"""Align profession cards side by side: the comparison engine.

Pure: plain data in, plain data out, no Django (``cards.comparison_data`` loads cards
from the database and converts them). Used by the comparison page, the level ladder
and the edition-changes page.

Input: a sequence of :class:`CardTree` (2 or more; the comparison page takes 2 to 4)::

    CardTree(label="J068/1 ru", language="ru", functions=(
        FunctionNode("Реализация систем ИИ", skills=(
            SkillNode("Разработка проекта", abilities=("...",), knowledge=("...",)),
        )),
    ))

Output of :func:`align_cards`: an :class:`Alignment` with one column per card and rows
aligned by meaning. ``alignment.rows`` are labour-function rows; each :class:`Row` has
``skills`` (for a function row), ``abilities`` and ``knowledge`` (for a skill row).
A row has one ``cells`` entry per card: a :class:`Cell` (text, printed number, word
diff) or ``None`` where the card does not list the item. Its ``status`` is

- ``"common"``: every card lists it with the same text (after :func:`cards.identity.normalise_name`);
- ``"changed"``: every card lists it, the texts are close but not equal;
- ``"only"``: some cards do not list it; ``only_in`` names those that do (the texts of
  those may still differ: ``changed`` says so).

Two methods (:func:`default_method` picks one):

- ``"text"`` (cards in one language): exact matches of normalised texts first, then
  close ones (rapidfuzz ratio >= ``THRESHOLD``), one-to-one, greedily by score.
  Functions are matched across cards by title, skills within matched functions,
  abilities and knowledge within matched skills. Several cards are aligned
  progressively: card k is matched against the rows built from cards 0..k-1 (each
  row represented by its rightmost text). Output order: rows follow the first
  card's order; items only in later cards are placed after the row they follow in
  their own card. A matched item that breaks its card's order (an item moved up or
  down) stays matched and its cell is marked ``moved``.
- ``"position"`` (cards in different languages: the texts are translations): the
  n-th item of each card forms row n; rows are marked only by structure (present
  everywhere: ``"common"``; else ``"only"``), never ``"changed"``.

A changed cell carries ``segments``: its word diff against the nearest present cell
on its left, as :class:`Segment` ``(op, text)`` with op ``"equal"``, ``"insert"`` or
``"delete"``. Templates render them as ``<ins>``/``<del>`` around auto-escaped text.

Reading results: :func:`summarise` counts common / changed / added / removed items of
each kind for each step between neighbouring columns; :func:`changes` lists the items
added, removed or reworded from one column to another as flat :class:`Change` rows
(the level ladder and its CSV). :func:`match_texts` is the one-level matcher, usable
on its own (e.g. to pair card titles).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from cards.identity import normalise_name

KINDS = ("function", "skill", "ability", "knowledge")
TEXT, POSITION = "text", "position"
COMMON, CHANGED, ONLY = "common", "changed", "only"
ADDED, REMOVED = "added", "removed"

#: The least :func:`similarity` (0-100) of two normalised texts for them to count as the
#: same item reworded. Calibrated on the neighbouring levels of the bundled orders:
#: rewordings mostly score 75-100, unrelated items of one card mostly below 65, and
#: 65-75 is mixed (then the highlighted words show the reader what differs).
THRESHOLD = 72.0


# --- input ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkillNode:
    title: str
    abilities: tuple[str, ...] = ()
    knowledge: tuple[str, ...] = ()
    number: int | None = None


@dataclass(frozen=True)
class FunctionNode:
    title: str
    skills: tuple[SkillNode, ...] = ()
    number: int | None = None
    kind: str = "mandatory"


@dataclass(frozen=True)
class CardTree:
    functions: tuple[FunctionNode, ...]
    language: str = ""
    label: str = ""


# --- output --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "insert", "delete"
    text: str


@dataclass
class Cell:
    text: str
    number: int | None = None
    segments: tuple[Segment, ...] = ()  # the word diff against the nearest present cell on the left
    moved: bool = False  # out of its card's order: the item moved within its list
    key: str = ""  # the normalised text
    language: str = ""  # the card's language

    @property
    def changed(self) -> bool:
        return bool(self.segments)


@dataclass
class Row:
    kind: str  # one of KINDS
    cells: tuple[Cell | None, ...]
    labels: tuple[str, ...] = ()  # the cards' labels, for only_in
    skills: list[Row] = field(default_factory=list)
    abilities: list[Row] = field(default_factory=list)
    knowledge: list[Row] = field(default_factory=list)

    @property
    def present(self) -> tuple[bool, ...]:
        return tuple(c is not None for c in self.cells)

    @property
    def changed(self) -> bool:
        return any(c is not None and c.changed for c in self.cells)

    @cached_property
    def status(self) -> str:
        if not all(self.present):
            return ONLY
        return CHANGED if self.changed else COMMON

    @property
    def only_in(self) -> tuple[str, ...]:
        """Labels of the cards that list the item, when not all do."""
        if all(self.present):
            return ()
        return tuple(label for label, cell in zip(self.labels, self.cells, strict=True) if cell is not None)

    @property
    def children(self) -> list[Row]:
        return self.skills + self.abilities + self.knowledge

    @cached_property
    def all_common(self) -> bool:
        """Common, and so is everything under it: a row a "differences only" view can hide."""
        return self.status == COMMON and all(child.all_common for child in self.children)

    def walk(self) -> Iterator[Row]:
        """This row and every row under it, in reading order (skills, then abilities before knowledge)."""
        yield self
        for skill in self.skills:
            yield from skill.walk()
        yield from self.abilities
        yield from self.knowledge

    def text_in(self, column: int) -> str:
        cell = self.cells[column]
        return cell.text if cell is not None else ""


@dataclass
class Alignment:
    cards: tuple[CardTree, ...]
    method: str
    rows: list[Row]

    def walk(self) -> Iterator[tuple[Row, Row | None, Row | None]]:
        """Every row, depth first, with its function row and skill row (``None`` above them)."""
        for function in self.rows:
            yield function, None, None
            for skill in function.skills:
                yield skill, function, None
                for item in skill.abilities + skill.knowledge:
                    yield item, function, skill


@dataclass
class Counts:
    common: int = 0
    changed: int = 0
    added: int = 0
    removed: int = 0


@dataclass
class StepSummary:
    """What changes from column ``before`` to column ``after``, counted per kind."""

    before: int
    after: int
    counts: dict[str, Counts]  # keyed by KINDS, in that order

    def rows(self) -> list[tuple[str, Counts]]:
        return list(self.counts.items())


@dataclass(frozen=True)
class Change:
    """An item added, removed or reworded between two columns, with where it sits."""

    change: str  # "added", "removed", "changed"
    kind: str  # one of KINDS
    function: str  # the labour function's title (the item itself for a function)
    skill: str  # the skill's title ("" for a function)
    text: str  # the item's text (in the later column; in the earlier one when removed)
    old_text: str = ""  # for "changed": the earlier text


# --- text ----------------------------------------------------------------------------------------


def similarity(a: str, b: str) -> float:
    """0-100 score of two normalised texts: the better of plain and word-order-free ratios."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The words of ``new`` against ``old``: equal runs, deleted old words, inserted new ones.

    Words compare case- and punctuation-insensitively; segments carry the original words.
    """
    return _word_diff(old, new, normalise_name)


def _word_diff(old: str, new: str, fold: Callable[[str], str]) -> tuple[Segment, ...]:
    old_words, new_words = old.split(), new.split()
    matcher = SequenceMatcher(None, [fold(w) for w in old_words], [fold(w) for w in new_words], False)
    segments = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", " ".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            segments.append(Segment("delete", " ".join(old_words[i1:i2])))
        if j2 > j1:
            segments.append(Segment("insert", " ".join(new_words[j1:j2])))
    return tuple(segments)


# :func:`normalise_name` remembered for the process: folding is a pure function of the text, and the
# registry holds some 9,600 distinct item texts (660,000 characters) and fewer distinct words, so each
# is folded once, where each comparison folded its 450-odd texts anew (2 of its 13 ms). Bounded (a few
# MB at most), so texts that edits and imports replaced leave it, least recently used first.
_fold = lru_cache(maxsize=1 << 15)(normalise_name)


# --- matching ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """One output row of :func:`match_texts`: a left index, a right index, or both."""

    left: int | None
    right: int | None
    score: float = 0.0
    moved: bool = False  # matched, but against the order of the right sequence


def match_texts(left: Sequence[str], right: Sequence[str], threshold: float = THRESHOLD) -> list[Pair]:
    """Match two lists of texts one-to-one and merge them into one ordered list of pairs.

    Exact matches of :func:`cards.identity.normalise_name`-d texts come first (duplicates pair in order),
    then close ones (:func:`similarity` >= ``threshold``), best score first, nearer
    positions breaking ties. The result holds every index of both lists once, in left
    order, unmatched right items after the pair they follow in the right list
    (left-only before right-only between two pairs). Matches that cross the longest
    in-order chain of matches are kept, marked ``moved``.
    """
    return _match_keys([normalise_name(t) for t in left], [normalise_name(t) for t in right], threshold)


def _match_keys(left_keys: Sequence[str], right_keys: Sequence[str], threshold: float) -> list[Pair]:
    """:func:`match_texts` of texts already normalised."""
    n_left, n_right = len(left_keys), len(right_keys)
    # Shortcuts giving what the general case below would: nothing to match, or the same list twice.
    if not n_left or not n_right:
        return [Pair(i, None) for i in range(n_left)] + [Pair(None, j) for j in range(n_right)]
    if left_keys == right_keys:
        return [Pair(i, i, 100.0) for i in range(n_left)]
    match: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    by_text: dict[str, deque[int]] = defaultdict(deque)
    for j, key in enumerate(right_keys):
        by_text[key].append(j)
    for i, key in enumerate(left_keys):
        if by_text.get(key):
            j = by_text[key].popleft()
            match[i] = (j, 100.0)
            taken.add(j)
    free_right = [(j, b) for j, b in enumerate(right_keys) if j not in taken]
    candidates = []
    if free_right and len(match) < n_left:
        # similarity() with a cutoff: rapidfuzz skips the pairs that cannot reach it (it gives 0 for
        # them) and scores the others exactly as without one.
        cutoff = min(max(threshold, 0.0), 100.0)
        ratio, token_sort_ratio = fuzz.ratio, fuzz.token_sort_ratio
        for i, a in enumerate(left_keys):
            if i in match:
                continue
            for j, b in free_right:
                score = max(ratio(a, b, score_cutoff=cutoff), token_sort_ratio(a, b, score_cutoff=cutoff))
                if score >= threshold:
                    candidates.append((-score, abs(i - j), i, j))
    for negative_score, _, i, j in sorted(candidates):
        if i not in match and j not in taken:
            match[i] = (j, -negative_score)
            taken.add(j)
    return _merge(n_left, n_right, match)


def _in_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest chain of pairs increasing in both indices (``pairs`` sorted by left index)."""
    tails: list[int] = []  # right index ending the best chain of each length
    tail_at: list[int] = []  # index into pairs of that end
    previous = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        n = bisect_left(tails, j)
        if n == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[n], tail_at[n] = j, k
        previous[k] = tail_at[n - 1] if n else -1
    chain, k = set(), tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.add(pairs[k])
        k = previous[k]
    return chain


def _merge(n_left: int, n_right: int, match: dict[int, tuple[int, float]]) -> list[Pair]:
    pairs = sorted((i, j) for i, (j, _) in match.items())
    anchors = sorted(_in_order(pairs))
    matched_right = {j for _, j in pairs}
    out: list[Pair] = []
    next_left = next_right = 0
    for anchor_i, anchor_j in [*anchors, (n_left, n_right)]:
        # Between two anchors: the left items (a moved one brings its right partner), then the right-only ones.
        for i in range(next_left, anchor_i):
            out.append(Pair(i, match[i][0], match[i][1], moved=True) if i in match else Pair(i, None))
        out.extend(Pair(None, j) for j in range(next_right, anchor_j) if j not in matched_right)
        if anchor_i < n_left:
            out.append(Pair(anchor_i, anchor_j, match[anchor_i][1]))
        next_left, next_right = anchor_i + 1, anchor_j + 1
    return out


# --- alignment -----------------------------------------------------------------------------------


class _Node(NamedTuple):
    text: str
    key: str  # the normalised text
    number: int | None
    children: tuple[list[_Node], list[_Node], list[_Node]]  # skills, abilities, knowledge


# What lies under a row of each kind: (index into _Node.children, kind, Row attribute).
_CHILDREN = {
    "function": ((0, "skill", "skills"),),
    "skill": ((1, "ability", "abilities"), (2, "knowledge", "knowledge")),
    "ability": (),
    "knowledge": (),
}
_NONE: tuple[list[_Node], list[_Node], list[_Node]] = ([], [], [])


def _nodes(card: CardTree, fold: Callable[[str], str]) -> list[_Node]:
    return [
        _Node(
            f.title,
            fold(f.title),
            f.number,
            (
                [
                    _Node(
                        s.title,
                        fold(s.title),
                        s.number,
                        (
                            [],
                            [_Node(t, fold(t), n, _NONE) for n, t in enumerate(s.abilities, 1)],
                            [_Node(t, fold(t), n, _NONE) for n, t in enumerate(s.knowledge, 1)],
                        ),
                    )
                    for s in f.skills
                ],
                [],
                [],
            ),
        )
        for f in card.functions
    ]


def default_method(cards: Sequence[CardTree]) -> str:
    """``"position"`` when the cards are in different languages, else ``"text"``."""
    return POSITION if len({c.language for c in cards}) > 1 else TEXT


def align_cards(cards: Sequence[CardTree], method: str | None = None) -> Alignment:
    """Align the trees of ``cards`` column by column (see the module docstring)."""
    method = method or default_method(cards)
    if method not in (TEXT, POSITION):
        raise ValueError(f"unknown method {method!r}")
    labels = tuple(c.label for c in cards)
    languages = tuple(c.language for c in cards)
    rows = _align("function", [_nodes(c, _fold) for c in cards], method, labels, languages, _fold)
    return Alignment(tuple(cards), method, rows)


def _align(
    kind: str,
    columns: list[list[_Node]],
    method: str,
    labels: tuple[str, ...],
    languages: tuple[str, ...],
    fold: Callable[[str], str],
) -> list[Row]:
    if method == POSITION:
        depth = max((len(c) for c in columns), default=0)
        grid = [[(c[k], False) if k < len(c) else None for c in columns] for k in range(depth)]
    else:
        grid = _align_by_text(columns)
    by_text = method == TEXT
    children = _CHILDREN[kind]
    rows = []
    for entries in grid:
        cells: list[Cell | None] = []
        previous: Cell | None = None
        for entry, language in zip(entries, languages, strict=True):
            if entry is None:
                cells.append(None)
                continue
            node, moved = entry
            cell = Cell(node.text, node.number, moved=moved, key=node.key, language=language)
            if by_text and previous is not None and cell.key != previous.key:
                cell.segments = _word_diff(previous.text, cell.text, fold)
            cells.append(cell)
            previous = cell
        row = Row(kind, tuple(cells), labels)
        for index, child_kind, attribute in children:
            child_columns = [entry[0].children[index] if entry else [] for entry in entries]
            listing = [column for column, nodes in enumerate(child_columns) if nodes]
            if len(listing) == 1:  # one card lists these: nothing to match (often, between different professions)
                column = listing[0]
                setattr(row, attribute, _alone(child_kind, child_columns[column], column, labels, languages[column]))
            elif listing:
                setattr(row, attribute, _align(child_kind, child_columns, method, labels, languages, fold))
        rows.append(row)
    return rows


def _alone(kind: str, nodes: list[_Node], column: int, labels: tuple[str, ...], language: str) -> list[Row]:
    """What :func:`_align` gives for items that only the card of ``column`` lists: a row for each,
    and for each item under it, with one cell."""
    rows = []
    for node in nodes:
        cells: list[Cell | None] = [None] * len(labels)
        cells[column] = Cell(node.text, node.number, key=node.key, language=language)
        row = Row(kind, tuple(cells), labels)
        for index, child_kind, attribute in _CHILDREN[kind]:
            if node.children[index]:
                setattr(row, attribute, _alone(child_kind, node.children[index], column, labels, language))
        rows.append(row)
    return rows


def _align_by_text(columns: list[list[_Node]]) -> list[list[tuple[_Node, bool] | None]]:
    """Progressive alignment: each column against the rows of the columns before it."""
    grid: list[list[tuple[_Node, bool] | None]] = [[(node, False)] for node in columns[0]] if columns else []
    for k, column in enumerate(columns[1:], 1):
        if not column:  # nothing to match: every row gets an empty cell
            for row in grid:
                row.append(None)
            continue
        representatives = [next(e[0].key for e in reversed(row) if e is not None) for row in grid]
        merged = []
        for pair in _match_keys(representatives, [n.key for n in column], THRESHOLD):
            row = grid[pair.left] if pair.left is not None else [None] * k
            merged.append([*row, (column[pair.right], pair.moved) if pair.right is not None else None])
        grid = merged
    return grid


# --- reading results -----------------------------------------------------------------------------


def _step(row: Row, before: int, after: int, method: str) -> str | None:
    a, b = row.cells[before], row.cells[after]
    if a is None and b is None:
        return None
    if a is None:
        return ADDED
    if b is None:
        return REMOVED
    return COMMON if method == POSITION or a.key == b.key else CHANGED


def summarise(alignment: Alignment) -> list[StepSummary]:
    """Counts of common, changed, added and removed items per kind, for each pair of neighbouring columns."""
    steps = [
        StepSummary(before, before + 1, {kind: Counts() for kind in KINDS})
        for before in range(len(alignment.cards) - 1)
    ]
    by_position = alignment.method == POSITION
    for row, _, _ in alignment.walk():  # once, every step at each row (what _step says of it)
        cells = row.cells
        for step in steps:
            a, b = cells[step.before], cells[step.after]
            counts = step.counts[row.kind]
            if a is None:
                if b is not None:
                    counts.added += 1
            elif b is None:
                counts.removed += 1
            elif by_position or a.key == b.key:
                counts.common += 1
            else:
                counts.changed += 1
    return steps


def changes(alignment: Alignment, before: int = 0, after: int = 1, reworded: bool = True) -> list[Change]:
    """The items added, removed (and, with ``reworded``, changed) from column ``before`` to ``after``.

    In tree order. An added function brings its skills, abilities and knowledge as
    added items too, so the list is a complete plan of what is new.
    """
    result = []
    for row, function, skill in alignment.walk():
        outcome = _step(row, before, after, alignment.method)
        if outcome in (None, COMMON) or (outcome == CHANGED and not reworded):
            continue
        column = before if outcome == REMOVED else after
        result.append(
            Change(
                outcome,
                row.kind,
                (function or row).text_in(column),
                skill.text_in(column) if skill else (row.text_in(column) if row.kind == "skill" else ""),
                row.text_in(column),
                row.text_in(before) if outcome == CHANGED else "",
            )
        )
    return result
