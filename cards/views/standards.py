"""The overview, the list of standards, a standard's page and an edition's page.

They live in ``cards`` because each shows cards (counts, levels, professions); the
``standards`` app they read from knows nothing of cards.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from cards.selectors import LEVELS, level_matrix, professions_of, standards_with_levels
from standards.caching import cached_by_revision
from standards.models import Edition
from standards.selectors import approving_order, editions_of, shown_edition, source_orders, standard_or_404


@cached_by_revision
def overview(request):
    rows = level_matrix(get_language())
    ctx = {
        "levels": LEVELS,
        "rows": rows,
        "level_totals": [sum(row["cells"][i][1] for row in rows) for i in range(len(LEVELS))],
        "standard_count": len(rows),
        "card_count": sum(row["total"] for row in rows),
        "edition_count": Edition.objects.count(),
        "documents": source_orders(),
    }
    return render(request, "standards/overview.html", ctx)


@cached_by_revision
def standard_list(request):
    return render(request, "standards/standard_list.html", {"rows": standards_with_levels(get_language())})


@cached_by_revision
def standard_detail(request, code):
    standard = standard_or_404(code)
    if standard.code != code:
        return redirect("standard_detail", standard.code, permanent=True)
    language = get_language()
    editions = editions_of(standard)
    edition = shown_edition(editions, language)
    cards = list(edition.cards.order_by("position")) if edition else []
    ctx = {
        "standard": standard,
        "title": standard.title_in(language),
        "edition": edition,
        "editions": editions,
        "approving_order": approving_order(editions),
        "professions": professions_of(cards),
        "is_fallback": edition is not None and edition.language != language,
        "other_language_url": _standard_path(standard, edition.language) if edition else "",
    }
    return render(request, "standards/standard_detail.html", ctx)


@cached_by_revision
def edition_detail(request, code, key):
    standard = standard_or_404(code)
    if standard.code != code:
        return redirect("edition_detail", standard.code, key, permanent=True)
    editions = editions_of(standard)
    edition = next((e for e in editions if e.key == key), None)
    if edition is None:
        raise Http404("No such edition")
    ctx = {
        "standard": standard,
        "title": standard.title_in(get_language()),
        "edition": edition,
        "editions": editions,
        "approving_order": approving_order(editions),
        "cards": edition.cards.order_by("position"),
    }
    return render(request, "standards/edition_detail.html", ctx)


def _standard_path(standard, language: str) -> str:
    with translation.override(language):
        return reverse("standard_detail", args=[standard.code])
