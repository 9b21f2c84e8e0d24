"""The admin in Kazakh and Russian: Django's untranslated strings filled (locale_admin/), the language
the editor reads the site in (registry.middleware), and the registry's own branding."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from lxml import html as lxml_html

from tests.admin_support import card_form, log_in_editor
from tests.factories import make_card, make_skill

pytestmark = pytest.mark.django_db

# Django's admin strings that showed in English on Kazakh admin pages (Django's kk catalogue lacks them).
ENGLISH = [
    "Django administration",
    "Django site admin",
    "Site administration",
    "Select",
    "to change",
    "Add",
    "Change",
    "View",
    "Save",
    "Save and continue editing",
    "Save and add another",
    "Delete",
    "Delete?",
    "History",
    "Filter",
    "Search",
    "Action:",
    "Go",
    "Recent actions",
    "My actions",
    "Log out",
    "View site",
    "View on site",
    "Change password",
    "Home",
    "Welcome",
    "Are you sure",
    "Yes, I’m sure",
    "No, take me back",
    "Summary",
    "Objects",
    "Show counts",
    "Toggle theme",
    "Skip to main content",
    "Date/time",
    "User",
    "Username",
    "Password",
    "Log in",
    "Please correct",
    "This field is required",
    "selected",
    "result",
    "total",
    "Authentication and Authorization",
    "Logged out",
    "Thanks for spending",
]
# Latin words an admin page may show in Kazakh: codes and names used as they are.
ALLOWED_LATIN = {"ISCO", "ID", "URL", "JSON", "SHA"}
LATIN_WORD = re.compile(r"(?<![\w@./-])[A-Za-z]{3,}(?![\w-])")


def interface_text(content: bytes) -> str:
    """The visible text of a page, and the attributes a reader meets (button values, titles, labels)."""
    document = lxml_html.fromstring(content.decode())
    for element in document.xpath("//script|//style|//template"):
        element.drop_tree()
    parts = [text for text in document.itertext()]
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name in ("title", "placeholder", "aria-label", "alt"):
            parts.append(element.get(name, ""))
        if element.tag == "input" and element.get("type") in ("submit", "button"):
            parts.append(element.get("value", ""))
    return " ".join(" ".join(parts).split())


def untranslated(content: bytes) -> list[str]:
    text = interface_text(content)
    found = [phrase for phrase in ENGLISH if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]
    found += [word for word in LATIN_WORD.findall(text) if word not in ALLOWED_LATIN]
    return found


@pytest.fixture
def editor(client):
    return log_in_editor(client)


@pytest.fixture
def card():
    skill = make_skill()
    card = skill.labour_function.card
    card.education = [{"level": "Жоғары білім", "specialty": "Ақпараттық жүйелер", "qualification": "Бакалавр"}]
    card.other_titles = ["Бағдарламашы"]
    card.save()
    return card


def edit_title(client, card, title):
    return client.post(reverse("admin:cards_professioncard_change", args=[card.pk]), card_form(card, title=title))


def test_the_admin_speaks_kazakh_by_default(client, editor):
    response = client.get(reverse("admin:index"))
    assert response.context["LANGUAGE_CODE"] == "kk"
    assert b'<html lang="kk"' in response.content


def test_the_admin_follows_the_language_cookie_and_accept_language(client, editor):
    assert client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ru").context["LANGUAGE_CODE"] == "ru"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    assert client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ru").context["LANGUAGE_CODE"] == "kk"


def test_an_editor_who_reads_the_site_in_kazakh_gets_the_admin_in_kazakh_whatever_the_browser_asks(client, editor):
    response = client.get("/kk/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"
    assert client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ru").context["LANGUAGE_CODE"] == "kk"
    client.get("/ru/")
    assert client.get(reverse("admin:index")).context["LANGUAGE_CODE"] == "ru"


def test_the_language_cookie_is_set_only_for_staff_and_only_when_it_changes(client):
    assert settings.LANGUAGE_COOKIE_NAME not in client.get("/ru/").cookies
    client.force_login(User.objects.create_user("reader", password="pw"))
    assert settings.LANGUAGE_COOKIE_NAME not in client.get("/ru/").cookies
    client.force_login(User.objects.create_user("editor", password="pw", is_staff=True))
    assert client.get("/ru/").cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert settings.LANGUAGE_COOKIE_NAME not in client.get("/ru/").cookies
    assert settings.LANGUAGE_COOKIE_NAME not in client.get(reverse("admin:index")).cookies


@pytest.mark.parametrize(
    "page",
    [
        "index",
        "app_index",
        "changelist",
        "changelist_filtered_and_searched",
        "popup_changelist",
        "change_form_with_inlines",
        "change_form_with_errors",
        "add_form",
        "delete_confirmation",
        "bulk_delete_confirmation",
        "history",
        "password_change",
    ],
)
def test_kazakh_admin_pages_show_no_english_admin_string(client, editor, card, page):
    edit_title(client, card, "Бұлтты әзірлеуші")  # a history entry and a success message
    card_change = reverse("admin:cards_professioncard_change", args=[card.pk])
    changelist = reverse("admin:cards_professioncard_changelist")
    requests = {
        "index": lambda: client.get(reverse("admin:index")),
        "app_index": lambda: client.get(reverse("admin:app_list", args=["cards"])),
        "changelist": lambda: client.get(changelist),
        "changelist_filtered_and_searched": lambda: client.get(changelist, {"level": "6", "q": "Бұлт"}),
        "popup_changelist": lambda: client.get(changelist, {"_popup": "1", "_to_field": "id"}),
        "change_form_with_inlines": lambda: client.get(card_change),
        "change_form_with_errors": lambda: edit_title(client, card, ""),
        "add_form": lambda: client.get(reverse("admin:cards_professioncard_add")),
        "delete_confirmation": lambda: client.get(reverse("admin:cards_professioncard_delete", args=[card.pk])),
        "bulk_delete_confirmation": lambda: client.post(
            changelist, {"action": "delete_selected", "_selected_action": [card.pk]}
        ),
        "history": lambda: client.get(reverse("admin:cards_professioncard_history", args=[card.pk])),
        "password_change": lambda: client.get(reverse("admin:password_change")),
    }
    response = requests[page]()
    assert response.status_code == 200
    assert untranslated(response.content) == []


def test_the_success_message_after_a_save_is_in_kazakh(client, editor, card):
    response = edit_title(client, card, "Бұлтты әзірлеуші")
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    assert untranslated(page.content) == []
    assert "сәтті өзгертілді" in page.content.decode()


@pytest.mark.parametrize("page", ["login", "logged_out"])
def test_the_kazakh_login_and_logout_pages_show_no_english_admin_string(client, page):
    if page == "logged_out":
        client.force_login(User.objects.create_user("айгерім", password="pw", is_staff=True))
        response = client.post(reverse("admin:logout"))
    else:
        response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert untranslated(response.content) == []


def test_a_superusers_admin_index_with_users_and_groups_is_in_kazakh_too(client):
    client.force_login(User.objects.create_superuser("әкімші", password="pw"))
    response = client.get(reverse("admin:index"))
    assert "Кіру және рұқсаттар" in response.content.decode()
    assert untranslated(response.content) == []


def test_the_admins_javascript_catalogue_is_in_kazakh(client, editor):
    content = client.get(reverse("admin:jsi18n")).content.decode()  # the catalogue is JSON, non-ASCII escaped
    assert json.dumps("Қаңтар") in content
    assert json.dumps("%(cnt)s ішінен %(sel)s таңдалды") in content


def test_the_admin_carries_the_registrys_name_and_colours_not_djangos(client, editor):
    response = client.get(reverse("admin:index"))
    document = lxml_html.fromstring(response.content.decode())
    assert document.xpath("string(//*[@id='site-name']/a)").strip() == "АТ кәсіптік стандарттарының тізілімі"
    assert "Django" not in interface_text(response.content)
    assert document.xpath("//link[@rel='stylesheet' and contains(@href, 'css/admin.css')]")
    assert document.xpath("//title")[0].text_content().endswith(str(response.context["site_title"]))


def test_view_site_leads_to_the_public_overview_in_the_admins_language(client, editor):
    document = lxml_html.fromstring(client.get(reverse("admin:index")).content.decode())
    assert document.xpath("//*[@id='user-tools']//a[@href='/kk/']")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    document = lxml_html.fromstring(client.get(reverse("admin:index")).content.decode())
    assert document.xpath("//*[@id='user-tools']//a[@href='/ru/']")


def test_the_login_page_links_back_to_the_public_site(client):
    document = lxml_html.fromstring(client.get(reverse("admin:login")).content.decode())
    assert document.xpath("//*[@id='branding']//a[@class='public-site' and @href='/kk/']")


def test_a_cards_change_form_links_to_its_public_page(client, editor):
    card = make_card()
    response = client.get(reverse("admin:cards_professioncard_change", args=[card.pk]))
    document = lxml_html.fromstring(response.content.decode())
    assert document.xpath("//a[@class='viewsitelink']/@href") == [card.permalink()]
