"""What made the comparison page cheap changes nothing it shows, over the bundled orders: its long parts
written in Python are the markup their template loops gave, the queries compiled once read what the ORM's
querysets did, and the matcher's shortcuts pair texts as matching every pair in full did."""

from __future__ import annotations

from collections import defaultdict, deque

import pytest
from django.db.models import prefetch_related_objects
from django.template import Context, Template
from django.utils import translation

from cards import compare
from cards.comparison_data import (
    CHOSEN_FIELDS,
    card_tree,
    card_trees,
    cards_by_reference,
    parse_references,
    tree_prefetches,
)
from cards.identity import normalise_name
from cards.models import ProfessionCard
from cards.templatetags.comparison import compare_rows, compare_summary
from cards.views.compare import _row_groups, _summary

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# The shapes of the page: four large cards, two levels, a Kazakh card beside its Russian text,
# three levels of one profession, an earlier edition beside the one in force, mixed languages.
SHAPES = [
    "J074/4@kk,J058/5@kk,J068/3@kk,J062/2@kk",
    "J068/1,J068/2",
    "J074/4@kk,J074/4@ru",
    "J072/1@kk,J072/10@kk,J072/2@kk",
    "J072/1@ru,J072/10@ru,J072/2@ru",
    "J071/2022-kk/4,J071/4",
    "J076/2019-ru/2,J076/1@ru",
    "J070/1@ru,J070/2@ru,J070/1@kk",
    "J061/1,J061/2,J061/3,J061/4",
]

# The side-by-side rows as a template loop (what {% compare_rows %} writes, cell by cell).
ROWS_LOOP = (
    '{% load i18n %}{% for group in groups %}<tbody class="compare-function">\n{% for row in group %}'
    '<tr class="compare-row kind-{{ row.kind }} status-{{ row.status }}">\n'
    '<th scope="row" class="compare-row-head"><span class="compare-kind">'
    '{% if row.kind == "function" %}{% translate "Labour function" %}{% elif row.kind == "skill" %}'
    '{% translate "Skill" %}{% elif row.kind == "ability" %}{% translate "Ability" %}'
    '{% else %}{% translate "Knowledge" %}{% endif %}</span>\n<span class="compare-mark">'
    '{% if row.status == "common" %}{% if by_position %}{% translate "In both" %}{% else %}'
    '{% translate "Common" %}{% endif %}{% elif row.status == "changed" %}{% translate "Changed" %}'
    '{% else %}{% translate "Only in:" %} {{ row.only_in|join:", " }}'
    '{% if row.changed %}; {% translate "changed" %}{% endif %}{% endif %}</span></th>\n'
    '{% for cell in row.cells %}{% if cell is None %}<td class="compare-absent">{% translate "not listed" %}</td>'
    '{% else %}<td lang="{{ cell.language }}">'
    '{% if cell.number %}<span class="compare-number">{{ cell.number }}.</span> {% endif %}'
    "{% if cell.segments %}{% for seg in cell.segments %}"
    '{% if seg.op == "insert" %}<ins><span class="visually-hidden">{% translate "inserted:" %} </span>'
    '{{ seg.text }}</ins>{% elif seg.op == "delete" %}<del><span class="visually-hidden">'
    '{% translate "deleted:" %} </span>{{ seg.text }}</del>{% else %}{{ seg.text }}{% endif %}'
    "{% if not forloop.last %} {% endif %}{% endfor %}{% else %}{{ cell.text }}{% endif %}"
    '{% if cell.moved %} <span class="compare-moved">({% translate "moved" %})</span>{% endif %}</td>'
    "{% endif %}{% endfor %}\n</tr>\n{% endfor %}</tbody>\n{% endfor %}"
)

# templates/cards/compare.html's summary loop, before {% compare_summary %} replaced it.
SUMMARY_LOOP = """{% load i18n %}{% for step in summary %}
  <div class="compare-scroll" role="region" aria-labelledby="summary-caption-{{ forloop.counter }}" tabindex="0">
  <table class="compare-summary">
    <caption id="summary-caption-{{ forloop.counter }}">{% blocktranslate with before=step.before_label after=step.after_label %}From {{ before }} to {{ after }}{% endblocktranslate %}</caption>
    <thead>
      <tr>
        <th scope="col">{% translate "Part" %}</th>
        <th scope="col" class="number">{% if by_position %}{% translate "In both" %}{% else %}{% translate "Common" %}{% endif %}</th>
        {% if not by_position %}<th scope="col" class="number">{% translate "Changed" %}</th>{% endif %}
        <th scope="col" class="number">{% translate "Added" %} <span class="compare-note">({% translate "only in the right-hand card" %})</span></th>
        <th scope="col" class="number">{% translate "Removed" %} <span class="compare-note">({% translate "only in the left-hand card" %})</span></th>
      </tr>
    </thead>
    <tbody>
      {% for kind, counts in step.rows %}
      <tr data-kind="{{ kind }}">
        <th scope="row">{% if kind == "function" %}{% translate "Labour functions" %}{% elif kind == "skill" %}{% translate "Skills" %}{% elif kind == "ability" %}{% translate "Abilities" %}{% else %}{% translate "Knowledge" %}{% endif %}</th>
        <td class="number" data-count="common">{{ counts.common }}</td>
        {% if not by_position %}<td class="number" data-count="changed">{{ counts.changed }}</td>{% endif %}
        <td class="number" data-count="added">{{ counts.added }}</td>
        <td class="number" data-count="removed">{{ counts.removed }}</td>
      </tr>
      {% endfor %}
    </tbody>
  </table>
  </div>
  {% endfor %}"""  # noqa: E501


def compared(shape: str, language: str):
    cards = cards_by_reference(parse_references([shape]), language, with_trees=False)
    return cards, compare.align_cards(card_trees(cards))


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("shape", SHAPES)
def test_the_rows_and_the_summary_are_what_the_template_loops_rendered(registry, shape, language):
    with translation.override(language):
        cards, alignment = compared(shape, language)
        by_position = alignment.method == compare.POSITION
        for differences_only in (False, True):
            groups = _row_groups(alignment, differences_only)
            loop = Template(ROWS_LOOP).render(Context({"groups": groups, "by_position": by_position}))
            assert compare_rows(groups, by_position) == loop
        summary = _summary(alignment, cards)
        loop = Template(SUMMARY_LOOP).render(Context({"summary": summary, "by_position": by_position}))
        assert compare_summary(summary, by_position) == loop
    assert loop.count("<table") == len(cards) - 1
    assert 'class="compare-row ' in compare_rows(_row_groups(alignment, False), by_position)


def test_a_hostile_text_stays_text_in_the_rows():
    hostile = compare.CardTree((compare.FunctionNode('"><script>alert(1)</script>'),), "ru", "<b>A</b>")
    other = compare.CardTree((compare.FunctionNode("Функция"),), "ru", "B")
    alignment = compare.align_cards([hostile, other])
    html = compare_rows(_row_groups(alignment, False), False)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;A&lt;/b&gt;" in html


def test_the_trees_read_in_one_query_are_those_of_the_prefetched_cards(registry, django_assert_num_queries):
    cards = list(ProfessionCard.objects.select_related("edition__standard").order_by("pk"))
    prefetch_related_objects(cards, *tree_prefetches())
    for start in range(0, len(cards), 4):
        chunk = cards[start : start + 4]
        with django_assert_num_queries(1):
            trees = card_trees(chunk)
        assert trees == [card_tree(card) for card in chunk]
    assert card_trees(cards[:1]) == [card_tree(cards[0])]  # fewer cards than the query has places
    assert len(cards) > 200


@pytest.mark.parametrize("shape", [*SHAPES, "J068/1@kk,J068/1@ru,J068/1,j068/1", "J071/2022-kk/4,J071/2022-KK/5"])
def test_the_chosen_cards_are_the_cards_the_orm_reads(registry, shape, django_assert_num_queries):
    with django_assert_num_queries(1):
        cards = cards_by_reference(parse_references([shape]), "ru", with_trees=False)
    with django_assert_num_queries(0):
        read = [[card.pk, *(_value(card, field) for field in CHOSEN_FIELDS)] for card in cards]
    orm = ProfessionCard.objects.select_related("edition__standard")
    assert read == [[card.pk, *(_value(orm.get(pk=card.pk), field) for field in CHOSEN_FIELDS)] for card in cards]


def _value(obj, path: str):
    for name in path.split("__"):
        obj = getattr(obj, name)
    return obj


def matched_as_before(left, right, threshold):
    """match_texts as it was before its shortcuts: exact texts, then every pair scored in full."""
    left_keys, right_keys = [normalise_name(t) for t in left], [normalise_name(t) for t in right]
    match, taken, by_text = {}, set(), defaultdict(deque)
    for j, key in enumerate(right_keys):
        by_text[key].append(j)
    for i, key in enumerate(left_keys):
        if by_text.get(key):
            match[i] = (j := by_text[key].popleft(), 100.0)
            taken.add(j)
    candidates = [
        (-score, abs(i - j), i, j)
        for i, a in enumerate(left_keys)
        if i not in match
        for j, b in enumerate(right_keys)
        if j not in taken and (score := compare.similarity(a, b)) >= threshold
    ]
    for negative_score, _, i, j in sorted(candidates):
        if i not in match and j not in taken:
            match[i] = (j, -negative_score)
            taken.add(j)
    return compare._merge(len(left), len(right), match)


def test_the_matcher_pairs_the_texts_of_real_cards_as_the_plain_all_pairs_matcher_did(registry):
    cards = list(ProfessionCard.objects.filter(edition__language="kk").order_by("pk"))
    prefetch_related_objects(cards, *tree_prefetches())
    lists = []
    for card in cards:
        tree = card_tree(card)
        lists.append([s.title for f in tree.functions for s in f.skills])
        lists.append([k for f in tree.functions for s in f.skills for k in s.knowledge])
    pairs = 0
    for left, right in zip(lists, lists[2:] + lists[:2], strict=True):
        for threshold in (50.0, compare.THRESHOLD, 90.0):
            assert compare.match_texts(left, right, threshold) == matched_as_before(left, right, threshold)
            pairs += 1
        assert compare.match_texts(left, left) == matched_as_before(left, left, compare.THRESHOLD)
    assert pairs > 300
