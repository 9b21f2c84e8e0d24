"""Searching: :func:`search_cards` reads the query, filters the cards, scores them, ranks them.

Which cards: the in-force cards that pass the card list's filters (:class:`cards.filters.CardFilter`);
of a kk/ru pair, the one in the page language unless the other matches better.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from cards.filters import PAGE_SIZE, CardFilter, PageOfCards, page_of
from cards.models import ProfessionCard
from cards.search import fallback, postgres
from cards.search.highlight import best_passage, excerpt, highlight
from cards.search.query import ParsedQuery, parse_query
from cards.search.scoring import combine, one_per_pair

MIN_QUERY_CHARS = 2
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
    passage_label: str = ""


@dataclass
class SearchResult:
    """The ranked cards of a query. ``ranked`` holds (card id, score), best first."""

    query: ParsedQuery
    filterset: CardFilter
    ranked: list[tuple[int, float]] = field(default_factory=list)
    message: str = ""  # why there are no results to show (empty or too short query)

    @property
    def count(self) -> int:
        return len(self.ranked)

    def page(self, number=None, per_page: int = PAGE_SIZE) -> PageOfCards:
        """A page of :class:`SearchHit` (or why there is none); loads its cards in one query."""
        result = page_of(self.ranked, number, per_page)
        if result.page is not None:
            result.page.object_list = self.hits(result.page.object_list)
        return result

    def hits(self, ranked: list[tuple[int, float]]) -> list[SearchHit]:
        """The cards of ``ranked`` (card id, score) in that order, highlighted."""
        scores = dict(ranked)
        cards = ProfessionCard.objects.filter(pk__in=scores).select_related("edition__standard", "search_text")
        by_id = {card.pk: card for card in cards}
        return [self._hit(by_id[pk], score) for pk, score in ranked if pk in by_id]

    def _hit(self, card: ProfessionCard, score: float) -> SearchHit:
        words = self.query.words
        hit = SearchHit(card=card, score=round(score, 3), title=highlight(card.title, words))
        passages = getattr(getattr(card, "search_text", None), "passages", None) or []
        best = best_passage(card.title, passages, words)
        if best:
            hit.passage_label = PASSAGE_LABELS.get(best[0], best[0])
            hit.passage = highlight(excerpt(best[1], words), words)
        return hit


def search_cards(query: str, *, language: str, filters: dict | None = None) -> SearchResult:
    """The in-force cards that match ``query``, best first, with the card list's ``filters``.

    ``language`` is the page language: of a kk/ru pair of cards the one in that language is
    kept unless the other matches better. ``filters`` are the card list's (``level``,
    ``standard``, ``isco``, ``language``, a QueryDict or dict); invalid ones leave the result
    empty and ``filterset.errors`` say why. A query with no word, level or code gives an empty
    result with a ``message``; this never raises for what a user can type.
    """
    data = filters.copy() if filters is not None else {}
    filterset = CardFilter(data, ProfessionCard.objects.all(), language=language)
    parsed = parse_query(query or "")
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
    result.ranked = one_per_pair(combine(score(cards, parsed), parsed), language)[:MAX_RESULTS]
    return result
