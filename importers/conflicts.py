"""Resolving the conflicts a re-import listed (``standards.ImportConflict``): keep the edit, or take the file's.

Part of the import's write path: the value written gets a history record naming the resolution and
the editor; the document's ``ImportBase`` (the base of the next re-import, :mod:`importers.reconcile`)
learns that the file's value was seen, so the same file raises the conflict no more; then the search
rows of the cards touched are rebuilt and the content revision bumped (``cards.services``), all in one
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from cards.services import record_content_change
from importers.load import MODELS, PARENT_FIELD, document_rows, occupation_for
from importers.reconcile import kind_of, parent_of, position_of
from standards.models import ImportBase, ImportConflict

KEEP_MINE, TAKE_FILE = ImportConflict.Resolution.MINE, ImportConflict.Resolution.FILE


def resolution_reason(conflict: ImportConflict, choice: str) -> str:
    what = "took the file's value" if choice == TAKE_FILE else "kept the edit"
    return (
        f"import conflict resolved ({what}): {conflict.document.file_name} {conflict.element} {conflict.field}".strip()
    )


@transaction.atomic
def resolve_conflicts(conflicts: Iterable[ImportConflict], choice: str, user=None, note: str = "") -> int:
    """Resolve the open ``conflicts`` by ``choice`` (``"mine"`` or ``"file"``); returns how many."""
    if choice not in (KEEP_MINE, TAKE_FILE):
        raise ValueError(f"choice must be 'mine' or 'file', not {choice!r}")
    conflicts = [c for c in conflicts if not c.resolution]
    touched, snapshots = [], {}
    for conflict in conflicts:
        document = conflict.document
        snapshot = snapshots.setdefault(document.pk, (document, dict(ImportBase.of(document) or {})))[1]
        if choice == TAKE_FILE:
            touched += _take_file(conflict, user)
        _merge_into_snapshot(snapshot, conflict)
        conflict.resolution, conflict.resolved_at, conflict.resolved_by, conflict.note = (
            choice,
            timezone.now(),
            user,
            note,
        )
        conflict.save(update_fields=["resolution", "resolved_at", "resolved_by", "note"])
    for document, snapshot in snapshots.values():
        ImportBase.record(document, snapshot)
    if conflicts:
        record_content_change(touched)
    return len(conflicts)


def _merge_into_snapshot(snapshot: dict, conflict: ImportConflict) -> None:
    """After a resolution, the file's value counts as seen: the next import of the same file agrees."""
    if conflict.field:
        snapshot.setdefault(conflict.element, {})[conflict.field] = conflict.file_value
    elif conflict.file_value is None:
        snapshot.pop(conflict.element, None)  # removed from the file: an element kept is now the editor's own
    else:
        snapshot[conflict.element] = conflict.file_value


def _take_file(conflict: ImportConflict, user) -> list:
    kind = kind_of(conflict.element)
    model = MODELS[kind]
    reason = resolution_reason(conflict, TAKE_FILE)
    if conflict.field:
        obj = model.objects.filter(pk=conflict.object_id).first()
        if obj is None:
            return []
        setattr(obj, conflict.field, conflict.file_value)
        if kind == "card" and conflict.field == "occupation_code":
            obj.occupation = occupation_for(obj.occupation_code)
        return [_save(obj, reason, user)]
    if conflict.file_value is None:  # the file removed an element the editor had edited
        obj = model.objects.filter(pk=conflict.object_id).first()
        if obj is None:
            return []
        parent = getattr(obj, PARENT_FIELD[kind], None) if kind != "edition" else None
        obj._change_reason, obj._history_user = reason, user
        obj.delete()
        return [parent] if parent is not None else []
    # the editor deleted an element the file changed: it comes back with the file's values
    if kind == "edition":
        return []  # an edition is recreated by importing its file again
    parent = document_rows(conflict.document).get(parent_of(conflict.element))
    if parent is None:
        return []
    obj = model(**{PARENT_FIELD[kind]: parent}, position=position_of(conflict.element), **conflict.file_value)
    return [_save(obj, reason, user)]


def _save(obj, reason: str, user):
    obj._change_reason, obj._history_user = reason, user
    obj.save()
    return obj
