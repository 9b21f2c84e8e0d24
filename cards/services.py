"""The write path of an edit: what must follow any change of the registry's content by hand.

Admin saves and deletes of every content object (standard, edition, source document,
import issue, card, labour function, skill, ability, knowledge item, related profession,
occupation) come here, never to ad hoc hooks: the search rows of the cards the change
touches are rebuilt and, last, the content revision is bumped, in the caller's
transaction (Django admin runs each change in one), so no page is cached from a half-made
edit. Imports have their own service, :mod:`importers.service`, which ends the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db import models, transaction
from django.utils import timezone

from cards.models import Ability, Knowledge, LabourFunction, Occupation, ProfessionCard, RelatedProfession, Skill
from cards.search import rebuild_search_index
from standards.models import Edition, ImportIssue, SourceDocument, Standard
from standards.revision import bump_revision

# How to reach the cards of each kind of content object.
_CARDS_OF = {
    ProfessionCard: "pk",
    LabourFunction: "labour_functions",
    Skill: "labour_functions__skills",
    Ability: "labour_functions__skills__abilities",
    Knowledge: "labour_functions__skills__knowledge_items",
    RelatedProfession: "related_professions",
    Occupation: "occupation",
    Edition: "edition",
    Standard: "edition__standard",
    SourceDocument: "edition__document",
}


def cards_affected_by(objects: Iterable[models.Model]) -> list[ProfessionCard]:
    """The cards whose pages or search rows show ``objects`` (one query)."""
    by_kind: dict[type, list] = {}
    for obj in objects:
        if obj.pk is not None and type(obj) in _CARDS_OF:
            by_kind.setdefault(type(obj), []).append(obj.pk)
    if not by_kind:
        return []
    condition = reduce(or_, (models.Q(**{f"{_CARDS_OF[kind]}__in": pks}) for kind, pks in by_kind.items()))
    return list(ProfessionCard.objects.filter(condition).distinct())


@transaction.atomic
def record_content_change(objects: Iterable[models.Model]) -> None:
    """After ``objects`` were saved: refresh the search rows of their cards, then bump the revision."""
    cards = cards_affected_by(objects)
    if cards:
        rebuild_search_index(cards)
    bump_revision()


@transaction.atomic
def delete_content(objects: Iterable[models.Model] | models.QuerySet) -> None:
    """Delete ``objects`` (instances or a queryset), refresh the search rows of the cards that
    remain, then bump the revision."""
    objects = list(objects)
    affected = {card.pk for card in cards_affected_by(objects)}
    for obj in objects:
        obj.delete()
    remaining = list(ProfessionCard.objects.filter(pk__in=affected))
    if remaining:
        rebuild_search_index(remaining)
    bump_revision()


@transaction.atomic
def resolve_import_issues(issues: Iterable[ImportIssue], user, note: str = "", resolved: bool = True) -> int:
    """Mark ``issues`` resolved by ``user`` with ``note`` (or open again); a resolution survives a
    re-import of the same text (``ImportIssue.fingerprint``). Returns how many changed."""
    changed = 0
    for issue in issues:
        if resolved:
            issue.resolved_at, issue.resolved_by = issue.resolved_at or timezone.now(), issue.resolved_by or user
            issue.resolution_note = note or issue.resolution_note
        else:
            issue.resolved_at, issue.resolved_by, issue.resolution_note = None, None, ""
        issue.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])
        changed += 1
    if changed:
        bump_revision()  # the quality report shows the worklist
    return changed
