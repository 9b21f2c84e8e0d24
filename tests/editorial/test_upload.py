"""Uploading an amended order in admin: the preview shows exactly what changes, Apply imports it in one
transaction, Cancel leaves nothing behind, a bad file gets the importer's one-line error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from lxml import html as lxml_html

from cards.models import ProfessionCard
from importers import upload
from standards.models import SourceDocument
from tests.editorial.support import ORDER_209, SKILL_2, amended_copy, skill_of_j068, user_in

pytestmark = pytest.mark.django_db

PURPOSE = ("разработка и внедрение систем", "разработка, внедрение и сопровождение систем")
ABILITY = ("Готовить аналитические отчеты", "Готовить аналитические отчеты и презентации")
SKILL = (SKILL_2[2], "Программная реализация и внедрение интеллектуальной системы")


@pytest.fixture(autouse=True)
def upload_folder(tmp_path, settings):
    settings.EDITORIAL_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


@pytest.fixture
def editor(client):
    client.force_login(user_in("editors", "редактор"))


@pytest.fixture
def amended(tmp_path):
    """Order 209 with three changes to J068/1: its purpose, an ability of skill 1, the title of skill 2."""
    return amended_copy(tmp_path, {193: PURPOSE, 197: ABILITY, SKILL_2[1]: SKILL})


def send(client, path, name=None):
    file = SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/plain")
    return client.post(reverse("admin:importers_upload"), {"file": file, "format": ""})


def preview_of(client, path):
    response = send(client, path)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return response["Location"], lxml_html.fromstring(page.content.decode())


def text(node) -> str:
    return " ".join(node.text_content().split())


def test_the_preview_of_an_amended_order_shows_exactly_the_changes_made(order_209, client, editor, amended):
    _, page = preview_of(client, amended)
    counts = {n.get("data-count"): int(n.text) for n in page.xpath('//*[@id="preview-counts"]//strong')}
    assert counts == {"added": 0, "removed": 0, "updated": 3, "kept": 0, "conflict": 0}
    assert page.xpath('//*[@id="standards-added"]') == [] and page.xpath('//*[@id="cards-added"]') == []
    [card] = page.xpath('//*[@id="cards-changed"]/section')
    assert card.get("data-card") == "J068/1"
    [purpose] = card.xpath('.//ul[@class="preview-fields"]/li')
    with translation.override("kk"):  # the admin speaks Kazakh by default
        label = str(ProfessionCard._meta.get_field("purpose").verbose_name)
    assert text(purpose).startswith(f"{label}: ")
    assert PURPOSE[1] in text(purpose) and "Проектирование, разработка и внедрение" in text(purpose)
    [skill] = card.xpath('.//ul[@class="preview-items"]/li')
    assert [text(i) for i in skill.xpath(".//ins")] == ["и внедрение"]
    editions = page.xpath('//*[@id="preview-editions"]/tbody/tr')
    assert len(editions) == 14 and {row.get("class") for row in editions} == {"status-unchanged"}
    # Nothing is written by a preview.
    assert skill_of_j068(2).title == SKILL_2[2]


def test_the_preview_of_the_unchanged_order_says_nothing_changes(order_209, client, editor):
    _, page = preview_of(client, ORDER_209)
    assert page.xpath('//*[@id="preview-nothing"]') and not page.xpath('//*[@id="cards-changed"]')


def test_apply_imports_the_upload_and_deletes_it(order_209, client, editor, amended, upload_folder):
    url, _ = preview_of(client, amended)
    token = url.rstrip("/").rsplit("/", 1)[1]
    response = client.post(reverse("admin:importers_upload_apply", args=[token]))
    assert response.status_code == 302
    assert skill_of_j068(2).title == SKILL[1]
    card = ProfessionCard.objects.get(
        edition__document__file_name=ORDER_209.name, edition__standard__code="J068", position=1
    )
    assert PURPOSE[1] in card.purpose
    history = skill_of_j068(2).history.first()
    assert history.history_user.username == "редактор" and history.history_change_reason.startswith("import: ")
    assert list(upload_folder.iterdir()) == []
    assert client.get(url).status_code == 404  # the token is spent


def test_cancel_leaves_nothing_behind(order_209, client, editor, amended, upload_folder):
    before = SourceDocument.objects.get(file_name=ORDER_209.name).sha256
    url, _ = preview_of(client, amended)
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert client.post(reverse("admin:importers_upload_cancel", args=[token])).status_code == 302
    assert list(upload_folder.iterdir()) == []
    assert SourceDocument.objects.get(file_name=ORDER_209.name).sha256 == before
    assert skill_of_j068(2).title == SKILL_2[2]
    assert client.session[upload.SESSION_KEY] == {}


def test_a_bad_file_gets_the_importers_one_line_error_and_changes_nothing(
    order_209, client, editor, tmp_path, upload_folder
):
    bad = tmp_path / "not-an-order.txt"
    bad.write_text("Это не приказ и не стандарт.\nВсего две строки.\n", encoding="utf-8")
    documents = SourceDocument.objects.count()
    response = send(client, bad)
    page = client.get(response["Location"])
    errors = lxml_html.fromstring(page.content.decode()).xpath('//ul[contains(@class, "errornote")]/li')
    assert len(errors) == 1 and "not-an-order.txt" in errors[0].text_content()
    assert SourceDocument.objects.count() == documents
    assert [p for p in upload_folder.rglob("*") if p.is_file()] == []


def test_the_upload_answers_the_progress_script_with_the_preview_address(order_209, client, editor, amended):
    file = SimpleUploadedFile(amended.name, amended.read_bytes())
    response = client.post(reverse("admin:importers_upload"), {"file": file}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200 and response.json()["preview"].startswith(reverse("admin:importers_upload"))


def test_the_upload_page_loads_its_progress_script_from_a_file_not_inline(client, editor):
    page = lxml_html.fromstring(client.get(reverse("admin:importers_upload")).content.decode())
    scripts = page.xpath("//script")
    assert all(s.get("src") or not (s.text or "").strip() for s in scripts)
    assert any("upload-progress" in (s.get("src") or "") for s in scripts)
