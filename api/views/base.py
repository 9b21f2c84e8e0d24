"""What every API view shares: the language, conditional GET and caching by the content revision, paging.

``RegistryView`` answers ``GET``/``HEAD`` only, without sessions or CSRF (the API is public and
read-only). Before the handler runs it reads the content revision once: a request whose
``If-None-Match`` or ``If-Modified-Since`` matches gets ``304 Not Modified``; a response already
rendered for this address under this revision is served from the cache; every answer carries
``ETag`` and ``Last-Modified``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from api.errors import ParameterError, error, form_errors
from api.present import Links
from cards.filters import page_of
from standards.models import ContentRevision

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class LanguageParameter(forms.Form):
    lang = forms.ChoiceField(choices=settings.LANGUAGES, required=False, label=_("Language"))


class PageParameters(forms.Form):
    page_size = forms.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False, label=_("Page size"))


@dataclass(frozen=True)
class ContentState:
    revision: int
    changed_at: float | None  # a POSIX timestamp


def content_state() -> ContentState:
    """The registry's content revision and when it last changed, in one single-row query."""
    # Plain SQL: this runs before every answer, cached ones included, and the ORM's query building
    # cost more than the query (bench/api.py).
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number, changed_at FROM {ContentRevision._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    if row is None:
        return ContentState(0, None)
    return ContentState(row[0], row[1].timestamp() if row[1] else None)


def request_language(request) -> str:
    """``?lang=kk|ru`` (default the registry's default language); raises ParameterError otherwise."""
    form = LanguageParameter(request.GET)
    if not form.is_valid():
        raise ParameterError(form_errors(form))
    return form.cleaned_data["lang"] or settings.LANGUAGE_CODE


def validate(form) -> dict:
    """A parameter form's cleaned data, or the 400 naming what is wrong."""
    if not form.is_valid():
        raise ParameterError(form_errors(form))
    return form.cleaned_data


def paginate(request, items, links: Links, serialise) -> dict:
    """A page of ``items`` (a stably ordered queryset or list): ``count``, ``next``, ``previous``, ``results``.

    ``?page`` from 1 and ``?page_size`` from 1 to ``MAX_PAGE_SIZE`` (default ``DEFAULT_PAGE_SIZE``).
    """
    size = validate(PageParameters(request.GET))["page_size"] or DEFAULT_PAGE_SIZE
    result = page_of(items, request.GET.get("page"), per_page=size)
    if result.page is None:
        raise ParameterError({"page": [error(result.error, "page")]}, status_code=result.status)
    page = result.page
    return {
        "count": page.paginator.count,
        "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
        "previous": _page_url(request, page.previous_page_number()) if page.has_previous() else None,
        "results": serialise(list(page.object_list)),
    }


def _page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def response_key(request, revision: int) -> str:
    raw = f"{revision}|{request.get_full_path()}"
    return "api:" + hashlib.sha256(raw.encode()).hexdigest()


class RegistryView(APIView):
    """A read-only API view in the request's language, conditional and cached by the content revision."""

    http_method_names = ["get", "head", "options"]
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    def dispatch(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return super().dispatch(request, *args, **kwargs)
        state = content_state()
        etag = f'"{state.revision}-{response_key(request, state.revision)[4:20]}"'
        last_modified = int(state.changed_at) if state.changed_at is not None else None
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return self._stamp(not_modified, etag, last_modified)
        use_cache = bool(settings.PAGE_CACHE_SECONDS)
        key = response_key(request, state.revision)
        hit = cache.get(key) if use_cache else None
        if hit is not None:
            content, content_type = hit
            return self._stamp(HttpResponse(content, content_type=content_type), etag, last_modified)
        language = request.GET.get("lang") if request.GET.get("lang") in dict(settings.LANGUAGES) else None
        with translation.override(language or settings.LANGUAGE_CODE):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        if response.status_code != 200:
            return response
        if use_cache and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
        return self._stamp(response, etag, last_modified)

    @staticmethod
    def _stamp(response, etag: str, last_modified: int | None):
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = "public, max-age=0, must-revalidate"
        return response

    def links(self, request) -> Links:
        return Links(request, request_language(request))
