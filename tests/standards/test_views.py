import re

import pytest

from cards.models import Occupation
from standards.models import Edition, SourceDocument
from tests.factories import make_card, make_document, make_edition, make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    """T068 approved in kk by an order and in ru by an amending order, with a superseded edition; T062 kk only."""
    order = make_document(order_number="569/НҚ", order_date="2025-11-10", language="kk")
    amending = make_document(
        order_number="209/НК", order_date="2026-04-20", language="ru", kind=SourceDocument.Kind.AMENDING_ORDER
    )
    ai = make_standard(code="T068", title_kk="Жасанды интеллект", title_ru="Искусственный интеллект")
    docs = make_standard(code="T062", title_kk="Техникалық құжаттама", title_ru="Техническая документация")
    kk = make_edition(standard=ai, document=order, annex=9, language="kk", developers="Министрлік\nБайгазина А.")
    ru = make_edition(
        standard=ai,
        document=amending,
        annex=9,
        amending_annex=1,
        language="ru",
        oked_text="J Информация и связь.\n61.90.9 Прочая деятельность",
        developers="Министерство <script>\nБайгазина А.",
        description="Применение методов ИИ",
        review_date="30.12.2027 г.",
    )
    old = make_edition(
        standard=ai,
        document=make_document(kind=SourceDocument.Kind.STANDARD, order_number=""),
        language="kk",
        year=2022,
        key="2022-kk",
        status=Edition.Status.SUPERSEDED,
    )
    engineer = Occupation.objects.create(code="2519-9-001", isco_code="2519")
    for edition, title in ((kk, "ЖИ инженері"), (ru, "Инженер по ИИ")):
        make_card(edition=edition, position=1, title=title, level=6, occupation=engineer, occupation_code="2519-9-001")
        make_card(edition=edition, position=2, title=title, level=7, occupation=engineer, occupation_code="2519-9-001")
        make_card(edition=edition, position=3, title=f"{title} 2", level=7, occupation_code="-")
    make_card(edition=old, position=1, title="Ескі инженер", level=5)
    make_card(edition=make_edition(standard=docs, document=order, annex=7), title="Жазушы", level=6)


def html_of(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def test_the_overview_matrix_counts_readable_cards_per_standard_and_level(client, registry):
    html = html_of(client, "/ru/")
    assert '<a href="/ru/cards/?standard=T068&amp;level=7" data-cell="T068-7">2</a>' in html
    assert '<a href="/ru/cards/?standard=T068&amp;level=6" data-cell="T068-6">1</a>' in html
    assert 'data-cell="T068-5"' not in html, "the superseded card is not counted"
    assert '<a href="/ru/cards/?standard=T062&amp;level=6" data-cell="T062-6">1</a>' in html
    assert 'data-count="cards">4<' in html
    assert "Искусственный интеллект" in html


def test_the_overview_matrix_is_an_accessible_table(client, registry):
    html = html_of(client, "/kk/")
    assert '<caption id="matrix-caption">' in html
    assert html.count('<th scope="col" class="number"><abbr') == 8
    assert '<th scope="row"><a href="/kk/standards/T068/">T068</a>' in html


def test_the_overview_names_the_orders_and_has_a_search_box_for_the_card_list(client, registry):
    html = html_of(client, "/kk/")
    assert "569/НҚ" in html and "10.11.2025" in html
    assert "209/НК" in html and "20.04.2026" in html
    assert re.search(r'<form class="search" role="search" method="get" action="/kk/search/">', html)
    assert '<input type="search" id="overview-q" name="q">' in html


@pytest.mark.parametrize("standards", [1, 12])
def test_the_overview_takes_four_queries(client, django_assert_num_queries, standards):
    for _ in range(standards):
        make_card(level=3)
        make_card(level=4)
    with django_assert_num_queries(4):
        html_of(client, "/kk/")


def test_the_standard_list_gives_cards_levels_languages_and_editions(client, registry):
    html = html_of(client, "/ru/standards/")
    row = re.search(r'<th scope="row"><a href="/ru/standards/T068/">T068</a></th>(.*?)</tr>', html, re.S).group(1)
    assert "Искусственный интеллект" in row
    assert '<a href="/ru/cards/?standard=T068">3</a>' in row
    assert "<td>6, 7</td>" in row
    assert 'href="/ru/standards/T068/editions/2022-kk/"' in row
    assert 'class="status status-superseded"' in row


@pytest.mark.parametrize("standards", [1, 12])
def test_the_standard_list_takes_three_queries(client, django_assert_num_queries, standards):
    for _ in range(standards):
        make_card()
    with django_assert_num_queries(3):
        html_of(client, "/kk/standards/")


def test_the_standard_page_shows_the_passport_in_the_page_language(client, registry):
    html = html_of(client, "/ru/standards/T068/")
    assert '<h1><span class="code">T068</span> Искусственный интеллект</h1>' in html
    assert 'role="note"' not in html
    assert "J Информация и связь.<br>61.90.9 Прочая деятельность" in html
    assert "Применение методов ИИ" in html
    assert "30.12.2027 г." in html
    assert "Министерство &lt;script&gt;<br>Байгазина А." in html, "developers keep their lines, escaped"
    assert "569/НҚ" in html and "10.11.2025" in html and "209/НК" in html


def test_the_standard_page_groups_cards_by_profession_with_links_to_each_level(client, registry):
    html = html_of(client, "/ru/standards/T068/")
    groups = re.findall(r'<th scope="row" lang="ru">(.*?)</th>(.*?)</tr>', html, re.S)
    assert [title for title, _ in groups] == ["Инженер по ИИ", "Инженер по ИИ 2"]
    assert re.findall(r'href="(/ru/cards/T068/\d/)"', groups[0][1]) == ["/ru/cards/T068/1/", "/ru/cards/T068/2/"]
    assert 'href="/ru/occupations/2519-9-001/"' in groups[0][1]


def test_the_standard_page_lists_every_edition(client, registry):
    html = html_of(client, "/kk/standards/T068/")
    assert re.findall(r'href="/kk/standards/T068/editions/([\w-]+)/"', html) == ["2025-kk", "2025-ru", "2022-kk"]


def test_without_a_text_in_the_page_language_it_shows_the_other_one_with_a_note(client):
    make_card(edition=make_edition(standard=make_standard(code="T062"), language="kk"), title="Жазушы")
    html = html_of(client, "/ru/standards/T062/")
    assert 'role="note"' in html
    assert '<a href="/kk/standards/T062/" hreflang="kk">' in html
    assert '<th scope="row" lang="kk">Жазушы</th>' in html


def test_a_standard_code_in_another_case_redirects_to_the_canonical_page(client, registry):
    response = client.get("/ru/standards/t068/")
    assert response.status_code == 301
    assert response["Location"] == "/ru/standards/T068/"
    assert client.get("/ru/standards/t068/editions/2022-kk/")["Location"] == "/ru/standards/T068/editions/2022-kk/"


def test_an_unknown_standard_or_edition_is_not_found(client, registry):
    html_of(client, "/ru/standards/NOPE/", 404)
    html_of(client, "/ru/standards/T068/editions/1999-kk/", 404)


@pytest.mark.parametrize("cards", [1, 25])
def test_the_standard_page_takes_three_queries(client, django_assert_num_queries, cards):
    edition = make_edition(standard=make_standard(code="T070"))
    for _ in range(cards):
        make_card(edition=edition)
    with django_assert_num_queries(3):
        html_of(client, "/kk/standards/T070/")


def test_a_superseded_edition_page_links_its_cards_to_the_edition(client, registry):
    html = html_of(client, "/ru/standards/T068/editions/2022-kk/")
    assert 'role="note"' in html
    assert 'href="/ru/standards/T068/editions/2022-kk/cards/1/"' in html
    assert "Ескі инженер" in html
    assert 'aria-current="page"' in html


def test_an_edition_in_force_links_its_cards_to_their_permalinks(client, registry):
    html = html_of(client, "/kk/standards/T068/editions/2025-ru/")
    assert 'href="/kk/cards/T068/1/"' in html
    assert '<th scope="row" lang="ru"><a href="/kk/cards/T068/1/">Инженер по ИИ</a></th>' in html
