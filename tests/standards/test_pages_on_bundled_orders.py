"""The list pages over the bundled orders, imported for real."""

import re

import pytest

from standards.models import Edition

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def html_of(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def card_links(html: str) -> list[str]:
    return re.findall(r'<th scope="row" lang="\w+"><a href="([^"]+)"', html)


def test_the_matrix_cell_j068_level_7_says_2_and_opens_exactly_those_cards(client, registry):
    html = html_of(client, "/ru/")
    cell = re.search(r'<a href="([^"]+)" data-cell="J068-7">(\d+)</a>', html)
    assert cell.group(2) == "2"
    assert cell.group(1) == "/ru/cards/?standard=J068&amp;level=7"
    cards = html_of(client, cell.group(1).replace("&amp;", "&"))
    assert 'data-count="2"' in cards
    assert card_links(cards) == ["/ru/cards/J068/2/", "/ru/cards/J068/4/"]
    assert "Инженер по искусственному интеллекту" in cards


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_matrix_cell_opens_a_list_of_as_many_cards_as_it_says(client, registry, language):
    html = html_of(client, f"/{language}/")
    assert 'data-count="standards">22<' in html
    assert 'data-count="cards">118<' in html
    cells = re.findall(r'<a href="([^"]+)" data-cell="[\w-]+">(\d+)</a>', html)
    assert sum(int(n) for _, n in cells) == 118
    for url, n in cells:
        assert f'data-count="{n}"' in html_of(client, url.replace("&amp;", "&")), url


def test_the_russian_page_of_j062_shows_the_kazakh_passport_with_a_note(client, registry):
    html = html_of(client, "/ru/standards/J062/")
    assert 'role="note"' in html
    assert '<a href="/kk/standards/J062/" hreflang="kk">' in html
    assert '<dd lang="kk">Техникалық құжаттаманы әзірлеу</dd>' in html
    assert "569/НҚ" in html and "10.11.2025" in html
    assert 'href="/ru/cards/J062/1/"' in html and 'href="/ru/cards/J062/2/"' in html


def test_the_russian_page_of_j068_shows_the_russian_passport_approved_by_both_orders(client, registry):
    html = html_of(client, "/ru/standards/J068/")
    assert 'role="note"' not in html
    assert "61.90.9 Прочая деятельность в области телекоммуникаций" in html
    assert "569/НҚ" in html and "209/НК" in html
    developers = re.search(r'<dd lang="ru">Комитет цифровых активов.*?</dd>', html, re.S).group(0)
    assert "<br>Руководитель проекта" in developers


def test_the_russian_list_of_j072_at_level_6_gives_the_russian_cards(client, registry):
    html = html_of(client, "/ru/cards/?level=6&standard=J072")
    assert 'data-count="4"' in html
    assert card_links(html) == ["/ru/cards/J072/6/", "/ru/cards/J072/8/", "/ru/cards/J072/9/", "/ru/cards/J072/10/"]
    assert re.findall(r'<th scope="row" lang="(\w+)">', html) == ["ru"] * 4


def test_the_standard_list_has_every_standard(client, registry):
    html = html_of(client, "/kk/standards/")
    assert len(re.findall(r'<th scope="row"><a href="/kk/standards/[\w]+/">', html)) == 22


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_standard_and_edition_page_opens(client, registry, language):
    for edition in Edition.objects.select_related("standard"):
        code = edition.standard.code
        html_of(client, f"/{language}/standards/{code}/")
        html = html_of(client, f"/{language}/standards/{code}/editions/{edition.key}/")
        assert len(card_links(html)) == edition.cards.count()


def test_the_superseded_edition_of_j072_lists_its_11_cards_in_the_edition(client, registry):
    html = html_of(client, "/ru/standards/J072/editions/undated-kk/")
    links = card_links(html)
    assert len(links) == 11
    assert links[0] == "/ru/standards/J072/editions/undated-kk/cards/1/"


def test_the_occupation_page_climbs_the_ladder_of_its_cards(client, registry):
    html = html_of(client, "/ru/occupations/2519-9-001/")
    assert card_links(html) == ["/ru/cards/J068/1/", "/ru/cards/J068/2/"]
    assert "Разработчики и аналитики программного обеспечения и приложений, не входящие в другие группы" in html


def test_the_api_lists_one_card_per_standard_and_position(client, registry):
    data = client.get("/api/v1/cards").json()
    assert data["count"] == 118
    russian = client.get("/api/v1/cards?language=ru&standard=J072&level=6").json()
    assert [r["position"] for r in russian["results"]] == [6, 8, 9, 10]
