"""The match page: paste a vacancy or a programme (or upload it), see the closest cards and a card's coverage.

GET shows the form (its filters validated: a bad one is a 400 with the form's message). POST matches
the text (:func:`cards.matching.match_text`) and shows the ten closest cards, each with its score and
the passages that matched, and the coverage table of the chosen card (``card``, default the best);
``format=csv`` or ``format=xlsx`` downloads that table instead. Every error is a translated message
on the page with status 400, never a 500. The text and the file are data: the template escapes them.
"""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from cards.identity import card_path
from cards.match_input import MatchForm
from cards.matching import coverage_rows, match_text
from matching import engine
from standards.models import Standard


def error_message(code: str) -> str:
    """The engine's reason for refusing a text, in the page language."""
    return {
        engine.EMPTY: _("Paste a text or choose a file: there is nothing to match."),
        engine.TOO_LONG: _("The text is too long; up to %(limit)s characters are matched.")
        % {"limit": engine.MAX_CHARS},
        engine.LANGUAGE: _(
            "The text is neither in Kazakh nor in Russian; the registry's cards are in these two languages."
        ),
        engine.STOPWORDS: _("The text has only common words (such as “and”, “for”, “the”); there is nothing to match."),
    }[code]


def mark_label(mark: str) -> str:
    return {
        "covered": pgettext("coverage", "covered"),
        "partly": pgettext("coverage", "partly"),
        "none": pgettext("coverage", "not covered"),
    }[mark]


def kind_label(kind: str) -> str:
    return {
        "function": _("labour function"),
        "skill": _("skill"),
        "ability": _("ability"),
        "knowledge": _("knowledge"),
    }[kind]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """A cell a spreadsheet will show as text: a leading = + - @ would make it a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _table(coverage) -> tuple[list[str], list[list[str]]]:
    header = [
        _("Labour function"),
        _("Skill"),
        _("Kind"),
        _("Item"),
        _("Coverage"),
        _("Score"),
        _("Sentence of the text"),
    ]
    rows = [
        [function, skill, kind_label(kind), text, mark_label(mark), score, passage]
        for function, skill, kind, text, mark, score, passage in coverage_rows(coverage)
    ]
    return header, [[safe_cell(value) for value in row] for row in rows]


def _download(coverage, unit: str, fmt: str) -> HttpResponse:
    header, rows = _table(coverage)
    name = f"coverage-{unit.replace('/', '-')}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = unit.replace("/", "-")[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _results(registry, result) -> list[dict]:
    rows = []
    for match in result.cards:
        card = registry.card(match.card)
        rows.append(
            {
                "match": match,
                "card": card,
                "percent": round(100 * min(match.score, 1.0)),
                "url": card_path(card),  # the page language's version of the card's page
            }
        )
    return rows


@require_http_methods(["GET", "HEAD", "POST"])
def match(request):
    """The page: the form (GET), or the closest cards and a coverage table (POST)."""
    codes = list(Standard.objects.order_by("code").values_list("code", flat=True))
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = MatchForm(data, request.FILES or None, standard_codes=codes)
    ctx = {"form": form, "standards": codes, "max_chars": engine.MAX_CHARS}
    if data is None:
        return render(request, "cards/match.html", ctx)
    if not form.is_valid():
        return render(request, "cards/match.html", ctx, status=400)
    if request.method != "POST":
        return render(request, "cards/match.html", ctx)
    cleaned = form.cleaned_data
    levels = [cleaned["level"]] if cleaned["level"] else []
    standards = [cleaned["standard"]] if cleaned["standard"] else []
    try:
        registry, result = match_text(cleaned["text"], levels=levels, standards=standards)
    except engine.MatchError as error:
        ctx["error"] = error_message(error.code)
        return render(request, "cards/match.html", ctx, status=400)
    ctx.update(
        text=cleaned["text"],
        text_language=result.language,
        truncated=form.truncated,
        results=_results(registry, result),
    )
    unit = cleaned["card"] or (result.cards[0].unit if result.cards else "")
    c = registry.find(unit, result.language) if unit else None
    if unit and c is None:
        ctx["error"] = _("There is no card %(card)s in the registry.") % {"card": unit}
        return render(request, "cards/match.html", ctx, status=400)
    if c is not None:
        coverage = engine.coverage(registry.corpus, result, c)
        if cleaned["format"]:
            return _download(coverage, unit, cleaned["format"])
        ctx.update(chosen=registry.card(c), chosen_unit=unit, coverage=coverage, counts=coverage.counts())
    elif cleaned["format"]:
        ctx["error"] = _("No card matches the text, so there is no coverage table to download.")
        return render(request, "cards/match.html", ctx, status=400)
    return render(request, "cards/match.html", ctx)
