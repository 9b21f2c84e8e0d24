"""The JSON API of the registry: the card list, filtered by the card list page's FilterSet."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from cards.filters import CardFilter, page_of
from cards.forms import SearchParameters
from cards.identity import profession_key
from cards.models import ProfessionCard
from cards.search import search_cards


@require_GET
def card_list(request):
    """``/api/v1/cards?level=6&standard=J072&language=ru&page=2``.

    The filters of ``/<lang>/cards/``; without ``language``, one card per standard and
    position, in Kazakh where the standard has a Kazakh text (the registry's default language).
    """
    filterset = CardFilter(
        request.GET, ProfessionCard.objects.select_related("edition__standard"), language=settings.LANGUAGE_CODE
    )
    if not filterset.is_valid():
        return _json({"errors": filterset.form.errors.get_json_data()}, status=400)
    result = page_of(filterset.qs, request.GET.get("page"))
    if result.page is None:
        return _json({"errors": {"page": [{"message": str(result.error), "code": "page"}]}}, status=result.status)
    page = result.page
    return _json(
        {
            "count": page.paginator.count,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": _page_url(request, page.previous_page_number()) if page.has_previous() else None,
            "results": [_card_json(request, card) for card in page],
        }
    )


@require_GET
def search(request):
    """``/api/v1/search?q=облачные+вычисления&lang=ru&level=7&limit=20``.

    The ranked cards of the search page, best first: permalink, title, level, language and the
    score, and the profession each is a level of (``profession_key``: with ``standard_code``, what
    the page groups by). ``lang`` (default the registry's default language) picks, of a kk/ru
    pair of cards, the one to return unless the other matches better; the card list's filters
    apply. ``count`` counts the cards, ``profession_count`` the professions.
    """
    parameters = SearchParameters(request.GET)
    if not parameters.is_valid():
        return _json({"errors": parameters.errors.get_json_data()}, status=400)
    query, language, limit = (parameters.cleaned_data[name] for name in ("q", "lang", "limit"))
    result = search_cards(query, language=language, filters=request.GET)
    if not result.filterset.is_valid():
        return _json({"errors": result.filterset.form.errors.get_json_data()}, status=400)
    if result.message:
        return _json({"errors": {"q": [{"message": str(result.message), "code": "too_short"}]}}, status=400)
    hits = result.hits(result.ranked[:limit])
    return _json(
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
                    **_card_json(request, hit.card),
                    "profession_key": profession_key(hit.card),
                }
                for rank, hit in enumerate(hits, 1)
            ],
        }
    )


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _card_json(request, card: ProfessionCard) -> dict:
    return {
        "permalink": request.build_absolute_uri(card.permalink()),
        "standard_code": card.edition.standard.code,
        "position": card.position,
        "title": card.title,
        "level": card.level,
        "language": card.edition.language,
        "occupation_code": card.occupation_code,
        "isco_code": card.isco_code,
    }
