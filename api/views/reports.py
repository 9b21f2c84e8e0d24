"""Reports over several cards: the comparison of 2 to 4 cards, the bilingual quality report."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api import schema
from api.errors import ParameterError, error
from api.views.base import RegistryView
from cards import compare as engine
from cards.comparison_data import CardReferenceError, card_label, card_tree, cards_by_reference, parse_references
from cards.quality import quality_report


def _cell(cell) -> dict | None:
    if cell is None:
        return None
    return {
        "text": cell.text,
        "number": cell.number,
        "moved": cell.moved,
        "changed": cell.changed,
        "segments": [{"op": s.op, "text": s.text} for s in cell.segments],
    }


def _row(row) -> dict:
    data = {
        "kind": row.kind,
        "status": row.status,
        "only_in": list(row.only_in),
        "cells": [_cell(c) for c in row.cells],
    }
    if row.kind == "function":
        data["skills"] = [_row(skill) for skill in row.skills]
    elif row.kind == "skill":
        data["abilities"] = [_row(item) for item in row.abilities]
        data["knowledge"] = [_row(item) for item in row.knowledge]
    return data


class Compare(RegistryView):
    @extend_schema(
        operation_id="compare",
        summary="Two to four cards side by side, rows aligned by meaning (the comparison page's result)",
        description=(
            "`cards` takes 2 to 4 comma-separated references: `J068/1` (the in-force card, in `lang` where it "
            "exists), `J068/1@ru` (that language's text), `J071/2022-kk/4` (a card of a superseded edition). "
            "Cards in one language are aligned by text, cards in different languages by position."
        ),
        parameters=[*schema.COMPARE, *schema.LANG],
        responses=schema.responses(schema.ComparisonSerializer),
    )
    def get(self, request):
        links = self.links(request)
        try:
            references = parse_references(request.GET.getlist("cards"))
            cards = cards_by_reference(references, links.language)
        except CardReferenceError as exc:
            raise ParameterError({"cards": [error(str(exc), "invalid_reference")]}) from exc
        alignment = engine.align_cards([card_tree(card) for card in cards])
        return Response(
            {
                "method": alignment.method,
                "cards": [{**links.card(card), "label": card_label(card)} for card in cards],
                "rows": [_row(row) for row in alignment.rows],
                "steps": [
                    {
                        "before": step.before,
                        "after": step.after,
                        "counts": [
                            {
                                "kind": kind,
                                "common": c.common,
                                "changed": c.changed,
                                "added": c.added,
                                "removed": c.removed,
                            }
                            for kind, c in step.rows()
                        ],
                    }
                    for step in engine.summarise(alignment)
                ],
                "permalink": links.page("compare", []) + "?cards=" + ",".join(str(r) for r in references),
            }
        )


def _place(place) -> dict:
    return {"function": place.function, "skill": place.skill}


class Quality(RegistryView):
    @extend_schema(
        operation_id="quality",
        summary="Where the Kazakh and Russian texts disagree; levels from passport lists; open import issues",
        parameters=[*schema.LANG],
        responses=schema.responses(schema.QualitySerializer),
    )
    def get(self, request):
        links = self.links(request)
        report = quality_report()
        return Response(
            {
                "totals": {
                    "twins": len(report.twins),
                    "twins_with_findings": len(report.with_findings),
                    "count_differences": report.count_differences,
                    "identical_texts": report.identical_texts,
                    "one_sided_fields": report.one_sided_fields,
                    "issues": report.issue_counts,
                },
                "twins": [
                    {
                        "kk": links.card(twin.kk),
                        "ru": links.card(twin.ru),
                        "counts": [
                            {"place": _place(d.place), "part": d.part, "kk": d.kk, "ru": d.ru} for d in twin.counts
                        ],
                        "identical": [
                            {"place": _place(d.place), "part": d.part, "text": d.text, "item": d.item}
                            for d in twin.identical
                        ],
                        "one_sided": [
                            {"place": _place(d.place), "part": d.part, "filled": d.filled} for d in twin.one_sided
                        ],
                    }
                    for twin in report.with_findings
                ],
                "passport_levels": [links.card(card) for card in report.passport_levels],
                "issues": [
                    {
                        "source_file": entry.issue.document.file_name,
                        "line": entry.issue.line,
                        "severity": entry.issue.severity,
                        "code": entry.issue.code,
                        "message": entry.issue.display_message(),
                        "card": links.card_or_none(entry.card),
                    }
                    for entry in report.issues
                ],
                "permalink": links.page("quality_report", []),
            }
        )
