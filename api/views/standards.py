"""Standards: the list, a standard with its passport and editions, an edition with its cards, edition changes."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api import schema
from api.views.base import RegistryView, paginate
from cards.changes import changes_of_standard
from cards.selectors import standards_with_levels
from standards.models import Standard
from standards.selectors import approving_order, editions_of, shown_edition, standard_or_404


def _order(links, document) -> dict | None:
    if document is None:
        return None
    return {
        "label": document.label(),
        "number": document.order_number or None,
        "date": document.order_date.isoformat() if document.order_date else None,
        "official_url": document.official_url or None,
    }


class StandardList(RegistryView):
    @extend_schema(
        operation_id="standards_list",
        summary="Every standard, with its editions and the levels of its cards",
        parameters=[*schema.LANG, *schema.PAGING],
        responses=schema.responses(schema.StandardPageSerializer),
    )
    def get(self, request):
        links = self.links(request)

        def serialise(rows):
            return [
                links.standard(
                    row["standard"],
                    card_count=row["card_count"],
                    levels=row["levels"],
                    languages=row["languages"],
                    editions=[links.edition(e) for e in row["editions"]],
                )
                for row in rows
            ]

        return Response(paginate(request, standards_with_levels(links.language), links, serialise))


class StandardDetail(RegistryView):
    @extend_schema(
        operation_id="standards_retrieve",
        summary="A standard: its passport, its editions and the cards of the text shown in `lang`",
        parameters=[*schema.STANDARD_PATH, *schema.LANG],
        responses=schema.responses(schema.StandardDetailSerializer, not_found=True),
    )
    def get(self, request, code: str):
        links = self.links(request)
        standard = standard_or_404(code)
        editions = editions_of(standard)
        edition = shown_edition(editions, links.language)
        cards = list(edition.cards.select_related("edition__standard").order_by("position")) if edition else []
        return Response(
            links.standard(
                standard,
                approving_order=_order(links, approving_order(editions)),
                shown_edition=links.edition(edition) if edition else None,
                passport=links.passport(edition) if edition else None,
                editions=[links.edition(e) for e in editions],
                cards=[links.card(c) for c in cards],
                changes_url=links.api("edition_changes", [standard.code]),
            )
        )


class EditionDetail(RegistryView):
    @extend_schema(
        operation_id="editions_retrieve",
        summary="One edition of a standard (a text in one language from one order) with its passport and cards",
        parameters=[*schema.EDITION_PATH, *schema.LANG],
        responses=schema.responses(schema.EditionDetailSerializer, not_found=True),
    )
    def get(self, request, code: str, key: str):
        links = self.links(request)
        standard = standard_or_404(code)
        edition = next((e for e in editions_of(standard) if e.key == key), None)
        if edition is None:
            raise Http404("No such edition")
        cards = edition.cards.select_related("edition__standard").order_by("position")
        data = links.edition(edition)
        data.update(
            standard=links.standard(standard),
            passport=links.passport(edition),
            cards=[links.card(c) for c in cards],
        )
        return Response(data)


def _tree_item(item) -> dict:
    return {
        "change": item.change,
        "kind": item.kind,
        "text": item.text,
        "function": item.function,
        "old_text": item.old_text,
        "skills": item.skills,
    }


class EditionChanges(RegistryView):
    @extend_schema(
        operation_id="standards_changes",
        summary="What changed from each superseded edition of a standard to its text in force",
        parameters=[*schema.STANDARD_PATH, *schema.LANG],
        responses=schema.responses(schema.ChangesSerializer, not_found=True),
    )
    def get(self, request, code: str):
        links = self.links(request)
        standard = get_object_or_404(Standard, code=code.upper())
        comparisons = []
        for changes in changes_of_standard(standard):
            comparisons.append(
                {
                    "old_edition": links.edition(changes.old_edition, changes.old_count),
                    "new_edition": links.edition(changes.new_edition, changes.new_count)
                    if changes.new_edition
                    else None,
                    "kept": [
                        {
                            "old": links.card(kept.old),
                            "new": links.card(kept.new),
                            "renamed": kept.renamed,
                            "level_changed": kept.level_changed,
                            "occupation_code_changed": kept.occupation_code_changed,
                            "counts": [
                                {
                                    "kind": kind,
                                    "common": c.common,
                                    "changed": c.changed,
                                    "added": c.added,
                                    "removed": c.removed,
                                }
                                for kind, c in kept.tree.counts.items()
                            ],
                            "changes": [_tree_item(item) for item in kept.tree.items],
                        }
                        for kept in changes.kept
                    ],
                    "added": [
                        {"card": links.card(added.card), "old_levels": added.old_levels} for added in changes.added
                    ],
                    "dropped": [links.card(card) for card in changes.dropped],
                }
            )
        return Response({"standard": links.standard(standard), "comparisons": comparisons})
