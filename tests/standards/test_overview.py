import pytest

from tests.factories import make_card

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_overview_shows_counts_from_the_database(client, language):
    make_card()
    make_card()
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert 'data-count="cards">2<' in html
    assert 'data-count="standards">2<' in html


def test_the_site_root_sends_visitors_to_the_kazakh_overview(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="")
    assert response.status_code == 302
    assert response["Location"] == "/kk/"


def test_the_russian_overview_speaks_russian(client):
    html = client.get("/ru/").content.decode()
    assert "Реестр" in html
