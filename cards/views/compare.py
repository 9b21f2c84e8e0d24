"""Cards side by side: the comparison page and the level ladder of a profession (page and CSV)."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from cards import compare as engine
from cards.comparison_data import (
    MAX_CARDS,
    CardReferenceError,
    card_label,
    card_tree,
    cards_by_reference,
    ladder_cards,
    ladder_steps,
    parse_references,
)
from cards.identity import card_reference
from cards.selectors import current_card
from standards.caching import cached_by_revision

EXAMPLES = ("J068/1,J068/2", "J068/1@kk,J068/1@ru", "J071/2022-kk/4,J071/4")


@cached_by_revision
def compare(request):
    """``?cards=J068/1,J068/2``: 2 to 4 cards in columns, rows aligned by meaning. Five queries."""
    language = get_language()
    values = request.GET.getlist("cards")
    ctx = {"query": ", ".join(v.strip() for v in values if v.strip()), "examples": EXAMPLES, "max_cards": MAX_CARDS}
    if not ctx["query"]:
        return render(request, "cards/compare.html", ctx)
    try:
        references = parse_references(values)
        cards = cards_by_reference(references, language)
    except CardReferenceError as error:
        ctx["error"] = str(error)
        return render(request, "cards/compare.html", ctx, status=400)
    alignment = engine.align_cards([card_tree(card) for card in cards])
    refs = [card_reference(card) for card in cards]
    ctx.update(
        columns=[
            {
                "card": card,
                "label": card_label(card),
                "reference": ref,
                "is_fallback": not (reference.language or reference.edition_key) and card.edition.language != language,
                "without": ",".join(refs[:i] + refs[i + 1 :]),
            }
            for i, (card, ref, reference) in enumerate(zip(cards, refs, references, strict=True))
        ],
        alignment=alignment,
        groups=_row_groups(alignment, differences_only=request.GET.get("differences") == "1"),
        by_position=alignment.method == engine.POSITION,
        summary=_summary(alignment, cards),
        differences_only=request.GET.get("differences") == "1",
        references=",".join(refs),
    )
    return render(request, "cards/compare.html", ctx)


def _row_groups(alignment: engine.Alignment, differences_only: bool) -> list[list[engine.Row]]:
    """The table's rows, one group (a ``<tbody>``) per labour function, flat for a fast template loop."""
    groups = [
        [row for row in function.walk() if not (differences_only and row.all_common)] for function in alignment.rows
    ]
    return [group for group in groups if group]


def _summary(alignment: engine.Alignment, cards) -> list[dict]:
    return [
        {
            "before_label": card_label(cards[step.before]),
            "after_label": card_label(cards[step.after]),
            "rows": step.rows(),
        }
        for step in engine.summarise(alignment)
    ]


@cached_by_revision
def ladder(request, code: str, position: int):
    """The levels of the card's profession in its standard, and what each step up adds. Six queries."""
    shown = current_card(code.upper(), position, get_language())
    cards = ladder_cards(shown.card)
    ctx = {
        "card": shown.card,
        "shown": shown,
        "cards": cards,
        "steps": ladder_steps(cards),
        "all_references": ",".join(card_reference(c) for c in cards) if len(cards) <= MAX_CARDS else "",
    }
    return render(request, "cards/ladder.html", ctx)


CSV_COLUMNS = ("from_level", "to_level", "change", "kind", "labour function", "skill", "text")


def ladder_csv(request, code: str, position: int):
    """The ladder as CSV, UTF-8 with a BOM so that Excel reads the Cyrillic text. Six queries."""
    shown = current_card(code.upper(), position, get_language())
    cards = ladder_cards(shown.card)
    filename = f"ladder-{shown.card.edition.standard.code}-{position}-{shown.card.edition.language}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for step in ladder_steps(cards):
        for change in step["added"] + step["removed"]:
            writer.writerow(
                [
                    step["before"].level or "",
                    step["after"].level or "",
                    change.change,
                    change.kind,
                    change.function,
                    change.skill,
                    change.text,
                ]
            )
    return response
