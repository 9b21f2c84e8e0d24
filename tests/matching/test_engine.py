"""The engine on the bundled cards: the source card of a reworded vacancy first, its coverage item by item."""

from __future__ import annotations

import pytest

from matching import engine
from tests.matching.conftest import fixture_text, manifest

pytestmark = pytest.mark.django_db


def test_a_russian_vacancy_assembled_from_the_nlp_engineers_skills_finds_that_card_first(index):
    result = engine.match(index.corpus, fixture_text("J070/3", "ru"))
    assert result.language == "ru"
    assert result.cards[0].unit == "J070/3"
    assert index.card(result.cards[0].card).title == "Инженер по компьютерной лингвистике (NLP)"
    assert len(result.cards) == engine.TOP
    assert [m.score for m in result.cards] == sorted((m.score for m in result.cards), reverse=True)


def test_a_kazakh_vacancy_finds_its_kazakh_card_and_says_why_with_the_matched_passages(index):
    result = engine.match(index.corpus, fixture_text("J057/3", "kk"))
    best = result.cards[0]
    assert (result.language, best.unit, index.card(best.card).edition.language) == ("kk", "J057/3", "kk")
    assert best.hits and all(hit.passage in fixture_text("J057/3", "kk") for hit in best.hits)


def test_the_coverage_marks_the_items_the_text_was_assembled_from_and_the_others_not(index):
    entry = next(e for e in manifest() if e["card"] == "J070/3" and e["language"] == "ru")
    result = engine.match(index.corpus, fixture_text("J070/3", "ru"))
    coverage = engine.coverage(index.corpus, result, index.find("J070/3", "ru"))
    known = {tuple(item["path"]) for item in entry["covered"]}
    marks = {}
    for f, function in enumerate(coverage.functions):
        for s, skill in enumerate(function.skills):
            marks[(f, s, "skill", 0)] = skill.title
            marks.update({(f, s, "ability", n): item for n, item in enumerate(skill.abilities)})
            marks.update({(f, s, "knowledge", n): item for n, item in enumerate(skill.knowledge)})
    assert all(marks[path].mark != "none" for path in known)
    assert all(marks[path].passage for path in known)
    not_used = [item for path, item in marks.items() if path not in known]
    assert sum(item.mark == "none" for item in not_used) >= 0.8 * len(not_used)
    assert coverage.functions[0].title.text.startswith("Обработка текстовой информации")


def test_filters_keep_only_the_cards_of_a_level_and_a_standard(index):
    result = engine.match(index.corpus, fixture_text("J070/3", "ru"), levels=[6], standards=["J070"])
    assert result.cards
    assert {index.card(m.card).edition.standard.code for m in result.cards} == {"J070"}
    assert {index.card(m.card).level for m in result.cards} == {6}


def test_a_russian_text_reaches_a_kazakh_only_standard_through_the_glossary(index):
    # J061 has no Russian text; "администрирование сетей" is in the search's glossary.
    result = engine.match(
        index.corpus,
        "Администрирование сетей и информационная безопасность. Сетевое администрирование систем.",
        standards=["J061"],
    )
    assert result.cards
    assert all(m.cross_language and index.card(m.card).edition.language == "kk" for m in result.cards)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", engine.EMPTY),
        ("   \n ", engine.EMPTY),
        ("We need a data engineer who knows SQL and Python", engine.LANGUAGE),
        ("и в на по для, а также мы и вы", engine.STOPWORDS),
        ("а" * (engine.MAX_CHARS + 1), engine.TOO_LONG),
    ],
)
def test_a_text_it_cannot_read_raises_a_match_error_naming_why(index, text, code):
    with pytest.raises(engine.MatchError) as raised:
        engine.match(index.corpus, text)
    assert raised.value.code == code
