"""Lists of profession cards: the filterable card list and the occupation ladder."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from cards.filters import CardFilter
from cards.isco import isco_titles
from cards.list_pages import page_of_cards
from cards.models import Occupation, ProfessionCard
from cards.selectors import LISTED_FIELDS, with_page_labels
from standards.caching import cached_by_revision


@cached_by_revision
def card_list(request):
    filterset = CardFilter(request.GET, ProfessionCard.objects.select_related("edition__standard").only(*LISTED_FIELDS))
    ctx = {"filterset": filterset, "form": filterset.form, "page": None, "error": "", "status": 200}
    if filterset.is_valid():
        result = page_of_cards(filterset, request.GET.get("page"))
        ctx.update(page=result.page, error=result.error, status=result.status)
        if result.page:
            ctx["cards"] = with_page_labels(result.page.object_list, get_language())
            ctx["page_range"] = result.page.paginator.get_elided_page_range(result.page.number, on_each_side=2)
    else:
        ctx["status"] = 400
    return render(request, "cards/card_list.html", ctx, status=ctx["status"])


@cached_by_revision
def occupation_detail(request, code):
    occupation = get_object_or_404(Occupation, code=code)
    ctx = {
        "occupation": occupation,
        "cards": with_page_labels(
            ProfessionCard.objects.readable_in(get_language()).of_occupation(occupation), get_language()
        ),
        "isco_title": isco_titles(get_language()).get(occupation.isco_code),
    }
    return render(request, "cards/occupation_detail.html", ctx)
