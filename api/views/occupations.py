"""Occupations: the НКЗ codes of the registry's cards, each with its ISCO-08 group and its cards by level."""

from __future__ import annotations

from itertools import groupby

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api import schema
from api.views.base import RegistryView, paginate
from cards.models import Occupation, ProfessionCard


def _occupation(links, occupation) -> dict:
    return {
        "code": occupation.code,
        "isco_group": links.isco_group(occupation.isco_code),
        "permalink": links.page("occupation_detail", [occupation.code]),
        "url": links.api("occupation_detail", [occupation.code]),
    }


class OccupationList(RegistryView):
    @extend_schema(
        operation_id="occupations_list",
        summary="Every НКЗ occupation code the registry's cards name, with its ISCO-08 group",
        parameters=[*schema.LANG, *schema.PAGING],
        responses=schema.responses(schema.OccupationPageSerializer),
    )
    def get(self, request):
        links = self.links(request)
        occupations = Occupation.objects.order_by("code")
        return Response(paginate(request, occupations, links, lambda rows: [_occupation(links, o) for o in rows]))


class OccupationDetail(RegistryView):
    @extend_schema(
        operation_id="occupations_retrieve",
        summary="An НКЗ occupation: its ISCO-08 group and its cards by ОРК level",
        description="The cards readable in `lang` (one per standard and position) with this occupation code.",
        parameters=[*schema.OCCUPATION_PATH, *schema.LANG],
        responses=schema.responses(schema.OccupationDetailSerializer, not_found=True),
    )
    def get(self, request, code: str):
        links = self.links(request)
        occupation = get_object_or_404(Occupation, code=code)
        cards = ProfessionCard.objects.readable_in(links.language).of_occupation(occupation)
        data = _occupation(links, occupation)
        data["levels"] = [
            {"level": level, "cards": [links.card(c) for c in group]}
            for level, group in groupby(cards, key=lambda c: c.level)
        ]
        return Response(data)
