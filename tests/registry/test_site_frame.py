"""The site frame's fixed parts are rendered once per language, and every page shows them as rendered afresh."""

from unittest import mock

import pytest
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import get_script_prefix, set_script_prefix, translate_url
from django.utils import translation

from registry import context_processors, site_frame

PARTS = ["includes/site_menu.html", "includes/site_footer.html"]


@pytest.fixture(autouse=True)
def fresh_parts():
    site_frame._forget()
    yield
    site_frame._forget()


def rendered_afresh(name: str) -> str:
    return get_template(name).render({})


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("name", PARTS)
def test_a_part_is_what_its_template_renders_in_the_page_language(name, language):
    with translation.override(language):
        assert site_frame.frame_part(name) == rendered_afresh(name)


def test_the_menu_reads_in_the_page_language_and_links_inside_it():
    with translation.override("kk"):
        kazakh = site_frame.frame_part("includes/site_menu.html")
    with translation.override("ru"):
        russian = site_frame.frame_part("includes/site_menu.html")

    assert "Стандарттар" in kazakh and 'href="/kk/cards/"' in kazakh
    assert "Стандарты" in russian and 'href="/ru/cards/"' in russian


def test_a_part_is_rendered_once_per_language():
    with mock.patch.object(site_frame, "get_template", wraps=get_template) as loads:
        for _ in range(3):
            with translation.override("kk"):
                site_frame.frame_part("includes/site_menu.html")
            with translation.override("ru"):
                site_frame.frame_part("includes/site_menu.html")

    assert loads.call_count == 2


def test_under_a_script_prefix_the_parts_link_under_it():
    before = get_script_prefix()
    with translation.override("ru"):
        plain = site_frame.frame_part("includes/site_menu.html")
        set_script_prefix("/registry/")
        try:
            prefixed = site_frame.frame_part("includes/site_menu.html")
        finally:
            set_script_prefix(before)

    assert 'href="/ru/cards/"' in plain
    assert 'href="/registry/ru/cards/"' in prefixed


def test_under_debug_each_page_renders_its_parts_anew(settings):
    settings.DEBUG = True
    with mock.patch.object(site_frame, "get_template", wraps=get_template) as loads:
        with translation.override("kk"):
            site_frame.frame_part("includes/site_footer.html")
            site_frame.frame_part("includes/site_footer.html")

    assert loads.call_count == 2


def test_a_changed_setting_renders_the_parts_anew(settings):
    with translation.override("kk"):
        site_frame.frame_part("includes/site_footer.html")
        settings.LANGUAGE_COOKIE_NAME = "changed"
        with mock.patch.object(site_frame, "get_template", wraps=get_template) as loads:
            site_frame.frame_part("includes/site_footer.html")

    assert loads.call_count == 1


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_page_frame_is_the_one_base_html_gave_before_the_parts(client, language):
    body = client.get(f"/{language}/standards/").content.decode()

    with translation.override(language):
        for name in PARTS:
            assert rendered_afresh(name) in body
    assert body.count('class="site-header"') == 1 and body.count('class="site-footer"') == 1


# The language links


LINKED_PATHS = [
    "/kk/",
    "/ru/cards/J074/4/",
    "/kk/cards/J072/8/?level=5&level=6",
    "/ru/search/?q=%D0%B0%D0%B4%D0%BC%D0%B8%D0%BD",
    "/kk/standards/J068/editions/2025-kk/cards/3/",
    "/kk/no-such-page/",
    "/kk/cards/%3Fx/",
    "//evil.example/kk/cards/",
    "/ru/cards/J074/4/?next=/kk/&a=%26",
    "/api/v1/cards/",
    "/",
]


@pytest.mark.parametrize("path", LINKED_PATHS)
def test_each_language_link_is_what_translate_url_gives(path):
    context_processors._forget()
    request = RequestFactory().get(path)
    full = request.get_full_path()
    for active in ["kk", "ru", "kk", "ru"]:  # the later two from the memo, which the other filled
        with translation.override(active):
            links = context_processors.language_links(request)["language_links"]
            assert [link["url"] for link in links] == [translate_url(full, "kk"), translate_url(full, "ru")]


def test_under_a_script_prefix_the_language_links_stay_under_it():
    before = get_script_prefix()
    request = RequestFactory().get("/ru/cards/J074/4/?level=5")
    with translation.override("ru"):
        plain = context_processors.language_links(request)["language_links"][0]["url"]
        set_script_prefix("/registry/")
        try:
            prefixed = context_processors.language_links(request)["language_links"][0]["url"]
        finally:
            set_script_prefix(before)

    assert plain == "/kk/cards/J074/4/?level=5"
    assert prefixed == "/registry/kk/cards/J074/4/?level=5"


def test_the_parts_kept_are_bounded_whatever_the_script_prefixes(monkeypatch):
    monkeypatch.setattr(site_frame, "MAX_PARTS", 4)
    before = get_script_prefix()
    try:
        with translation.override("kk"):
            for n in range(10):
                set_script_prefix(f"/p{n}/")
                assert f'href="/p{n}/kk/cards/"' in site_frame.frame_part("includes/site_menu.html")
    finally:
        set_script_prefix(before)
    assert len(site_frame._rendered) <= 4
