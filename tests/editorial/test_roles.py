"""Who may do what: editors edit content and resolve issues, reviewers only read the history and the
worklist, only superusers manage users, anonymous visitors see no admin page and no staff part of a page."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from standards.models import ImportIssue
from tests.editorial.support import ORDER_209, skill_form, skill_of_j068, user_in

pytestmark = pytest.mark.django_db

CARD_URL = "/ru/cards/J068/1/"


def admin_urls():
    skill = skill_of_j068(1)
    issue = ImportIssue.objects.filter(document__file_name=ORDER_209.name).first()
    imported = skill.history.earliest("history_date")
    return {
        "index": reverse("admin:index"),
        "skill": reverse("admin:cards_skill_change", args=[skill.pk]),
        "skill history": reverse("admin:cards_skill_history", args=[skill.pk]),
        "skill version": reverse("admin:cards_skill_simple_history", args=[skill.pk, imported.history_id]),
        "issues": reverse("admin:standards_importissue_changelist"),
        "issue": reverse("admin:standards_importissue_change", args=[issue.pk]),
        "conflicts": reverse("admin:standards_importconflict_changelist"),
        "upload": reverse("admin:importers_upload"),
        "users": reverse("admin:auth_user_changelist"),
    }


def test_the_roles_exist_with_their_permissions():
    editors = set(Group.objects.get(name="editors").permissions.values_list("codename", flat=True))
    reviewers = set(Group.objects.get(name="reviewers").permissions.values_list("codename", flat=True))
    assert {"change_skill", "change_historicalskill", "change_importissue", "change_importconflict"} <= editors
    assert {"view_skill", "view_historicalskill", "view_importissue", "view_importconflict"} <= reviewers
    assert not {p for p in reviewers if not p.startswith("view_")}
    assert not {p for p in editors | reviewers if p.endswith(("_user", "_group", "_permission"))}


def test_anonymous_visitors_reach_no_admin_page(order_209, client):
    for name, url in admin_urls().items():
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], name


def test_anonymous_visitors_see_no_staff_part_of_the_card_and_quality_pages(order_209, client):
    card = client.get(CARD_URL).content.decode()
    assert "staff-only" not in card and "/admin/" not in card
    quality = client.get("/ru/quality/").content.decode()
    assert "worklist-filters" not in quality and "/admin/" not in quality
    issue = ImportIssue.objects.filter(document__file_name=ORDER_209.name).exclude(severity="info").first()
    assert issue.text and issue.text not in quality  # the source lines are the editors' worklist


def test_reviewers_read_the_history_and_the_worklist_but_change_nothing(order_209, client):
    client.force_login(user_in("reviewers", "рецензент"))
    urls = admin_urls()
    for name in ("index", "skill", "skill history", "skill version", "issues", "issue", "conflicts"):
        assert client.get(urls[name]).status_code == 200, name
    for name in ("upload", "users"):
        assert client.get(urls[name]).status_code == 403, name
    skill = skill_of_j068(1)
    assert client.post(urls["skill"], skill_form(skill, title="Чужая правка")).status_code == 403
    assert client.post(urls["skill version"], skill_form(skill, title="Откат")).status_code == 403
    assert client.post(urls["issue"], {"resolution_note": "", "resolved": "on"}).status_code == 403
    assert skill_of_j068(1).title == skill.title
    assert "worklist-filters" in client.get("/ru/quality/").content.decode()


def test_editors_edit_content_revert_and_upload_but_do_not_manage_users(order_209, client):
    client.force_login(user_in("editors", "редактор"))
    urls = admin_urls()
    skill = skill_of_j068(1)
    assert client.post(urls["skill"], skill_form(skill, title="Правка редактора")).status_code == 302
    assert client.get(urls["upload"]).status_code == 200
    assert client.get(urls["users"]).status_code == 403
    assert client.post(urls["skill version"], skill_form(skill, title=skill.title)).status_code == 302
    assert skill_of_j068(1).title == skill.title


def test_staff_without_a_role_see_the_admin_but_none_of_its_content(order_209, client):
    client.force_login(user_in(None, "стажёр"))
    urls = admin_urls()
    assert client.get(urls["index"]).status_code == 200
    for name in ("skill", "skill history", "issues", "conflicts", "upload", "users"):
        assert client.get(urls[name]).status_code == 403, name


def test_only_superusers_manage_users(order_209, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("әкімші", password="pw"))
    assert client.get(admin_urls()["users"]).status_code == 200
