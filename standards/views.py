"""The overview, the list of standards, a standard's page and an edition's page."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from cards.models import ProfessionCard
from registry.caching import cached_by_revision
from standards.models import Edition, SourceDocument, Standard

LEVELS = range(1, 9)


@cached_by_revision
def overview(request):
    language = get_language()
    rows = _level_matrix(language)
    ctx = {
        "levels": LEVELS,
        "rows": rows,
        "level_totals": [sum(row["cells"][i][1] for row in rows) for i in range(len(LEVELS))],
        "standard_count": len(rows),
        "card_count": sum(row["total"] for row in rows),
        "edition_count": Edition.objects.count(),
        "documents": SourceDocument.objects.exclude(order_number="").order_by("order_date"),
    }
    return render(request, "standards/overview.html", ctx)


@cached_by_revision
def standard_list(request):
    language = get_language()
    levels = defaultdict(list)
    for standard_id, level in ProfessionCard.objects.readable_in(language).values_list("edition__standard_id", "level"):
        levels[standard_id].append(level)
    rows = []
    for standard in Standard.objects.prefetch_related("editions").order_by("code"):
        editions = list(standard.editions.all())
        rows.append(
            {
                "standard": standard,
                "title": standard.title_in(language),
                "card_count": len(levels[standard.pk]),
                "levels": _level_span(levels[standard.pk]),
                "languages": sorted({e.language for e in editions if e.status == Edition.Status.IN_FORCE}),
                "editions": editions,
            }
        )
    return render(request, "standards/standard_list.html", {"rows": rows})


@cached_by_revision
def standard_detail(request, code):
    standard = _standard_or_404(code)
    if standard.code != code:
        return redirect("standard_detail", standard.code, permanent=True)
    editions = _editions_of(standard)
    language = get_language()
    in_force = [e for e in editions if e.status == Edition.Status.IN_FORCE]
    in_force.sort(key=lambda e: e.language != language)
    edition = in_force[0] if in_force else None
    cards = list(edition.cards.order_by("position")) if edition else []
    ctx = {
        "standard": standard,
        "title": standard.title_in(language),
        "edition": edition,
        "editions": editions,
        "approving_order": _approving_order(editions),
        "professions": _professions(cards),
        "is_fallback": edition is not None and edition.language != language,
        "other_language_url": _in_language(edition.language, "standard_detail", standard.code) if edition else "",
    }
    return render(request, "standards/standard_detail.html", ctx)


@cached_by_revision
def edition_detail(request, code, key):
    standard = _standard_or_404(code)
    if standard.code != code:
        return redirect("edition_detail", standard.code, key, permanent=True)
    editions = _editions_of(standard)
    edition = next((e for e in editions if e.key == key), None)
    if edition is None:
        raise Http404("No such edition")
    ctx = {
        "standard": standard,
        "title": standard.title_in(get_language()),
        "edition": edition,
        "editions": editions,
        "approving_order": _approving_order(editions),
        "cards": edition.cards.order_by("position"),
    }
    return render(request, "standards/edition_detail.html", ctx)


def _level_matrix(language: str) -> list[dict]:
    """Rows of standards in force with, per ОРК level, the number of cards readable in ``language``."""
    counts = defaultdict(Counter)
    per_standard_and_level = (
        ProfessionCard.objects.readable_in(language)
        .values_list("edition__standard_id", "level")
        .annotate(n=Count("id"))
        .order_by()
    )
    for standard_id, level, n in per_standard_and_level:
        counts[standard_id][level] += n
    standards = Standard.objects.filter(editions__status=Edition.Status.IN_FORCE).distinct().order_by("code")
    return [
        {
            "standard": standard,
            "title": standard.title_in(language),
            "cells": [(level, counts[standard.pk][level]) for level in LEVELS],
            "total": sum(counts[standard.pk].values()),
        }
        for standard in standards
    ]


def _level_span(levels: list[int | None]) -> str:
    """``[5, 6, 7, 8]`` -> ``5–8``; ``[3, 5, 6]`` -> ``3, 5, 6``."""
    present = sorted({level for level in levels if level})
    if len(present) > 2 and present == list(range(present[0], present[-1] + 1)):
        return f"{present[0]}–{present[-1]}"
    return ", ".join(str(level) for level in present)


def _standard_or_404(code: str) -> Standard:
    """The standard whose code is ``code`` in any letter case."""
    standard = Standard.objects.filter(code__iexact=code).first()
    if standard is None:
        raise Http404("No such standard")
    return standard


def _editions_of(standard: Standard) -> list[Edition]:
    """In force first, then superseded; with their source documents and card counts."""
    return list(
        standard.editions.select_related("document")
        .annotate(card_count=Count("cards"))
        .order_by("status", "language", "-year", "key")
    )


def _approving_order(editions: list[Edition]) -> SourceDocument | None:
    """The order that approved the standard (its Russian text may come from an amending order)."""
    return next((e.document for e in editions if e.document.kind == SourceDocument.Kind.ORDER), None)


def _professions(cards: list[ProfessionCard]) -> list[dict]:
    """Cards grouped by profession: the same НКЗ code, or the same title when the code is ``-``."""
    groups: dict[str, dict] = {}
    for card in cards:
        code = card.occupation_code.strip()
        key = code if code and code != "-" else " ".join(card.title.casefold().split())
        group = groups.setdefault(key, {"title": card.title, "occupation_code": code, "cards": []})
        group["occupation_id"] = group.get("occupation_id") or card.occupation_id
        group["cards"].append(card)
    for group in groups.values():
        group["cards"].sort(key=lambda c: (c.level or 0, c.position))
        group["other_titles"] = sorted({c.title for c in group["cards"]} - {group["title"]})
    return list(groups.values())


def _in_language(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)
