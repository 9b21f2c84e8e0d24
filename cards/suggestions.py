"""Cards by profession name, for the comparison picker: the page's list and the type-ahead's JSON.

A few letters of a name in Kazakh or in Russian, whatever the page language, find the cards
readable in the page language (``ProfessionCard.objects.readable_in``): a card matches when
every word of the query begins a word of one of its names (its title, its twin's title in the
other language, its label in the page language, its other possible titles), as typed or by its
Russian or Kazakh stem, so "тест", "тестировщики", "әкімшілері" and "администратор" (which
reaches Kazakh-only cards through the search glossary) all find what they mean. Levels, НКЗ
codes and standard codes in the query ("аналитик 6", "J068", "2512") narrow the cards, as on
the search page (:func:`cards.search.query.parse_query`).

Two queries whatever the query: the cards with their twins' titles, and their page labels
(:func:`cards.selectors.with_page_labels`). The matching itself runs in Python over the few
hundred names of the registry, which is what lets a prefix typed so far match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from cards import kazakh
from cards.identity import card_path, card_reference, profession_key
from cards.models import ProfessionCard
from cards.occupations import LISTED_FIELDS
from cards.search.query import ParsedQuery, QueryWord, parse_query
from cards.selection import selection_query
from cards.selectors import with_page_labels

MIN_QUERY_CHARS = 2
MAX_QUERY_CHARS = 200
SUGGESTIONS = 10  # the type-ahead's list
PAGE_MATCHES = 50  # the list of the page without JavaScript
MIN_STEM = 4  # shorter stems ("дан" of "данных") would match too many words

# Where a query matched, best first: the name the reader sees, the other language's, other names.
SHOWN_NAME, TWIN_NAME, OTHER_NAME = 0, 1, 2

# The rows of cards.occupations, with the names a query may match besides the title.
CARD_FIELDS = (*LISTED_FIELDS, "other_titles", "twin__title")


@dataclass
class Matches:
    """The cards a query finds, best first; ``total`` counts them before the limit."""

    query: ParsedQuery
    cards: list[ProfessionCard]
    total: int

    @property
    def truncated(self) -> bool:
        return self.total > len(self.cards)


def is_too_short(text: str) -> bool:
    """Whether ``text`` is too short to look for (the type-ahead waits for a second letter)."""
    return len((text or "").strip()) < MIN_QUERY_CHARS


def find_cards(text: str, language: str, limit: int = PAGE_MATCHES, exclude: frozenset[str] = frozenset()) -> Matches:
    """The cards readable in ``language`` whose names match ``text``, best first, at most ``limit``.

    ``exclude`` holds ``?cards=`` references already chosen, left out. A query too short, or
    with neither a word nor a level or code, finds nothing (and runs no query).
    """
    parsed = parse_query(text or "")
    if is_too_short(text) or parsed.is_empty:
        return Matches(parsed, [], 0)
    cards = _candidates(parsed, language)
    with_page_labels(cards, language)
    ranked = []
    for card in cards:
        place = match_place(card, parsed.words)
        if place is not None and card_reference(card) not in exclude:
            ranked.append((place, card))
    ranked.sort(key=lambda pair: (pair[0][1], pair[0][0], *_order(pair[1])))
    return Matches(parsed, [card for _place, card in ranked[:limit]], len(ranked))


def _candidates(parsed: ParsedQuery, language: str) -> list[ProfessionCard]:
    cards = ProfessionCard.objects.readable_in(language)
    if parsed.levels:
        cards = cards.at_level(*parsed.levels)
    if parsed.standard_codes:
        cards = cards.filter(edition__standard__code__in=parsed.standard_codes)
    cards = list(cards.select_related("edition__standard", "twin").only(*CARD_FIELDS))
    if parsed.occupation_codes:
        cards = [card for card in cards if any(_has_code(card, code) for code in parsed.occupation_codes)]
    return cards


def _has_code(card: ProfessionCard, code: str) -> bool:
    return card.occupation_code.startswith(code) or card.isco_code == code


def _order(card: ProfessionCard) -> tuple:
    """Within a place: by standard, the levels of one profession together, lowest first."""
    return (card.edition.standard.code, profession_key(card), card.level or 99, card.position)


def match_place(card: ProfessionCard, words: list[QueryWord]) -> tuple[int, int] | None:
    """Where ``words`` all match one name of ``card``, else None: the name (:data:`SHOWN_NAME`,
    :data:`TWIN_NAME`, :data:`OTHER_NAME`) and how (0: every word as typed begins a word of the
    name; 1: some only by a stem or the glossary's translation). Of several, the best how, then name.

    Needs the card prepared by ``with_page_labels`` and its twin's title loaded. With no word
    (a query of levels or codes only) every card matches."""
    if not words:
        return (SHOWN_NAME, 0)
    shown = [card.page_label or card.title] if card.in_other_language else [card.title]
    twin = [card.twin.title] if card.twin_id else []
    names = [
        (SHOWN_NAME, shown),
        (TWIN_NAME, twin + [card.title] * bool(card.in_other_language and card.page_label)),
        (OTHER_NAME, [str(title) for title in card.other_titles or []]),
    ]
    found = [(place, _match(words, _name_words(name))) for place, texts in names for name in texts]
    found = [(place, way) for place, way in found if way is not None]
    # The words as typed count before the name they are in: "администратор" on a Kazakh page
    # rather finds the card whose Russian twin says so than one whose Kazakh name is its translation.
    return min(found, key=lambda match: (match[1], match[0])) if found else None


def _name_words(name: str) -> list[str]:
    return [word.lower().replace("ё", "е") for word in kazakh.words(name)]


def _match(words: list[QueryWord], name_words: list[str]) -> int | None:
    """0 when every query word as typed begins a word of the name, 1 when some only by a stem, else None."""
    worst = 0
    for word in words:
        ways = [way for way in (_begins(word, name_word) for name_word in name_words) if way is not None]
        if not ways:
            return None
        worst = max(worst, min(ways))
    return worst


def _begins(word: QueryWord, name_word: str) -> int | None:
    """0 when the query word as typed begins the name's word, 1 when one of its stems does, else None."""
    if name_word.startswith(word.text):
        return 0
    stems = (word.russian, *word.kazakh)
    if any(len(stem) >= MIN_STEM and name_word.startswith(stem) for stem in stems):
        return 1
    return None


# --- what the picker shows of a card ---------------------------------------------------------------


def shown_name(card: ProfessionCard) -> str:
    """The card's name in the page language where the registry knows one (``with_page_labels``)."""
    return (card.page_label or card.title) if card.in_other_language else card.title


def level_words(card: ProfessionCard) -> str:
    if card.level:
        return pgettext("card facts", "ОРК level %(level)s") % {"level": card.level}
    return pgettext("card facts", "no ОРК level")


def dom_id(reference: str) -> str:
    """The id of a card's checkbox in the picker: ``J068/1@ru`` -> ``pick-J068-1-ru`` (the script makes the same)."""
    return "pick-" + re.sub(r"[^A-Za-z0-9]+", "-", reference)


def card_facts(card: ProfessionCard) -> str:
    """Standard · level · language of the text: what tells a card from others of the same name."""
    return " · ".join([card.edition.standard.code, level_words(card), card.edition.language_text()])


def description(card: ProfessionCard) -> str:
    """Profession name · standard · level · language of the text: one suggestion, as it reads."""
    return f"{shown_name(card)} · {card_facts(card)}"


def suggestion_json(card: ProfessionCard, selection: Sequence[str] = ()) -> dict:
    """One suggestion for the type-ahead (``/<lang>/compare/suggest/``), its words in the page language.

    ``selection``: the cards chosen so far, carried by the card page's address (``url``)."""
    reference, name = card_reference(card), shown_name(card)
    mark = ""
    if card.only_in_other_language:
        mark = _("text in Kazakh only") if card.edition.language == "kk" else _("text in Russian only")
    return {
        "reference": reference,
        "id": dom_id(reference),
        "name": name,
        "name_language": card.edition.language if name == card.title else get_language(),
        "title": card.title,
        "standard": card.edition.standard.code,
        "level": card.level,
        "language": card.edition.language,
        "language_label": card.edition.language_text(),
        "mark": mark,
        "facts": card_facts(card),
        "text": description(card) + (f" ({mark})" if mark else ""),
        "url": card_path(card) + selection_query(list(selection)),
    }
