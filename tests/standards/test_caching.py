import gzip

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.urls import reverse

from tests.factories import make_card, make_skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def skill():
    return make_skill(title="Бұлттық архитектураны жобалау", abilities=["Талдау жүргізу"])


def card_url(card):
    return f"/kk/cards/{card.edition.standard.code}/{card.position}/"


def test_a_cached_card_page_costs_one_query(client, page_cache, skill, django_assert_num_queries):
    url = card_url(skill.labour_function.card)
    first = client.get(url)
    with django_assert_num_queries(1):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content


def test_an_edit_in_admin_shows_on_the_cached_page_at_once(client, page_cache, skill):
    card = skill.labour_function.card
    assert "Талдау жүргізу" in client.get(card_url(card)).content.decode()
    admin = User.objects.create_superuser("admin", password="pw")
    client.force_login(admin)
    ability = skill.abilities.get()
    data = {
        "position": "1",
        "number": "1",
        "title": skill.title,
        "recognition": "",
        "abilities-TOTAL_FORMS": "1",
        "abilities-INITIAL_FORMS": "1",
        "abilities-MIN_NUM_FORMS": "0",
        "abilities-MAX_NUM_FORMS": "1000",
        "abilities-0-id": ability.pk,
        "abilities-0-skill": skill.pk,
        "abilities-0-position": "1",
        "abilities-0-text": "Түзетілген машық",
        "knowledge_items-TOTAL_FORMS": "0",
        "knowledge_items-INITIAL_FORMS": "0",
        "knowledge_items-MIN_NUM_FORMS": "0",
        "knowledge_items-MAX_NUM_FORMS": "1000",
    }
    response = client.post(reverse("admin:cards_skill_change", args=[skill.pk]), data)
    assert response.status_code == 302
    client.logout()
    html = client.get(card_url(card)).content.decode()
    assert "Түзетілген машық" in html
    assert "Талдау жүргізу" not in html


def test_staff_and_visitors_get_their_own_cached_pages(client, page_cache, skill):
    card = skill.labour_function.card
    visitor_html = client.get(card_url(card)).content.decode()
    client.force_login(User.objects.create_user("editor", password="pw", is_staff=True))
    staff_html = client.get(card_url(card)).content.decode()
    edit_link = reverse("admin:cards_professioncard_change", args=[card.pk])
    assert edit_link in staff_html and edit_link not in visitor_html


def test_each_language_and_query_string_is_cached_apart(client, page_cache):
    make_card(level=5)
    make_card(level=6)
    kk = client.get("/kk/cards/?level=5").content.decode()
    ru = client.get("/ru/cards/?level=5").content.decode()
    six = client.get("/kk/cards/?level=6").content.decode()
    assert 'lang="kk"' in kk and 'lang="ru"' in ru
    assert kk != six


def test_errors_are_not_cached(client, page_cache):
    assert client.get("/kk/cards/NOPE/1/").status_code == 404
    assert client.get("/kk/cards/?level=9").status_code == 400


def test_a_cached_page_is_compressed_once_for_every_client_that_accepts_gzip(client, page_cache, skill, monkeypatch):
    from standards import caching

    compressed = []
    compress = caching.compress_string
    monkeypatch.setattr(caching, "compress_string", lambda content: compressed.append(1) or compress(content))
    url = card_url(skill.labour_function.card)
    plain = client.get(url)
    first, second = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br"), client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert len(compressed) == 1
    for answer in (first, second):
        assert answer["Content-Encoding"] == "gzip"
        assert int(answer["Content-Length"]) == len(answer.content) < len(plain.content)
        assert gzip.decompress(answer.content) == plain.content
        assert "Accept-Encoding" in answer["Vary"]
    assert "Accept-Encoding" in plain["Vary"] and not plain.has_header("Content-Encoding")
    assert client.get(url).content == plain.content  # and a client that does not accept it still reads it plain


def test_a_page_first_rendered_for_gzip_is_stored_both_ways(client, page_cache, skill, monkeypatch):
    from standards import caching

    url = card_url(skill.labour_function.card)
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip"
    monkeypatch.setattr(caching, "compress_string", lambda content: pytest.fail("compressed again"))
    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert again.content == first.content
    assert gzip.decompress(first.content) == client.get(url).content


def test_without_the_page_cache_gzip_is_left_to_the_middleware(client, skill, monkeypatch):
    url = card_url(skill.labour_function.card)
    answer = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert answer["Content-Encoding"] == "gzip"
    assert b"\xd0" in gzip.decompress(answer.content)  # Cyrillic, UTF-8
