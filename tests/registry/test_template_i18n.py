"""{% translate %} of a literal message is rendered once per language and gives exactly what Django's tag gives."""

import copy
import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.template import Context, engines
from django.template.backends.django import DjangoTemplates
from django.templatetags import i18n as django_i18n
from django.test import override_settings
from django.utils import translation

from registry import template_i18n
from registry.template_i18n import ConstantTranslateNode

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"


def djangos_templates() -> list[dict]:
    """The TEMPLATES setting with Django's own i18n library."""
    plain = copy.deepcopy(settings.TEMPLATES)
    plain[0]["OPTIONS"]["libraries"] = {**plain[0]["OPTIONS"]["libraries"], "registry_i18n": "django.templatetags.i18n"}
    return plain


def djangos_engine():
    config = {key: value for key, value in djangos_templates()[0].items() if key != "BACKEND"}
    return DjangoTemplates({**config, "NAME": "plain"})


def constant_nodes():
    """Every {% translate %} of a literal message in the project's templates."""
    engine = engines["django"]
    nodes = []
    for path in sorted(TEMPLATES_DIR.rglob("*.html")):
        compiled = engine.from_string(path.read_text(encoding="utf-8"))
        nodes += compiled.template.nodelist.get_nodes_by_type(ConstantTranslateNode)
    return nodes


def test_the_projects_templates_have_many_constant_messages():
    assert len(constant_nodes()) > 300


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("autoescape", [True, False])
def test_every_constant_message_renders_as_djangos_tag_renders_it(language, autoescape):
    with translation.override(language):
        for node in constant_nodes():
            context = Context(autoescape=autoescape)
            expected = django_i18n.TranslateNode.render(node, context)
            assert node.render(context) == expected
            assert node.render(context) == expected  # kept
            assert type(node.render(context)) is type(expected)


def test_hostile_and_percent_messages_render_as_djangos():
    source = (
        "{% load registry_i18n %}"
        "{% translate '<b>bold</b> & \"quoted\"' %}|{% translate '100% sure, 50%% off' %}|"
        "{% translate \"it's\" %}|{% translate 'Standards' noop %}"
    )
    ours = engines["django"].from_string(source)
    theirs = djangos_engine().from_string(source)
    for language in ("kk", "ru"):
        with translation.override(language):
            assert ours.render({}) == theirs.render({}) == ours.render({})


def test_a_message_is_looked_up_once_per_language():
    node = engines["django"].from_string("{% load registry_i18n %}{% translate 'Standards' %}")
    with mock.patch.object(django_i18n.TranslateNode, "render", autospec=True, side_effect=lambda n, c: "x") as django:
        for _ in range(3):
            for language in ("kk", "ru"):
                with translation.override(language):
                    node.render({})
    assert django.call_count == 2


def test_each_language_gets_its_own_text():
    node = engines["django"].from_string("{% load registry_i18n %}{% translate 'Standards' %}")
    with translation.override("kk"):
        kazakh = node.render({})
    with translation.override("ru"):
        russian = node.render({})
    assert (kazakh, russian) == ("Стандарттар", "Стандарты")


@pytest.mark.parametrize(
    "tag",
    [
        "{% translate message %}",
        "{% translate 'Standards' as label %}{{ label }}",
        "{% translate 'May' context 'month name' %}",
        "{% translate 'Standards'|upper %}",
    ],
)
def test_a_message_of_a_variable_a_context_a_filter_or_as_is_djangos_node(tag):
    compiled = engines["django"].from_string("{% load registry_i18n %}" + tag)
    assert not compiled.template.nodelist.get_nodes_by_type(ConstantTranslateNode)
    assert compiled.template.nodelist.get_nodes_by_type(django_i18n.TranslateNode)


def test_under_debug_nothing_is_kept(settings):
    settings.DEBUG = True
    node = engines["django"].from_string("{% load registry_i18n %}{% translate 'Standards' %}")
    with translation.override("kk"):
        node.render({})
    assert all(not getattr(n, "rendered", {}) for n in node.template.nodelist.get_nodes_by_type(ConstantTranslateNode))


def test_a_changed_setting_renders_every_message_anew(settings):
    node = engines["django"].from_string("{% load registry_i18n %}{% translate 'Standards' %}")
    with translation.override("ru"):
        assert node.render({}) == "Стандарты"
        settings.LOCALE_PATHS = []  # the project's catalogues gone: Django's own only
        assert node.render({}) == "Standards"


def test_the_library_keeps_every_tag_and_filter_of_djangos():
    assert set(django_i18n.register.tags) <= set(template_i18n.register.tags)
    assert set(django_i18n.register.filters) <= set(template_i18n.register.filters)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/kk/", "/ru/cards/", "/kk/standards/", "/ru/search/?q=x", "/kk/compare/", "/ru/nope/"]
)
def test_pages_are_byte_identical_to_djangos_i18n(client, path):
    ours = client.get(path).content
    with override_settings(TEMPLATES=djangos_templates()):
        theirs = client.get(path).content
    assert ours == theirs and b"<html" in ours


def test_the_projects_templates_load_this_library_not_djangos():
    loads_djangos = [
        str(path.relative_to(TEMPLATES_DIR))
        for path in TEMPLATES_DIR.rglob("*.html")
        if re.search(r"\{% load [^%]*\bi18n\b(?! from)[^%]*%\}", path.read_text(encoding="utf-8"))
    ]
    assert loads_djangos == []
