"""The Open data page: the downloads of the whole registry and the way to the API documentation."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

from api.tables import TABLE_COLUMNS
from standards.caching import cached_by_revision


@cached_by_revision
def open_data(request):
    language = get_language()
    api = {name: reverse(f"api:{name}") for name in ("registry_json", "registry_csv", "registry_xlsx", "schema")}
    ctx = {
        "downloads": api,
        "docs_url": reverse("api:docs") + f"?lang={language}",
        "schema_json_url": api["schema"] + "?format=json",
        "cards_api_url": reverse("api:card_list") + f"?lang={language}",
        "tables": TABLE_COLUMNS,
    }
    return render(request, "api/open_data.html", ctx)
