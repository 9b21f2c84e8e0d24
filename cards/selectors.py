"""Reads that several pages share."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from cards.models import ProfessionCard
from standards.models import Edition


@dataclass
class CardInLanguage:
    card: ProfessionCard
    requested_language: str

    @property
    def is_fallback(self) -> bool:
        """True when the page language has no text of this card and the other one is shown."""
        return self.card.edition.language != self.requested_language


def current_card(code: str, position: int, language: str, queryset=None) -> CardInLanguage:
    """The in-force card at ``position`` of standard ``code``, in ``language`` where it exists.

    Otherwise the other language's text (the page says so). Raises Http404.
    """
    queryset = queryset if queryset is not None else ProfessionCard.objects.all()
    cards = list(
        queryset.filter(
            edition__standard__code=code, edition__status=Edition.Status.IN_FORCE, position=position
        ).select_related("edition__standard", "edition__document")
    )
    if not cards:
        raise Http404("No such card")
    cards.sort(key=lambda c: c.edition.language != language)
    return CardInLanguage(cards[0], language)
