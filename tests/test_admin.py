import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.urls import reverse

from cards.models import Ability, Knowledge
from tests.admin_support import log_in_editor
from tests.factories import make_skill

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "admin:standards_standard_changelist",
    "admin:standards_edition_changelist",
    "admin:standards_sourcedocument_changelist",
    "admin:standards_importissue_changelist",
    "admin:cards_professioncard_changelist",
    "admin:cards_labourfunction_changelist",
    "admin:cards_skill_changelist",
    "admin:cards_occupation_changelist",
]


@pytest.fixture
def editor(client):
    return log_in_editor(client, "aigerim")


@pytest.fixture
def skill():
    return make_skill(abilities=["Талдау жүргізу"], knowledge=["Бұлттық есептеулер"])


def test_an_anonymous_user_is_sent_to_the_login_page(client):
    response = client.get(reverse("admin:cards_professioncard_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_every_list_renders_for_an_editor(client, editor, skill, name):
    assert client.get(reverse(name)).status_code == 200


def test_the_change_pages_of_the_tree_render_for_an_editor(client, editor, skill):
    function = skill.labour_function
    card = function.card
    for url in [
        reverse("admin:cards_professioncard_change", args=[card.pk]),
        reverse("admin:cards_labourfunction_change", args=[function.pk]),
        reverse("admin:cards_skill_change", args=[skill.pk]),
        reverse("admin:standards_edition_change", args=[card.edition.pk]),
        reverse("admin:standards_standard_change", args=[card.edition.standard.pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_the_card_list_filters_by_level_and_language(client, editor, skill):
    url = reverse("admin:cards_professioncard_changelist")
    assert client.get(url, {"level": "6", "edition__language": "kk"}).context["cl"].result_count == 1
    assert client.get(url, {"level": "7"}).context["cl"].result_count == 0


def _inline_management(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(len(rows)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def test_an_editor_edits_a_skill_its_abilities_and_knowledge_and_the_change_is_recorded(client, editor, skill):
    ability = skill.abilities.get()
    knowledge = skill.knowledge_items.get()
    data = {"position": "1", "number": "1", "title": "Жаңа атау", "recognition": "Ұсынылады"}
    data |= _inline_management(
        "abilities", [{"id": ability.pk, "skill": skill.pk, "position": 1, "text": "Жаңа машық"}]
    )
    data |= _inline_management(
        "knowledge_items", [{"id": knowledge.pk, "skill": skill.pk, "position": 1, "text": "Жаңа білім"}]
    )
    response = client.post(reverse("admin:cards_skill_change", args=[skill.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    skill.refresh_from_db()
    assert skill.title == "Жаңа атау"
    assert Ability.objects.get(pk=ability.pk).text == "Жаңа машық"
    assert Knowledge.objects.get(pk=knowledge.pk).text == "Жаңа білім"
    assert LogEntry.objects.filter(user=editor, object_id=str(skill.pk)).exists()


def test_an_editor_edits_a_labour_function_and_its_skill_titles(client, editor, skill):
    function = skill.labour_function
    data = {"position": "1", "number": "1", "kind": "mandatory", "title": "Түзетілген функция"}
    data |= _inline_management(
        "skills",
        [
            {
                "id": skill.pk,
                "labour_function": function.pk,
                "position": 1,
                "number": 1,
                "title": "Түзетілген дағды",
                "recognition": "",
            }
        ],
    )
    response = client.post(reverse("admin:cards_labourfunction_change", args=[function.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    function.refresh_from_db()
    skill.refresh_from_db()
    assert (function.title, skill.title) == ("Түзетілген функция", "Түзетілген дағды")


def test_a_user_who_is_not_staff_cannot_enter_admin(client):
    client.force_login(User.objects.create_user("guest", password="pw"))
    response = client.get(reverse("admin:cards_skill_changelist"))
    assert response.status_code == 302


def test_an_edit_of_a_skill_in_admin_is_found_by_search_at_once(client, editor, skill):
    from cards.search import rebuild_search_index, search_cards

    card = skill.labour_function.card
    rebuild_search_index()
    assert search_cards("криптовалюта", language="kk").count == 0
    ability = skill.abilities.get()
    data = {"position": "1", "number": "1", "title": skill.title, "recognition": ""}
    data |= _inline_management(
        "abilities", [{"id": ability.pk, "skill": skill.pk, "position": 1, "text": "Криптовалюта әмияндарын баптау"}]
    )
    data |= _inline_management("knowledge_items", [])
    response = client.post(reverse("admin:cards_skill_change", args=[skill.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [card_id for card_id, _ in search_cards("криптовалюта", language="kk").ranked] == [card.pk]


def test_a_standard_title_edited_in_admin_is_found_by_search_at_once_and_bumps_the_revision(client, editor, skill):
    from cards.search import rebuild_search_index, search_cards
    from standards.revision import current_revision

    card = skill.labour_function.card
    standard = card.edition.standard
    rebuild_search_index()
    before = current_revision()
    assert search_cards("квантовые", language="ru").count == 0
    data = {"code": standard.code, "title_kk": standard.title_kk, "title_ru": "Квантовые вычисления"}
    data |= _inline_management("editions", [])
    response = client.post(reverse("admin:standards_standard_change", args=[standard.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [card_id for card_id, _ in search_cards("квантовые", language="ru").ranked] == [card.pk]
    assert current_revision() == before + 1


def test_deleting_a_skill_in_admin_refreshes_its_card_in_search(client, editor, skill):
    from cards.search import rebuild_search_index, search_cards

    other = make_skill(labour_function=skill.labour_function, title="Блокчейн желісін баптау", abilities=[])
    rebuild_search_index()
    assert search_cards("блокчейн", language="kk").count == 1
    response = client.post(reverse("admin:cards_skill_delete", args=[other.pk]), {"post": "yes"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert search_cards("блокчейн", language="kk").count == 0
    assert search_cards("бұлттық архитектураны", language="kk").count == 1


def test_an_editions_admin_page_lists_its_cards_inline(client, editor, skill):
    edition = skill.labour_function.card.edition
    response = client.get(reverse("admin:standards_edition_change", args=[edition.pk]))
    assert "cards-TOTAL_FORMS" in response.content.decode()
