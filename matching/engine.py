"""Match a text to the registry (pure): the closest cards, and what of a card the text covers.

1. The text is read (:mod:`matching.text`): its language (Kazakh or Russian, else an error), its
   passages (sentences and list items), their stems.
2. Each passage is scored against every item of the registry in that language (labour function,
   skill, ability, knowledge) through the stem index (:class:`matching.corpus.Corpus`): the share
   of the item's information (its stems' IDF) that the passage has. A stem the index lacks counts
   through its near stems (rapidfuzz, for typos and inflections the stemmer leaves apart), and the
   passage's text and the item's are compared whole with the comparison's fuzzy similarity
   (:func:`cards.compare.similarity`) for near-verbatim lines.
3. A card scores how much of the text it explains (each content passage by its best item in the
   card) plus a little for how much of the card the text covers, so that of two levels sharing the
   text's skills the one the text covers more closely ranks first.
4. Cross-language: a unit (a standard and a position) is scored on its text in the text's language;
   a unit with no such text (a Kazakh-only standard for a Russian text) is scored on its other
   text, the passages' words carried over by a stem dictionary learnt from the twins (the kk and ru
   texts of the other units, line by line: :func:`matching.corpus.twin_lexicon`) and the search's
   glossary (``cards.search.query.RU_TO_KK``, which the adapter hands to the :class:`~matching.corpus.Corpus`).
5. Coverage of one card: every item marked covered / partly / not covered by its best passage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from cards.compare import similarity
from cards.identity import normalise_name
from matching.corpus import ABILITY, FUNCTION, KNOWLEDGE, SKILL, Corpus
from matching.text import KAZAKH_LETTERS, Passage, detect_language, passages

MAX_CHARS = 20_000
COVERED = 0.6  # an item's best passage has at least this share of what it says: covered
PARTLY = 0.45  # ... at least this: partly covered
CONTENT = 0.3  # a passage whose best item anywhere scores less is boilerplate ("мы предлагаем ДМС")
MIN_SCORE = 0.2  # a passage with less of an item than this does not count for it at all
FUZZY_CANDIDATES = 12  # per passage, the best items by stems that the whole-text similarity rechecks
COVER_WEIGHT = 0.35
TOP = 10
HITS = 3


class MatchError(ValueError):
    """A text the engine cannot match; ``code`` says why (the pages translate it)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


EMPTY, TOO_LONG, LANGUAGE, STOPWORDS = "empty", "too_long", "language", "stopwords"


@dataclass(frozen=True)
class Hit:
    """A passage of the text and the card item it matches best."""

    passage: str
    item: str
    kind: str
    score: float


@dataclass
class CardMatch:
    card: int  # index into Corpus.cards
    unit: str
    score: float
    explained: float  # share of the text's content passages the card explains
    covered: float  # share of the card's items (by weight) the text covers
    cross_language: bool  # scored on the other language's text through the glossary
    hits: list[Hit] = field(default_factory=list)


@dataclass(frozen=True)
class ItemMark:
    kind: str
    text: str
    mark: str  # "covered", "partly", "none"
    score: float
    passage: str  # the sentence of the text that covers it best ('' for none)


@dataclass
class SkillCoverage:
    number: int
    title: ItemMark
    abilities: list[ItemMark]
    knowledge: list[ItemMark]
    mark: str = "none"


@dataclass
class FunctionCoverage:
    number: int
    title: ItemMark
    skills: list[SkillCoverage]
    mark: str = "none"


@dataclass
class Coverage:
    card: int
    functions: list[FunctionCoverage]

    def items(self) -> Iterable[tuple[FunctionCoverage, SkillCoverage, ItemMark]]:
        for function in self.functions:
            for skill in function.skills:
                for item in (skill.title, *skill.abilities, *skill.knowledge):
                    yield function, skill, item

    def counts(self) -> dict[str, int]:
        counts = {"covered": 0, "partly": 0, "none": 0}
        for _f, _s, item in self.items():
            if item.kind in (ABILITY, KNOWLEDGE):
                counts[item.mark] += 1
        return counts


@dataclass
class MatchResult:
    language: str
    passages: list[Passage]
    cards: list[CardMatch]
    # item index -> (its best score, the passage that gives it), for every item a passage reaches
    best: dict[int, tuple[float, int]] = field(repr=False, default_factory=dict)


def mark_of(score: float) -> str:
    return "covered" if score >= COVERED else "partly" if score >= PARTLY else "none"


def _terms(corpus: Corpus, passage: Passage, language: str, translate_from: str | None) -> dict[str, float]:
    """The passage's stems as the index of ``language`` has them, each with its weight (1 exact,
    less for a near stem); ``translate_from`` carries them over from the other language first."""
    index = corpus.indexes.get(language)
    if index is None:
        return {}
    terms: dict[str, float] = {}
    if translate_from:
        translations = corpus.translations(translate_from)
        for stem in passage.stems:
            found = dict(translations.get(stem, {}))
            if not any("а" <= ch <= "я" or ch in KAZAKH_LETTERS for ch in stem):
                found[stem] = 1.0  # Python, SQL, 1С: written alike in both languages
            for other, weight in found.items():
                if other in index.idf:
                    terms[other] = max(terms.get(other, 0.0), weight)
        return terms
    for stem in passage.stems:
        if stem in index.idf:
            terms[stem] = 1.0
        else:
            for near, weight in corpus.near_stems(stem, language).items():
                terms[near] = max(terms.get(near, 0.0), weight)
    return terms


def _score_passage(corpus: Corpus, passage: Passage, language: str, translate_from: str | None) -> dict[int, float]:
    index = corpus.indexes.get(language)
    terms = _terms(corpus, passage, language, translate_from)
    if index is None or not terms:
        return {}
    mass: dict[int, float] = defaultdict(float)
    for term, weight in terms.items():
        idf = index.idf[term] * weight
        for i in index.postings[term]:
            mass[i] += idf
    weights = corpus.weights
    scores = {i: min(m / weights[i], 1.0) for i, m in mass.items() if m >= MIN_SCORE * weights[i]}
    if not translate_from:
        folded = normalise_name(passage.text)
        for i in sorted(scores, key=scores.get, reverse=True)[:FUZZY_CANDIDATES]:
            if scores[i] < 1.0:
                close = similarity(folded, corpus.folded(i)) / 100
                if close >= 0.8:
                    scores[i] = max(scores[i], close)
    return scores


def match(
    corpus: Corpus,
    text: str,
    levels: Iterable[int] = (),
    standards: Iterable[str] = (),
    limit: int = TOP,
) -> MatchResult:
    """The cards closest to ``text``, best first (at most ``limit``), among those at ``levels`` of
    ``standards`` (all when empty). Raises :class:`MatchError` for a text it cannot read."""
    if not text or not text.strip():
        raise MatchError(EMPTY)
    if len(text) > MAX_CHARS:
        raise MatchError(TOO_LONG)
    language = detect_language(text)
    if language is None:
        raise MatchError(LANGUAGE)
    found = passages(text, language)
    if not found:
        raise MatchError(STOPWORDS)
    other = "ru" if language == "kk" else "kk"
    levels, standards = set(levels), set(standards)
    units = {}  # unit -> (card index, cross-language)
    for unit, by_language in corpus.by_unit.items():
        c = by_language.get(language, by_language.get(other))
        card = corpus.cards[c]
        if (levels and card.level not in levels) or (standards and card.standard not in standards):
            continue
        units[unit] = (c, card.language != language)
    need_cross = any(cross for _c, cross in units.values()) and other in corpus.indexes
    scores = []
    for passage in found:
        passage_scores = _score_passage(corpus, passage, language, None)
        if need_cross:
            passage_scores.update(_score_passage(corpus, passage, other, language))
        scores.append(passage_scores)
    best: dict[int, tuple[float, int]] = {}
    for p, passage_scores in enumerate(scores):
        for i, score in passage_scores.items():
            if score > best.get(i, (0.0, -1))[0]:
                best[i] = (score, p)
    return MatchResult(language, found, _rank(corpus, found, scores, best, units, limit), best)


def _rank(corpus, found, scores, best, units, limit) -> list[CardMatch]:
    wanted = {c for c, _cross in units.values()}
    items = corpus.items
    best_in_card: list[dict[int, tuple[float, int]]] = []  # per passage: card -> (score, item)
    content = []
    for passage_scores in scores:
        per_card: dict[int, tuple[float, int]] = {}
        for i, score in passage_scores.items():
            c = items[i].card
            if c in wanted and score > per_card.get(c, (0.0, -1))[0]:
                per_card[c] = (score, i)
        best_in_card.append(per_card)
        content.append(max((s for s, _i in per_card.values()), default=0.0) >= CONTENT)
    n_content = sum(content) or 1
    explained: dict[int, float] = defaultdict(float)
    for per_card, is_content in zip(best_in_card, content, strict=True):
        if is_content:
            for c, (score, _i) in per_card.items():
                explained[c] += score / n_content
    ranked = []
    for unit, (c, cross) in units.items():
        if explained.get(c, 0.0) <= 0:
            continue
        covered = _covered_share(corpus, best, c)
        hits = sorted(
            (
                (per_card[c][0], p)
                for p, per_card in enumerate(best_in_card)
                if c in per_card and per_card[c][0] >= PARTLY
            ),
            reverse=True,
        )[:HITS]
        ranked.append(
            CardMatch(
                card=c,
                unit=unit,
                score=round(explained[c] + COVER_WEIGHT * covered, 4),
                explained=explained[c],
                covered=covered,
                cross_language=cross,
                hits=[
                    Hit(found[p].text, items[best_in_card[p][c][1]].text, items[best_in_card[p][c][1]].kind, score)
                    for score, p in hits
                ],
            )
        )
    ranked.sort(key=lambda m: (-m.score, m.unit))
    return ranked[:limit]


def _covered_share(corpus: Corpus, best: dict[int, tuple[float, int]], c: int) -> float:
    total = covered = 0.0
    for i in corpus.card_items[c]:
        item = corpus.items[i]
        if item.kind == FUNCTION:
            continue
        total += item.weight
        score = best.get(i, (0.0, -1))[0]
        covered += item.weight * (score if score >= PARTLY else 0.0)
    return covered / total if total else 0.0


def coverage(corpus: Corpus, result: MatchResult, c: int) -> Coverage:
    """What of card ``c`` the matched text covers: every item with its mark and best passage."""
    by_path = {corpus.items[i].path: i for i in corpus.card_items[c]}
    cross = corpus.cards[c].language != result.language

    def mark(kind: str, text: str, path: tuple) -> ItemMark:
        i = by_path[path]
        score, p = result.best.get(i, (0.0, -1))
        state = mark_of(score)
        if cross and state == "covered":
            state = "partly"  # a glossary's word or two is never the whole item
        return ItemMark(kind, text, state, round(score, 3), result.passages[p].text if state != "none" else "")

    functions = []
    for f, function in enumerate(corpus.cards[c].functions):
        skills = []
        for s, skill in enumerate(function.skills):
            entry = SkillCoverage(
                skill.number,
                mark(SKILL, skill.title, (f, s, SKILL, 0)),
                [mark(ABILITY, text, (f, s, ABILITY, n)) for n, text in enumerate(skill.abilities)],
                [mark(KNOWLEDGE, text, (f, s, KNOWLEDGE, n)) for n, text in enumerate(skill.knowledge)],
            )
            entry.mark = _aggregate([entry.title, *entry.abilities, *entry.knowledge])
            skills.append(entry)
        entry = FunctionCoverage(function.number, mark(FUNCTION, function.title, (f, -1, FUNCTION, 0)), skills)
        entry.mark = _aggregate_marks([skill.mark for skill in skills] or [entry.title.mark])
        functions.append(entry)
    return Coverage(c, functions)


def _aggregate(items: list[ItemMark]) -> str:
    """A skill is covered when most of its lines are, partly when any is."""
    marks = [item.mark for item in items]
    covered = marks.count("covered")
    if covered and covered >= 0.5 * len(marks):
        return "covered"
    return "partly" if any(m != "none" for m in marks) else "none"


def _aggregate_marks(marks: list[str]) -> str:
    if marks and all(m == "covered" for m in marks):
        return "covered"
    return "partly" if any(m != "none" for m in marks) else "none"
