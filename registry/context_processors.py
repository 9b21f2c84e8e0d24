from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils.translation import get_language


def language_links(request):
    """Links to the same page in every interface language."""
    path, mark, query = request.get_full_path().partition("?")
    key = (get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return {
        "language_links": [
            {"code": code, "name": name, "url": _in_language(path, code, *key) + mark + query}
            for code, name in settings.LANGUAGES
        ]
    }


@lru_cache(maxsize=2048)
def _in_language(path: str, code: str, language: str, script_prefix: str, urlconf: str) -> str:
    """``translate_url(path, code)``, once per path: it resolves the path and reverses its route (a
    page's two language links were a fifth of the site frame's cost). Resolving depends on the active
    ``language`` (the URL's language prefix), the ``script_prefix`` and the ``urlconf``, hence the key;
    the query string plays no part in it and is put back by the caller, as ``translate_url`` does."""
    return translate_url(path, code)


def _forget(**kwargs) -> None:
    """A changed setting (tests: LANGUAGES, ROOT_URLCONF, ...) may change a page's other address."""
    _in_language.cache_clear()


setting_changed.connect(_forget)
