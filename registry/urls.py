from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("cards.api_urls")),
]

# Every page shows cards, so every page route lives in cards.urls (standards knows nothing of cards).
urlpatterns += i18n_patterns(
    path("", include("cards.urls")),
    prefix_default_language=True,
)
