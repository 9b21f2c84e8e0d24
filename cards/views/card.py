"""The card page: one profession card with its whole tree, its neighbours and its provenance."""

from __future__ import annotations

import re

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from cards.isco import is_occupation_code, isco_titles
from cards.models import ProfessionCard
from cards.selectors import CardInLanguage, current_card
from registry.caching import cached_by_revision
from standards.models import Edition, ImportIssue


@cached_by_revision
def card_detail(request, code: str, position: int):
    """The in-force card at ``position`` of standard ``code``, in the page language where it exists."""
    if code != code.upper():
        return redirect("card_detail", code=code.upper(), position=position, permanent=True)
    queryset = ProfessionCard.objects.with_tree().select_related(
        "twin__edition__standard", "predecessor__edition__standard"
    )
    shown = current_card(code, position, get_language(), queryset=queryset)
    return _render_card(request, shown)


@cached_by_revision
def edition_card_detail(request, code: str, key: str, position: int):
    """A card of one edition by its key (superseded editions live here), whatever the page language."""
    if code != code.upper():
        return redirect("edition_card_detail", code=code.upper(), key=key, position=position, permanent=True)
    queryset = (
        ProfessionCard.objects.with_tree()
        .select_related("twin__edition__standard", "predecessor__edition__standard")
        .prefetch_related(Prefetch("successors", queryset=ProfessionCard.objects.select_related("edition__standard")))
    )
    card = get_object_or_404(queryset, edition__standard__code=code, edition__key=key, position=position)
    language = get_language()
    successors = _distinct_places(card.successors.all(), language)
    return _render_card(request, CardInLanguage(card, language), successors=successors)


def _render_card(request, shown: CardInLanguage, successors=()):
    card = shown.card
    edition = card.edition
    language = get_language()
    ladder, elsewhere = _neighbours(card, language)
    ctx = {
        "card": card,
        "edition": edition,
        "standard": edition.standard,
        "standard_title": edition.standard.title_in(language),
        "content_language": edition.language,
        # An edition's path names its language: no note when the card has a text in the page's language too.
        "is_fallback": shown.is_fallback and card.twin_id is None,
        "is_superseded": edition.status == Edition.Status.SUPERSEDED,
        "in_page_language_url": _card_url(card, language=edition.language),
        "print_url": request.build_absolute_uri(request.path),
        "occupation_url": (
            reverse("occupation_detail", args=[card.occupation_code])
            if is_occupation_code(card.occupation_code)
            else ""
        ),
        "isco_title": _isco_title(card),
        "functions": card.labour_functions.all(),
        "related": [{"row": row, "url": _card_url(row.target)} for row in card.related_professions.all()],
        "ladder": [{"card": c, "url": _card_url(c), "is_current": c.pk == card.pk} for c in ladder],
        "elsewhere": [{"card": c, "url": _card_url(c)} for c in elsewhere],
        "twin_url": _card_url(card.twin, language=card.twin.edition.language) if card.twin else "",
        "predecessor_url": _card_url(card.predecessor),
        "successors": [{"card": c, "url": _card_url(c)} for c in successors],
    }
    if request.user.is_staff:
        ctx["import_issues"] = ImportIssue.objects.filter(
            document_id=edition.document_id, line__gte=card.first_line, line__lte=card.last_line
        )
        ctx["admin_url"] = reverse("admin:cards_professioncard_change", args=[card.pk])
    return render(request, "cards/card_detail.html", ctx)


def _neighbours(card: ProfessionCard, language: str) -> tuple[list[ProfessionCard], list[ProfessionCard]]:
    """The same occupation at other levels of this edition (the ladder, this card included) and the cards
    with its occupation code in other standards, read in one query.

    Cards without an occupation code ("-" in 69 cards) climb the ladder by their normalised title.
    """
    has_code = _has_occupation_code(card)
    queryset = ProfessionCard.objects.filter(edition_id=card.edition_id)
    if has_code:
        queryset = queryset | ProfessionCard.objects.readable_in(language).filter(
            occupation_code=card.occupation_code
        ).exclude(edition__standard_id=card.edition.standard_id)
    rows = (
        queryset.select_related("edition__standard")
        .only(
            "position",
            "title",
            "level",
            "occupation_code",
            "edition__language",
            "edition__status",
            "edition__key",
            "edition__standard__code",
            "edition__standard__title_kk",
            "edition__standard__title_ru",
        )
        .order_by("edition__standard__code", "level", "position")
    )
    ladder, elsewhere = [], []
    title = _normalised(card.title)
    for row in rows:
        if row.edition_id != card.edition_id:
            elsewhere.append(row)
        elif (row.occupation_code == card.occupation_code) if has_code else (_normalised(row.title) == title):
            ladder.append(row)
    return ladder, elsewhere


def _has_occupation_code(card: ProfessionCard) -> bool:
    return bool(card.occupation_code.strip("- "))


def _normalised(title: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", title.casefold().replace("ё", "е")).split())


def _card_url(card: ProfessionCard | None, language: str | None = None) -> str:
    """The card's page in ``language`` (the page's by default): its permalink path, or its edition's
    path when the edition is superseded. Needs ``edition__standard`` loaded."""
    if card is None:
        return ""
    edition = card.edition
    code = edition.standard.code
    if edition.status == Edition.Status.SUPERSEDED:
        name, args = "edition_card_detail", [code, edition.key, card.position]
    else:
        name, args = "card_detail", [code, card.position]
    if language is None:
        return reverse(name, args=args)
    with translation.override(language):
        return reverse(name, args=args)


def _distinct_places(cards, language: str) -> list[ProfessionCard]:
    """One card per (standard, position), in ``language`` where it exists: the kk and ru successors
    of a card share one page."""
    seen, places = set(), []
    for card in sorted(cards, key=lambda c: (c.edition.standard.code, c.position, c.edition.language != language)):
        place = (card.edition.standard.code, card.position)
        if place not in seen:
            seen.add(place)
            places.append(card)
    return places


def _isco_title(card: ProfessionCard) -> str:
    return isco_titles(get_language()).get(card.isco_code, "")
