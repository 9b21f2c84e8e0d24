from django.urls import path

from cards.views import card, changes, compare, documents, lists, occupations, search, standards
from cards.views import match as match_views

urlpatterns = [
    path("", standards.overview, name="overview"),
    path("standards/", standards.standard_list, name="standard_list"),
    path("standards/<str:code>/", standards.standard_detail, name="standard_detail"),
    path("standards/<str:code>/changes/", changes.edition_changes, name="edition_changes"),
    path("standards/<str:code>/editions/<slug:key>/", standards.edition_detail, name="edition_detail"),
    path(
        "standards/<str:code>/editions/<slug:key>/cards/<int:position>/",
        card.edition_card_detail,
        name="edition_card_detail",
    ),
    path("cards/", lists.card_list, name="card_list"),
    path("cards/<str:code>/<int:position>/", card.card_detail, name="card_detail"),
    path("occupations/<str:code>/", lists.occupation_detail, name="occupation_detail"),
    path("occupations/", occupations.occupation_groups, name="occupation_groups"),
    path("occupations/isco/<str:isco_code>/", occupations.occupation_group, name="occupation_group"),
    path("compare/suggest/", compare.suggest, name="compare_suggest"),
    path("compare/", compare.compare, name="compare"),
    path("cards/<str:code>/<int:position>/ladder/", compare.ladder, name="ladder"),
    path("cards/<str:code>/<int:position>/ladder.csv", compare.ladder_csv, name="ladder_csv"),
    path("quality/", changes.quality_report, name="quality_report"),
    path("sources/<int:pk>/", documents.source_document, name="source_document"),
    path("search/", search.search, name="search"),
    path("match/", match_views.match, name="match"),
]
