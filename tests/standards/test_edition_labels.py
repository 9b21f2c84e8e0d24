"""Editions and orders as a reader names them: by the order's number and date, or the text's version and
year, and the language as a word; never the URL key ("2022-kk") or a language code."""

import datetime as dt

import pytest
from django.utils import translation

from cards.comparison_data import card_label
from standards.models import Edition, SourceDocument
from tests.factories import make_card, make_document, make_edition

pytestmark = pytest.mark.django_db


def english(function, *args):
    with translation.override("en"):
        return function(*args)


def standalone(**fields):
    return make_edition(document=make_document(kind=SourceDocument.Kind.STANDARD, order_number=""), **fields)


def test_an_edition_an_order_approved_is_named_by_the_order_and_its_language():
    order = make_document(order_number="569/НҚ", order_date=dt.date(2025, 11, 10))
    edition = make_edition(document=order, language="kk", key="2025-kk")
    assert english(edition.label) == "Order № 569/НҚ of 10.11.2025, Kazakh text"
    assert english(order.label) == "Order № 569/НҚ of 10.11.2025"


def test_an_order_without_a_date_is_named_by_its_number():
    edition = make_edition(document=make_document(order_number="209/НК", order_date=None, language="ru"), language="ru")
    assert english(edition.label) == "Order № 209/НК, Russian text"


@pytest.mark.parametrize(
    "version, year, expected",
    [
        (2, 2022, "version 2, 2022, Kazakh text"),
        (2, None, "version 2, no date, Kazakh text"),
        (None, 2019, "year 2019, Kazakh text"),
        (None, None, "no date, Kazakh text"),
    ],
)
def test_a_standalone_text_is_named_by_its_version_and_year(version, year, expected):
    edition = standalone(version=version, year=year, key=f"{year or 'undated'}-kk")
    label = english(edition.label)
    assert label == expected
    assert edition.key not in label and "undated" not in label


def test_the_label_is_in_the_active_language_and_never_a_code():
    edition = standalone(language="ru", version=1, year=2019, key="2019-ru")
    for language in ("kk", "ru"):
        with translation.override(language):
            label = edition.label()
        assert "2019-ru" not in label and " ru" not in label and "ru," not in label


def test_the_label_of_a_compared_card_names_its_language_in_words_and_its_level():
    card = make_card(edition=make_edition(language="ru", key="2025-ru"), level=7, position=2)
    label = english(card_label, card)
    assert label == f"{card.edition.standard.code}/2 · Russian text · level 7"


def test_the_label_of_a_card_of_a_superseded_edition_names_the_version_not_the_key():
    edition = standalone(language="kk", version=2, year=2022, key="2022-kk", status=Edition.Status.SUPERSEDED)
    card = make_card(edition=edition, level=None, position=4)
    label = english(card_label, card)
    assert label == f"{edition.standard.code}/4 · version 2, 2022 · Kazakh text"
    for language in ("kk", "ru"):
        with translation.override(language):
            label = card_label(card)
        assert "2022-kk" not in label and "kk" not in label.split() and "(kk" not in label
