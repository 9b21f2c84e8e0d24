"""Re-imports keep the editors' corrections: the three-way re-import on order 209's real cards.

An editor corrects skills of J068/1 in admin; the same order, then an amended copy of it, is imported
again. What nobody edited follows the file, an edit the file left alone is kept, and a value both
changed is a conflict an editor resolves, never decided silently.
"""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from importers.service import import_documents
from standards.models import ImportConflict, ImportIssue, SourceDocument
from tests.editorial.support import (
    ORDER_209,
    SKILL_1,
    SKILL_2,
    SKILL_3,
    amended_copy,
    skill_form,
    skill_of_j068,
    user_in,
)

pytestmark = pytest.mark.django_db

EDITED_1 = "Разработка проекта интеллектуальной системы и его согласование"
EDITED_3 = "Анализ предметной области заказчика"
FILE_2 = "Программная реализация и внедрение интеллектуальной системы"
FILE_3 = "Анализ предметной и проблемной области и требований"


@pytest.fixture
def editor(client):
    user = user_in("editors", "методист")
    client.force_login(user)
    return user


def edit_in_admin(client, position: int, title: str, reason: str = "уточнение методиста"):
    skill = skill_of_j068(position)
    url = reverse("admin:cards_skill_change", args=[skill.pk])
    response = client.post(url, skill_form(skill, title=title, change_reason=reason))
    assert response.status_code == 302, response.content.decode()[:3000]
    return skill_of_j068(position)


@pytest.fixture
def amended(tmp_path):
    """Order 209 with skill 2's and skill 3's titles changed by the ministry."""
    return amended_copy(tmp_path, {SKILL_2[1]: (SKILL_2[2], FILE_2), SKILL_3[1]: (SKILL_3[2], FILE_3)})


def test_the_three_skills_are_those_the_source_lines_print(order_209):
    assert [skill_of_j068(n).title for n in (1, 2, 3)] == [SKILL_1[2], SKILL_2[2], SKILL_3[2]]


def test_an_edit_in_admin_is_in_the_history_with_its_editor_and_reason_and_the_import_with_its_file(
    order_209, client, editor
):
    skill = edit_in_admin(client, 1, EDITED_1)
    edit, imported = skill.history.order_by("-history_date", "-history_id")[:2]
    assert (edit.title, edit.history_user, edit.history_change_reason) == (EDITED_1, editor, "уточнение методиста")
    sha256 = SourceDocument.objects.get(file_name=ORDER_209.name).sha256
    assert imported.title == SKILL_1[2] and imported.history_user is None
    assert imported.history_change_reason == f"import: {ORDER_209.name} (SHA-256 {sha256})"


def test_an_editors_correction_survives_a_reimport_of_the_same_order(order_209, client, editor):
    edit_in_admin(client, 1, EDITED_1)
    result = import_documents([ORDER_209])
    [report] = result.documents
    assert (report.reconciled["kept"], report.reconciled["updated"], report.open_conflicts) == (1, 0, 0)
    assert skill_of_j068(1).title == EDITED_1
    assert not ImportConflict.objects.exists()


def test_an_amended_order_updates_what_nobody_edited_keeps_edits_and_lists_the_real_conflict(
    order_209, client, editor, amended
):
    edit_in_admin(client, 1, EDITED_1)
    edit_in_admin(client, 3, EDITED_3)
    [report] = import_documents([amended]).documents
    assert {k: v for k, v in report.reconciled.items() if v} == {"kept": 1, "updated": 1, "conflict": 1}
    assert skill_of_j068(1).title == EDITED_1  # kept: the file did not change it
    assert skill_of_j068(2).title == FILE_2  # updated: nobody had edited it
    assert skill_of_j068(3).title == EDITED_3  # conflict: the edit stays until an editor decides
    [conflict] = ImportConflict.objects.filter(resolution="")
    assert (conflict.model, conflict.object_id, conflict.field) == ("cards.skill", skill_of_j068(3).pk, "title")
    assert (conflict.base_value, conflict.edited_value, conflict.file_value) == (SKILL_3[2], EDITED_3, FILE_3)
    updated = skill_of_j068(2).history.first()
    assert updated.history_change_reason.startswith(f"import: {ORDER_209.name} (SHA-256 ")
    assert updated.history_user is None
    # The card page shows the file's new text and the editor's kept one.
    html = client.get("/ru/cards/J068/1/").content.decode()
    assert FILE_2 in html and EDITED_1 in html and EDITED_3 in html


def test_the_same_amended_file_again_raises_the_same_conflict_not_a_silent_decision(order_209, client, editor, amended):
    edit_in_admin(client, 3, EDITED_3)
    import_documents([amended])
    [report] = import_documents([amended]).documents
    assert report.open_conflicts == 1
    assert ImportConflict.objects.filter(resolution="").count() == 1
    assert skill_of_j068(3).title == EDITED_3


def test_the_command_reports_the_counts_and_exits_non_zero_on_an_open_conflict(
    order_209, client, editor, amended, capsys
):
    edit_in_admin(client, 1, EDITED_1)
    edit_in_admin(client, 3, EDITED_3)
    with pytest.raises(CommandError, match="1 conflicts between edits made by hand and the file"):
        call_command("import_standards", str(amended))
    out = capsys.readouterr().out
    assert "re-import: 1 updated from the file, 1 edits kept, 1 conflicts (1 open)" in out


def test_prefer_file_takes_the_file_s_value_and_prefer_edits_keeps_the_edit(order_209, client, editor, amended, capsys):
    edit_in_admin(client, 3, EDITED_3)
    call_command("import_standards", str(amended), "--prefer-edits")
    assert skill_of_j068(3).title == EDITED_3
    assert ImportConflict.objects.get().resolution == "mine"
    assert "1 conflicts (0 open)" in capsys.readouterr().out


def test_prefer_file_writes_the_file_s_value_over_the_edit(order_209, client, editor, amended):
    edit_in_admin(client, 3, EDITED_3)
    call_command("import_standards", str(amended), "--prefer-file")
    assert skill_of_j068(3).title == FILE_3
    assert ImportConflict.objects.get().resolution == "file"


@pytest.mark.parametrize(("action", "title"), [("take_file", FILE_3), ("keep_mine", EDITED_3)])
def test_an_editor_resolves_a_conflict_in_admin_and_the_same_file_then_agrees(
    order_209, client, editor, amended, action, title
):
    edit_in_admin(client, 3, EDITED_3)
    import_documents([amended])
    conflict = ImportConflict.objects.get()
    response = client.post(
        reverse("admin:standards_importconflict_changelist"), {"action": action, "_selected_action": [conflict.pk]}
    )
    assert response.status_code == 302
    conflict.refresh_from_db()
    assert conflict.resolved_by == editor and conflict.resolution == {"take_file": "file", "keep_mine": "mine"}[action]
    assert skill_of_j068(3).title == title
    [report] = import_documents([amended]).documents
    assert report.open_conflicts == 0 and skill_of_j068(3).title == title


def test_a_resolved_import_issue_stays_resolved_when_the_same_text_is_imported_again(
    order_209, client, editor, amended
):
    issue = ImportIssue.objects.filter(document__file_name=ORDER_209.name).exclude(severity="info").first()
    url = reverse("admin:standards_importissue_change", args=[issue.pk])
    response = client.post(url, {"resolution_note": "проверено по бумажному тексту", "resolved": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    import_documents([amended])  # the issues are written anew from the file
    again = ImportIssue.objects.get(document__file_name=ORDER_209.name, fingerprint=issue.fingerprint)
    assert again.pk != issue.pk
    assert (again.resolved_by, again.resolution_note) == (editor, "проверено по бумажному тексту")
