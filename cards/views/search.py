"""The search page: professions ranked for a few words, codes or levels, with the card list's filters."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import get_language

from cards.search import search_cards
from cards.search.service import MAX_QUERY_CHARS
from standards.caching import cached_by_revision

EXAMPLES = {
    "kk": ["деректер базасы әкімшісі", "бұлттық технологиялар", "жасанды интеллект 7 деңгей", "2512"],
    "ru": ["тестировщик", "администратор баз данных", "машинное обучение", "ИИ инженер 7 уровень", "2519-9-001"],
}


@cached_by_revision
def search(request):
    query = request.GET.get("q", "")[:MAX_QUERY_CHARS]  # cut, not processed: the box shows what was searched
    result = search_cards(query, language=get_language(), filters=request.GET)
    form = result.filterset.form
    ctx = {"query": query, "result": result, "form": form, "page": None, "error": "", "status": 200}
    ctx["examples"] = EXAMPLES["ru"] + EXAMPLES["kk"] if get_language() == "ru" else EXAMPLES["kk"] + EXAMPLES["ru"]
    if form.errors:
        ctx["status"] = 400
    elif result.professions:
        page = result.page(request.GET.get("page"))
        ctx.update(page=page.page, error=page.error, status=page.status)
        if page.page:
            ctx["page_range"] = page.page.paginator.get_elided_page_range(page.page.number, on_each_side=2)
    return render(request, "cards/search.html", ctx, status=ctx["status"])
