"""Typos read by edit distance (pure): a query word that no name has is read as the names' words it misspells.

Trigram similarity (PostgreSQL's ``word_similarity`` over a card's names, rapidfuzz's
``partial_ratio`` on SQLite) catches a typo in a long Russian word, but not in a Kazakh one:
Kazakh words are short once stemmed, and a missing vowel breaks half their trigrams.
"тестлеуші", a typo of "тестілеуші", stems to "тестле", the testers' titles to "тестіле": they
share 5 of 10 trigrams, and the raw word shares 5 of 14 with the titles' "тестілеу" (0.4, under
any threshold that keeps other words apart). Trigrams also reward words that are no typo:
"администрация" reaches 0.71 with every administrator's names. An edit distance says what a
reader sees: one letter missing.

So :func:`readings` compares the word as typed with the words of the candidates' names, and
each of its stems (Kazakh, Snowball) with theirs, by optimal string alignment (an insertion,
deletion, substitution or swap of two neighbours is one edit): at most :func:`max_edits`, and
the two ending alike. A name's word within reach gives its stems, and a card whose title,
other names or standard title has one of them scores that place's weight times the similarity.
Both scorers run :func:`read_typos` on the same index rows, so a typo finds the same cards on
PostgreSQL and on SQLite; their trigram or fuzzy similarity is left the words read as nothing.
The limits were measured with ``bench/search.py --typos`` on the bundled orders: on 276
misspellings of the quality set's words the readings find 84% of the cards the right word names
and no other card.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from cards import kazakh
from cards.search.query import QueryWord, russian_stem
from cards.search.scoring import WEIGHTS, Match

NAME_GROUPS = ("title", "alias", "standard")
MIN_LENGTH = 5  # shorter words are read as typed: "база", "желі" are a letter away from too many others


def max_edits(length: int, stem: bool = False) -> int:
    """The edits a form of ``length`` letters may be from a name's (chosen with bench/search.py --typos).

    A stem gets one at most: a second would as often bridge a different suffix as a slip.
    """
    if length < MIN_LENGTH:
        return 0
    return 1 if length < 9 or stem else 2


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, str, str]:
    """A word as typed (lower-case), its Kazakh stem and its Snowball stem."""
    word = word.lower().replace("ё", "е")
    return word, kazakh.stem(word), russian_stem(word)


def readings(word: QueryWord, vocabulary: Iterable[str]) -> dict[str, float]:
    """The stems ``word`` may be a typo of, with their similarity (1 - edits / length).

    ``vocabulary`` are the words of the names. ``word`` is compared as typed with them and by
    each of its stems with theirs (a stem of the typo with the same stem of theirs); a name's
    word it is close to gives its stems. The two must end alike: an edit of the last letter
    changes an ending (a case, a suffix: another word) more often than it is a slip, so
    "техниколық" is read as "техникалық", not as "техник".
    """
    names = sorted(set(vocabulary))
    forms = [_forms(name) for name in names]
    found: dict[str, float] = {}
    for kind, form in enumerate(_forms(word.text)):
        limit = max_edits(len(form), stem=kind > 0)
        if not limit:
            continue
        choices = [f[kind] for f in forms]
        for choice, edits, index in process.extract(form, choices, scorer=OSA.distance, score_cutoff=limit, limit=None):
            if edits and choice[-1] == form[-1]:
                for stem in forms[index][1:]:
                    found[stem] = max(found.get(stem, 0.0), 1 - edits / len(form))
    return found


def name_stems(stems: dict[str, str | None]) -> dict[str, str]:
    """An index row's ``stems`` (group -> space-separated stems) -> those of its name groups."""
    return {group: stems.get(group) or "" for group in NAME_GROUPS}


def read_typos(
    words: Sequence[QueryWord],
    named: Sequence[bool],
    matches: Sequence[Match],
    last_resort: Callable[[int, Match], float],
) -> list[dict[str, float]]:
    """Score the query's typos in ``matches``, in place, and return per word the stems it was read as.

    For each word no name has (``named`` false): a card whose name groups have a stem it may be
    a typo of (:func:`readings` over the words of every candidate's names) scores the group's
    weight times the similarity; a word read as nothing scores ``last_resort(word index, match)``
    (the backend's trigram or fuzzy similarity, or 0). A word scores that unless it already
    scores more. The stems are those the results mark, as they mark the query's words.
    """
    read_as: list[dict[str, float]] = [{} for _word in words]
    unnamed = [i for i, word in enumerate(words) if not named[i] and len(word.text) >= MIN_LENGTH]
    if not unnamed:
        return read_as
    vocabulary = set().union(*(kazakh.words(match.names) for match in matches))
    groups = [{group: set(stems.split()) for group, stems in match.name_stems.items()} for match in matches]
    for i in unnamed:
        found = read_as[i] = readings(words[i], vocabulary)
        for match, stems_of in zip(matches, groups, strict=True):
            if found:
                typo_score = max(
                    (
                        WEIGHTS[group] * found[stem]
                        for group, stems in stems_of.items()
                        for stem in found.keys() & stems
                    ),
                    default=0.0,
                )
            else:
                typo_score = last_resort(i, match)
            match.word_scores[i] = max(match.word_scores[i], typo_score)
    return read_as
