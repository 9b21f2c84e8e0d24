"""cards.admin_forms: a card's education edited as rows and its lists as lines, saved in the importer's shape."""

import dataclasses

import pytest
from django.http import QueryDict
from django.urls import reverse
from lxml import html as lxml_html

from cards.admin_forms import EDUCATION_KEYS, EducationRowsField, EducationRowsWidget, LinesField, ProfessionCardForm
from importers.records import EducationRecord
from tests.admin_support import card_form, log_in_editor
from tests.factories import make_card

OPTION = {"level": "Жоғары білім", "specialty": "Ақпараттық жүйелер", "qualification": "Бакалавр"}


def rows_from(data: dict) -> list[dict]:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query[key] = value
    return EducationRowsField().clean(EducationRowsWidget().value_from_datadict(query, {}, "education"))


def test_the_rows_have_the_keys_of_the_importers_education_record():
    assert EDUCATION_KEYS == tuple(field.name for field in dataclasses.fields(EducationRecord))


def test_rows_become_the_list_of_dicts_the_importer_writes_in_row_order():
    rows = rows_from(
        {
            "education": "rows",
            "education-1-level": "Орта кәсіптік",
            "education-1-specialty": "",
            "education-1-qualification": " Техник ",
            "education-0-level": "Жоғары білім",
            "education-0-specialty": "Ақпараттық жүйелер",
            "education-0-qualification": "Бакалавр",
        }
    )
    assert rows == [OPTION, {"level": "Орта кәсіптік", "specialty": "", "qualification": "Техник"}]


def test_an_empty_row_is_dropped_and_a_row_added_by_javascript_is_kept():
    rows = rows_from(
        {
            "education": "rows",
            "education-0-level": "  ",
            "education-0-specialty": "",
            "education-0-qualification": "",
            "education-7-specialty": "Информатика",
        }
    )
    assert rows == [{"level": "", "specialty": "Информатика", "qualification": ""}]


def test_the_table_shows_each_option_and_three_empty_rows_and_a_row_for_javascript_to_copy():
    html = EducationRowsWidget().render("education", [OPTION], attrs={"id": "id_education"})
    document = lxml_html.fromstring(html)
    rows = document.xpath("//tbody/tr")
    assert len(rows) == 4
    assert [cell.text or "" for cell in rows[0].xpath(".//textarea")] == list(OPTION.values())
    assert rows[0].xpath(".//textarea/@name") == [f"education-0-{key}" for key in EDUCATION_KEYS]
    assert rows[0].xpath(".//textarea[1]/@id") == ["id_education"]
    assert all(not (cell.text or "").strip() for row in rows[1:] for cell in row.xpath(".//textarea"))
    assert document.xpath("//input[@type='hidden']/@name") == ["education"]
    assert "education-__index__-level" in html  # the <template> row static/js/admin-rows.js copies
    assert document.xpath("//@data-next-index") == ["4"]


def test_a_list_is_edited_one_item_per_line_and_blank_lines_are_dropped():
    field = LinesField(required=False)
    assert field.prepare_value(["Бағдарламашы", "Әзірлеуші"]) == "Бағдарламашы\nӘзірлеуші"
    assert field.clean("Бағдарламашы\r\n\r\n  Әзірлеуші  \n") == ["Бағдарламашы", "Әзірлеуші"]
    assert field.clean("") == []
    assert not field.has_changed(["Бағдарламашы", "Әзірлеуші"], "Бағдарламашы\r\nӘзірлеуші")


@pytest.mark.django_db
def test_a_form_without_the_rows_keeps_the_cards_education():
    card = make_card(education=[OPTION], other_titles=["Бағдарламашы"])
    form = ProfessionCardForm(QueryDict("other_titles=Әзірлеуші"), instance=card)
    assert form.is_valid(), form.errors
    assert form.save(commit=False).education == [OPTION]


# --- through the admin ---------------------------------------------------------------------------


@pytest.fixture
def editor(client):
    return log_in_editor(client)


def post_card(client, card, **data):
    response = client.post(reverse("admin:cards_professioncard_change", args=[card.pk]), card_form(card, **data))
    assert response.status_code == 302, response.content.decode()[:3000]
    card.refresh_from_db()
    return card


@pytest.mark.django_db
def test_the_card_form_shows_the_education_as_rows_and_the_lists_as_lines(client, editor):
    card = make_card(education=[OPTION], personal_competencies=["Жауапкершілік", "Ұқыптылық"])
    response = client.get(reverse("admin:cards_professioncard_change", args=[card.pk]))
    document = lxml_html.fromstring(response.content.decode())
    assert document.xpath("//textarea[@name='education-0-specialty']/text()") == ["Ақпараттық жүйелер"]
    assert document.xpath("//textarea[@name='personal_competencies']/text()") == ["\nЖауапкершілік\nҰқыптылық"]
    assert document.xpath("//script[contains(@src, 'js/admin-rows.js')]")
    assert not document.xpath("//textarea[@name='education']")  # no raw JSON


@pytest.mark.django_db
def test_an_editor_saves_education_rows_and_gets_the_same_json_shape(client, editor):
    card = make_card(education=[OPTION])
    card = post_card(
        client,
        card,
        **{
            "education-0-level": "Жоғары білім",
            "education-0-specialty": "Ақпараттық жүйелер",
            "education-0-qualification": "Магистр",
            "education-1-level": "",
            "education-1-specialty": "",
            "education-1-qualification": "",
            "education-2-level": "Техникалық және кәсіптік",
            "education-2-specialty": "Бағдарламалық қамтамасыз ету",
            "education-2-qualification": "Техник-бағдарламашы",
        },
    )
    assert card.education == [
        {"level": "Жоғары білім", "specialty": "Ақпараттық жүйелер", "qualification": "Магистр"},
        {
            "level": "Техникалық және кәсіптік",
            "specialty": "Бағдарламалық қамтамасыз ету",
            "qualification": "Техник-бағдарламашы",
        },
    ]


@pytest.mark.django_db
def test_a_row_removed_in_the_browser_is_removed_from_the_card(client, editor):
    card = make_card(education=[OPTION, {"level": "Орта", "specialty": "", "qualification": ""}])
    card = post_card(client, card, **{f"education-1-{key}": value for key, value in OPTION.items()})
    assert card.education == [OPTION]
    assert post_card(client, card).education == []  # every row removed


@pytest.mark.django_db
def test_an_editor_saves_a_list_one_item_per_line(client, editor):
    card = make_card(other_titles=["Бағдарламашы"])
    card = post_card(client, card, other_titles="Бағдарламашы\r\nӘзірлеуші\r\n", regulations="")
    assert card.other_titles == ["Бағдарламашы", "Әзірлеуші"]
    assert card.regulations == []


@pytest.mark.django_db
def test_saving_the_card_unchanged_changes_neither_its_education_nor_its_lists(client, editor):
    from django.contrib.admin.models import LogEntry

    card = make_card(education=[OPTION], other_titles=["Бағдарламашы", "Әзірлеуші"])
    card = post_card(
        client,
        card,
        other_titles="Бағдарламашы\r\nӘзірлеуші",
        **{f"education-0-{key}": value for key, value in OPTION.items()},
    )
    assert (card.education, card.other_titles) == ([OPTION], ["Бағдарламашы", "Әзірлеуші"])
    entry = LogEntry.objects.get(object_id=str(card.pk))
    assert "education" not in entry.change_message
    assert "other possible titles" not in entry.change_message
