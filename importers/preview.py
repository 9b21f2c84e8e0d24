"""What importing a file would change, computed in memory before anything is written (the admin upload).

:func:`preview_file` parses the file (pure), reads its document's rows and plans the three-way
re-import (:func:`importers.load.plan_document`), then describes the plan: standards and editions
added or removed, cards added, removed or changed with the fields decided and the element-level diff
of their labour functions and skills (the comparison engine, ``cards.compare``, on the card as it is
and as it would be), the conflicts, and the file's import issues. Reads only; applying is
:func:`importers.service.import_documents`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cards import compare
from importers.load import MODELS, DocumentPlan, plan_document, provisional_standard_code
from importers.pipeline import parse_bytes
from importers.reconcile import ADDED, CONFLICT, KEPT, REMOVED, UPDATED, Decision, kind_of, parent_of
from importers.records import DocumentRecord, ImportIssue
from standards.issue_messages import issue_message
from standards.models import Standard


def shown(value) -> str:
    """A field's value as one line of text (lists joined, an education option's parts joined)."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v not in (None, ""))
    if isinstance(value, list):
        return "; ".join(shown(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    """A decided field, ready to show: its label and the three versions."""

    decision: Decision

    @property
    def label(self) -> str:
        if not self.decision.field:
            return str(MODELS[self.decision.kind]._meta.verbose_name)
        return str(MODELS[self.decision.kind]._meta.get_field(self.decision.field).verbose_name)

    @property
    def outcome(self) -> str:
        return self.decision.outcome

    @property
    def element(self) -> str:
        return self.decision.key

    @property
    def before(self) -> str:
        return shown(self.decision.mine)

    @property
    def after(self) -> str:
        return shown(self.decision.theirs)

    @property
    def base(self) -> str:
        return shown(self.decision.base)


@dataclass
class CardPreview:
    key: str
    status: str  # "added", "removed", "changed"
    title: str
    standard: str
    position: int
    level: int | None
    fields: list[FieldChange] = field(default_factory=list)  # the card's own fields decided
    items: list[compare.Change] = field(default_factory=list)  # functions and skills added, removed, reworded
    segments: dict = field(default_factory=dict)  # index in items -> word diff of a reworded item
    counts: Counter = field(default_factory=Counter)  # decisions of the card and its tree by outcome
    conflicts: list[FieldChange] = field(default_factory=list)

    def item_rows(self):
        return [(item, self.segments.get(i, ())) for i, item in enumerate(self.items)]


@dataclass
class EditionPreview:
    key: str
    status: str  # "added", "removed", "changed", "unchanged"
    standard: str
    title: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class Preview:
    file_name: str
    sha256: str
    format: str
    language: str
    size: int
    is_new_document: bool
    standards_added: list[str]
    editions: list[EditionPreview]
    cards: list[CardPreview]
    counts: Counter
    conflicts: list[FieldChange]
    issues: list[ImportIssue]
    issue_counts: Counter

    def issue_rows(self):
        """(line, severity, message in the page language, source text) of each import issue."""
        return [
            (i.line, i.severity, issue_message(i.code, i.params or {}, fallback=i.message), i.text) for i in self.issues
        ]

    @property
    def changes_anything(self) -> bool:
        return bool(self.standards_added or self.cards or any(e.status != "unchanged" for e in self.editions))

    @property
    def cards_added(self) -> list[CardPreview]:
        return [c for c in self.cards if c.status == ADDED]

    @property
    def cards_removed(self) -> list[CardPreview]:
        return [c for c in self.cards if c.status == REMOVED]

    @property
    def cards_changed(self) -> list[CardPreview]:
        return [c for c in self.cards if c.status == "changed"]


def preview_file(path: Path | str, format_name: str | None = None) -> Preview:
    """Parse ``path`` and describe what importing it would change. Raises ``DocumentError`` (one line)."""
    path = Path(path)
    data = path.read_bytes()
    record = parse_bytes(data, path.name, format_name, sha256=hashlib.sha256(data).hexdigest())
    return describe(plan_document(record), len(data))


def describe(planned: DocumentPlan, size: int = 0) -> Preview:
    record: DocumentRecord = planned.record
    plan = planned.plan
    before = planned.current
    after = _after(planned)
    by_key: dict[str, list[Decision]] = {}
    for decision in plan.decisions:
        by_key.setdefault(decision.key, []).append(decision)
    known = set(Standard.objects.values_list("code", flat=True))
    standards_added = []
    editions = []
    for key in sorted((k for k in set(before) | set(after) if "/" not in k), key=lambda k: int(k[1:])):
        decisions = by_key.get(key, [])
        status = _status(decisions)
        extra = planned.incoming.extra.get(key)
        code = provisional_standard_code(extra["record"]) if extra else _standard_of(planned, key)
        if status == ADDED and code not in known and code not in standards_added:
            standards_added.append(code)
        values = after.get(key) or before.get(key) or {}
        fields = [FieldChange(d) for d in decisions if d.field]
        editions.append(EditionPreview(key, status, code, values.get("title", ""), fields))
    cards = []
    card_keys = sorted(
        (k for k in set(before) | set(after) if kind_of(k) == "card"),
        key=lambda k: tuple(int(p[1:]) for p in k.split("/")),
    )
    descendants: dict[str, list[Decision]] = {}
    for decision in plan.decisions:
        card_key = _card_key_of(decision.key)
        if card_key:
            descendants.setdefault(card_key, []).append(decision)
    edition_code = {e.key: e.standard for e in editions}
    before_index, after_index = _children_index(before), _children_index(after)
    for key in card_keys:
        decisions = descendants.get(key, [])
        if not decisions:
            continue
        own = by_key.get(key, [])
        whole = next((d for d in own if not d.field), None)
        if whole is not None and whole.outcome in (ADDED, REMOVED):
            status = whole.outcome
        else:
            status = "changed"
        values = after.get(key) or before.get(key)
        card = CardPreview(
            key,
            status,
            values["title"],
            edition_code.get(parent_of(key), ""),
            int(key.rsplit("/c", 1)[1]),
            values.get("level"),
            fields=[FieldChange(d) for d in own if d.field],
            counts=Counter(d.outcome for d in decisions),
            conflicts=[FieldChange(d) for d in decisions if d.outcome == CONFLICT],
        )
        if status == "changed":
            old, new = _tree(before, before_index, key), _tree(after, after_index, key)
            alignment = compare.align_cards([old, new], method=compare.TEXT)
            card.items = [c for c in compare.changes(alignment) if c.kind in ("function", "skill")]
            card.segments = {
                i: compare.word_diff(c.old_text, c.text)
                for i, c in enumerate(card.items)
                if c.change == compare.CHANGED
            }
            abilities_and_knowledge = [c for c in compare.changes(alignment) if c.kind in ("ability", "knowledge")]
            card.counts["items_changed"] = len(abilities_and_knowledge)
        cards.append(card)
    counts = plan.counts
    return Preview(
        file_name=record.file_name,
        sha256=record.sha256,
        format=record.format,
        language=record.language,
        size=size,
        is_new_document=planned.document is None,
        standards_added=standards_added,
        editions=editions,
        cards=cards,
        counts=Counter({k: counts.get(k, 0) for k in (UPDATED, KEPT, CONFLICT, ADDED, REMOVED)}),
        conflicts=[FieldChange(d) for d in plan.conflicts],
        issues=list(record.issues),
        issue_counts=Counter(i.severity for i in record.issues),
    )


def _status(decisions: list[Decision]) -> str:
    whole = next((d for d in decisions if not d.field), None)
    if whole is not None and whole.outcome in (ADDED, REMOVED):
        return whole.outcome
    return "changed" if any(d.outcome in (UPDATED, CONFLICT) for d in decisions) else "unchanged"


def _standard_of(planned: DocumentPlan, key: str) -> str:
    row = planned.rows.get(key)
    return row.standard.code if row is not None else ""


def _card_key_of(key: str) -> str:
    parts = key.split("/")
    return "/".join(parts[:2]) if len(parts) >= 2 and parts[1].startswith("c") else ""


def _after(planned: DocumentPlan) -> dict[str, dict]:
    """The elements as they would be after the import (the plan applied to what the database holds)."""
    plan = planned.plan
    after = {key: dict(values) for key, values in planned.current.items()}
    for key in plan.delete:
        for other in [k for k in after if k == key or k.startswith(key + "/")]:
            del after[other]
    for key, values in plan.update.items():
        if key in after:
            after[key].update(values)
    for key, values in plan.create.items():
        if "/" not in key or parent_of(key) in after:
            after[key] = dict(values)
    return after


def _children_index(elements: dict[str, dict]) -> dict[str, list[str]]:
    """Each element's children, by position: built once per version of the document."""
    index: dict[str, list[str]] = {}
    for key in elements:
        if "/" in key:
            index.setdefault(parent_of(key), []).append(key)
    for keys in index.values():
        keys.sort(key=lambda k: (k.rsplit("/", 1)[1][0], int(k.rsplit("/", 1)[1][1:])))
    return index


def _tree(elements: dict[str, dict], index: dict[str, list[str]], card_key: str) -> compare.CardTree:
    """The card's labour functions and skills as the comparison engine reads them."""

    def children(key: str, letter: str) -> list[str]:
        return [k for k in index.get(key, ()) if k.rsplit("/", 1)[1][0] == letter]

    functions = []
    for fk in children(card_key, "f"):
        skills = []
        for sk in children(fk, "s"):
            abilities = tuple(elements[a]["text"] for a in children(sk, "a"))
            knowledge = tuple(elements[k]["text"] for k in children(sk, "k"))
            skill = elements[sk]
            skills.append(compare.SkillNode(skill["title"], abilities, knowledge, skill.get("number")))
        function = elements[fk]
        functions.append(
            compare.FunctionNode(
                function["title"], tuple(skills), function.get("number"), function.get("kind") or "mandatory"
            )
        )
    return compare.CardTree(functions=tuple(functions), label=card_key)
