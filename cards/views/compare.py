"""Cards side by side: the comparison page (and its picker), the level ladder of a profession (page and CSV)."""

from __future__ import annotations

import csv

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cards import compare as engine
from cards import suggestions
from cards.comparison_data import (
    MAX_CARDS,
    MIN_CARDS,
    CardReferenceError,
    card_label,
    card_trees,
    cards_by_reference,
    ladder_cards,
    ladder_steps,
)
from cards.identity import card_path, card_reference
from cards.selection import chosen_references, compare_path, selection_query, split_selection
from cards.selectors import current_card, with_page_labels
from cards.spreadsheets import safe_cell
from standards.caching import cached_by_revision

EXAMPLES = ("J068/1,J068/2", "J068/1@kk,J068/1@ru", "J071/2022-kk/4,J071/4")


@cached_by_revision
def compare(request):
    """``?cards=J068/1,J068/2``: 2 to 4 cards in columns, rows aligned by meaning. Two queries: the
    cards, their trees (three when a card's text is in the other language: its label in the page language).

    Fewer than two cards, or the picker's "Find" button (``find=1``), show the picker: the cards
    chosen so far as ticked boxes and, for ``q``, the cards whose names match (two more queries).
    """
    language = get_language()
    values = request.GET.getlist("cards")
    text = request.GET.get("q", "").strip()[: suggestions.MAX_QUERY_CHARS]
    ctx = {
        "query": ", ".join(v.strip() for v in values if v.strip()),
        "examples": EXAMPLES,
        "max_cards": MAX_CARDS,
    }
    try:
        references = chosen_references(values)
        cards = (
            with_page_labels(cards_by_reference(references, language, with_trees=False), language) if references else []
        )
    except CardReferenceError as error:
        ctx.update(error=str(error), picker=_picker(text, [], [], language))
        return render(request, "cards/compare.html", ctx, status=400)
    refs = [card_reference(card) for card in cards]
    ctx["picker"] = _picker(text, cards, refs, language)
    if len(cards) < MIN_CARDS or request.GET.get("find"):
        return render(request, "cards/compare.html", ctx)
    alignment = engine.align_cards(card_trees(cards))
    ctx.update(
        columns=[
            {
                "card": card,
                "label": card_label(card),
                "reference": ref,
                "url": card_path(card) + selection_query(refs),
                "is_fallback": not (reference.language or reference.edition_key) and card.edition.language != language,
                "without": compare_path(refs[:i] + refs[i + 1 :]),
            }
            for i, (card, ref, reference) in enumerate(zip(cards, refs, references, strict=True))
        ],
        alignment=alignment,
        groups=_row_groups(alignment, differences_only=request.GET.get("differences") == "1"),
        by_position=alignment.method == engine.POSITION,
        summary=_summary(alignment, cards),
        differences_only=request.GET.get("differences") == "1",
        references=",".join(refs),
        other_language=next((card.edition.language for card in cards if card.edition.language != language), ""),
    )
    return render(request, "cards/compare.html", ctx)


def _picker(text: str, cards: list, refs: list[str], language: str) -> dict:
    """The picker's context: the chosen cards (``refs`` their references) and the cards that match
    ``text``, each with the address of its page carrying the selection (for its "Add to comparison")."""
    carried = selection_query(refs)
    matches = suggestions.find_cards(text, language, exclude=frozenset(refs)) if text else None
    return {
        "q": text,
        "chosen": [_pick(card, carried) for card in cards],
        "matches": matches,
        "results": [_pick(card, carried) for card in matches.cards] if matches else [],
        "too_short": bool(text) and suggestions.is_too_short(text),
        "needs_more": len(cards) < MIN_CARDS,
        "is_full": len(cards) >= MAX_CARDS,
    }


def _pick(card, carried: str) -> dict:
    reference = card_reference(card)
    return {
        "card": card,
        "reference": reference,
        "dom_id": suggestions.dom_id(reference),
        "url": card_path(card) + carried,
        "facts": suggestions.card_facts(card),
    }


@require_GET
def suggest(request):
    """``/<lang>/compare/suggest/?q=тест``: the type-ahead's suggestions, JSON, in the page language.

    ``{"query": "тест", "results": [{"reference": "J057/1@kk", "name": ..., "text": ...}, ...]}``,
    at most ten, best first; ``selection`` (the chosen references, comma-separated) is left out of
    them and carried in their ``url``. A query shorter than two letters gives an empty list, so the
    type-ahead need not tell errors from no match; one over 200 characters is refused (400).
    """
    text = request.GET.get("q", "")
    if len(text) > suggestions.MAX_QUERY_CHARS:
        message = _("The query is too long: at most %(n)d characters.") % {"n": suggestions.MAX_QUERY_CHARS}
        return _json({"errors": {"q": [{"message": message, "code": "too_long"}]}}, status=400)
    chosen = split_selection(request.GET.get("selection", ""))[:MAX_CARDS]
    matches = suggestions.find_cards(text, get_language(), limit=suggestions.SUGGESTIONS, exclude=frozenset(chosen))
    return _json(
        {
            "query": text.strip(),
            "count": matches.total,
            "results": [suggestions.suggestion_json(card, chosen) for card in matches.cards],
        }
    )


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


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
    """The levels of the card's profession in its standard, and what each step up adds. Six queries
    (seven when its text is in the other language: the labels in the page language)."""
    language = get_language()
    shown = current_card(code.upper(), position, language)
    cards = ladder_cards(shown.card)
    with_page_labels([shown.card, *cards], language)
    ctx = {
        "card": shown.card,
        "shown": shown,
        "cards": cards,
        "steps": ladder_steps(cards),
        "all_references": ",".join(card_reference(c) for c in cards) if len(cards) <= MAX_CARDS else "",
    }
    return render(request, "cards/ladder.html", ctx)


def csv_columns() -> list[str]:
    """The ladder CSV's header, in the page language."""
    return [
        pgettext("ladder CSV column", "From level"),
        pgettext("ladder CSV column", "To level"),
        pgettext("ladder CSV column", "Change"),
        _("Part"),
        _("Labour function"),
        _("Skill"),
        _("Text"),
    ]


def csv_words() -> dict[str, str]:
    """The ladder CSV's values, in the page language: what changed, and what kind of item."""
    return {
        engine.ADDED: pgettext("ladder change", "added"),
        engine.REMOVED: pgettext("ladder change", "removed"),
        "function": pgettext("ladder item", "labour function"),
        "skill": pgettext("ladder item", "skill"),
        "ability": pgettext("ladder item", "ability"),
        "knowledge": pgettext("ladder item", "knowledge"),
    }


def ladder_csv(request, code: str, position: int):
    """The ladder as CSV, in the page language, UTF-8 with a BOM so that Excel reads the Cyrillic
    text. Six queries."""
    shown = current_card(code.upper(), position, get_language())
    cards = ladder_cards(shown.card)
    filename = f"ladder-{shown.card.edition.standard.code}-{position}-{shown.card.edition.language}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(csv_columns())
    words = csv_words()
    for step in ladder_steps(cards):
        for change in step["added"] + step["removed"]:
            row = [
                step["before"].level or "",
                step["after"].level or "",
                words.get(change.change, change.change),
                words.get(change.kind, change.kind),
                change.function,
                change.skill,
                change.text,
            ]
            writer.writerow([safe_cell(cell) for cell in row])  # imported text never runs as a formula
    return response
