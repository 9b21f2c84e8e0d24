"""Search for profession cards: one public function, :func:`search_cards`, and the index service.

How a query is read (:func:`parse_query`, pure): numbers become ОРК levels ("6 уровень",
"7-деңгей", "уровень 7", a lone digit 1–8), НКЗ codes ("2512", "2519-9", "2519-9-001") and
standard codes ("J068"); these filter. Abbreviations expand ("ИИ" -> "искусственный интеллект").
Every other word gets its forms: the Russian stem (Snowball, the same algorithm as PostgreSQL's
``russian`` configuration), the Kazakh stem (:mod:`cards.kazakh`) matched as a prefix, and the
Kazakh stems of its translation when the word is in :data:`RU_TO_KK`, a small glossary of the
registry's vocabulary (so "тестировщик" also looks for "тестілеу" in Kazakh-only standards).

How a card is scored: each query word scores by the best place it is found in — the card's
own title (3), its other names (2.5: other titles, the twin's title, the other language's
names of its НКЗ code), its standard's titles (1.5), or its body (1: purpose, functions,
skills, abilities, knowledge) — or by trigram similarity to one of its names (typos: 2.5 ×
similarity when at least 0.6, only for a word no name has). The card's score is the mean
over the query's words weighted by their rarity among the cards' names (IDF), plus a little
for body matches and codes. So a card whose title has the words always ranks above one
that only mentions them in a knowledge item.

Which cards: the in-force cards that pass the card list's filters (:class:`cards.filters.CardFilter`);
of a kk/ru pair, the one in the page language unless the other matches better.

PostgreSQL is the reference: tsvector columns (``russian`` for Russian text, ``simple`` over
Kazakh stems) with GIN indexes, and ``pg_trgm`` ``word_similarity`` on the names, in one
query. SQLite gets the same query reading and scoring, done in Python over the index rows
(exact stems instead of tsvector, rapidfuzz instead of trigrams): fine for hundreds of cards.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.db import connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz

from cards import kazakh
from cards.filters import PAGE_SIZE, CardFilter, PageOfCards, page_of
from cards.models import CardSearchText, ProfessionCard

MIN_QUERY_CHARS = 2
MAX_WORDS = 8
MAX_RESULTS = 200
TRIGRAM_THRESHOLD = 0.6
PREFIX_MIN = 5  # Kazakh stems this long match as prefixes; "жаса" (жасанды) must not find "жасақтама"
WEIGHTS = {"title": 3.0, "alias": 2.5, "standard": 1.5, "body": 1.0}
# The other language's card must beat the page language's by this: more than body matches
# can add (0.3), less than an own-title match gains over a match of the twin's title (0.5).
OTHER_LANGUAGE_MARGIN = 0.4

_russian = snowballstemmer.stemmer("russian")

RUSSIAN_STOPWORDS = frozenset(
    "и в во на по для с со от до из к ко у о об обо при за как что не без над под через или а же ли".split()
)

# Query words that stand for longer names ("ИИ инженер"). Keys lower-case.
ABBREVIATIONS = {
    "ии": "искусственный интеллект",
    "ai": "искусственный интеллект",
    "жи": "жасанды интеллект",
    "бд": "база данных",
    "субд": "система управления базами данных",
    "dba": "администратор баз данных",
    "ml": "машинное обучение",
    "ит": "информационные технологии",
    "ос": "операционные системы",
    "лвс": "локальные вычислительные сети",
    "qa": "qa тестирование",
    "nlp": "nlp компьютерная лингвистика",
    "сисадмин": "системный администратор",
    "админ": "администратор",
    "ui": "графический интерфейс",
    "ux": "интерфейс",
    "frontend": "web разработчик",
    "фронтенд": "web разработчик",
    "тестер": "тестирование",
}
# "ПО" only in capitals: lower-case "по" is a preposition.
UPPER_ABBREVIATIONS = {"ПО": "программное обеспечение"}

# The registry's vocabulary, Russian -> Kazakh, as it is written in the twin texts: a Russian
# query word also looks for these Kazakh stems, which is how it reaches the Kazakh-only standards.
RU_TO_KK = {
    "администратор": "әкімші",
    "администрирование": "әкімшілендіру",
    "разработчик": "әзірлеуші",
    "разработка": "әзірлеу",
    "специалист": "маман",
    "программист": "бағдарламашы",
    "программирование": "бағдарламалау",
    "программный": "бағдарламалық",
    "программа": "бағдарлама",
    "обеспечение": "қамтамасыз жасақтама қамтылым",
    "архитектор": "сәулетші",
    "аналитик": "талдаушы",
    "анализ": "талдау",
    "тестировщик": "тестілеу",
    "тестирование": "тестілеу",
    "тренер": "жаттықтырушы",
    "база": "база дерекқор",
    "данные": "деректер дерекқор",
    "облачный": "бұлттық",
    "вычисление": "есептеу",
    "сеть": "желі",
    "сетевой": "желілік",
    "система": "жүйе",
    "системный": "жүйелік",
    "приложение": "қосымша",
    "мобильный": "ұялы",
    "игра": "ойын",
    "компьютерный": "компьютерлік",
    "искусственный": "жасанды",
    "машинный": "машиналық",
    "обучение": "оқыту",
    "документация": "құжаттама",
    "технический": "техникалық",
    "писатель": "жазушы",
    "поддержка": "қолдау",
    "сопровождение": "сүйемелдеу",
    "пользователь": "пайдаланушы",
    "графический": "графикалық",
    "верстка": "беттеу",
    "управление": "басқару",
    "информационный": "ақпараттық",
    "ресурс": "ресурс",
    "операционный": "операциялық",
    "безопасность": "қауіпсіздік",
    "инфраструктура": "инфрақұрылым",
    "обслуживание": "қызмет көрсету",
    "большой": "үлкен",
    "хранение": "сақтау",
    "обработка": "өңдеу",
    "нейронный": "нейрондық",
    "зрение": "көру",
    "проектировщик": "жобалаушы",
    "проектирование": "жобалау",
    "параллельный": "параллельді",
    "распределенный": "таратылған",
    "спортивный": "спорттық",
    "локальный": "жергілікті",
    "дизайн": "дизайн",
    "интерактивный": "интерактивтік",
    "мультимедийный": "мультимедиялық",
    "веб": "web",
    "сайт": "сайт",
    "робототехника": "робототехника",
    "промышленный": "өнеркәсіптік",
    "создание": "құру",
    "менеджер": "менеджер",
}

LEVEL_WORDS = r"(?:уровень|уровня|уровне|уровнем|уровню|ур\.?|деңгей\w*|денгей\w*|level|орк|ork|біллік|біліктілік)"
LEVEL_AFTER = re.compile(rf"(?<![\d-])([1-8])\s*(?:-?\s*(?:й|ый|ой|ші|шы|ого|го))?\s*[-‑]?\s*{LEVEL_WORDS}", re.I)
LEVEL_BEFORE = re.compile(rf"{LEVEL_WORDS}\s*[-‑:№]?\s*([1-8])(?![\d-])", re.I)
OCCUPATION_CODE = re.compile(r"(?<![\d-])(\d{4}(?:-\d(?:-\d{3})?)?)(?![\d-])")
STANDARD_CODE = re.compile(r"(?<!\w)([JjЮю]\d{3,8})(?!\w)")
LONE_LEVEL = re.compile(r"(?<![\w-])([1-8])(?![\w-])")


@lru_cache(maxsize=65536)
def russian_stem(word: str) -> str:
    return _russian.stemWord(word.lower().replace("ё", "е"))


@dataclass(frozen=True)
class QueryWord:
    """One word of a query and the forms it may take in the index."""

    text: str
    russian: str  # Snowball stem, matched exactly ('' for a Russian stop word)
    kazakh: tuple[str, ...]  # Kazakh stems, matched as prefixes (own stem and glossary)

    def tsquery_russian(self) -> str:
        # The word as typed: PostgreSQL's ``russian`` configuration stems it.
        return f"'{self.text}'" if self.russian else ""

    def tsquery_kazakh(self) -> str:
        return " | ".join(f"'{s}':*" if len(s) >= PREFIX_MIN else f"'{s}'" for s in self.kazakh)

    def matches(self, stem_set: frozenset[str], stem_list: tuple[str, ...]) -> bool:
        """Whether the word is among ``stem_list`` (the Python side of the same rule)."""
        if self.russian and self.russian in stem_set:
            return True
        for form in self.kazakh:
            if form in stem_set:
                return True
            if len(form) >= PREFIX_MIN and any(s.startswith(form) for s in stem_list):
                return True
        return False


@dataclass
class ParsedQuery:
    """What a query asks for: words to match, and levels and codes to filter by."""

    text: str
    words: list[QueryWord] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)
    occupation_codes: list[str] = field(default_factory=list)
    standard_codes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.levels or self.occupation_codes or self.standard_codes)


def _query_word(word: str) -> QueryWord | None:
    lower = word.lower().replace("ё", "е")
    if len(lower) < 2 or lower in RUSSIAN_STOPWORDS or lower in kazakh.STOPWORDS:
        return None
    russian = russian_stem(lower)
    forms = [kazakh.stem(lower)]
    for kk in RU_TO_KK.get(_glossary_key(russian), "").split():
        forms.append(kazakh.stem(kk))
    return QueryWord(lower, russian, tuple(dict.fromkeys(forms)))


@lru_cache(maxsize=1)
def _glossary_stems() -> dict[str, str]:
    return {russian_stem(ru): ru for ru in RU_TO_KK}


def _glossary_key(russian: str) -> str:
    return _glossary_stems().get(russian, "")


def parse_query(text: str) -> ParsedQuery:
    """Read a query: levels, codes and the words left (pure; no database)."""
    parsed = ParsedQuery(text=" ".join(text.split())[:200])
    rest = parsed.text
    for pattern in (LEVEL_AFTER, LEVEL_BEFORE):
        for match in pattern.finditer(rest):
            parsed.levels.append(int(match.group(1)))
        rest = pattern.sub(" ", rest)
    for match in STANDARD_CODE.finditer(rest):
        parsed.standard_codes.append("J" + match.group(1)[1:])
    rest = STANDARD_CODE.sub(" ", rest)
    for match in OCCUPATION_CODE.finditer(rest):
        parsed.occupation_codes.append(match.group(1))
    rest = OCCUPATION_CODE.sub(" ", rest)
    for match in LONE_LEVEL.finditer(rest):
        parsed.levels.append(int(match.group(1)))
    rest = LONE_LEVEL.sub(" ", rest)
    expanded = []
    for word in kazakh.words(rest):
        expansion = UPPER_ABBREVIATIONS.get(word) or ABBREVIATIONS.get(word.lower())
        expanded.extend(expansion.split() if expansion else [word])
    for word in expanded:
        query_word = _query_word(word)
        if query_word and query_word not in parsed.words:
            parsed.words.append(query_word)
    parsed.words = parsed.words[:MAX_WORDS]
    parsed.levels = sorted(set(parsed.levels))
    return parsed


# --- Results ------------------------------------------------------------------------------


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
        best, best_count = None, 0
        title_count = _count_matches(card.title, words)
        for label, _language, text in passages:
            count = _count_matches(text, words)
            if count > best_count and count > title_count and text != card.title:
                best, best_count = (label, text), count
        if best:
            hit.passage_label = PASSAGE_LABELS.get(best[0], best[0])
            hit.passage = highlight(excerpt(best[1], words), words)
        return hit


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


def _word_matches(token: str, words: list[QueryWord]) -> bool:
    stems = frozenset({russian_stem(token), kazakh.stem(token)})
    return any(word.matches(stems, tuple(stems)) for word in words)


def _count_matches(text: str, words: list[QueryWord]) -> int:
    tokens = {t.lower() for t in kazakh.words(text)}
    return sum(1 for word in words if any(word.matches(*_stem_sets(t)) for t in tokens))


@lru_cache(maxsize=8192)
def _stem_sets(token: str) -> tuple[frozenset[str], tuple[str, ...]]:
    stems = (russian_stem(token), kazakh.stem(token))
    return frozenset(stems), stems


def highlight(text: str, words: list[QueryWord]) -> SafeString:
    """``text`` escaped, then the words that match the query wrapped in ``<mark>``."""
    out = []
    position = 0
    for match in kazakh.WORD.finditer(text):
        out.append(escape(text[position : match.start()]))
        token = match.group(0)
        if words and any(word.matches(*_stem_sets(token.lower())) for word in words):
            out.append(f"<mark>{escape(token)}</mark>")
        else:
            out.append(escape(token))
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


def excerpt(text: str, words: list[QueryWord], width: int = 220) -> str:
    """At most ``width`` characters of ``text`` around its first matching word."""
    if len(text) <= width:
        return text
    start = 0
    for match in kazakh.WORD.finditer(text):
        if any(word.matches(*_stem_sets(match.group(0).lower())) for word in words):
            start = max(0, match.start() - width // 3)
            break
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


# --- Searching ----------------------------------------------------------------------------


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
    rows = _score_postgresql(cards, parsed) if connection.vendor == "postgresql" else _score_python(cards, parsed)
    result.ranked = _one_per_pair(rows, language)[:MAX_RESULTS]
    return result


def _one_per_pair(rows: Iterable[tuple], language: str) -> list[tuple[int, float]]:
    """Rows (card id, standard id, position, language, score) -> (card id, score), best first;
    of a kk/ru pair the page language's card unless the other's score is clearly higher."""
    best: dict[tuple[int, int], tuple[int, float, str]] = {}
    for card_id, standard_id, position, card_language, score in rows:
        key = (standard_id, position)
        bonus = OTHER_LANGUAGE_MARGIN if card_language == language else 0.0
        current = best.get(key)
        if current is None or score + bonus > current[1] + (OTHER_LANGUAGE_MARGIN if current[2] == language else 0):
            best[key] = (card_id, score, card_language)
    ordered = sorted(best.items(), key=lambda item: (-item[1][1], item[1][2] != language, item[0]))
    return [(card_id, score) for _key, (card_id, score, _language) in ordered]


def _code_filter(parsed: ParsedQuery):
    """SQL and params that keep rows having one of the query's НКЗ codes."""
    clauses, params = [], []
    for code in parsed.occupation_codes:
        clauses.append("(s.codes LIKE %s OR s.alias_codes LIKE %s)")
        params += [f"% {code} %", f"% {code} %"]
    return " OR ".join(clauses), params


def _score_postgresql(cards, parsed: ParsedQuery) -> list[tuple]:
    """Score in one SQL query: tsvector matches per word, trigram similarity, codes.

    The inner query tests each word once against each vector, through the GIN indexes; the
    outer one turns the tests into the score.
    """
    tests, test_params, word_scores, body_hits = [], [], [], []
    for i, word in enumerate(parsed.words):
        tsquery = "(to_tsquery('russian', %s) || to_tsquery('simple', %s))"
        for column in ("title", "alias", "standard", "body"):
            # An uncorrelated IN: one GIN index scan per word and vector, hashed, instead of
            # reading (and decompressing) every card's large body vector.
            tests.append(
                f"s.card_id IN (SELECT card_id FROM cards_cardsearchtext WHERE {column}_vector @@ {tsquery}) "
                f"AS {column}{i}"
            )
            test_params += [word.tsquery_russian(), word.tsquery_kazakh()]
        parts = [f"CASE WHEN {column}{i} THEN {WEIGHTS[column]} ELSE 0 END" for column in WEIGHTS]
        if len(word.text) >= 4:
            # Trigrams only for a word that no name has (a typo): word_similarity over every
            # card's names costs ~10 ms a word, the EXISTS is one index-backed test.
            names_have_it = (
                f"EXISTS (SELECT 1 FROM cards_cardsearchtext WHERE title_vector @@ {tsquery} "
                f"OR alias_vector @@ {tsquery} OR standard_vector @@ {tsquery})"
            )
            tests.append(f"CASE WHEN {names_have_it} THEN 0 ELSE word_similarity(%s, s.names) END AS similar{i}")
            test_params += [word.tsquery_russian(), word.tsquery_kazakh()] * 3 + [word.text]
            parts.append(f"CASE WHEN similar{i} >= {TRIGRAM_THRESHOLD} THEN {WEIGHTS['alias']} * similar{i} ELSE 0 END")
        word_scores.append(f"GREATEST({', '.join(parts)})")
        body_hits.append(f"(CASE WHEN body{i} THEN 1 ELSE 0 END)")
    codes = []
    for i, code in enumerate(parsed.occupation_codes):
        tests.append(f"CASE WHEN s.codes LIKE %s THEN 1.0 WHEN s.alias_codes LIKE %s THEN 0.5 ELSE 0 END AS code{i}")
        test_params += [f"% {code} %", f"% {code} %"]
        codes.append(f"code{i}")
    code_sql, code_params = _code_filter(parsed)
    where = f"AND ({code_sql})" if code_sql else ""
    card_sql, card_params = cards.order_by().values("pk").query.sql_with_params()
    columns = [*word_scores, f"({' + '.join(body_hits) or '0'})", f"({' + '.join(codes) or '0'})"]
    sql = f"""
        SELECT card_id, standard_id, position, language, {", ".join(columns)} FROM (
            SELECT s.card_id, e.standard_id, c.position, s.language{"".join(", " + t for t in tests)}
            FROM cards_cardsearchtext s
            JOIN cards_professioncard c ON c.id = s.card_id
            JOIN standards_edition e ON e.id = c.edition_id
            WHERE s.card_id IN ({card_sql}) {where}
            OFFSET 0  -- keeps PostgreSQL from inlining the tests into every use of them
        ) tested
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*test_params, *card_params, *code_params])
        rows = [
            (row[0], row[1], row[2], row[3], [float(v) for v in row[4:-2]], int(row[-2]), float(row[-1]))
            for row in cursor.fetchall()
        ]
    return _combine(rows, parsed)


def _combine(rows: list[tuple], parsed: ParsedQuery) -> list[tuple]:
    """(card, standard, position, language, word scores, body hits, code score) -> scored rows, best first.

    A word's score counts by its rarity among the candidates' names (IDF): in "тестирование
    программного обеспечения" the word that few titles have decides, not the two that many have.
    The weighted mean of word scores stays within 0–3, so a title match of every word still
    ranks above any card that only mentions them.
    """
    n_words = len(parsed.words)
    idf = []
    for i in range(n_words):
        named = sum(1 for row in rows if row[4][i] > WEIGHTS["body"])
        idf.append(math.log((len(rows) + 1) / (named + 0.5)) + 0.1)
    scored = []
    for card_id, standard_id, position, language, word_scores, body_hits, code_score in rows:
        if n_words:
            score = sum(w * s for w, s in zip(idf, word_scores, strict=True)) / sum(idf)
            score += 0.3 * body_hits / n_words
        else:
            score = 1.0  # levels, codes or standards only: every card that passes the filters
        score += code_score
        if score > 0.5 or not n_words:
            scored.append((card_id, standard_id, position, language, score))
    scored.sort(key=lambda row: (-row[4], row[0]))
    return scored


def _score_python(cards, parsed: ParsedQuery) -> list[tuple]:
    """The SQLite fallback: the same scoring over the index rows, in Python."""
    rows = CardSearchText.objects.filter(card__in=cards).values_list(
        "card_id", "card__edition__standard_id", "card__position", "language", "names", "codes", "alias_codes", "stems"
    )
    scored = []
    for card_id, standard_id, position, language, names, codes, alias_codes, stems in rows:
        if parsed.occupation_codes and not any(
            f" {code} " in codes or f" {code} " in alias_codes for code in parsed.occupation_codes
        ):
            continue
        groups = {group: (frozenset(text.split()), tuple(text.split())) for group, text in stems.items()}
        empty = (frozenset(), ())
        word_scores, body_hits = [], 0
        for word in parsed.words:
            best = 0.0
            for group in ("title", "alias", "standard"):
                if word.matches(*groups.get(group, empty)):
                    best = max(best, WEIGHTS[group])
            if word.matches(*groups.get("body", empty)) or word.matches(*groups.get("detail", empty)):
                best = max(best, WEIGHTS["body"])
                body_hits += 1
            if len(word.text) >= 4 and best <= WEIGHTS["body"]:
                similarity = fuzz.partial_ratio(word.text, names) / 100
                if similarity >= 0.8:
                    best = max(best, WEIGHTS["alias"] * (similarity - 0.2))
            word_scores.append(best)
        code_score = sum(
            1.0 if f" {code} " in codes else 0.5 if f" {code} " in alias_codes else 0
            for code in parsed.occupation_codes
        )
        scored.append((card_id, standard_id, position, language, word_scores, body_hits, code_score))
    return _combine(scored, parsed)


# --- The index ----------------------------------------------------------------------------

CODE_IN_TEXT = re.compile(r"\d{4}-\d-\d{3}")
NAME_AFTER_CODE = re.compile(r"(\d{4}-\d-\d{3})\s*[-–—]\s*([^;\n]+)")


def _codes(code: str) -> list[str]:
    """A НКЗ code and its prefixes: 2512-2-007 -> 2512, 2512-2, 2512-2-007."""
    if not re.fullmatch(r"\d{4}(-\d(-\d{3})?)?", code or ""):
        return []
    parts = code.split("-")
    return ["-".join(parts[: i + 1]) for i in range(len(parts))]


def _other_titles(card: ProfessionCard) -> list[str]:
    titles = card.other_titles if isinstance(card.other_titles, list) else [str(card.other_titles)]
    return [str(t) for t in titles if t]


def _names_by_code(language: str) -> dict[str, set[str]]:
    """Every name a language's in-force texts give a full НКЗ code (card titles and other titles)."""
    names: dict[str, set[str]] = {}
    for code, title, others in (
        ProfessionCard.objects.in_force().for_language(language).values_list("occupation_code", "title", "other_titles")
    ):
        if CODE_IN_TEXT.fullmatch(code or ""):
            names.setdefault(code, set()).add(title)
        for other in others if isinstance(others, list) else []:
            for other_code, name in NAME_AFTER_CODE.findall(str(other)):
                names.setdefault(other_code, set()).add(name.strip(" ."))
    return names


def _prepare(card: ProfessionCard, names_by_code: dict[str, dict[str, set[str]]]) -> CardSearchText:
    language = card.edition.language
    other = "ru" if language == "kk" else "kk"
    standard = card.edition.standard
    pieces: list[tuple[str, str, str, str]] = []  # (group, passage label, language, text)
    for text in (card.title, card.header_title):
        if text:
            pieces.append(("title", "title", language, text))
    for text in _other_titles(card):
        pieces.append(("alias", "alias", language, text))
    twin = card.twin
    if twin is not None:
        pieces.append(("alias", "alias", other, twin.title))
        pieces += [("alias", "alias", other, text) for text in _other_titles(twin)]
    for name in sorted(names_by_code[other].get(card.occupation_code, ())):
        pieces.append(("alias", "alias", other, name))
    for standard_language, text in (("kk", standard.title_kk), ("ru", standard.title_ru)):
        if text:
            pieces.append(("standard", "standard", standard_language, text))
    if card.purpose:
        pieces.append(("body", "purpose", language, card.purpose))
    for function in card.labour_functions.all():
        pieces.append(("body", "function", language, function.title))
        for skill in function.skills.all():
            pieces.append(("body", "skill", language, skill.title))
            pieces += [("detail", "ability", language, item.text) for item in skill.abilities.all()]
            pieces += [("detail", "knowledge", language, item.text) for item in skill.knowledge_items.all()]
    texts: dict[str, dict[str, str]] = {}
    stems: dict[str, list[str]] = {}
    for group, _label, piece_language, text in pieces:
        slot = texts.setdefault(group, {"ru": "", "kk": ""})
        if piece_language == "ru":
            slot["ru"] += text + "\n"
            words = [russian_stem(w) for w in kazakh.words(text) if w.lower() not in RUSSIAN_STOPWORDS]
        else:
            slot["kk"] += kazakh.stemmed_text(text) + "\n"
            words = kazakh.stems(text)
        stems.setdefault(group, []).extend(words)
    names = [text for group, _label, _language, text in pieces if group in ("title", "alias", "standard")]
    own_codes = [*_codes(card.occupation_code), card.group_code, card.isco_code, standard.code]
    found = [code for text in _other_titles(card) for code in CODE_IN_TEXT.findall(text)]
    alias_codes = {prefix for code in found for prefix in _codes(code)}
    return CardSearchText(
        card=card,
        language=language,
        names=" · ".join(dict.fromkeys(names)).lower(),
        codes=" " + " ".join(c for c in own_codes if c) + " ",
        alias_codes=" " + " ".join(sorted(alias_codes)) + " ",
        texts=texts,
        stems={group: " ".join(words) for group, words in stems.items()},
        passages=[[label, piece_language, text] for _g, label, piece_language, text in pieces if _g != "standard"],
    )


VECTOR_SQL = """
    UPDATE cards_cardsearchtext SET
        title_vector = to_tsvector('russian', coalesce(texts->'title'->>'ru', ''))
            || to_tsvector('simple', coalesce(texts->'title'->>'kk', '')),
        alias_vector = to_tsvector('russian', coalesce(texts->'alias'->>'ru', ''))
            || to_tsvector('simple', coalesce(texts->'alias'->>'kk', '')),
        standard_vector = to_tsvector('russian', coalesce(texts->'standard'->>'ru', ''))
            || to_tsvector('simple', coalesce(texts->'standard'->>'kk', '')),
        body_vector = setweight(to_tsvector('russian', coalesce(texts->'body'->>'ru', ''))
            || to_tsvector('simple', coalesce(texts->'body'->>'kk', '')), 'B')
            || setweight(to_tsvector('russian', coalesce(texts->'detail'->>'ru', ''))
            || to_tsvector('simple', coalesce(texts->'detail'->>'kk', '')), 'D')
    WHERE card_id = ANY(%s)
"""


@transaction.atomic
def rebuild_search_index(cards: Iterable[ProfessionCard] | None = None) -> int:
    """Rebuild the search rows of ``cards`` and their twins (default: every card).

    The importer calls it after linking; admin after a card is edited. Returns the number of rows.
    """
    queryset = ProfessionCard.objects.all()
    if cards is not None:
        ids = {card.pk for card in cards}
        twin_ids = set(ProfessionCard.objects.filter(pk__in=ids, twin__isnull=False).values_list("twin_id", flat=True))
        queryset = queryset.filter(pk__in=ids | twin_ids)
    else:
        CardSearchText.objects.all().delete()
    queryset = queryset.with_tree().select_related("twin")
    names_by_code = {"kk": _names_by_code("kk"), "ru": _names_by_code("ru")}
    rows = [_prepare(card, names_by_code) for card in queryset]
    CardSearchText.objects.filter(card__in=[row.card for row in rows]).delete()
    CardSearchText.objects.bulk_create(rows, batch_size=200)
    if connection.vendor == "postgresql" and rows:
        with connection.cursor() as cursor:
            cursor.execute(VECTOR_SQL, [[row.card_id for row in rows]])
    return len(rows)
