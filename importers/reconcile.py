"""The three-way re-import: what the last import read, what the database holds now, what the new file says.

Pure: plain dicts in, a :class:`Plan` out; no Django. :mod:`importers.load` builds the three versions
of a document's elements and applies the plan; the admin upload previews it.

An *element* is one row a document's import writes (an edition, a card, a labour function, a skill, an
ability, a knowledge item, a related-profession row), named by its key in the document: ``e1/c3/f2/s1/a4``
is ability 4 of skill 1 of labour function 2 of card 3 of edition 1 (positions, as the file numbers them).
Its *values* are the fields an editor may correct, as stored (strings, numbers, lists).

For each field of each element, with ``base`` what the last import read from its file, ``mine`` what
the database holds and ``theirs`` what the new file says:

* ``mine == theirs``: nothing to do;
* ``mine == base`` (not edited by hand): the file's value is written (**updated**);
* ``theirs == base`` (edited by hand, unchanged in the file): the edit stays (**kept**);
* otherwise both changed it: a **conflict**. With no preference it is listed for an editor and the
  edit stays meanwhile; ``prefer="file"`` writes the file's value, ``prefer="edits"`` keeps the edit.

Whole elements follow the same rule: one the file adds is **added**; one the file drops is **removed**
unless edited by hand (then a conflict on the element, ``field == ""``); one deleted by hand stays
deleted unless the file changed it (a conflict). The descendants of an element that goes are not
decided (they go with it); those of an element kept against the file's removal are kept.

The plan's ``snapshot`` is the next import's ``base``: the file's values, except where a conflict is
left open (there the old base stays, so the same file raises the same conflict again, never a silent
decision).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

UPDATED, KEPT, CONFLICT, ADDED, REMOVED = "updated", "kept", "conflict", "added", "removed"
PREFERENCES = (None, "file", "edits")
KINDS = {
    "e": "edition",
    "c": "card",
    "f": "function",
    "s": "skill",
    "a": "ability",
    "k": "knowledge",
    "r": "related",
}
_MISSING = object()


def kind_of(key: str) -> str:
    """``"skill"`` for ``e1/c3/f2/s1``."""
    return KINDS[key.rsplit("/", 1)[-1][0]]


def parent_of(key: str) -> str:
    return key.rsplit("/", 1)[0] if "/" in key else ""


def position_of(key: str) -> int:
    return int(key.rsplit("/", 1)[-1][1:])


def _ancestors(key: str):
    while "/" in key:
        key = key.rsplit("/", 1)[0]
        yield key


def _order(key: str) -> tuple:
    """Parents before children; siblings by kind and position."""
    return tuple((part[0], int(part[1:])) for part in key.split("/"))


@dataclass(frozen=True)
class Decision:
    """One decided field (or whole element, ``field == ""``) of one element."""

    key: str
    field: str
    outcome: str  # UPDATED, KEPT, CONFLICT, ADDED, REMOVED
    base: object = None
    mine: object = None
    theirs: object = None
    resolution: str = ""  # for a conflict: "file" or "mine" when a preference decided it, else ""

    @property
    def kind(self) -> str:
        return kind_of(self.key)


@dataclass
class Plan:
    create: dict[str, dict] = field(default_factory=dict)  # key -> values, parents first
    update: dict[str, dict] = field(default_factory=dict)  # key -> {field: new value}
    delete: list[str] = field(default_factory=list)  # the topmost keys to delete (descendants go with them)
    decisions: list[Decision] = field(default_factory=list)
    snapshot: dict[str, dict] = field(default_factory=dict)

    @property
    def counts(self) -> Counter:
        return Counter(d.outcome for d in self.decisions)

    @property
    def conflicts(self) -> list[Decision]:
        return [d for d in self.decisions if d.outcome == CONFLICT]

    @property
    def open_conflicts(self) -> list[Decision]:
        return [d for d in self.conflicts if not d.resolution]

    @property
    def changes_anything(self) -> bool:
        return bool(self.create or self.update or self.delete)


def reconcile(base: dict[str, dict], mine: dict[str, dict], theirs: dict[str, dict], prefer: str | None = None) -> Plan:
    """Decide every element and field of one document (see the module's docstring)."""
    if prefer not in PREFERENCES:
        raise ValueError(f"prefer must be one of {PREFERENCES}, not {prefer!r}")
    plan = Plan()
    gone: set[str] = set()  # elements that will not exist after the import
    held: set[str] = set()  # elements kept although the file removed them
    for key in sorted(set(base) | set(mine) | set(theirs), key=_order):
        b, m, t = base.get(key), mine.get(key), theirs.get(key)
        ancestors = set(_ancestors(key))
        if ancestors & gone:
            gone.add(key)
            if t is not None:
                plan.snapshot[key] = t
            continue
        if m is None and t is None:
            gone.add(key)
        elif m is None:
            _absent_here(plan, key, b, t, prefer, gone)
        elif t is None:
            if ancestors & held and (b is None or m == b):
                continue  # kept with the ancestor the editor kept
            _absent_there(plan, key, b, m, prefer, gone, held)
        else:
            _both(plan, key, b, m, t, prefer)
    return plan


def _absent_here(plan: Plan, key: str, b, t, prefer, gone: set) -> None:
    """In the file, not in the database: new, or deleted by hand."""
    if b is None:
        plan.create[key] = t
        plan.decisions.append(Decision(key, "", ADDED, theirs=t))
        plan.snapshot[key] = t
        return
    if t == b:
        plan.decisions.append(Decision(key, "", KEPT, base=b, theirs=t))
        plan.snapshot[key] = t
        gone.add(key)
        return
    resolution = {"file": "file", "edits": "mine"}.get(prefer, "")
    plan.decisions.append(Decision(key, "", CONFLICT, base=b, theirs=t, resolution=resolution))
    if resolution == "file":
        plan.create[key] = t
    else:
        gone.add(key)
    plan.snapshot[key] = t if resolution else b


def _absent_there(plan: Plan, key: str, b, m, prefer, gone: set, held: set) -> None:
    """In the database, not in the file: dropped by the file, or added by hand."""
    if b is None:
        plan.decisions.append(Decision(key, "", KEPT, mine=m))  # added by hand, no file ever had it
        held.add(key)
        return
    if m == b:
        plan.delete.append(key)
        plan.decisions.append(Decision(key, "", REMOVED, base=b, mine=m))
        gone.add(key)
        return
    resolution = {"file": "file", "edits": "mine"}.get(prefer, "")
    plan.decisions.append(Decision(key, "", CONFLICT, base=b, mine=m, resolution=resolution))
    if resolution == "file":
        plan.delete.append(key)
        gone.add(key)
        return
    held.add(key)
    if not resolution:
        plan.snapshot[key] = b


def _both(plan: Plan, key: str, b, m, t, prefer) -> None:
    snapshot = {}
    for name, theirs in t.items():
        mine = m.get(name, _MISSING)
        base = b.get(name, _MISSING) if b is not None else _MISSING
        if mine == theirs:
            snapshot[name] = theirs
        elif base is not _MISSING and mine == base:
            plan.update.setdefault(key, {})[name] = theirs
            plan.decisions.append(Decision(key, name, UPDATED, base, mine, theirs))
            snapshot[name] = theirs
        elif base is not _MISSING and theirs == base:
            plan.decisions.append(Decision(key, name, KEPT, base, mine, theirs))
            snapshot[name] = theirs
        else:
            base_value = None if base is _MISSING else base
            mine_value = None if mine is _MISSING else mine
            resolution = {"file": "file", "edits": "mine"}.get(prefer, "")
            plan.decisions.append(Decision(key, name, CONFLICT, base_value, mine_value, theirs, resolution))
            if resolution == "file":
                plan.update.setdefault(key, {})[name] = theirs
            if resolution:
                snapshot[name] = theirs
            elif base is not _MISSING:
                snapshot[name] = base
    plan.snapshot[key] = snapshot
