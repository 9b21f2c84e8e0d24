"""The public API, ``/api/v1/``: read-only JSON of every object of the registry, its OpenAPI schema and docs.

One route a line; the views live in ``api/views/`` (and ``api/match.py``, the matching endpoint).
Any other address under ``/api/`` answers a JSON 404 (the catch-all after the list).
"""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from api import downloads
from api.errors import api_not_found
from api.match import Match
from api.views import cards, docs, occupations, reports, standards

app_name = "api"

urlpatterns = [
    path("standards", standards.StandardList.as_view(), name="standard_list"),
    path("standards/<str:code>", standards.StandardDetail.as_view(), name="standard_detail"),
    path("standards/<str:code>/changes", standards.EditionChanges.as_view(), name="edition_changes"),
    path("standards/<str:code>/editions/<str:key>", standards.EditionDetail.as_view(), name="edition_detail"),
    path(
        "standards/<str:code>/editions/<str:key>/cards/<int:position>",
        cards.EditionCardDetail.as_view(),
        name="edition_card_detail",
    ),
    path("cards", cards.CardList.as_view(), name="card_list"),
    path("cards.csv", downloads.CardsCsv.as_view(), name="cards_csv"),
    path("cards.xlsx", downloads.CardsXlsx.as_view(), name="cards_xlsx"),
    path("cards/<str:code>/<int:position>", cards.CardDetail.as_view(), name="card_detail"),
    path("cards/<str:code>/<int:position>/ladder", cards.Ladder.as_view(), name="ladder"),
    path("occupations", occupations.OccupationList.as_view(), name="occupation_list"),
    path("occupations/<str:code>", occupations.OccupationDetail.as_view(), name="occupation_detail"),
    path("search", cards.Search.as_view(), name="search"),
    path("compare", reports.Compare.as_view(), name="compare"),
    path("match", Match.as_view(), name="match"),
    path("quality", reports.Quality.as_view(), name="quality"),
    path("downloads/registry.json", downloads.RegistryJson.as_view(), name="registry_json"),
    path("downloads/registry-csv.zip", downloads.RegistryCsv.as_view(), name="registry_csv"),
    path("downloads/registry.xlsx", downloads.RegistryXlsx.as_view(), name="registry_xlsx"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.ApiDocs.as_view(url_name="api:schema"), name="docs"),
]

urlpatterns += [re_path(r"^.*$", api_not_found)]  # keep last
