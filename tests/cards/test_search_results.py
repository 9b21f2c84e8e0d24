"""The search page's results, written by ``{% search_hits %}``, are the markup its template loop gave, byte for byte."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from cards.search import search_cards
from cards.templatetags.search_results import search_hits
from tests.cards.search_queries import QUERIES

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# templates/cards/search.html's results as a template loop, before the tag replaced it.
TEMPLATE_LOOP = """{% load i18n l10n card_links %}{% get_current_language as LANGUAGE_CODE %}{% for hit in page.object_list %}{% with card=hit.best.card %}
        <li class="search-hit" data-score="{{ hit.score|unlocalize }}" data-profession-key="{{ hit.key }}" data-card-count="{{ hit.levels|length }}">
          <article aria-labelledby="hit-{{ card.pk }}">
            <h3 id="hit-{{ card.pk }}" lang="{{ card.edition.language }}"><a href="{{ card|card_url }}">{% if card.in_other_language %}{% include "includes/card_title.html" with card=card %}{% else %}{{ hit.best.title }}{% endif %}</a></h3>
            <p class="hit-meta">
              {% with standard=card.edition.standard %}<span>{% translate "Standard" %} {{ standard.code }} {% include "includes/standard_title.html" with standard=standard %}</span>{% endwith %}
              {% if card.occupation_code and card.occupation_code != "-" %}<span class="code">{{ card.occupation_code }}</span>{% endif %}
              <span>{{ card.edition.get_language_display }}</span>
            </p>
            <div class="hit-levels">
              <span class="levels-label" id="levels-{{ card.pk }}">{% translate "ОРК levels:" %}</span>
              <ul aria-labelledby="levels-{{ card.pk }}">
                {% for level in hit.levels %}{% if level.pk == card.pk %}
                <li class="best-level" data-best><a href="{{ level|card_url }}"><strong>{{ level.level|default:"—" }}</strong></a> <span class="best-mark">{% translate "best match" %}</span></li>
                {% else %}
                <li><a href="{{ level|card_url }}">{{ level.level|default:"—" }}</a></li>
                {% endif %}{% endfor %}
              </ul>
            </div>
            {% if hit.best.passage %}<p class="passage"><span class="passage-label">{{ hit.best.passage_label }}{% if hit.best.passage_language != LANGUAGE_CODE %} <span class="language-mark">{% if hit.best.passage_language == "kk" %}{% translate "in Kazakh" %}{% else %}{% translate "in Russian" %}{% endif %}</span>{% endif %}:</span> <span class="passage-text" lang="{{ hit.best.passage_language }}">{{ hit.best.passage }}</span></p>{% endif %}
          </article>
        </li>
        {% endwith %}{% endfor %}"""  # noqa: E501


def pages_of(text: str, language: str):
    result = search_cards(text, language=language)
    number = 1
    while result.professions:
        page = result.page(number, per_page=10).page
        yield page
        if not page.has_next():
            return
        number += 1


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_results_of_every_query_are_what_the_template_loop_rendered(registry, language):
    loop = Template(TEMPLATE_LOOP)
    hits = other_language = passages = 0
    with translation.override(language):
        for query in [*QUERIES, *(q._replace(text="администратор") for q in QUERIES[:1])]:
            for page in pages_of(query.text, language):
                assert search_hits(page.object_list) == loop.render(Context({"page": page}))
                hits += len(page.object_list)
                other_language += sum(bool(getattr(h.best.card, "in_other_language", False)) for h in page)
                passages += sum(h.best.passage is not None and h.best.passage_language != language for h in page)
    # Every branch was taken: cards and passages in the other language among them.
    assert hits > 500 and other_language > 10 and passages > 10


def test_a_hostile_text_stays_text_in_the_results(registry):
    with translation.override("ru"):
        page = next(pages_of("администратор баз данных", "ru"))
        hit = page.object_list[0]
        hit.key = hit.best.card.occupation_code = '"><script>alert(1)</script>'
        html = search_hits([hit])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&quot;&gt;" in html
