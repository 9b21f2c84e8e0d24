"""The change history of the registry's content: the admin's history view, revert, the card page's note."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html as lxml_html

from cards.models import Ability, Knowledge, LabourFunction, ProfessionCard, RelatedProfession, Skill
from standards.models import Edition, SourceDocument, Standard
from tests.editorial.support import SKILL_1, skill_form, skill_of_j068, user_in

pytestmark = pytest.mark.django_db

CARD_URL = "/ru/cards/J068/1/"
EDITED = "Разработка проекта интеллектуальной системы (по ГОСТ 34)"


@pytest.fixture
def editor(client):
    user = user_in("editors", "редактор")
    client.force_login(user)
    return user


def edit(client, title, reason="исправление опечатки"):
    skill = skill_of_j068(1)
    response = client.post(
        reverse("admin:cards_skill_change", args=[skill.pk]), skill_form(skill, title=title, change_reason=reason)
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def test_every_content_model_keeps_a_history():
    for model in (Standard, Edition, SourceDocument, ProfessionCard, LabourFunction, Skill, Ability, Knowledge):
        assert hasattr(model, "history"), model
    assert hasattr(RelatedProfession, "history")


def test_the_import_wrote_a_history_record_for_every_row_it_created(order_209):
    for model in (ProfessionCard, LabourFunction, Skill, Ability, Knowledge, RelatedProfession, Edition):
        assert model.history.filter(history_type="+").count() == model.objects.count() > 0, model


def test_the_history_view_shows_who_changed_what_from_what_and_why(order_209, client, editor):
    edit(client, EDITED)
    skill = skill_of_j068(1)
    page = lxml_html.fromstring(client.get(reverse("admin:cards_skill_history", args=[skill.pk])).content.decode())
    [latest, *_] = page.xpath('//table[@id="change-history"]/tbody/tr')
    cells = [" ".join(td.text_content().split()) for td in latest.xpath("./td")]
    assert "редактор" in cells and "исправление опечатки" in cells
    assert f"{SKILL_1[2]} → {EDITED}" in " ".join(cells)


def test_revert_restores_the_old_text_on_the_card_page(order_209, client, editor):
    edit(client, EDITED)
    assert EDITED in client.get(CARD_URL).content.decode()
    skill = skill_of_j068(1)
    imported = skill.history.filter(history_type="+").get()
    url = reverse("admin:cards_skill_simple_history", args=[skill.pk, imported.history_id])
    form = lxml_html.fromstring(client.get(url).content.decode())
    assert form.xpath('//input[@name="title"]/@value') == [SKILL_1[2]] or SKILL_1[2] in form.xpath(
        'string(//textarea[@name="title"])'
    )
    response = client.post(
        url,
        {
            "position": 1,
            "number": skill.number or "",
            "title": SKILL_1[2],
            "recognition": skill.recognition,
            "change_reason": "возврат к тексту приказа",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert skill_of_j068(1).title == SKILL_1[2]
    html = client.get(CARD_URL).content.decode()
    assert SKILL_1[2] in html and EDITED not in html
    reverted = skill_of_j068(1).history.first()
    assert (reverted.history_user.username, reverted.history_change_reason) == ("редактор", "возврат к тексту приказа")


def test_the_card_page_says_when_it_last_changed_and_staff_get_the_history_link(order_209, client, editor):
    edit(client, EDITED)
    card = skill_of_j068(1).labour_function.card
    history_url = reverse("admin:cards_professioncard_history", args=[card.pk])
    page = lxml_html.fromstring(client.get(CARD_URL).content.decode())
    [note] = page.xpath('//p[@class="card-last-change"]')
    assert page.xpath(f'//p[@class="card-last-change"]/a[@href="{history_url}"]')
    client.logout()
    anonymous = lxml_html.fromstring(client.get(CARD_URL).content.decode())
    [note] = anonymous.xpath('//p[@class="card-last-change"]')
    assert note.xpath(".//a") == [] and history_url not in client.get(CARD_URL).content.decode()


def test_the_last_change_note_costs_one_query(order_209, client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(CARD_URL).status_code == 200
    history = [q["sql"] for q in queries.captured_queries if "historical" in q["sql"]]
    assert len(history) == 1
