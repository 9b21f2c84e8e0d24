from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import path

from standards import views as standard_views

urlpatterns = [
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", standard_views.overview, name="overview"),
    prefix_default_language=True,
)
