"""The card table's rows, written by ``{% card_table_rows %}``, are the markup its template loop gave."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.translation import get_language, gettext

from cards.models import ProfessionCard
from cards.selectors import LISTED_FIELDS, with_page_labels
from cards.templatetags.card_page import PageTitles, card_table_rows, card_title

pytestmark = pytest.mark.django_db

# includes/card_table.html's rows as a template loop, before the tag replaced it.
TEMPLATE_LOOP = """{% load i18n card_links card_page %}{% for card in cards %}
    <tr>
      <th scope="row" lang="{{ card.edition.language }}"><a href="{{ card|card_url }}">{% card_title card %}</a></th>
      <td><a href="{% url 'standard_detail' card.edition.standard.code %}">{{ card.edition.standard.code }}</a> {% standard_title card.edition.standard %}</td>
      <td class="number">{{ card.level|default:"—" }}</td>
      <td>{{ card.edition.get_language_display }}</td>
      <td class="code">{{ card.occupation_code|default:"—" }}</td>
      {% if pickable %}<td>{% include "includes/compare_pick_checkbox.html" with card=card %}</td>{% endif %}
    </tr>
    {% endfor %}"""  # noqa: E501


def card_title_with_format_html(card) -> str:
    """``{% card_title %}`` as it was written before one page's rows shared their lookups (PageTitles)."""
    if not getattr(card, "in_other_language", False):
        return escape(card.title)
    language = get_language()
    if card.page_label:
        title = format_html(
            '<span class="page-label" lang="{}">{}</span> <span class="original-title">({})</span>',
            language,
            card.page_label,
            card.title,
        )
    elif card.group_label:
        label = card.group_label
        title = format_html('{} <span class="group-label" lang="{}">({})</span>', card.title, language, label)
    else:
        title = escape(card.title)
    if card.only_in_other_language:
        mark = gettext("text in Kazakh only") if card.edition.language == "kk" else gettext("text in Russian only")
        title = format_html('{} <span class="language-mark" lang="{}">{}</span>', title, language, mark)
    return title


def squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("pickable", [True, False])
def test_the_rows_of_every_card_are_what_the_template_loop_rendered(registry, language, pickable):
    with translation.override(language):
        # Every card, superseded editions' and the other language's included, with its page labels.
        cards = with_page_labels(
            ProfessionCard.objects.select_related("edition__standard").only(*LISTED_FIELDS).order_by("pk"), language
        )
        assert any(c.in_other_language for c in cards) and any(c.edition.status == "superseded" for c in cards)
        ours = card_table_rows(cards, pickable)
        theirs = Template(TEMPLATE_LOOP).render(Context({"cards": cards, "pickable": pickable}))
    assert squeezed(ours) == squeezed(theirs)
    assert ours.count("<tr>") == len(cards) > 200


def test_a_hostile_title_stays_text_in_the_rows(registry):
    card = ProfessionCard.objects.select_related("edition__standard").first()
    card.title = '"><script>alert(1)</script>'
    with translation.override("ru"):
        html = card_table_rows(with_page_labels([card], "ru"), True)
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_card_title_is_what_format_html_wrote_whether_alone_or_in_a_page_of_rows(registry, language):
    with translation.override(language):
        cards = with_page_labels(ProfessionCard.objects.select_related("edition__standard").order_by("pk"), language)
        titles = PageTitles()
        kinds = {
            "label": sum(bool(c.in_other_language and c.page_label) for c in cards),
            "group": sum(bool(c.in_other_language and c.group_label) for c in cards),
            "only": sum(bool(c.in_other_language and c.only_in_other_language) for c in cards),
        }
        assert all(kinds.values()), kinds  # every branch is met by some bundled card
        for card in cards:
            expected = card_title_with_format_html(card)
            assert card_title(card) == expected
            assert titles.card(card) == expected
            assert titles.language_name(card.edition) == escape(card.edition.get_language_display())


def test_a_hostile_label_stays_text_in_a_title(registry):
    card = with_page_labels([ProfessionCard.objects.select_related("edition__standard").first()], "ru")[0]
    card.in_other_language, card.page_label, card.only_in_other_language = True, "<b>x</b>", True
    card.title = "<i>y</i>"
    with translation.override("ru"):
        assert PageTitles().card(card) == card_title_with_format_html(card)
        assert "<b>" not in PageTitles().card(card) and "&lt;i&gt;" in PageTitles().card(card)
