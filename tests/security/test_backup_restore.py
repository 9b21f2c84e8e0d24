"""A documented backup and restore through the registry's own commands (issue 14, item 6).

``export_standards --backup`` -> an empty, freshly migrated database -> ``import_standards --restore``
gives the same rows in every content table (a checksum over all of them, history included), the same
accounts, roles and admin change log, and byte-identical pages. A restore into a database that holds
content, or of a file that is not a whole backup, is refused and changes nothing.

Every bundled order is imported once for the module (``registry``); each test empties the database
inside its own transaction, which rolls back at its end, so the next test finds the registry again.
"""

from __future__ import annotations

import gzip
import io
import json
import re

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from cards.models import ProfessionCard
from importers.backup import BACKUP_FORMAT, held_content
from standards.models import ContentRevision, SourceDocument
from standards.revision import current_revision
from tests.editorial.support import ORDER_209, skill_form, skill_of_j068, user_in
from tests.importers.test_fuzz_importers import content_checksum

pytestmark = [
    pytest.mark.django_db,
    # content_checksum is PostgreSQL's SQL (the md5 of each row as text).
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the content checksum needs PostgreSQL"),
]

EDITED = "Разработка проекта интеллектуальной системы (по ГОСТ 34)"
REASON = "исправление опечатки"

# The pages compared before and after: the overview, filtered card lists, the largest card (J074/4),
# two more and the corrected one (J068/1, Russian) in both languages, comparisons and the API's card
# detail; and (``rendered``) the page of order 209, the corrected card's source, whose URL is its id.
PAGES = [
    "/kk/",
    "/ru/",
    "/ru/cards/?level=6&standard=J068",
    "/kk/cards/?standard=J074&level=6",
    *(f"/{language}/cards/{card}/" for card in ("J074/4", "J068/1", "J062/1", "J058/5") for language in ("kk", "ru")),
    "/ru/compare/?cards=J074/4,J058/5,J068/3,J062/2",
    "/kk/compare/?cards=J068/1@kk,J068/1@ru",
    "/api/v1/cards/J068/1?lang=ru",
    "/api/v1/cards/J074/4?lang=kk",
]


@pytest.fixture(autouse=True)
def _content_types_forgotten():
    yield
    # An emptied database made its content types anew, the rollback took them back: the cache must
    # not keep the test's rows.
    ContentType.objects.clear_cache()


@pytest.fixture(scope="module")
def backup(registry, tmp_path_factory, django_db_blocker):
    """A backup of the bundled orders, written once for the module."""
    path = tmp_path_factory.mktemp("backup") / "registry.json.gz"
    with django_db_blocker.unblock():
        call_command("export_standards", "--backup", "-o", str(path), verbosity=0)
    return path


def empty_the_database() -> None:
    """Make the database what ``migrate`` leaves: ``flush`` empties every table (content types and
    permissions too), then runs ``post_migrate`` as ``migrate`` does, which makes content types,
    permissions and the editorial roles anew."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # PostgreSQL refuses TRUNCATE while the test's transaction holds deferred foreign-key
            # checks of its own writes: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    assert not held_content() and not User.objects.exists() and not LogEntry.objects.exists()
    assert set(Group.objects.values_list("name", flat=True)) == {"editors", "reviewers"}


def restore(path) -> None:
    call_command("import_standards", "--restore", str(path), verbosity=0)


def rendered(client) -> dict[str, tuple[int, bytes]]:
    assert not settings.PAGE_CACHE_SECONDS  # every page rendered from the database, none from a cache
    order_209 = SourceDocument.objects.get(file_name=ORDER_209.name)
    return {path: page(client, path) for path in [*PAGES, f"/ru/sources/{order_209.pk}/"]}


def page(client, path: str) -> tuple[int, bytes]:
    response = client.get(path)
    return response.status_code, response.content


def accounts() -> list[tuple]:
    return sorted(
        (user.pk, user.username, user.password, user.is_staff, user.date_joined.isoformat(), groups)
        for user in User.objects.all()
        for groups in [tuple(sorted(user.groups.values_list("name", flat=True)))]
    )


def change_log() -> list[tuple]:
    return sorted(
        (entry.pk, entry.user.username, entry.content_type.natural_key(), entry.object_id, entry.change_message)
        for entry in LogEntry.objects.select_related("user", "content_type")
    )


def checksum_without_the_revision() -> tuple[dict[str, str], str]:
    sums = content_checksum()
    return sums, sums.pop(ContentRevision._meta.db_table)


def test_a_backup_restored_into_an_empty_database_gives_the_same_rows_history_and_pages(registry, client, tmp_path):
    # The editor's id is not the first a fresh table gives, as in a registry that has had accounts:
    # the restore must keep ids (every history row names its editor's), not renumber them.
    User.objects.create(username="ушедший").delete()
    editor = user_in("editors", "редактор")
    client.force_login(editor)
    skill = skill_of_j068(1)
    response = client.post(
        reverse("admin:cards_skill_change", args=[skill.pk]), skill_form(skill, title=EDITED, change_reason=REASON)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()  # the pages as a reader sees them (the editor's session is not in a backup)
    before, revision_row = checksum_without_the_revision()
    revision = current_revision()
    users, log = accounts(), change_log()
    pages = rendered(client)
    etag = client.get("/api/v1/cards/J068/1?lang=ru")["ETag"]
    assert all(status == 200 for status, _ in pages.values()), {p: s for p, (s, _) in pages.items() if s != 200}
    assert EDITED.encode() in pages["/ru/cards/J068/1/"][1]

    path = tmp_path / "registry.json.gz"
    call_command("export_standards", "--backup", "-o", str(path), verbosity=0)
    empty_the_database()
    assert page(client, "/ru/cards/J068/1/")[0] == 404
    restore(path)

    after, restored_revision_row = checksum_without_the_revision()
    assert after == before
    assert restored_revision_row != revision_row and current_revision() > revision  # no cache serves old pages
    assert accounts() == users and change_log() == log
    corrected = skill_of_j068(1)
    assert corrected.title == EDITED
    record = corrected.history.first()
    assert (record.history_user.username, record.history_change_reason, record.title) == ("редактор", REASON, EDITED)
    assert corrected.history.filter(history_type="+").get().title != EDITED  # the imported text, before the edit
    # Byte-identical bodies. Nothing per request needed stripping: the pages carry no CSRF token
    # (their forms are GET forms) and no CSP nonce; the API's ETag and Last-Modified headers name the
    # revision, which the restore moved on, so headers are not compared.
    assert {path for path in pages if page(client, path) != pages[path]} == set()
    assert client.get("/api/v1/cards/J068/1?lang=ru")["ETag"] != etag


def test_a_restore_into_a_database_that_holds_content_is_refused_and_changes_nothing(backup):
    before = content_checksum()
    with pytest.raises(CommandError) as error:
        restore(backup)
    message = str(error.value)
    assert message.startswith(f"{backup}: not restored: the database already holds registry content (")
    assert "standards.sourcedocument: 5" in message and "\n" not in message
    assert content_checksum() == before


def test_a_restore_into_a_database_with_an_account_is_refused_so_that_no_account_is_overwritten(backup):
    empty_the_database()
    User.objects.create_superuser("admin", password="pw")
    with pytest.raises(CommandError, match=r"already holds registry content \(auth\.user: 1\)"):
        restore(backup)
    assert held_content() == {"auth.user": 1} and User.objects.get().username == "admin"


def _cut_plain(backup, folder):
    text = gzip.decompress(backup.read_bytes())
    path = folder / "cut.json"
    path.write_bytes(text[: len(text) // 2])
    # Cut in the middle of a character or between two: either way the error names the line.
    return path, r":\d+: not a complete backup: .*cut short"


def _cut_compressed(backup, folder):
    data = backup.read_bytes()
    path = folder / "cut.json.gz"
    path.write_bytes(data[: len(data) // 2])
    return path, r": not a complete backup: the compressed file is damaged or cut short \("


def _garbled_bytes(backup, folder):
    text = bytearray(gzip.decompress(backup.read_bytes()))
    middle = len(text) // 2
    text[middle : middle + 64] = b"\x00\xff" * 32
    path = folder / "garbled.json"
    path.write_bytes(bytes(text))
    return path, r":\d+: not a backup: not UTF-8 text \(byte \d+\)"


def _unknown_model_at_the_end(backup, folder):
    # Valid JSON whose last object fails to load: thousands of rows are saved before it, and all go.
    data = json.loads(gzip.decompress(backup.read_bytes()))
    data["objects"][-1]["model"] = "cards.nosuchmodel"
    path = folder / "unknown-model.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path, r": not restored, nothing was written: .*cards\.nosuchmodel"


def _objects_left_out(backup, folder):
    data = json.loads(gzip.decompress(backup.read_bytes()))
    del data["objects"][len(data["objects"]) // 2]
    path = folder / "short.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path, r": not restored: the file holds \d+ objects, its header counts \d+: it was cut or edited$"


def _empty_file(backup, folder):
    path = folder / "empty.json"
    path.write_bytes(b"")
    return path, r":1: not a complete backup: the JSON is damaged or cut short"


@pytest.mark.parametrize(
    "damage", [_cut_plain, _cut_compressed, _garbled_bytes, _unknown_model_at_the_end, _objects_left_out, _empty_file]
)
def test_a_cut_short_or_garbled_backup_is_refused_naming_the_file_and_the_empty_database_stays_empty(
    backup, tmp_path, damage
):
    path, says = damage(backup, tmp_path)
    empty_the_database()
    before = content_checksum()
    with pytest.raises(CommandError) as error:
        restore(path)
    message = str(error.value)
    assert re.match(re.escape(str(path)) + says, message) and "\n" not in message, message
    assert content_checksum() == before
    assert not held_content() and not User.objects.exists() and not LogEntry.objects.exists()


def test_the_open_data_export_is_not_a_backup_and_is_refused(registry, tmp_path):
    open_data = tmp_path / "registry.json"
    call_command("export_standards", "-o", str(open_data), stderr=io.StringIO())
    assert json.loads(open_data.read_text(encoding="utf-8"))["format"] != BACKUP_FORMAT
    empty_the_database()
    with pytest.raises(CommandError) as error:
        restore(open_data)
    assert str(error.value).startswith(f"{open_data}: this is the open-data export, not a backup")
    assert not held_content()


def test_restore_takes_no_paths_and_no_import_options(backup):
    for extra in (["--dry-run"], [str(ORDER_209)], ["--prefer-file"]):
        with pytest.raises(CommandError, match="--restore takes one backup file"):
            call_command("import_standards", "--restore", str(backup), *extra, verbosity=0)
    assert ProfessionCard.objects.exists() and SourceDocument.objects.count() == 5
