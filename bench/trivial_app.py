"""The page benchmark's baseline: the cheapest answer Django gives through the registry's middleware.

``bench/pages.py`` serves ``gunicorn 'bench.trivial_app:bench_application()'``: the registry's
own URLs plus ``/bench/trivial/``, in the same processes and behind the same middleware as the
pages it is compared with, while the production URLconf carries no benchmark route. Importing
this module has no side effects.
"""

from __future__ import annotations

import os

from django.http import HttpResponse

TRIVIAL_PATH = "bench/trivial/"
urlpatterns: list = []  # filled by bench_application(), once Django is set up


def trivial(request):
    """No template, no query: what any page costs before it does its own work."""
    return HttpResponse(b"ok", content_type="text/plain")


def bench_application():
    """The registry's WSGI application, resolving URLs through this module (see ``urlpatterns``)."""
    global urlpatterns
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from django.urls import path

    application = get_wsgi_application()  # sets Django up
    from registry.urls import urlpatterns as registry_urlpatterns

    urlpatterns = [path(TRIVIAL_PATH, trivial, name="bench_trivial"), *registry_urlpatterns]
    settings.ROOT_URLCONF = __name__  # before the first request; each request resolves against it
    return application
