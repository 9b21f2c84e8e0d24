"""Browsing by occupation: the ISCO-08 unit groups of the registry's cards, and each group's professions."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from cards.isco import isco_titles
from cards.occupations import isco_group_professions, isco_groups
from standards.caching import cached_by_revision


@cached_by_revision
def occupation_groups(request):
    """Every ISCO-08 unit group that has cards readable in the page language. One query."""
    sections = isco_groups(get_language())
    ctx = {"sections": sections, "group_count": sum(len(section["groups"]) for section in sections)}
    return render(request, "cards/occupation_groups.html", ctx)


@cached_by_revision
def occupation_group(request, isco_code: str):
    """The professions of one unit group, by standard, with their levels. Two queries at most."""
    language = get_language()
    professions = isco_group_professions(isco_code, language)
    if not professions:
        raise Http404("No card in force has this ISCO-08 group")
    ctx = {
        "isco_code": isco_code,
        "isco_title": isco_titles(language).get(isco_code, ""),
        "professions": professions,
        "card_count": sum(len(profession["cards"]) for profession in professions),
        "standard_count": len({profession["standard"].pk for profession in professions}),
    }
    return render(request, "cards/occupation_group.html", ctx)
