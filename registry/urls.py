from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path

from registry import health


def favicon(request):
    """Browsers ask for /favicon.ico whatever the pages link to: send them to the site's icon.

    A temporary redirect: the icon's hashed name changes when the file does.
    """
    return HttpResponseRedirect(static("img/favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path(settings.ADMIN_URL, admin.site.urls),  # ADMIN_URL: "admin/" unless the deployment hides it
    path("healthz", health.healthz, name="healthz"),
    path("api/v1/", include("api.urls")),
]

# Every page shows cards, so every page route lives in cards.urls (standards knows nothing of cards).
# Errors use Django's default handlers: they render templates/404.html, 403.html, 400.html and 500.html.
urlpatterns += i18n_patterns(
    path("", include("cards.urls")),
    path("", include("api.page_urls")),  # the Open data page
    prefix_default_language=True,
)

handler500 = "api.errors.server_error"  # JSON under /api/, templates/500.html elsewhere
