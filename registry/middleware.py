"""The admin speaks the language the editor reads the site in.

Admin lives at /admin/, outside ``i18n_patterns``: LocaleMiddleware takes its language from the
``django_language`` cookie, else Accept-Language, else ``LANGUAGE_CODE``. The site's language links
are plain links to /kk/… and /ru/…, so nothing sets that cookie, and an editor who reads the site in
Kazakh in a browser that asks for Russian would get the admin in Russian.
"""

from django.conf import settings
from django.utils.translation import get_language_from_path


def remember_page_language(get_response):
    """Set the language cookie to the language of the public page a staff user opened.

    Only for staff (nobody else visits admin) and only when the cookie differs. The page cache
    (``standards.caching``) stores the view's response, before this runs, so no cached page carries it.
    """

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_staff:
            return response
        language = get_language_from_path(request.path_info)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    return middleware


def refuse_nul_bytes(get_response):
    """A NUL byte in the address is never a real request, and PostgreSQL refuses it in any text it is
    asked to compare (a 500 in every lookup by code): answer the translated 400 page instead."""
    from django.core.exceptions import SuspiciousOperation

    def middleware(request):
        if "\x00" in request.path or "\x00" in request.META.get("QUERY_STRING", "").replace("%00", "\x00"):
            if request.path.startswith("/api/"):
                return _api_bad_request(request)
            raise SuspiciousOperation("a NUL byte in the address")
        return get_response(request)

    return middleware


def _api_bad_request(request):
    """The API's one error shape (``api.errors``), in the language its ``lang`` asks for, never a page."""
    from django.http import JsonResponse
    from django.utils import translation
    from django.utils.translation import gettext

    lang = request.GET.get("lang", "")
    with translation.override(lang if lang in ("kk", "ru") else settings.LANGUAGE_CODE):
        message = gettext("The server could not understand this request. Check the address and try again.")
    body = {"errors": {"detail": [{"message": message, "code": "bad_request"}]}}
    return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
