"""Reading a pasted text (pure): its language, its passages (sentences and list items), their stems.

The stems are the search's: Snowball's Russian stemmer (as :func:`cards.search.query.russian_stem`,
the algorithm of PostgreSQL's ``russian`` configuration) and the registry's Kazakh suffix stemmer
(:mod:`cards.kazakh`), so a passage and a card item meet on the same forms as a query and a card do.
(``cards.search`` itself is not imported: its package loads Django.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from cards import kazakh

KAZAKH_LETTERS = set("әғқңөұүһі")
OTHER_CYRILLIC = set("їєґўј")  # Ukrainian, Belarusian, Serbian: not a language the registry has
MIN_CYRILLIC_SHARE = 0.5  # a Russian vacancy names Python and SQL, but its words are Cyrillic
MIN_KAZAKH_SHARE = 0.01  # of the Cyrillic letters: Kazakh text has one in every ten or so

_russian = snowballstemmer.stemmer("russian")

# Function words of vacancies and programmes (the search's Russian ones among them): they would
# match every item.
RUSSIAN_STOPWORDS = frozenset(
    "и в во на по для с со от до из к ко у о об обо при за как что не без над под через или а же ли".split()
)
EXTRA_STOPWORDS = frozenset(
    """
    мы вы они он она оно это этот эта эти тот та те весь все всех всё его её их наш наша наши ваш
    ваша ваши свой быть был была были будет будут есть который которая которые которых также
    так то чтобы если или либо а но да нет ещё уже очень более менее др т п д пр см
    біз сіз олар ол мен сен бұл осы сол әр барлық өз біздің сіздің болу болып болады керек
    қажет және немесе мен пен бен де да те та ма ме ба бе па пе
    """.split()
)
STOPWORDS = RUSSIAN_STOPWORDS | kazakh.STOPWORDS | EXTRA_STOPWORDS

_LIST_MARKER = re.compile(r"^\s*(?:[-–—•·*▪►✓✔]+|\(?\d{1,2}(?:\.\d{1,2})*[.)]|[a-zа-я][.)])\s*", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|(?<=:)\s+(?=[-–—•·*])")
MAX_PASSAGE = 400  # characters: a longer sentence is cut at commas


@lru_cache(maxsize=65536)
def russian_stem(word: str) -> str:
    """Snowball's Russian stem of a lower-case word (what the search index and PostgreSQL use)."""
    return _russian.stemWord(word.replace("ё", "е"))


@dataclass(frozen=True)
class Passage:
    """A sentence or a list item of the text, as written, and its stems."""

    index: int
    text: str
    stems: tuple[str, ...]


def detect_language(text: str) -> str | None:
    """``"kk"``, ``"ru"``, or None when the text is neither (or has no letters).

    Kazakh is told by its own letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і), which Russian never writes;
    a text mostly in Latin letters, or with Ukrainian letters, is neither.
    """
    letters = [ch for ch in text.lower() if ch.isalpha()]
    if not letters:
        return None
    cyrillic = [ch for ch in letters if "\u0400" <= ch <= "\u04ff"]
    if len(cyrillic) < MIN_CYRILLIC_SHARE * len(letters):
        return None
    if sum(ch in OTHER_CYRILLIC for ch in cyrillic) > 0.002 * len(cyrillic):
        return None
    kazakh_share = sum(ch in KAZAKH_LETTERS for ch in cyrillic) / len(cyrillic)
    return "kk" if kazakh_share >= MIN_KAZAKH_SHARE else "ru"


def word_stem(word: str, language: str) -> str:
    """One word's stem in ``language`` ('' for a stop word or a one-letter word)."""
    lower = word.lower().replace("ё", "е")
    if len(lower) < 2 or lower in STOPWORDS:
        return ""
    if not lower.isalpha():
        return lower  # codes, versions, words with digits: as written
    if language == "kk":
        return kazakh.stem(lower)
    if any(ch in KAZAKH_LETTERS for ch in lower):
        return kazakh.stem(lower)
    return russian_stem(lower) if any("а" <= ch <= "я" for ch in lower) else lower


def stems(text: str, language: str) -> tuple[str, ...]:
    """The stems of ``text``'s words in ``language``, stop words left out, in order."""
    found = (word_stem(word, language) for word in kazakh.words(text))
    return tuple(stem for stem in found if stem)


def _pieces(text: str) -> list[str]:
    for line in text.replace("\r", "\n").split("\n"):
        for sentence in _SENTENCE_END.split(line):
            sentence = _LIST_MARKER.sub("", sentence).strip(" \t;,.")
            while len(sentence) > MAX_PASSAGE:
                cut = sentence.rfind(",", 0, MAX_PASSAGE)
                cut = cut if cut > MAX_PASSAGE // 3 else MAX_PASSAGE
                yield sentence[:cut].strip(" ,")
                sentence = sentence[cut:].strip(" ,")
            if sentence:
                yield sentence


def passages(text: str, language: str) -> list[Passage]:
    """The sentences and list items of ``text`` (list markers dropped) that have a word to match."""
    found = []
    for piece in _pieces(text):
        piece_stems = stems(piece, language)
        if piece_stems:
            found.append(Passage(len(found), piece, piece_stems))
    return found
