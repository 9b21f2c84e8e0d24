"""Error pages: translated, in the site's design, never Django's debug page; the 500 page needs nothing.

Django's default handlers render templates/404.html and 403.html with the request (the context
processors run), 400.html and 500.html with no context at all (templates/errors/plain.html).
"""

from unittest import mock

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import path
from django.utils import translation

from registry import urls as registry_urls


def raise_error(request):
    raise RuntimeError("a bug in a view")


def raise_permission_denied(request):
    raise PermissionDenied("staff only")


def raise_suspicious(request):
    raise SuspiciousOperation("a forged parameter")


# The registry's routes, and views that fail, for the tests marked @pytest.mark.urls(__name__).
urlpatterns = [
    *i18n_patterns(
        path("raises/", raise_error),
        path("forbidden/", raise_permission_denied),
        path("suspicious/", raise_suspicious),
    ),
    *registry_urls.urlpatterns,
]


def exploding_context_processor(request):
    raise RuntimeError("a context processor that fails")


def said(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


@pytest.fixture
def failing_client():
    """A client that gets the response a visitor gets, rather than the view's exception."""
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("address", ["/{lang}/cards/J999/1/", "/{lang}/no-such-page/", "/{lang}/standards/J999/"])
def test_an_unknown_address_gets_the_404_page_in_the_page_language(client, language, address):
    response = client.get(address.format(lang=language))
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{said(language, 'Page not found')}</h1>" in html
    assert 'class="error-page error-404"' in html
    assert f'href="/{language}/cards/"' in html and f'href="/{language}/search/"' in html  # ways on
    assert 'aria-label="{}"'.format(said(language, "Language")) in html  # the site's header, language switch
    assert "URLconf" not in html and "Traceback" not in html


@pytest.mark.django_db
def test_the_404_page_switches_language_at_the_same_address(client):
    html = client.get("/ru/cards/J999/1/").content.decode()
    assert 'href="/kk/cards/J999/1/" lang="kk"' in html


def test_an_address_without_a_language_gets_the_404_page_in_the_default_language(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="kk">' in response.content.decode()
    assert said("kk", "Page not found") in response.content.decode()


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_view_that_raises_gets_the_translated_500_page_not_the_debug_page(failing_client, language):
    response = failing_client.get(f"/{language}/raises/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{said(language, 'Server error')}</h1>" in html
    assert f'href="/{language}/"' in html
    assert "a bug in a view" not in html and "Traceback" not in html


@pytest.mark.urls(__name__)
def test_the_500_page_renders_without_the_context_processors(failing_client, settings):
    """Django's server_error renders 500.html with no context: a failing context processor cannot stop it."""
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],  # the template libraries the pages load
                "context_processors": [
                    *settings.TEMPLATES[0]["OPTIONS"]["context_processors"],
                    f"{__name__}.exploding_context_processor",
                ],
            },
        }
    ]
    response = failing_client.get("/ru/raises/")
    assert response.status_code == 500
    assert said("ru", "Server error") in response.content.decode()


def test_the_500_page_renders_when_the_database_is_down(failing_client):
    down = OperationalError("could not connect to server: Connection refused")
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=down):
        response = failing_client.get("/ru/")
    assert response.status_code == 500
    html = response.content.decode()
    assert said("ru", "Server error") in html
    assert "/static/css/site.css" in html  # in the site's design
    assert "Connection refused" not in html


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("address", "status", "heading", "reason"),
    [
        ("/ru/suspicious/", 400, "Bad request", "a forged parameter"),
        ("/kk/forbidden/", 403, "Access denied", "staff only"),
    ],
)
def test_a_refused_request_gets_its_translated_error_page_without_the_reason(
    failing_client, address, status, heading, reason
):
    response = failing_client.get(address)
    assert response.status_code == status
    html = response.content.decode()
    assert f"<h1>{said(address.split('/')[1], heading)}</h1>" in html
    assert 'class="site-header"' in html  # in the site's design
    assert reason not in html


def test_a_request_for_an_unknown_host_gets_the_400_page(failing_client):
    response = failing_client.get("/kk/", headers={"host": "registry.example.com"})
    assert response.status_code == 400
    assert said("kk", "Bad request") in response.content.decode()


def test_favicon_ico_leads_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.svg"


def test_every_page_links_its_icon(client):
    html = client.get("/kk/no-such-page/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
