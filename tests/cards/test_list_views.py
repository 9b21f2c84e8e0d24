import re

import pytest

from cards.models import Occupation
from tests.factories import make_card, make_edition, make_standard

pytestmark = pytest.mark.django_db


def rows(html: str) -> list[str]:
    """The card links of a card table, in order."""
    return re.findall(r'<th scope="row" lang="\w+"><a href="([^"]+)"', html)


@pytest.fixture
def cloud():
    """Standard T072 with 30 cards at level 6 and one at level 7, in kk and ru."""
    standard = make_standard(code="T072", title_kk="Бұлттық технологиялар", title_ru="Облачные технологии")
    kk = make_edition(standard=standard, language="kk")
    ru = make_edition(standard=standard, language="ru")
    for position in range(1, 32):
        level = 7 if position == 31 else 6
        make_card(edition=kk, position=position, title=f"Бұлт маманы {position}", level=level)
        make_card(edition=ru, position=position, title=f"Облачный специалист {position}", level=level)
    return standard


def test_the_card_list_shows_each_card_with_its_standard_level_and_language(client):
    occupation = Occupation.objects.create(code="2512-2-001", isco_code="2512", isco_title="Software developers")
    standard = make_standard(code="T073", title_kk="Бағдарламалық жасақтама", title_ru="Разработка ПО")
    make_card(
        edition=make_edition(standard=standard, language="ru"),
        title="Разработчик <b>ПО</b>",
        level=5,
        occupation=occupation,
        occupation_code="2512-2-001",
    )
    response = client.get("/ru/cards/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-count="1"' in html
    assert rows(html) == ["/ru/cards/T073/1/"]
    assert "Разработчик &lt;b&gt;ПО&lt;/b&gt;" in html
    assert "Разработка ПО" in html
    assert '<td class="number">5</td>' in html
    assert '<td class="code">2512-2-001</td>' in html


def test_the_filters_are_read_from_the_url_and_shown_in_the_form(client, cloud):
    html = client.get("/ru/cards/?level=7&standard=T072").content.decode()
    assert rows(html) == ["/ru/cards/T072/31/"]
    assert 'value="7" id="id_level_6" checked' in html
    assert '<option value="T072" selected>' in html


def test_it_pages_25_cards_at_a_time_and_page_links_keep_the_filters(client, cloud):
    first = client.get("/kk/cards/?standard=T072&level=6").content.decode()
    assert 'data-count="30"' in first
    assert len(rows(first)) == 25
    assert 'href="?standard=T072&amp;level=6&amp;page=2"' in first
    second = client.get("/kk/cards/?standard=T072&level=6&page=2").content.decode()
    assert rows(second) == [f"/kk/cards/T072/{n}/" for n in range(26, 31)]
    assert 'href="?standard=T072&amp;level=6&amp;page=1"' in second


def test_it_sorts_by_level_when_asked(client, cloud):
    html = client.get("/ru/cards/?standard=T072&level=6&level=7&sort=level&page=2").content.decode()
    assert rows(html)[-1] == "/ru/cards/T072/31/"


@pytest.mark.parametrize("query", ["level=9", "standard=NOPE", "level=6&isco=0000", "language=de"])
def test_an_invalid_filter_is_a_bad_request_with_a_message_and_no_cards(client, cloud, query):
    response = client.get(f"/ru/cards/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'class="errorlist"' in html
    assert rows(html) == []
    assert "data-count" not in html


def test_a_page_past_the_end_says_so_instead_of_listing_cards(client, cloud):
    response = client.get("/ru/cards/?level=6&page=999")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "999" in html
    assert rows(html) == []
    assert 'href="?level=6"' in html, "a link back to the first page of the same filters"


def test_a_malformed_page_number_is_a_bad_request(client, cloud):
    assert client.get("/ru/cards/?page=abc").status_code == 400


def test_the_language_switch_keeps_the_filters(client, cloud):
    html = client.get("/ru/cards/?level=7&standard=T072").content.decode()
    assert 'href="/kk/cards/?level=7&amp;standard=T072"' in html


@pytest.mark.parametrize("card_count", [1, 31])
def test_the_card_list_takes_four_queries_whatever_the_number_of_cards(client, django_assert_num_queries, card_count):
    edition = make_edition(standard=make_standard(code="T074"))
    for position in range(1, card_count + 1):
        make_card(edition=edition, position=position)
    # standard choices, ISCO choices, count, the page of cards
    with django_assert_num_queries(4):
        assert client.get("/kk/cards/?standard=T074").status_code == 200


@pytest.fixture
def ladder():
    occupation = Occupation.objects.create(code="2519-9-001", isco_code="2519", isco_title="Software developers n.e.c.")
    ai = make_standard(code="T068", title_kk="Жасанды интеллект", title_ru="Искусственный интеллект")
    docs = make_standard(code="T062", title_kk="Құжаттама", title_ru="")
    kk, ru = make_edition(standard=ai, language="kk"), make_edition(standard=ai, language="ru")
    for edition, title in ((kk, "ЖИ инженері"), (ru, "Инженер по ИИ")):
        make_card(edition=edition, position=1, title=title, level=7, occupation=occupation)
        make_card(edition=edition, position=2, title=title, level=6, occupation=occupation)
    make_card(edition=make_edition(standard=docs), title="Жазушы", level=5, occupation=occupation)
    make_card(edition=make_edition(standard=docs, key="old", status="superseded"), level=4, occupation=occupation)
    return occupation


def test_the_occupation_page_lists_its_cards_by_level_in_the_page_language(client, ladder):
    response = client.get("/ru/occupations/2519-9-001/")
    assert response.status_code == 200
    html = response.content.decode()
    assert rows(html) == ["/ru/cards/T062/1/", "/ru/cards/T068/2/", "/ru/cards/T068/1/"]
    assert "Инженер по ИИ" in html
    assert "ЖИ инженері" not in html
    assert "2519" in html
    assert "Разработчики и аналитики программного обеспечения и приложений, не входящие в другие группы" in html
    assert 'href="/ru/cards/?isco=2519"' in html


def test_the_occupation_page_marks_a_kazakh_only_card_and_links_to_its_isco_group(client, ladder):
    html = client.get("/ru/occupations/2519-9-001/").content.decode()
    [kazakh_row] = re.findall(r'<th scope="row" lang="kk">(.*?)</th>', html, re.S)
    assert "Жазушы" in kazakh_row and 'class="language-mark" lang="ru"' in kazakh_row
    assert 'href="/ru/occupations/isco/2519/"' in html


def test_an_unknown_occupation_code_is_not_found(client, ladder):
    assert client.get("/ru/occupations/9999-9-999/").status_code == 404
    assert client.get("/ru/occupations/-/").status_code == 404


@pytest.mark.parametrize("extra_cards", [0, 20])
def test_the_occupation_page_takes_two_queries(client, ladder, django_assert_num_queries, extra_cards):
    edition = make_edition(standard=make_standard(code="T099"))
    for _ in range(extra_cards):
        make_card(edition=edition, occupation=ladder)
    with django_assert_num_queries(2):
        assert client.get("/kk/occupations/2519-9-001/").status_code == 200
