from django.urls import path

from cards import api

urlpatterns = [
    path("cards", api.card_list, name="api_card_list"),
    path("search", api.search, name="api_search"),
]
