"""Reads of the change history (django-simple-history) that pages show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
    pk = card.pk
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
    row = first.union(*others, all=True).order_by("-history_date").first()
    return LastChange(row[0], row[1] or "") if row else None
