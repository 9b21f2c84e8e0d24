"""Every page type sends the security headers, and its HTML keeps to the Content-Security-Policy.

The catalogue of public page types is tests/test_crawl.py's; to it come the admin (index, every
registered model's list, add, change and history page, a popup, the login page), the API's routes
that take no parameter (whatever ``api.urls`` holds), the source-text page, the downloads and /healthz.
A page that needed an inline script or an inline event handler would be broken by the policy, so
the HTML is checked for them too.
"""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from lxml import html as lxml_html

from tests.test_crawl import PAGES

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

INLINE_HANDLER = re.compile(r"^on[a-z]+$")


def policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_secure(response, url: str) -> None:
    assert response.status_code < 500, url
    csp = policy(response)
    assert csp.get("script-src") == ["'self'"], (url, response.headers.get("Content-Security-Policy"))
    assert csp.get("default-src") == ["'self'"], url
    assert csp.get("object-src") == ["'none'"], url
    assert csp.get("frame-ancestors") == ["'none'"], url
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"], url
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"], url
    assert response.headers.get("X-Frame-Options") == "DENY", url
    assert response.headers.get("X-Content-Type-Options") == "nosniff", url
    assert response.headers.get("Referrer-Policy") == "same-origin", url
    assert response.headers.get("Cross-Origin-Opener-Policy") == "same-origin", url
    if response.headers.get("Content-Type", "").startswith("text/html") and response.content.strip():
        assert inline_code(response.content.decode()) == [], url


def inline_code(text: str) -> list[str]:
    """Inline scripts, event-handler attributes, javascript: links and inline styles: what the policy blocks."""
    document = lxml_html.fromstring(text)
    scripts = [s for s in document.iter("script") if not s.get("src") and (s.text or "").strip()]
    found = [f"<script> {s.text[:60]!r}" for s in scripts]
    found += [f"<style> {s.text[:60]!r}" for s in document.iter("style")]
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if INLINE_HANDLER.match(name):
                found.append(f"{element.tag} {name}={value[:60]!r}")
            elif name in {"href", "src", "action", "formaction"} and value.strip().lower().startswith("javascript:"):
                found.append(f"{element.tag} {name}={value[:60]!r}")
            elif name == "style":
                found.append(f"{element.tag} style={value[:60]!r}")
    return found


@pytest.fixture(scope="module")
def client(registry):
    return Client()


@pytest.fixture
def superuser_client(registry):
    user = User.objects.create_superuser("header-admin", password="-")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_type_sends_the_security_headers(client, language, path):
    url = f"/{language}{path}"
    assert_secure(client.get(url), url)


def test_the_source_text_page_downloads_healthz_and_404_send_them_too(client):
    from standards.models import SourceDocument

    urls = ["/healthz", "/kk/no-such-page/", "/no-such-page/", "/kk/cards/J068/1/ladder.csv"]
    urls += [f"/ru/sources/{d.pk}/" for d in SourceDocument.objects.exclude(format="pdf")[:1]]
    for url in urls:
        assert_secure(client.get(url), url)


def api_routes() -> list[str]:
    """The API's routes that take no parameter, as the URLconf has them now."""
    resolver = get_resolver()
    routes = []
    for pattern in resolver.url_patterns:
        if str(pattern.pattern) != "api/v1/":
            continue
        for inner in pattern.url_patterns:
            if isinstance(inner, URLPattern) and "<" not in str(inner.pattern):
                routes.append("/api/v1/" + str(inner.pattern).lstrip("^").rstrip("$"))
    return routes


def test_every_api_route_sends_the_security_headers(client):
    routes = api_routes()
    assert "/api/v1/cards" in routes
    for url in routes:
        assert_secure(client.get(url), url)


def admin_pages() -> list[str]:
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        urls.append(reverse("admin:{}_{}_changelist".format(*info)) + "?_popup=1&_to_field=id")
        urls.append(reverse("admin:{}_{}_add".format(*info)))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
            urls.append(reverse("admin:{}_{}_history".format(*info), args=[obj.pk]))
    return urls


def test_every_admin_page_type_sends_the_security_headers_and_runs_no_inline_script(superuser_client):
    pages = admin_pages()
    assert len(pages) > 20
    for url in pages:
        assert_secure(superuser_client.get(url), url)


def test_the_admin_login_page_sends_them_to_anonymous_visitors():
    url = reverse("admin:login")
    assert_secure(Client().get(url), url)


def test_the_check_finds_inline_scripts_handlers_and_styles():
    found = inline_code(
        '<html><body><script>alert(1)</script><script src="/static/x.js"></script>'
        '<img src="x" onerror="alert(1)"><a href=" JavaScript:alert(1)">x</a><p style="color:red">x</p></body></html>'
    )
    assert len(found) == 4
