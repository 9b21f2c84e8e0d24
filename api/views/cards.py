"""Cards: the list (the card list page's FilterSet), a card with its whole tree, its level ladder, search."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api import schema
from api.errors import ParameterError, error, form_errors
from api.present import card_detail
from api.views.base import RegistryView, paginate, validate
from cards.comparison_data import ladder_cards, ladder_steps
from cards.filters import CardFilter
from cards.forms import SearchParameters
from cards.identity import profession_key
from cards.models import ProfessionCard
from cards.search import search_cards
from cards.selectors import card_neighbours, current_card, distinct_places


def detail_queryset():
    """A card with its whole tree, its twin's and its predecessor's addresses."""
    return ProfessionCard.objects.with_tree().select_related(
        "twin__edition__standard", "predecessor__edition__standard", "predecessor__edition__document"
    )


class CardList(RegistryView):
    @extend_schema(
        operation_id="cards_list",
        summary="Profession cards, filtered as on the card list page",
        description=(
            "The in-force cards that pass the card list's filters, a page at a time. Without `language`, one card "
            "per standard and position: in the requested `lang` where the standard has a text in it, else in the "
            "other language (the pages' content rule)."
        ),
        parameters=[*schema.LANG, *schema.CARD_FILTERS, *schema.PAGING],
        responses=schema.responses(schema.CardPageSerializer),
        examples=[schema.CARD_LIST_EXAMPLE],
    )
    def get(self, request):
        links = self.links(request)
        filterset = CardFilter(
            request.GET, ProfessionCard.objects.select_related("edition__standard"), language=links.language
        )
        if not filterset.is_valid():
            raise ParameterError(form_errors(filterset.form))
        return Response(paginate(request, filterset.qs, links, lambda cards: [links.card(c) for c in cards]))


class CardDetail(RegistryView):
    @extend_schema(
        operation_id="cards_retrieve",
        summary="A profession card with its whole tree",
        description=(
            "The in-force card at `position` of standard `code`, in `lang` where the standard has a text in it, "
            "else in the other language (`is_in_requested_language` is then false): labour functions, skills, "
            "abilities and knowledge; related professions resolved to cards; twin, predecessor and the ladder."
        ),
        parameters=[*schema.CARD_PATH, *schema.LANG],
        responses=schema.responses(schema.CardDetailSerializer, not_found=True),
    )
    def get(self, request, code: str, position: int):
        links = self.links(request)
        shown = current_card(code.upper(), position, links.language, queryset=detail_queryset())
        ladder, elsewhere = card_neighbours(shown.card, links.language)
        return Response(card_detail(links, shown.card, ladder, elsewhere, [], shown.is_fallback))


class EditionCardDetail(RegistryView):
    @extend_schema(
        operation_id="edition_cards_retrieve",
        summary="A card of one edition (superseded editions' cards live here)",
        parameters=[*schema.EDITION_PATH, *schema.POSITION_PATH, *schema.LANG],
        responses=schema.responses(schema.CardDetailSerializer, not_found=True),
    )
    def get(self, request, code: str, key: str, position: int):
        links = self.links(request)
        card = get_object_or_404(
            detail_queryset().select_related("edition__document"),
            edition__standard__code=code.upper(),
            edition__key=key,
            position=position,
        )
        successors = ProfessionCard.objects.filter(predecessor=card).select_related("edition__standard")
        ladder, elsewhere = card_neighbours(card, links.language)
        places = distinct_places(successors, links.language)
        return Response(card_detail(links, card, ladder, elsewhere, places, card.edition.language != links.language))


def _change(change) -> dict:
    return {
        "change": change.change,
        "kind": change.kind,
        "function": change.function,
        "skill": change.skill,
        "text": change.text,
    }


def _counts(rows) -> list[dict]:
    return [
        {"kind": kind, "common": c.common, "changed": c.changed, "added": c.added, "removed": c.removed}
        for kind, c in rows
    ]


class Ladder(RegistryView):
    @extend_schema(
        operation_id="cards_ladder",
        summary="The levels of a card's profession, and what each step up adds",
        description="The cards of the same profession in the card's edition, lowest level first, and per step "
        "the labour functions, skills, abilities and knowledge added and no longer listed.",
        parameters=[*schema.CARD_PATH, *schema.LANG],
        responses=schema.responses(schema.LadderSerializer, not_found=True),
    )
    def get(self, request, code: str, position: int):
        links = self.links(request)
        shown = current_card(code.upper(), position, links.language)
        cards = ladder_cards(shown.card)
        steps = [
            {
                "before": links.card(step["before"]),
                "after": links.card(step["after"]),
                "counts": _counts(step["counts"]),
                "added": [_change(c) for c in step["added"]],
                "removed": [_change(c) for c in step["removed"]],
            }
            for step in ladder_steps(cards)
        ]
        return Response({"card": links.card(shown.card), "cards": [links.card(c) for c in cards], "steps": steps})


class Search(RegistryView):
    @extend_schema(
        operation_id="search",
        summary="Cards ranked for a few words, codes or levels",
        description=(
            "The ranked cards of the search page, best first, with the card list's filters. Of a kk/ru pair of "
            "cards the one in `lang` is returned unless the other matches better. `count` counts the cards, "
            "`profession_count` the professions (a standard's cards of one `profession_key`)."
        ),
        parameters=[*schema.SEARCH, *schema.LANG, *schema.CARD_FILTERS_WITHOUT_SORT],
        responses=schema.responses(schema.SearchSerializer),
    )
    def get(self, request):
        parameters = validate(SearchParameters(request.GET))
        links = self.links(request)
        result = search_cards(parameters["q"], language=parameters["lang"], filters=request.GET)
        if not result.filterset.is_valid():
            raise ParameterError(form_errors(result.filterset.form))
        if result.message:
            raise ParameterError({"q": [error(result.message, "too_short")]})
        hits = result.hits(result.ranked[: parameters["limit"]])
        return Response(
            {
                "query": result.query.text,
                "understood": {
                    "levels": result.query.levels,
                    "occupation_codes": result.query.occupation_codes,
                    "standard_codes": result.query.standard_codes,
                },
                "count": result.count,
                "profession_count": result.profession_count,
                "results": [
                    {
                        "rank": rank,
                        "score": hit.score,
                        **links.card(hit.card),
                        "profession_key": profession_key(hit.card),
                    }
                    for rank, hit in enumerate(hits, 1)
                ],
            }
        )
