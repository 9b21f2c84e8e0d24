"""Searching: :func:`search_cards` reads the query, filters the cards, scores them, ranks them.

Which cards: the in-force cards that pass the card list's filters (:class:`cards.filters.CardFilter`);
of a kk/ru pair, the one in the page language unless the other matches better. The page shows
them by profession (a standard's cards of one :func:`cards.identity.profession_key`: its levels),
ranked by each profession's best card; the API lists the cards themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, F, JSONField, When
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from cards.filters import PAGE_SIZE, CardFilter, PageOfCards, page_of
from cards.models import CardSearchText, ProfessionCard
from cards.search import fallback, postgres
from cards.search.highlight import Matcher, best_passage, excerpt, highlight
from cards.search.query import ParsedQuery, QueryWord, parse_query
from cards.search.scoring import Profession, by_profession, combine, one_per_pair
from cards.selectors import LISTED_FIELDS, with_page_labels

MIN_QUERY_CHARS = 2
MAX_QUERY_CHARS = 200  # a longer query is cut here, before it is parsed (a 10 kB one would cost seconds)
MAX_RESULTS = 200

PASSAGE_LABELS = {
    "title": _("Title"),
    "alias": _("Other names"),
    "standard": _("Standard"),
    "purpose": _("Main purpose"),
    "function": _("Labour function"),
    "skill": _("Skill"),
    "ability": _("Ability"),
    "knowledge": _("Knowledge"),
}


@dataclass
class SearchHit:
    card: ProfessionCard
    score: float
    title: SafeString  # the card's title, escaped, with the query's words marked
    passage: SafeString | None = None  # the best matching passage other than the title
    passage_label: str = ""  # the field it comes from (PASSAGE_LABELS), in the page language
    passage_language: str = ""  # the language of its text (an other name may be the twin's)


@dataclass
class ProfessionHit:
    """One result of the search page: a profession of a standard, its best card and its levels."""

    key: str  # cards.identity.profession_key
    best: SearchHit
    levels: list[ProfessionCard]  # the profession's matching cards, lowest level first

    @property
    def score(self) -> float:
        return self.best.score


@dataclass
class SearchResult:
    """The ranked cards of a query. ``ranked`` holds (card id, score), best first; ``professions``
    the same cards by profession, in the order of each one's best card."""

    query: ParsedQuery
    filterset: CardFilter
    ranked: list[tuple[int, float]] = field(default_factory=list)
    professions: list[Profession] = field(default_factory=list)
    read_as: list[dict[str, float]] = field(default_factory=list)  # per query word, the stems its typo was read as
    message: str = ""  # why there are no results to show (empty or too short query)
    _matcher: Matcher | None = field(default=None, repr=False, compare=False)  # for marked_words, made once

    @property
    def count(self) -> int:
        return len(self.ranked)

    @property
    def profession_count(self) -> int:
        return len(self.professions)

    @property
    def marked_words(self) -> list[QueryWord]:
        """The words the results mark: the query's, and the stems its typos were read as."""
        readings = dict.fromkeys(stem for found in self.read_as for stem in found)
        return [*self.query.words, *(QueryWord(stem, stem, (stem,)) for stem in readings)]

    def page(self, number=None, per_page: int = PAGE_SIZE) -> PageOfCards:
        """A page of :class:`ProfessionHit` (or why there is none); loads its cards in one query,
        and labels those in the other language in one more (:func:`cards.selectors.with_page_labels`)."""
        result = page_of(self.professions, number, per_page)
        if result.page is not None:
            result.page.object_list = self._professions(result.page.object_list)
        return result

    def hits(self, ranked: list[tuple[int, float]]) -> list[SearchHit]:
        """The cards of ``ranked`` (card id, score) in that order, highlighted."""
        by_id = self._cards([pk for pk, _score in ranked])
        return [self._hit(by_id[pk], score, _passages(by_id[pk])) for pk, score in ranked if pk in by_id]

    def _cards(self, ids: list[int]) -> dict[int, ProfessionCard]:
        """The cards with their standards and passages."""
        cards = ProfessionCard.objects.filter(pk__in=ids).select_related("edition__standard", "search_text")
        cards = cards.defer(
            *(f"search_text__{name}" for name in ("names", "texts", "stems", "codes", "alias_codes")),
            *(f"search_text__{column}_vector" for column in ("title", "alias", "standard", "body")),
        )
        return {card.pk: card for card in cards}

    def _professions(self, professions: list[Profession]) -> list[ProfessionHit]:
        # Only what the page shows of a card (LISTED_FIELDS): decoding every card's JSON fields was a
        # third of its time. And the passages of each profession's best card only, as a value of the
        # card's row: its other levels show none, and an index row's model instance cost more than
        # the query.
        ids = [pk for profession in professions for pk, _score in profession.cards]
        best = [profession.cards[0][0] for profession in professions]
        passages = Case(When(pk__in=best, then=F("search_text__passages")), output_field=JSONField())
        cards = ProfessionCard.objects.filter(pk__in=ids).select_related("edition__standard").only(*LISTED_FIELDS)
        by_id = {card.pk: card for card in cards.annotate(best_passages=passages)}
        with_page_labels(by_id.values(), self.filterset.language)
        found = [[by_id[pk] for pk, _score in profession.cards if pk in by_id] for profession in professions]
        passages = {pk: by_id[pk].best_passages for pk in best if pk in by_id}
        if missing := [cards[0].pk for cards in found if cards and cards[0].pk not in passages]:
            # A best card gone since the ranking was read (outside one snapshot): its next level shows instead.
            passages |= dict(CardSearchText.objects.filter(card_id__in=missing).values_list("card_id", "passages"))
        hits = []
        for profession, cards in zip(professions, found, strict=True):
            if not cards:
                continue
            levels = sorted(cards, key=lambda c: (c.level if c.level is not None else 99, c.position))
            hit = self._hit(cards[0], profession.score, passages.get(cards[0].pk))
            hits.append(ProfessionHit(profession.key, hit, levels))
        return hits

    def _hit(self, card: ProfessionCard, score: float, passages: list[list[str]] | None) -> SearchHit:
        if self._matcher is None:
            self._matcher = Matcher(self.marked_words)  # one per result: the cards of a page share their words
        matcher = self._matcher
        words = matcher.words
        hit = SearchHit(card=card, score=round(score, 3), title=highlight(card.title, words, matcher))
        passages = passages or []
        # A card in the other language shows its title unmarked (includes/card_title.html).
        title_marked = not getattr(card, "in_other_language", False)
        best = best_passage(card.title, passages, words, title_marked=title_marked, matcher=matcher)
        if best:
            label, hit.passage_language, text = best
            hit.passage_label = PASSAGE_LABELS.get(label, label)
            hit.passage = highlight(excerpt(text, words, matcher=matcher), words, matcher)
        return hit


def _passages(card: ProfessionCard) -> list[list[str]] | None:
    return getattr(getattr(card, "search_text", None), "passages", None)


def search_cards(query: str, *, language: str, filters: dict | None = None) -> SearchResult:
    """The in-force cards that match ``query``, best first, with the card list's ``filters``.

    ``language`` is the page language: of a kk/ru pair of cards the one in that language is
    kept unless the other matches better. ``filters`` are the card list's (``level``,
    ``standard``, ``isco``, ``language``, a QueryDict or dict); invalid ones leave the result
    empty and ``filterset.errors`` say why. A query with no word, level or code gives an empty
    result with a ``message``; this never raises for what a user can type.
    """
    query = (query or "")[:MAX_QUERY_CHARS]
    data = filters.copy() if filters is not None else {}
    filterset = CardFilter(data, ProfessionCard.objects.all(), language=language)
    parsed = parse_query(query)
    result = SearchResult(query=parsed, filterset=filterset)
    if not filterset.is_valid():
        return result
    if len((query or "").strip()) < MIN_QUERY_CHARS or parsed.is_empty:
        result.message = (
            _("Type a few words of a profession, a skill or a code.")
            if not (query or "").strip()
            else _("The query is too short: type at least two letters, a code or an ОРК level.")
        )
        return result
    cards = ProfessionCard.objects.in_force()
    cleaned = filterset.form.cleaned_data
    for name in ("level", "standard", "isco", "language"):
        cards = filterset.filters[name].filter(cards, cleaned.get(name))
    if parsed.levels and not cleaned.get("level"):
        cards = cards.at_level(*parsed.levels)
    if parsed.standard_codes and not cleaned.get("standard"):
        cards = cards.filter(edition__standard__code__in=parsed.standard_codes)
    score = postgres.score if connection.vendor == "postgresql" else fallback.score
    matches, result.read_as = score(cards, parsed)
    scored = one_per_pair(combine(matches, parsed), language)[:MAX_RESULTS]
    result.ranked = [(row.card_id, row.score) for row in scored]
    result.professions = by_profession(scored)
    return result
