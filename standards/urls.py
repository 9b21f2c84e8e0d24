from django.urls import path

from cards.views import card as card_views
from cards.views import changes as change_views
from standards import views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("standards/", views.standard_list, name="standard_list"),
    path("standards/<str:code>/", views.standard_detail, name="standard_detail"),
    path("standards/<str:code>/changes/", change_views.edition_changes, name="edition_changes"),
    path("standards/<str:code>/editions/<slug:key>/", views.edition_detail, name="edition_detail"),
    path(
        "standards/<str:code>/editions/<slug:key>/cards/<int:position>/",
        card_views.edition_card_detail,
        name="edition_card_detail",
    ),
]
