"""Import issues shown in the page language: a sentence per code, filled with the issue's params."""

import re

import pytest
from django.utils import translation

from importers.records import ISSUE_CODES
from standards.issue_messages import HEADINGS, ISSUE_MESSAGES, issue_message
from standards.models import ImportIssue
from tests.importers.issue_examples import example_issue

PLACEHOLDER = re.compile(r"%\(\w+\)")


def shown(record, language="en") -> str:
    issue = ImportIssue(line=record.line, code=record.code, params=record.params, message=record.message)
    with translation.override(language):
        return issue.display_message()


def test_the_table_has_a_sentence_for_every_code_the_importer_gives():
    assert set(ISSUE_MESSAGES) == ISSUE_CODES


@pytest.mark.parametrize("code", sorted(ISSUE_CODES))
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_each_kind_of_issue_reads_as_a_sentence_with_its_params_filled_in(code, language):
    record = example_issue(code)
    text = shown(record, language)
    assert text and text != record.message, "the sentence of the table, not the importer's English message"
    assert not PLACEHOLDER.search(text) and "None" not in text
    for name, value in record.params.items():
        if isinstance(value, int):
            assert str(value) in text, (name, text)


def test_a_heading_is_named_in_the_page_language_not_by_its_internal_concept():
    record = example_issue("text_under_heading")
    for language in ("kk", "ru"):
        text = shown(record, language)
        assert "functions_description" not in text
        with translation.override(language):
            assert str(HEADINGS["functions_description"]) in text


def test_a_heading_the_table_does_not_know_is_named_as_the_source_prints_it():
    record = example_issue("unplaced_label_text")
    assert record.params["heading"] not in HEADINGS
    assert "“Белгісіз белгі:”" in shown(record) and "unheard_of" not in shown(record)


def test_the_counts_of_a_passport_list_that_does_not_match_are_both_shown():
    text = issue_message("card_count_mismatch", {"listed": 12, "cards": 11})
    assert "12" in text and "11" in text


def test_a_missing_number_shows_as_a_dash_not_as_none():
    assert "None" not in issue_message("repeated_skill_label", {"number": None})
    assert "—" in issue_message("repeated_skill_label", {"number": None})


def test_an_issue_without_a_known_code_or_with_missing_params_shows_its_message():
    assert ImportIssue(code="", message="text outside any field").display_message() == "text outside any field"
    assert ImportIssue(code="no_such_code", message="m").display_message() == "m"
    assert issue_message("card_count_mismatch", {"listed": 1}, fallback="passport lists 1 cards") == (
        "passport lists 1 cards"
    )


def test_the_data_migration_reads_codes_and_params_from_the_old_english_messages():
    from importlib import import_module

    migration = import_module("standards.migrations.0004_import_issue_codes_from_messages")
    for code in sorted(ISSUE_CODES):
        record = example_issue(code)
        expected = {k: v for k, v in record.params.items() if k not in ("label",)}
        if code in ("function_title_from_list", "skill_before_function", "repeated_skill_label"):
            expected = {}  # their old messages did not print the number
        assert migration.code_of(record.message) == (code, expected), code
    assert migration.code_of("something else") is None
