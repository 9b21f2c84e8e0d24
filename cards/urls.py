from django.urls import path

from cards.views import card, lists

urlpatterns = [
    path("cards/", lists.card_list, name="card_list"),
    path("cards/<str:code>/<int:position>/", card.card_detail, name="card_detail"),
    path("occupations/<str:code>/", lists.occupation_detail, name="occupation_detail"),
]
