import re

import pytest

from cards.models import Occupation
from standards.models import Edition
from tests.factories import make_card, make_edition, make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def cloud():
    """Standard T072 in kk and ru, 30 cards at level 6 and one at level 7; T062 in kk only."""
    occupation = Occupation.objects.create(code="2529-0-001", isco_code="2529", isco_title="Database n.e.c.")
    standard = make_standard(code="T072")
    kk = make_edition(standard=standard, language="kk")
    ru = make_edition(standard=standard, language="ru")
    for position in range(1, 32):
        level = 7 if position == 31 else 6
        for edition in (kk, ru):
            make_card(
                edition=edition,
                position=position,
                title=f"{edition.language} {position}",
                level=level,
                occupation=occupation,
                occupation_code="2529-0-001",
                isco_code="2529",
            )
    make_card(edition=make_edition(standard=make_standard(code="T062")), title="Жазушы", level=7)


def test_it_lists_cards_with_their_permalinks_and_codes(client, cloud):
    response = client.get("/api/v1/cards?level=7&standard=T072&language=ru")
    ru_key = Edition.objects.get(standard__code="T072", language="ru").key
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "permalink": "http://testserver/ru/cards/T072/31/",
                "url": "http://testserver/api/v1/cards/T072/31?lang=ru",
                "reference": "T072/31@ru",
                "standard_code": "T072",
                "edition_key": ru_key,
                "position": 31,
                "title": "ru 31",
                "level": 7,
                "language": "ru",
                "status": "in_force",
                "occupation_code": "2529-0-001",
                "isco_code": "2529",
                "esco_uri": "http://data.europa.eu/esco/isco/C2529",
            }
        ],
    }


def test_without_a_language_it_gives_one_card_per_standard_and_position_in_kazakh(client, cloud):
    data = client.get("/api/v1/cards?level=7").json()
    assert [(r["standard_code"], r["language"]) for r in data["results"]] == [("T062", "kk"), ("T072", "kk")]


def test_next_and_previous_keep_the_filters(client, cloud):
    first = client.get("/api/v1/cards?standard=T072&language=ru").json()
    assert first["count"] == 31
    assert len(first["results"]) == 25
    assert first["next"] == "http://testserver/api/v1/cards?standard=T072&language=ru&page=2"
    second = client.get(first["next"]).json()
    assert [r["position"] for r in second["results"]] == list(range(26, 32))
    assert second["previous"] == "http://testserver/api/v1/cards?standard=T072&language=ru&page=1"
    assert second["next"] is None


def test_an_invalid_filter_is_a_bad_request_with_the_form_errors(client, cloud):
    response = client.get("/api/v1/cards?level=9&standard=NOPE&isco=2529")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert sorted(errors) == ["level", "standard"]
    assert errors["level"][0]["code"] == "invalid_choice"


def test_a_page_past_the_end_is_not_found(client, cloud):
    response = client.get("/api/v1/cards?page=9")
    assert response.status_code == 404
    assert "page" in response.json()["errors"]
    assert client.get("/api/v1/cards?page=x").status_code == 400
    assert client.get("/api/v1/cards?page_size=101").json()["errors"]["page_size"][0]["code"] == "max_value"


def test_it_serves_the_same_filterset_as_the_card_list(client, cloud):
    api = client.get("/api/v1/cards?level=6&level=7&isco=2529&q=KK&sort=level&page=2").json()
    html = client.get("/kk/cards/?level=6&level=7&isco=2529&q=KK&sort=level&page=2").content.decode()
    assert api["count"] == 31
    assert 'data-count="31"' in html
    assert [r["position"] for r in api["results"]] == [26, 27, 28, 29, 30, 31]
    assert [r["permalink"].removeprefix("http://testserver") for r in api["results"]] in [
        re.findall(r'<th scope="row" lang="kk"><a href="([^"]+)"', html)
    ]


def test_it_answers_get_only(client, cloud):
    response = client.post("/api/v1/cards")
    assert response.status_code == 405
    assert response.json()["errors"]["detail"][0]["code"] == "method_not_allowed"


def test_it_takes_five_queries(client, cloud, django_assert_num_queries):
    """The content revision, the filters' standards and ISCO-08 groups, the count, the page."""
    with django_assert_num_queries(5):
        client.get("/api/v1/cards?level=6")


def test_bad_search_parameters_get_the_errors_in_the_card_filters_shape(client, cloud):
    response = client.get("/api/v1/search?q=cloud&lang=en&limit=0&level=9")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert sorted(errors) == ["lang", "limit"]
    assert errors["lang"][0]["code"] == "invalid_choice"
    assert errors["limit"][0]["code"] == "min_value"
    assert client.get("/api/v1/search?q=cloud&limit=x").json()["errors"]["limit"][0]["code"] == "invalid"
    assert client.get("/api/v1/search?q=cloud&limit=101").json()["errors"]["limit"][0]["code"] == "max_value"
    level = client.get("/api/v1/search?q=cloud&level=9").json()["errors"]["level"][0]
    assert level["code"] == "invalid_choice" and set(level) == set(errors["lang"][0])


def test_the_search_limit_cuts_the_results(client):
    from cards.search import rebuild_search_index

    edition = make_edition()
    for level in (5, 6, 7):
        make_card(edition=edition, title="Бұлттық шешімдер әзірлеушісі", level=level)
    rebuild_search_index()
    data = client.get("/api/v1/search?q=әзірлеушісі&lang=kk&limit=2").json()
    assert data["count"] == 3 and len(data["results"]) == 2
