"""The card table's rows, written by ``{% card_table_rows %}``, are the markup its template loop gave."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from cards.models import ProfessionCard
from cards.selectors import LISTED_FIELDS, with_page_labels
from cards.templatetags.card_page import card_table_rows

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
