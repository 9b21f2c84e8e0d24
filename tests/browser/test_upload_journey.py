"""An editor uploads an amended order in admin, previews what changes, applies it and reads the new text
with its history on the card page, in a real browser (the upload's progress script included).

The registry the other browser tests read is put back at the end: the original order 209 is imported
again, taking the file's values (``--prefer-file``).
"""

import os
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT
from tests.browser.ui import say
from tests.editorial.support import ORDER_209, SKILL_2, amended_copy

pytestmark = pytest.mark.slow

NEW_SKILL = "Программная реализация и внедрение интеллектуальной системы"
CHANGES = {
    193: ("разработка и внедрение систем", "разработка, внедрение и сопровождение систем"),
    SKILL_2[1]: (SKILL_2[2], NEW_SKILL),
}
PASSWORD = "upload-journey-pw"


def manage(database_url: str, *args: str) -> str:
    """A management command against the database the test server serves (no database access in this
    process while the browser's event loop runs)."""
    env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="registry.settings")
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture
def editor_account(registry_data):
    code = (
        "from django.contrib.auth.models import Group, User;"
        f"u = User.objects.create_user('upload-editor', password='{PASSWORD}', is_staff=True);"
        "u.groups.add(Group.objects.get(name='editors'))"
    )
    manage(registry_data, "shell", "-c", code)
    yield "upload-editor"
    manage(registry_data, "import_standards", str(ORDER_209), "--prefer-file", "--verbosity", "0")
    manage(
        registry_data,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; User.objects.filter(username='upload-editor').delete()",
    )


def test_an_editor_uploads_an_amended_order_previews_it_applies_it_and_reads_the_card(
    editor_account, page, screenshot, tmp_path
):
    amended = amended_copy(tmp_path, CHANGES)
    page.goto("/admin/login/?next=/admin/")
    page.fill("input[name=username]", editor_account)
    page.fill("input[name=password]", PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # The source documents list offers the upload.
    page.goto("/admin/standards/sourcedocument/")
    page.get_by_role("link", name=say("kk", "Upload an order")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(say("kk", "Upload an order"))

    # Upload: the progress script sends the file and shows its progress, then the preview opens.
    page.set_input_files("input[name=file]", str(amended))
    page.get_by_role("button", name=say("kk", "Preview")).click(no_wait_after=True)
    expect(page.locator("#upload-progress")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/standards/importconflict/upload/[\w-]+/$"), timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_have_text(say("kk", "Preview of the import"))
    expect(page.locator('[data-count="updated"]')).to_have_text("2")
    expect(page.locator('[data-count="conflict"]')).to_have_text("0")
    card = page.locator('#cards-changed section[data-card="J068/1"]')
    expect(card).to_have_count(1)
    expect(page.locator("#cards-changed section")).to_have_count(1)
    expect(card.locator("ins")).to_have_text(["и внедрение"])
    screenshot(page, "upload-preview")

    # Apply: one import; the editor lands on the documents with the counts.
    page.get_by_role("button", name=say("kk", "Apply")).click(no_wait_after=True)  # a whole import run
    expect(page).to_have_url(re.compile(r"/admin/standards/sourcedocument/$"), timeout=180_000)
    expect(page.locator(".messagelist")).to_contain_text(re.compile(re.escape(ORDER_209.name), re.IGNORECASE))

    # The card page shows the new text, when it changed, and (for staff) the history.
    page.goto("/ru/cards/J068/1/")
    expect(page.get_by_role("main")).to_contain_text(NEW_SKILL)
    note = page.locator(".card-last-change")
    expect(note).to_be_visible()
    note.get_by_role("link", name=say("ru", "History of this card")).click()
    expect(page).to_have_url(re.compile(r"/admin/cards/professioncard/\d+/history/$"))
    expect(page.locator("#change-history")).to_contain_text("сопровождение")
    screenshot(page, "upload-card-history")
