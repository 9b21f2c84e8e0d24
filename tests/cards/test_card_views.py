"""The card page and the superseded-card page, on factory rows."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from cards.models import Occupation
from standards.models import ImportIssue
from tests.factories import (
    make_card,
    make_document,
    make_edition,
    make_labour_function,
    make_related,
    make_skill,
    make_standard,
)

pytestmark = pytest.mark.django_db

# One query for the card with its edition, document and standard; two for the tree (functions with their
# skills; abilities and knowledge); one for the related professions with their linked cards' editions and
# standards; one for the ladder, the other standards, the twin and the predecessor; one for the last change.
CARD_PAGE_QUERIES = 6


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return html.unescape(response.content.decode())


def text_of(markup: str) -> str:
    """The page as a reader sees it: tags dropped, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def gettext_in(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def card_with_tree(functions=1, skills=1, items=1, related=1, **overrides):
    card = make_card(**overrides)
    for f in range(1, functions + 1):
        function = make_labour_function(card=card, title=f"Функция {f}")
        for s in range(1, skills + 1):
            make_skill(
                labour_function=function,
                title=f"Навык {f}.{s}",
                abilities=[f"Умение {f}.{s}.{i}" for i in range(1, items + 1)],
                knowledge=[f"Знание {f}.{s}.{i}" for i in range(1, items + 1)],
            )
    for r in range(1, related + 1):
        target = make_card(title=f"Смежная {r}", level=7)  # in a standard of its own
        make_related(card=card, title=f"Смежная {r}", level=7, target=target)
    return card


@pytest.fixture
def standard():
    return make_standard(code="J62012055", title_kk="Бұлттық технологиялар", title_ru="Облачные технологии")


@pytest.fixture
def editions(standard):
    """The in-force Kazakh and Russian editions of one standard, from two orders."""
    return {
        "kk": make_edition(standard=standard, language="kk", annex=14, year=2025),
        "ru": make_edition(standard=standard, language="ru", annex=14, year=2025),
    }


# What the reader reads


def test_it_shows_the_card_with_its_functions_skills_abilities_and_knowledge(client, editions):
    card = make_card(edition=editions["kk"], title="Бұлттық технологиялар сәулетшісі", level=6)
    function = make_labour_function(card=card, title="Бұлттық архитектураны жобалау")
    make_skill(
        labour_function=function,
        title="Талаптарды талдау",
        abilities=["Талаптарды жинау", "Құжаттау"],
        knowledge=["Архитектуралық үлгілер"],
        recognition="Ұсынылмайды",
    )

    body = page(client, "/kk/cards/J62012055/1/")

    assert re.search(r'<h1 id="card-title" lang="kk">Бұлттық технологиялар сәулетшісі</h1>', body)
    assert re.search(r'<h2 id="f1-title">.*Бұлттық архитектураны жобалау.*</h2>', body, re.S)
    assert re.search(r'<h3 id="f1-s1-title">.*Талаптарды талдау.*</h3>', body, re.S)
    abilities = body.split('class="abilities"')[1].split('class="knowledge"')[0]
    assert "<li>Талаптарды жинау</li><li>Құжаттау</li>" in abilities
    knowledge = body.split('class="knowledge"')[1]
    assert "<li>Архитектуралық үлгілер</li>" in knowledge
    assert "Ұсынылмайды" in body.split('class="recognition"')[1]


def test_it_gives_each_skill_an_anchor_to_link_to(client, editions):
    card = card_with_tree(functions=2, skills=2, edition=editions["kk"])

    body = page(client, "/kk/cards/J62012055/1/")

    for f in (1, 2):
        assert f'id="f{f}"' in body
        for s in (1, 2):
            assert f'<section class="skill" id="f{f}-s{s}"' in body
            assert f'href="#f{f}-s{s}"' in body
    assert card.labour_functions.count() == 2


def test_it_marks_additional_functions(client, editions):
    card = make_card(edition=editions["kk"])
    make_labour_function(card=card, title="Міндетті")
    make_labour_function(card=card, title="Қосымша", kind="additional")

    body = page(client, "/kk/cards/J62012055/1/")

    assert 'class="function" id="f1"' in body
    assert 'class="function function-additional" id="f2"' in body
    assert gettext_in("kk", "additional") in body.split('id="f2-title"')[1].split("</h2>")[0]


def test_it_shows_every_field_of_the_card(client, editions):
    Occupation.objects.create(code="2523-1-002", isco_code="2523", isco_title="Computer network professionals")
    make_card(
        edition=editions["kk"],
        title="Желілік әкімші",
        header_title="Желілік әкімші (аға)",
        level=5,
        level_source="passport",
        sublevel="5.2",
        group_code="2523-1",
        occupation_code="2523-1-002",
        occupation=Occupation.objects.get(code="2523-1-002"),
        isco_code="2523",
        etks_level="ЕТКС 5-разряд",
        education=[{"level": "Жоғары білім", "specialty": "Ақпараттық жүйелер", "qualification": "Бакалавр"}],
        experience="Кемінде 2 жыл",
        nonformal_education="Курстар",
        other_titles=["Жүйелік әкімші"],
        purpose="Желіні үздіксіз жұмыс істету",
        personal_competencies=["Жауапкершілік", "Ұйымдастыру"],
        regulations=["ҚР СТ ISO/IEC 27001"],
    )

    body = page(client, "/kk/cards/J62012055/1/")
    text = text_of(body)

    assert "Желілік әкімші (аға)" in text
    assert 'href="/kk/standards/J62012055/"' in body and "J62012055 — Бұлттық технологиялар" in text
    assert gettext_in("kk", "taken from the standard's passport list: the card does not state it") in text
    for value in ("5.2", "2523-1", "ЕТКС 5-разряд", "Кемінде 2 жыл", "Курстар", "Желіні үздіксіз жұмыс істету"):
        assert value in text
    assert '<a href="/kk/occupations/2523-1-002/">2523-1-002</a>' in body
    assert "2523 — Компьютерлік желілер жөніндегі мамандар" in text
    assert "<li>Жүйелік әкімші</li>" in body
    education = body.split('<table class="education">')[1].split("</table>")[0]
    assert "<td>Жоғары білім</td><td>Ақпараттық жүйелер</td><td>Бакалавр</td>" in education
    assert '<th scope="col">' in education and "<caption>" in education
    assert "<li>Жауапкершілік</li><li>Ұйымдастыру</li>" in body
    assert "<li>ҚР СТ ISO/IEC 27001</li>" in body


def test_it_takes_the_isco_title_from_the_reference_table_when_the_card_has_no_occupation(client, editions):
    make_card(edition=editions["kk"], occupation_code="-", isco_code="2512")

    text = text_of(page(client, "/kk/cards/J62012055/1/"))

    assert "2512 — Бағдарламалық қамтамасыз етуді әзірлеушілер" in text


def test_it_links_the_occupation_only_when_the_code_is_a_full_nkz_code(client, editions):
    make_card(edition=editions["kk"], occupation_code="2512-1")

    body = page(client, "/kk/cards/J62012055/1/")

    assert not re.search(r'href="/\w\w/occupations/[^"/]+/"', body)  # no occupation page (the menu links the groups)
    assert "2512-1" in body


def test_it_links_related_professions_to_their_cards(client, editions):
    card = make_card(edition=editions["kk"], level=6)
    target = make_card(edition=editions["kk"], title="Бұлттық технологиялар сәулетшісі", level=7)
    make_related(card=card, title="Бұлттық технологиялар сәулетшісі", level=7, target=target)
    make_related(card=card, title="Табылмаған мамандық", level=5, level_max=6)

    body = page(client, "/kk/cards/J62012055/1/")
    related = body.split('<table class="related">')[1].split("</table>")[0]

    assert f'<a href="/kk/cards/J62012055/{target.position}/">Бұлттық технологиялар сәулетшісі</a>' in related
    assert "<td>5–6</td>" in related
    assert '<td lang="kk">Табылмаған мамандық</td>' in related


def test_it_shows_the_same_occupation_at_other_levels_in_order_with_this_card_marked(client, editions):
    make_card(edition=editions["kk"], title="Әкімші", level=6, occupation_code="2522-1-001")
    make_card(edition=editions["kk"], title="Әкімші", level=4, occupation_code="2522-1-001")
    make_card(edition=editions["kk"], title="Басқа", level=5, occupation_code="2511-1-001")
    make_card(edition=editions["kk"], title="Әкімші", level=7, occupation_code="2522-1-001")

    body = page(client, "/kk/cards/J62012055/1/")
    ladder = body.split('<ol class="ladder">')[1].split("</ol>")[0]

    assert re.findall(r'href="/kk/cards/J62012055/(\d)/"', ladder) == ["2", "1", "4"]
    assert '<a href="/kk/cards/J62012055/1/" aria-current="page">' in ladder
    assert "Басқа" not in ladder


def test_it_climbs_the_ladder_by_normalised_title_when_the_occupation_code_is_a_dash(client, editions):
    make_card(edition=editions["kk"], title="Бұлттық технологиялар  әкімшісі", level=5, occupation_code="-")
    make_card(edition=editions["kk"], title="бұлттық технологиялар әкімшісі.", level=6, occupation_code="-")
    make_card(edition=editions["kk"], title="Бұлттық технологиялар сәулетшісі", level=7, occupation_code="-")

    ladder = page(client, "/kk/cards/J62012055/2/").split('<ol class="ladder">')[1].split("</ol>")[0]

    assert re.findall(r'href="/kk/cards/J62012055/(\d)/"', ladder) == ["1", "2"]


def test_it_shows_no_ladder_for_a_card_alone_at_its_level(client, editions):
    make_card(edition=editions["kk"], occupation_code="2522-1-001")

    assert 'class="ladder"' not in page(client, "/kk/cards/J62012055/1/")


def test_it_lists_the_same_occupation_in_other_standards_in_the_page_language(client, editions):
    make_card(edition=editions["kk"], title="Әкімші", level=6, occupation_code="2522-1-001")
    other = make_standard(code="J63999054")
    make_card(
        edition=make_edition(standard=other, language="kk"), title="Әкімші J63999054", occupation_code="2522-1-001"
    )
    make_card(
        edition=make_edition(standard=other, language="ru"), title="Админ J63999054", occupation_code="2522-1-001"
    )
    kk_only = make_standard(code="J62011053")
    make_card(
        edition=make_edition(standard=kk_only, language="kk"), title="Әкімші J62011053", occupation_code="2522-1-001"
    )
    make_card(edition=make_edition(standard=other, language="ru", key="2019-ru", status="superseded"),
              title="Старый админ", occupation_code="2522-1-001")  # fmt: skip

    kk = page(client, "/kk/cards/J62012055/1/").split('id="elsewhere-heading"')[1].split("</section>")[0]
    ru = page(client, "/ru/cards/J62012055/1/").split('id="elsewhere-heading"')[1].split("</section>")[0]

    assert "Әкімші J63999054" in kk and "Админ J63999054" not in kk and "Әкімші J62011053" in kk
    assert 'href="/kk/cards/J63999054/1/"' in kk
    assert "Админ J63999054" in ru and "Әкімші J63999054" not in ru and "Әкімші J62011053" in ru
    assert "Старый админ" not in kk + ru


def test_it_links_the_card_in_the_other_language_and_in_the_superseded_edition(client, standard, editions):
    old = make_card(
        edition=make_edition(standard=standard, language="kk", key="2022-kk", year=2022, status="superseded"),
        title="Ескі сәулетші",
    )
    ru = make_card(edition=editions["ru"], title="Архитектор", predecessor=old)
    make_card(edition=editions["kk"], title="Сәулетші", twin=ru, predecessor=old)

    texts = page(client, "/kk/cards/J62012055/1/").split('id="texts-heading"')[1].split("</section>")[0]

    assert '<a href="/ru/cards/J62012055/1/" hreflang="ru"><span lang="ru">Архитектор</span></a>' in texts
    assert (
        '<a href="/kk/standards/J62012055/editions/2022-kk/cards/1/"><span lang="kk">Ескі сәулетші</span></a>' in texts
    )


def test_it_shows_where_the_card_comes_from(client, standard):
    document = make_document(language="kk", order_number="569/НҚ", file_name="order-569-2025-kk.txt")
    edition = make_edition(standard=standard, document=document, annex=14, version_text="3-нұсқа")
    make_card(edition=edition, first_line=1200, last_line=1375, number="7")

    provenance = text_of(page(client, "/kk/cards/J62012055/1/").split('id="provenance-heading"')[1])

    assert "569/НҚ" in provenance
    assert "14" in provenance
    assert "3-нұсқа" in provenance
    assert "order-569-2025-kk.txt" not in provenance, "the order by number and annex, never a file name"
    assert "1200–1375" in provenance


# The content rule: the page's language where the card has a text, the other one with a note otherwise


def test_it_shows_the_kazakh_text_on_a_kazakh_page_and_the_russian_one_on_a_russian_page(client, editions):
    ru = make_card(edition=editions["ru"], title="Архитектор облачных технологий")
    make_card(edition=editions["kk"], title="Бұлттық технологиялар сәулетшісі", twin=ru)

    kk_body = page(client, "/kk/cards/J62012055/1/")
    ru_body = page(client, "/ru/cards/J62012055/1/")

    assert '<h1 id="card-title" lang="kk">Бұлттық технологиялар сәулетшісі</h1>' in kk_body
    assert '<h1 id="card-title" lang="ru">Архитектор облачных технологий</h1>' in ru_body
    assert "notice-language" not in kk_body + ru_body


def test_a_kazakh_page_shows_the_russian_text_with_a_note_when_there_is_no_kazakh_text(client, standard):
    make_card(edition=make_edition(standard=standard, language="ru"), title="Архитектор облачных технологий")

    body = page(client, "/kk/cards/J62012055/1/")

    assert '<h1 id="card-title" lang="ru">Архитектор облачных технологий</h1>' in body
    note = body.split('class="notice notice-language"')[1].split("</div>")[0]
    assert gettext_in("kk", "This card has no Kazakh text: it is shown in Russian.") in note
    assert '<a href="/ru/cards/J62012055/1/" hreflang="ru">' in note


def test_a_russian_page_shows_the_kazakh_text_with_a_note_when_there_is_no_russian_text(client, editions):
    make_card(edition=editions["kk"], title="Бұлттық технологиялар сәулетшісі")

    body = page(client, "/ru/cards/J62012055/1/")

    assert '<h1 id="card-title" lang="kk">Бұлттық технологиялар сәулетшісі</h1>' in body
    note = body.split('class="notice notice-language"')[1].split("</div>")[0]
    assert gettext_in("ru", "This card has no Russian text: it is shown in Kazakh.") in note
    assert '<a href="/kk/cards/J62012055/1/" hreflang="kk">' in note


def test_a_russian_page_shows_the_kazakh_text_when_the_russian_edition_lacks_the_card(client, editions):
    make_card(edition=editions["kk"], title="Бұлттық технологиялар сәулетшісі")
    make_card(edition=editions["kk"], title="Екінші")
    make_card(edition=editions["ru"], title="Первая")

    body = page(client, "/ru/cards/J62012055/2/")

    assert '<h1 id="card-title" lang="kk">Екінші</h1>' in body
    assert "notice-language" in body


def test_interface_language_links_keep_the_user_on_the_same_card(client, editions):
    make_card(edition=editions["kk"])

    body = page(client, "/kk/cards/J62012055/1/")

    assert 'href="/ru/cards/J62012055/1/"' in body.split('class="languages"')[1].split("</nav>")[0]


# Addresses


def test_it_redirects_a_code_in_lower_case_to_the_canonical_code(client, editions):
    make_card(edition=editions["kk"])

    response = client.get("/kk/cards/j62012055/1/")
    superseded = client.get("/ru/standards/j62012055/editions/2025-kk/cards/1/")

    assert response.status_code == 301 and response["Location"] == "/kk/cards/J62012055/1/"
    assert (
        superseded.status_code == 301 and superseded["Location"] == "/ru/standards/J62012055/editions/2025-kk/cards/1/"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/kk/cards/J00000000/1/",
        "/kk/cards/J62012055/2/",
        "/ru/cards/J62012055/0/",
        "/kk/standards/J62012055/editions/1999-kk/cards/1/",
        "/kk/standards/J62012055/editions/2022-kk/cards/2/",
        "/kk/standards/J00000000/editions/2022-kk/cards/1/",
    ],
)
def test_it_answers_404_for_a_card_that_does_not_exist(client, standard, url):
    superseded = make_edition(standard=standard, key="2022-kk", year=2022, status="superseded")
    make_card(edition=superseded)
    make_card(edition=make_edition(standard=standard))

    assert client.get(url).status_code == 404


def test_a_superseded_card_is_not_the_permalink_of_its_position(client, standard):
    make_card(edition=make_edition(standard=standard, key="2022-kk", year=2022, status="superseded"))

    assert client.get("/kk/cards/J62012055/1/").status_code == 404


def test_the_reverse_names_give_the_card_addresses(standard):
    with translation.override("ru"):
        assert reverse("card_detail", args=["J62012055", 3]) == "/ru/cards/J62012055/3/"
        assert (
            reverse("edition_card_detail", args=["J62012055", "2022-kk", 3])
            == "/ru/standards/J62012055/editions/2022-kk/cards/3/"
        )


# Superseded editions


def test_a_superseded_card_says_so_and_links_its_successor_in_the_page_language(client, standard, editions):
    old_edition = make_edition(standard=standard, language="kk", key="2022-kk", year=2022, status="superseded")
    old = make_card(edition=old_edition, title="Ескі сәулетші", level=7)
    make_card(edition=editions["kk"], title="Бірінші")
    make_card(edition=editions["kk"], title="Сәулетші", predecessor=old, level=7)
    make_card(edition=editions["ru"], title="Первая")
    make_card(edition=editions["ru"], title="Архитектор", predecessor=old, level=7)

    kk = page(client, "/kk/standards/J62012055/editions/2022-kk/cards/1/")
    ru = page(client, "/ru/standards/J62012055/editions/2022-kk/cards/1/")

    kk_banner = kk.split('class="notice notice-superseded"')[1].split("</div>")[0]
    assert gettext_in("kk", "Superseded edition.") in kk_banner
    assert re.findall(r'<a href="([^"]+)"><span lang="kk">Сәулетші</span></a>', kk_banner) == ["/kk/cards/J62012055/2/"]
    ru_banner = ru.split('class="notice notice-superseded"')[1].split("</div>")[0]
    assert re.findall(r'<a href="([^"]+)">', ru_banner) == ["/ru/cards/J62012055/2/"]
    assert "Архитектор" in ru_banner
    assert '<h1 id="card-title" lang="kk">Ескі сәулетші</h1>' in ru
    assert "notice-language" in ru and "notice-language" not in kk
    assert "/kk/standards/J62012055/editions/2022-kk/" in kk.split('class="breadcrumbs"')[1].split("</nav>")[0]


def test_a_superseded_card_without_successor_links_the_standard_in_force(client, standard):
    make_card(edition=make_edition(standard=standard, language="ru", key="2019-ru", year=2019, status="superseded"))

    body = page(client, "/ru/standards/J62012055/editions/2019-ru/cards/1/")

    banner = body.split('class="notice notice-superseded"')[1].split("</div>")[0]
    assert '<a href="/ru/standards/J62012055/">' in banner


def test_a_card_of_an_edition_in_force_shows_no_superseded_banner_on_the_edition_path(client, editions):
    make_card(edition=editions["ru"], title="Архитектор")

    body = page(client, "/kk/standards/J62012055/editions/2025-ru/cards/1/")

    assert "notice-superseded" not in body
    assert '<h1 id="card-title" lang="ru">Архитектор</h1>' in body


def test_an_edition_path_in_the_other_language_needs_no_note_when_the_card_has_a_twin(client, editions):
    kk = make_card(edition=editions["kk"], title="Сәулетші")
    make_card(edition=editions["ru"], title="Архитектор", twin=kk)

    body = page(client, "/kk/standards/J62012055/editions/2025-ru/cards/1/")

    assert '<h1 id="card-title" lang="ru">Архитектор</h1>' in body
    assert "notice-language" not in body
    assert '<a href="/kk/cards/J62012055/1/" hreflang="kk">' in body


# Staff


@pytest.fixture
def card_with_issues(editions):
    card = make_card(edition=editions["kk"], first_line=100, last_line=200)
    document = editions["kk"].document
    for line, message in [(99, "before the card"), (100, "first line"), (150, "inside"), (201, "after the card")]:
        ImportIssue.objects.create(document=document, line=line, message=message, text=f"line {line}")
    ImportIssue.objects.create(document=editions["ru"].document, line=150, message="other document")
    return card


def test_staff_see_the_import_issues_of_the_card_and_a_link_to_edit_it(client, admin_user, card_with_issues):
    client.force_login(admin_user)

    body = page(client, "/kk/cards/J62012055/1/")

    issues = body.split('<table class="issues">')[1].split("</table>")[0]
    assert re.findall(r"<td>(\d+)</td>", issues) == ["100", "150"]
    assert "inside" in issues and "line 150" in issues
    assert "before the card" not in issues and "after the card" not in issues and "other document" not in issues
    assert f'href="{reverse("admin:cards_professioncard_change", args=[card_with_issues.pk])}"' in body


def test_visitors_see_neither_import_issues_nor_the_admin_link(client, django_user_model, card_with_issues):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))

    body = page(client, "/kk/cards/J62012055/1/")

    assert reverse("admin:index") not in body
    assert '<table class="issues">' not in body and "inside" not in body


# Safety and speed


def test_imported_text_is_escaped(client, editions):
    evil = "<script>alert(1)</script>"
    card = make_card(edition=editions["kk"], title=f"Сәулетші {evil}", purpose=evil, education=[{"level": evil}])
    function = make_labour_function(card=card, title=evil)
    make_skill(labour_function=function, title=evil, abilities=[evil], knowledge=[evil], recognition=evil)
    make_related(card=card, title=evil)

    raw = client.get("/kk/cards/J62012055/1/").content.decode()

    assert "<script>" not in raw
    assert raw.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 10


def test_the_page_runs_the_same_number_of_queries_for_a_small_and_a_large_card(
    client, editions, django_assert_num_queries
):
    small = card_with_tree(functions=1, skills=1, items=1, related=1, edition=editions["kk"], occupation_code="-")
    large = card_with_tree(
        functions=6, skills=5, items=8, related=5, edition=editions["kk"], occupation_code="2512-1-001"
    )
    ru = card_with_tree(functions=6, skills=5, items=8, related=5, edition=editions["ru"], position=large.position)
    large.twin = ru
    large.predecessor = make_card(
        edition=make_edition(standard=large.edition.standard, key="2019-kk", status="superseded")
    )
    large.save()
    for level in (5, 7):  # the ladder and the same occupation in another standard
        make_card(edition=editions["kk"], level=level, occupation_code="2512-1-001")
        make_card(edition=make_edition(standard=make_standard(code=f"J6399905{level}")), occupation_code="2512-1-001")

    with django_assert_num_queries(CARD_PAGE_QUERIES):
        page(client, f"/kk/cards/J62012055/{small.position}/")
    with django_assert_num_queries(CARD_PAGE_QUERIES):
        body = page(client, f"/kk/cards/J62012055/{large.position}/")
    with django_assert_num_queries(CARD_PAGE_QUERIES):
        page(client, f"/ru/cards/J62012055/{large.position}/")
    assert body.count('<section class="skill"') == 30
    assert body.count("/kk/cards/J6399905") == 2 and body.count("<li") > 100


def test_the_page_for_staff_adds_only_the_import_issues_query(client, admin_user, editions, django_assert_num_queries):
    small = card_with_tree(edition=editions["kk"])
    large = card_with_tree(functions=4, skills=4, items=5, related=3, edition=editions["kk"], last_line=500)
    for line in range(1, 40):
        ImportIssue.objects.create(document=editions["kk"].document, line=line, message="text outside any field")
    client.force_login(admin_user)

    # The card page's queries, the session, the user and the import issues.
    for card in (small, large):
        with django_assert_num_queries(CARD_PAGE_QUERIES + 3):
            page(client, f"/kk/cards/J62012055/{card.position}/")


def test_the_superseded_page_runs_a_fixed_number_of_queries(client, standard, editions, django_assert_num_queries):
    old_edition = make_edition(standard=standard, key="2022-kk", year=2022, status="superseded")
    small = card_with_tree(edition=old_edition)
    large = card_with_tree(functions=5, skills=5, items=6, related=4, edition=old_edition)
    for card in (small, large):
        make_card(edition=editions["kk"], predecessor=card)
        make_card(edition=editions["ru"], predecessor=card)

    # The card page's queries and one for the successors.
    with django_assert_num_queries(CARD_PAGE_QUERIES + 1):
        page(client, f"/kk/standards/J62012055/editions/2022-kk/cards/{small.position}/")
    with django_assert_num_queries(CARD_PAGE_QUERIES + 1):
        page(client, f"/kk/standards/J62012055/editions/2022-kk/cards/{large.position}/")
