"""The bilingual quality report: twins that disagree, levels from the passport list, import issues."""

import pytest
from django.urls import reverse
from django.utils import translation
from lxml import html as lxml_html

from cards.models import ProfessionCard
from cards.quality import Place, compare_twins, quality_report
from cards.worklist import ImportIssueFilter
from standards.models import ImportIssue
from tests.factories import make_card, make_edition, make_labour_function, make_skill

pytestmark = pytest.mark.django_db


def twins(kk_tree, ru_tree, **fields):
    """A kk card and its ru twin; trees as {function title: {skill title: (abilities, knowledge)}}."""
    kk_edition = make_edition(language="kk")
    ru_edition = make_edition(standard=kk_edition.standard, language="ru")
    kk = make_card(edition=kk_edition, **fields.get("kk", {}))
    ru = make_card(edition=ru_edition, position=kk.position, twin=kk, **fields.get("ru", {}))
    kk.twin = ru
    kk.save(update_fields=["twin"])
    for card, tree in ((kk, kk_tree), (ru, ru_tree)):
        for function_title, skills in tree.items():
            function = make_labour_function(card=card, title=function_title)
            for skill_title, (abilities, knowledge, *recognition) in skills.items():
                make_skill(
                    labour_function=function,
                    title=skill_title,
                    abilities=abilities,
                    knowledge=knowledge,
                    recognition=recognition[0] if recognition else "Бар",
                )
    return loaded(kk), loaded(ru)


def loaded(card):
    return ProfessionCard.objects.prefetch_related(
        "labour_functions__skills__abilities", "labour_functions__skills__knowledge_items"
    ).get(pk=card.pk)


KK = {"Деректерді талдау": {"Модельдеу": (("Талдау", "Бағалау"), ("Статистика негіздері",))}}
RU = {"Анализ данных": {"Моделирование": (("Анализ", "Оценка"), ("Основы статистики",))}}


def test_twins_with_the_same_shape_and_translated_texts_have_no_findings():
    report = compare_twins(*twins(KK, RU, kk={"title": "Талдаушы"}, ru={"title": "Аналитик"}))
    assert not report.has_findings


def test_it_reports_a_skill_with_fewer_abilities_on_one_side():
    ru = {"Анализ данных": {"Моделирование": (("Анализ",), ("Основы статистики",))}}
    report = compare_twins(*twins(KK, ru, kk={"title": "Талдаушы"}, ru={"title": "Аналитик"}))
    assert [(d.place, d.part, d.kk, d.ru) for d in report.counts] == [(Place(1, 1), "abilities", 2, 1)]


def test_it_reports_different_numbers_of_functions_and_of_skills():
    kk = {"Деректерді талдау": {"Модельдеу": (("Талдау",), ("Білім",)), "Есеп": (("Жазу",), ("Ереже",))}}
    ru = {"Анализ данных": {"Моделирование": (("Анализ",), ("Знание",))}, "Отчёты": {}}
    report = compare_twins(*twins(kk, ru, kk={"title": "Талдаушы"}, ru={"title": "Аналитик"}))
    assert [(d.place, d.part, d.kk, d.ru) for d in report.counts] == [
        (Place(), "functions", 1, 2),
        (Place(1), "skills", 2, 1),
    ]


def test_it_reports_personal_competencies_listed_in_different_numbers():
    kk = {"title": "Талдаушы", "personal_competencies": ["Жауапкершілік", "Аналитикалық ойлау", "Дербестік"]}
    ru = {"title": "Аналитик", "personal_competencies": ["Ответственность", "Аналитическое мышление"]}
    report = compare_twins(*twins(KK, RU, kk=kk, ru=ru))
    assert [(d.place, d.part, d.kk, d.ru) for d in report.counts] == [(Place(), "personal_competencies", 3, 2)]


def test_it_reports_kazakh_texts_identical_to_the_russian_ones():
    kk = {"Анализ данных": {"Моделирование": (("Талдау",), ("Языки программирования для IoT.",))}}
    ru = {"Анализ данных": {"Моделирование": (("Анализ",), ("языки  программирования для IoT",))}}
    report = compare_twins(*twins(kk, ru, kk={"title": "Аналитик"}, ru={"title": "Аналитик"}))
    found = [(f.place, f.part, f.item) for f in report.identical]
    assert found == [
        (Place(), "title", None),
        (Place(1), "function", None),
        (Place(1, 1), "skill", None),
        (Place(1, 1), "knowledge_item", 1),
    ]


def test_identical_names_without_cyrillic_letters_are_counted_not_listed():
    kk = {"Деректерді талдау": {"Модельдеу": (("Талдау",), ("SQL", "Python"))}}
    ru = {"Анализ данных": {"Моделирование": (("Анализ",), ("SQL", "Java"))}}
    report = compare_twins(*twins(kk, ru, kk={"title": "Талдаушы"}, ru={"title": "Аналитик"}))
    assert report.identical == [] and report.neutral_identical == 1


def test_it_reports_fields_filled_on_one_side_only():
    kk = {"Деректерді талдау": {"Модельдеу": (("Талдау",), ("Білім",), "Бар")}}
    ru = {"Анализ данных": {"Моделирование": (("Анализ",), (), "")}}
    kk_card, ru_card = twins(
        kk,
        ru,
        kk={"title": "Талдаушы", "purpose": "Деректерді талдау", "other_titles": []},
        ru={"title": "Аналитик", "purpose": " ", "other_titles": ["Data analyst"]},
    )
    report = compare_twins(kk_card, ru_card)
    assert [(f.place, f.part, f.filled) for f in report.one_sided] == [
        (Place(), "purpose", "kk"),
        (Place(), "other_titles", "ru"),
        (Place(1, 1), "recognition", "kk"),
        (Place(1, 1), "knowledge", "kk"),
    ]
    assert report.counts == []  # an empty list is one-sided, not also a count difference


def registry_rows():
    """Two twin pairs with findings, a card levelled from the passport, and issues of each severity."""
    kk, ru = twins(
        KK,
        {"Анализ данных": {"Моделирование": (("Анализ",), ("Основы статистики",))}},
        kk={"title": "Талдаушы <script>", "first_line": 10, "last_line": 50},
        ru={"title": "Аналитик"},
    )
    twins(KK, RU, kk={"title": "Бағдарламашы"}, ru={"title": "Программист"})
    passport = make_card(level_source="passport", list_level_text="6 ҰБШ деңгейі")
    document = kk.edition.document
    issues = [
        ImportIssue.objects.create(
            document=document, line=20, severity="warning", code="unplaced_text", message="text outside any field"
        ),
        ImportIssue.objects.create(
            document=document,
            line=99,
            severity="error",
            code="card_count_mismatch",
            params={"listed": 12, "cards": 11},
            message="passport lists 12 cards, the text has 11",
        ),
        ImportIssue.objects.create(
            document=document, line=3, severity="info", code="unplaced_text", message="preamble"
        ),
    ]
    return kk, ru, passport, issues


def test_the_report_lists_passport_levels_and_open_issues_with_their_cards():
    kk, ru, passport, (warning, error, info) = registry_rows()
    report = quality_report(ImportIssueFilter({}, queryset=ImportIssue.objects.all()).qs)
    assert passport in report.passport_levels
    entries = {e.issue.pk: e for e in report.issues}
    assert entries[warning.pk].card == kk  # line 20 is within the card's lines 10-50
    assert entries[error.pk].card is None
    assert info.pk not in entries
    assert report.issue_counts["info"] >= 1 and report.issue_counts["error"] >= 1
    [found] = [t for t in report.twins if t.kk == kk]
    assert found.ru == ru and len(found.counts) == 1


def test_the_quality_page_links_cards_and_shows_admin_links_to_staff_only(client, django_user_model):
    kk, ru, passport, _ = registry_rows()
    admin_url = reverse("admin:cards_professioncard_change", args=[kk.pk])
    html = client.get(reverse("quality_report")).content.decode()
    assert kk.permalink() in html and ru.permalink() in html and passport.permalink() in html
    assert admin_url not in html
    assert "Талдаушы &lt;script&gt;" in html and "<script>" not in html
    staff = django_user_model.objects.create_user("methodologist", password="x", is_staff=True)
    client.force_login(staff)
    assert admin_url in client.get(reverse("quality_report")).content.decode()


def test_the_quality_page_shows_each_issue_in_the_page_language_linked_to_its_source_line(client, django_user_model):
    kk, _, _, (warning, error, _) = registry_rows()
    document = kk.edition.document
    client.force_login(django_user_model.objects.create_user("methodologist", password="x", is_staff=True))
    html = client.get("/ru/quality/").content.decode()
    rows = lxml_html.fromstring(html).xpath('//section[@aria-labelledby="issues-heading"]//tbody/tr')
    assert len(rows) == 2
    with translation.override("ru"):
        expected = [warning.display_message(), error.display_message()]
        order = document.label()
    assert [" ".join(row.xpath("./td")[1].text_content().split()) for row in rows] == expected
    assert "passport lists 12 cards" not in html and "text outside any field" not in html
    assert "12" in expected[1] and "11" in expected[1]
    links = [row.xpath("./th/a")[0] for row in rows]
    assert [a.get("href") for a in links] == [f"/ru/sources/{document.pk}/#L20", f"/ru/sources/{document.pk}/#L99"]
    assert all(order in a.text_content() for a in links)
    assert document.file_name not in html, "documents are named by their order, not by a file name"


def test_the_passport_levels_name_the_edition_not_its_key(client):
    _, _, passport, _ = registry_rows()
    html = client.get("/kk/quality/").content.decode()
    [row] = [
        row
        for row in lxml_html.fromstring(html).xpath('//section[@aria-labelledby="passport-heading"]//tbody/tr')
        if passport.permalink() in lxml_html.tostring(row).decode()
    ]
    with translation.override("kk"):
        label = passport.edition.label()
    assert row.xpath("./td")[0].text_content().strip() == label
    assert passport.edition.key not in row.text_content()


def test_the_quality_page_runs_seven_queries_whatever_the_number_of_cards(client, django_assert_num_queries):
    # Seven for everyone; the issue worklist adds two for staff (tests/editorial/test_worklist.py).
    registry_rows()
    with django_assert_num_queries(7):
        client.get(reverse("quality_report"))
    registry_rows()
    twins(KK, RU, kk={"title": "Үшінші"}, ru={"title": "Третий"})
    with django_assert_num_queries(7):
        response = client.get(reverse("quality_report"))
    assert response.status_code == 200


# --- on the bundled orders ----------------------------------------------------------------------


@pytest.fixture
def report(registry, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("methodologist", password="x", is_staff=True))
    response = client.get("/ru/quality/")
    assert response.status_code == 200
    return response.context["report"]


def findings(report, code, position):
    [twin] = [t for t in report.twins if (t.kk.edition.standard.code, t.kk.position) == (code, position)]
    return twin


@pytest.mark.slow
def test_it_checks_82_twin_pairs_and_lists_78_levels_from_the_passport(report):
    assert len(report.twins) == 82
    assert len(report.passport_levels) == 78
    assert {c.edition.language for c in report.passport_levels} == {"kk"}
    print(
        f"\nquality report on the bundled orders: {len(report.twins)} pairs, "
        f"{len(report.with_findings)} with findings; structure differences {report.count_differences} "
        f"in {report.cards_with_structure_differences} pairs; identical texts {report.identical_texts} "
        f"(+{report.neutral_identical_texts} without Cyrillic); one-sided {report.one_sided_fields}; "
        f"passport levels {len(report.passport_levels)}; import issues {report.issue_counts}"
    )


@pytest.mark.slow
def test_it_finds_the_skills_whose_kazakh_text_lists_more_items(report):
    j064 = findings(report, "J064", 1)
    assert (Place(4, 1), "knowledge", 8, 4) in [(d.place, d.part, d.kk, d.ru) for d in j064.counts]
    j071 = findings(report, "J071", 4)
    assert [(d.place, d.part, d.kk, d.ru) for d in j071.counts] == [(Place(1, 2), "abilities", 6, 3)]


@pytest.mark.slow
def test_competency_counts_differ_only_where_the_russian_source_runs_two_together_in_lowercase(report):
    # 003:2178 "Креативность самостоятельность …", 003:2493 "Исполнительность математическое мышление":
    # nothing in the source marks where the second competency starts.
    differences = [
        (t.kk.edition.standard.code, t.kk.position, d.kk - d.ru)
        for t in report.twins
        for d in t.counts
        if d.part == "personal_competencies"
    ]
    assert differences == [("J070", 3, 1), ("J070", 12, 1)]


@pytest.mark.slow
def test_it_finds_russian_knowledge_items_copied_into_the_kazakh_card(report):
    texts = [f.text for f in findings(report, "J066", 3).identical]
    assert "Языки и технологию программирования для IoT." in texts


@pytest.mark.slow
def test_it_finds_knowledge_and_recognition_given_in_kazakh_only(report):
    one_sided = [(f.place, f.part, f.filled) for f in findings(report, "J066", 1).one_sided]
    assert one_sided == [(Place(1, 1), "knowledge", "kk")]
    j065 = [(f.place, f.part, f.filled) for f in findings(report, "J065", 1).one_sided]
    assert (Place(4, 1), "recognition", "kk") in j065


@pytest.mark.slow
def test_it_lists_every_open_import_issue_and_counts_the_notes(report):
    open_issues = ImportIssue.objects.exclude(severity="info")
    assert len(report.issues) == open_issues.count() > 0
    assert report.issue_counts["info"] == ImportIssue.objects.filter(severity="info").count()
    located = {(e.issue.document.file_name, e.issue.line): e.card for e in report.issues}
    card = located[("standard-it-user-support-v1-2019-ru.txt", 720)]
    assert (card.edition.standard.code, card.edition.key, card.position) == ("J076", "2019-ru", 2)


@pytest.mark.slow
def test_the_quality_page_over_the_whole_registry_runs_seven_queries(registry, client, django_assert_num_queries):
    with django_assert_num_queries(7):
        client.get("/kk/quality/")
