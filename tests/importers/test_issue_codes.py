"""Every import issue carries a stable code and plain params; the English message stays for logs.

Pure: the parser and readers import no Django (tests/test_layers.py), so these run without it.
"""

from pathlib import Path

import pytest

from importers import records as R
from importers.pipeline import parse_file
from tests.importers.issue_examples import TOKENS, document_of, example_issue

ORDERS = Path(__file__).resolve().parents[2] / "fixtures" / "orders"


def test_there_is_an_example_for_every_code():
    assert set(TOKENS) == R.ISSUE_CODES


@pytest.mark.parametrize("code", sorted(R.ISSUE_CODES))
def test_the_parser_reports_each_kind_of_issue_with_its_code(code):
    issue = example_issue(code)
    assert issue.message and issue.message.isascii(), "the English message stays, for logs and admin search"
    assert all(isinstance(value, int | str) or value is None for value in issue.params.values())


def test_an_issue_about_a_skill_names_the_skill_or_function_number_in_its_params():
    assert example_issue(R.ABILITIES_WITHOUT_SKILL).params == {"number": 2}
    assert example_issue(R.KNOWLEDGE_WITHOUT_SKILL).params == {"number": 2}
    assert example_issue(R.RECOGNITION_WITHOUT_SKILL).params == {"number": 1}
    assert example_issue(R.SKILL_BEFORE_FUNCTION).params == {"number": 1}
    assert example_issue(R.FUNCTION_TITLE_FROM_LIST).params == {"number": 2}
    assert example_issue(R.REPEATED_SKILL_LABEL).params == {"number": 1}


def test_a_passport_list_that_does_not_match_gives_both_counts():
    issue = example_issue(R.CARD_COUNT_MISMATCH)
    assert (issue.params, issue.severity) == ({"listed": 0, "cards": 1}, R.ERROR)
    assert issue.message == "passport lists 0 cards, the text has 1"


def test_text_under_a_heading_names_the_heading_by_its_concept_and_its_printed_label():
    issue = example_issue(R.TEXT_UNDER_HEADING)
    assert issue.params == {"heading": "functions_description", "label": "Еңбек функцияларының сипаттамасы"}
    assert (issue.line, issue.text) == (5, ".")


def test_a_card_without_any_level_is_an_error_with_no_params():
    issue = example_issue(R.CARD_WITHOUT_LEVEL)
    assert (issue.severity, issue.params) == (R.ERROR, {})


def test_every_issue_of_the_examples_has_a_known_code():
    codes = {issue.code for code in TOKENS for issue in document_of(code).issues}
    assert codes <= R.ISSUE_CODES


@pytest.mark.slow
def test_every_issue_of_the_bundled_orders_has_a_known_code():
    issues = [issue for path in sorted(ORDERS.glob("*.txt")) for issue in parse_file(path).issues]
    assert issues and {issue.code for issue in issues} <= R.ISSUE_CODES
    assert {issue.code for issue in issues} >= {R.UNPLACED_TEXT, R.TEXT_UNDER_HEADING, R.TEXT_ON_RELATED_HEADER}
