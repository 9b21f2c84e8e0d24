"""The page benchmark's baseline: the cheapest answer Django gives through the registry's middleware.

``bench/pages.py`` serves ``gunicorn 'bench.trivial_app:bench_application()'``: the registry's
own URLs plus ``/bench/trivial/`` and ``/bench/frame/`` (the site's empty frame), in the same
processes and behind the same middleware as the pages they are compared with, while the production
URLconf carries no benchmark route. Importing this module has no side effects.
"""

from __future__ import annotations

import os

from django.http import HttpResponse

TRIVIAL_PATH = "bench/trivial/"
FRAME_PATH = "bench/frame/"
urlpatterns: list = []  # filled by bench_application(), once Django is set up


def trivial(request):
    """No template, no query: what any page costs before it does its own work."""
    return HttpResponse(b"ok", content_type="text/plain")


def frame(request):
    """The site's frame and nothing in it: ``base.html`` (header, menu, language links, footer) through
    the context processors, no query. What any page of the registry costs before its own content."""
    from django.shortcuts import render

    return render(request, "base.html")


def bench_application():
    """The registry's WSGI application, resolving URLs through this module (see ``urlpatterns``)."""
    global urlpatterns
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from django.urls import path

    application = get_wsgi_application()  # sets Django up
    from registry.urls import urlpatterns as registry_urlpatterns

    urlpatterns = [
        path(TRIVIAL_PATH, trivial, name="bench_trivial"),
        path(FRAME_PATH, frame, name="bench_frame"),
        *registry_urlpatterns,
    ]
    settings.ROOT_URLCONF = __name__  # before the first request; each request resolves against it
    return application
