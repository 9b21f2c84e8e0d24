"""The API app's pages under the language prefix (``/<lang>/open-data/``), wired by registry/urls.py."""

from django.urls import path

from api import pages

urlpatterns = [
    path("open-data/", pages.open_data, name="open_data"),
]
