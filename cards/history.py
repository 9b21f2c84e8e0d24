"""Reads of the change history (django-simple-history) that pages show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from cards.compiled import compiled_once
from cards.models import Ability, Knowledge, LabourFunction, ProfessionCard, RelatedProfession, Skill

IMPORT_REASON_PREFIX = "import: "  # importers.load.import_reason; cards must not import importers


@dataclass(frozen=True)
class LastChange:
    date: datetime
    reason: str

    @property
    def by_import(self) -> bool:
        return self.reason.startswith(IMPORT_REASON_PREFIX)


def last_change_of(card: ProfessionCard) -> LastChange | None:
    """When the card or anything in its tree last changed (an import or an edit), in one query."""
    rows = _last_changes(card.pk)
    return LastChange(_aware(rows[0][0]), rows[0][1] or "") if rows else None


@compiled_once  # building the UNION over six history tables per page cost more than running it
def _last_changes(pk: int):
    dates = [
        ProfessionCard.history.filter(id=pk),
        LabourFunction.history.filter(card_id=pk),
        Skill.history.filter(labour_function__card_id=pk),
        Ability.history.filter(skill__labour_function__card_id=pk),
        Knowledge.history.filter(skill__labour_function__card_id=pk),
        RelatedProfession.history.filter(card_id=pk),
    ]
    columns = ("history_date", "history_change_reason")
    first, *others = [q.order_by().values_list(*columns) for q in dates]
    return first.union(*others, all=True).order_by("-history_date")[:1]


def _aware(value: datetime | str) -> datetime:
    """A raw cursor gives SQLite's dates as text or naive: the ORM would have made them aware in UTC."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if settings.USE_TZ and timezone.is_naive(value):
        return timezone.make_aware(value, UTC)
    return value
