"""The card page: one profession card with its whole tree, its neighbours and its provenance."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from cards.history import last_change_of
from cards.identity import card_path
from cards.isco import is_occupation_code, isco_titles
from cards.models import ProfessionCard
from cards.selectors import (
    CardInLanguage,
    card_neighbours,
    current_card,
    distinct_places,
    function_tree,
    import_issues_of,
    related_professions_of,
    with_page_labels,
)
from standards.caching import cached_by_revision
from standards.models import Edition


@cached_by_revision
def card_detail(request, code: str, position: int):
    """The in-force card at ``position`` of standard ``code``, in the page language where it exists."""
    if code != code.upper():
        return redirect("card_detail", code=code.upper(), position=position, permanent=True)
    shown = current_card(code, position, get_language())
    return _render_card(request, shown)


@cached_by_revision
def edition_card_detail(request, code: str, key: str, position: int):
    """A card of one edition by its key (superseded editions live here), whatever the page language."""
    if code != code.upper():
        return redirect("edition_card_detail", code=code.upper(), key=key, position=position, permanent=True)
    queryset = _card_with_neighbours().prefetch_related(
        Prefetch("successors", queryset=ProfessionCard.objects.select_related("edition__standard"))
    )
    card = get_object_or_404(queryset, edition__standard__code=code, edition__key=key, position=position)
    language = get_language()
    successors = distinct_places(card.successors.all(), language)
    return _render_card(request, CardInLanguage(card, language), successors=successors)


def _card_with_neighbours():
    """A card with its edition, standard and order. Its twin and predecessor come with its neighbours
    (``card_neighbours(with_texts=True)``), its tree apart, as plain rows (``function_tree``)."""
    return ProfessionCard.objects.select_related("edition__standard", "edition__document")


def _render_card(request, shown: CardInLanguage, successors=()):
    card = shown.card
    edition = card.edition
    language = get_language()
    ladder, elsewhere = card_neighbours(card, language, with_texts=True)
    with_page_labels([card, *elsewhere], language)
    ctx = {
        "card": card,
        "edition": edition,
        "standard": edition.standard,
        "standard_title": edition.standard.title_in(language),
        "approving_order": edition.document if edition.document.order_number else None,
        "content_language": edition.language,
        # An edition's path names its language: no note when the card has a text in the page's language too.
        "is_fallback": shown.is_fallback and card.twin_id is None,
        "is_superseded": edition.status == Edition.Status.SUPERSEDED,
        "in_page_language_url": card_path(card, language=edition.language),
        "print_url": request.build_absolute_uri(request.path),
        "occupation_url": (
            reverse("occupation_detail", args=[card.occupation_code])
            if is_occupation_code(card.occupation_code)
            else ""
        ),
        "isco_title": isco_titles(language).get(card.isco_code, ""),
        "functions": function_tree(card.pk),
        "related": [{"row": row, "url": card_path(row.target)} for row in related_professions_of(card)],
        "ladder": [{"card": c, "url": card_path(c), "is_current": c.pk == card.pk} for c in ladder],
        "elsewhere": [{"card": c, "url": card_path(c)} for c in elsewhere],
        "twin_url": card_path(card.twin, language=card.twin.edition.language) if card.twin else "",
        "predecessor_url": card_path(card.predecessor),
        "successors": [{"card": c, "url": card_path(c)} for c in successors],
        "last_change": last_change_of(card),
    }
    if request.user.is_staff:
        ctx["import_issues"] = import_issues_of(card)
        ctx["admin_url"] = reverse("admin:cards_professioncard_change", args=[card.pk])
    return render(request, "cards/card_detail.html", ctx)
