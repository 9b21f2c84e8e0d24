from django.urls import path

from cards.views import card, changes, compare, lists, search

urlpatterns = [
    path("cards/", lists.card_list, name="card_list"),
    path("cards/<str:code>/<int:position>/", card.card_detail, name="card_detail"),
    path("occupations/<str:code>/", lists.occupation_detail, name="occupation_detail"),
    path("compare/", compare.compare, name="compare"),
    path("cards/<str:code>/<int:position>/ladder/", compare.ladder, name="ladder"),
    path("cards/<str:code>/<int:position>/ladder.csv", compare.ladder_csv, name="ladder_csv"),
    path("quality/", changes.quality_report, name="quality_report"),
    path("search/", search.search, name="search"),
]
