"""A small Kazakh suffix stemmer, designed for the registry's vocabulary.

No stemmer ships for Kazakh (neither PostgreSQL nor Snowball has one), and search needs
"әкімшісі", "әкімшілері", "әкімшіге" and "әкімші" to meet. Kazakh is agglutinative and
regular: a noun is ``stem + plural + possessive + case``, each a short suffix whose vowel
follows the stem (vowel harmony) and whose first consonant follows the stem's last sound.
So instead of a dictionary the stemmer strips suffixes from the end of the word, the
longest one first, again and again, while what is left stays a plausible stem:

* **case** (-ның/-нің/-дың..., -ға/-ге/-қа/-ке/-на/-не, -ды/-ді/-ты/-ті/-ны/-ні, -да/-де/-та/-те,
  -дан/-ден/-тан/-тен/-нан/-нен, -мен/-бен/-пен, and the attributive -дағы/-дегі/-ндағы...);
* **possessive** (-ы/-і/-сы/-сі and -ын/-ін/-сын/-сін before a case, -лары/-лері ...);
* **plural** (-лар/-лер/-дар/-дер/-тар/-тер);
* a few **derivational** suffixes that the registry's titles use for the same idea and
  that users swap freely: adjectival -лық/-лік/-дық/-дік/-тық/-тік ("бұлттық" ~ "бұлт"),
  the agent -шы/-ші ("бағдарламашы" ~ "бағдарлама", "әзірлеуші" ~ "әзірлеу"), and the
  verbal noun -у ("тестілеу" ~ "тестіле", so "тестілеуші" meets it).

Why not more: every extra suffix merges more words that mean different things. The
registry's words are long (deverbal nouns, loan words), so stems of at least four letters
with a vowel keep them apart; single-vowel datives (-а/-е) are never stripped ("база"
stays "база"), and a word of five letters or fewer loses at most one suffix. What the
stemmer merges wrongly it merges the same way in the text and in the query, so the cost is a
little precision, never a lost match. Latin words, codes and words with digits are left as
they are. Search adds prefix matching on the query's stems (see :mod:`cards.search`) for
the derivations the stemmer leaves apart ("әкімші" finds "әкімшілендіру").

Pure Python, no Django: the search index applies it to the Kazakh text at import time and
to every query word, so both sides meet on the same stems.
"""

from __future__ import annotations

import re
from functools import lru_cache

VOWELS = set("аәеёиоөуұүыіэюя")
WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+")

# Slots, outermost (case) first: a word is stripped case, then possessive, then plural, then
# derivational suffixes, never backwards (so "машиналық" loses -лық but not then -на).
_SLOTS = (
    # case
    """ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті да де та те нда нде
    дан ден тан тен нан нен мен бен пен менен дағы дегі тағы тегі ндағы ндегі""",
    # possessive (with the -н of a following case)
    "ы і сы сі ын ін сын сін ым ім ың ің ымыз іміз ыңыз іңіз мыз міз лары лері дары дері тары тері",
    # plural
    "лар лер дар дер тар тер",
    # derivational
    "лық лік дық дік тық тік шы ші у",
)
SUFFIXES = sorted(
    ((suffix, slot) for slot, group in enumerate(_SLOTS) for suffix in group.split()),
    key=lambda pair: len(pair[0]),
    reverse=True,
)
DERIVATIONAL = len(_SLOTS) - 1  # the only slot that may repeat ("-шы-лық")
MIN_STEM = 4
MAX_STEPS = 4
VOICELESS = set("кқпстфхцчшщ")

# Function words of the registry's titles and texts: they would match every card.
STOPWORDS = frozenset(
    """
    және мен немесе жөніндегі бойынша үшін туралы арқылы сондай ақ бар жоқ тиісті
    оның олардың осы бұл сол та те да де ал бірақ не
    """.split()
)


def _has_vowel(text: str) -> bool:
    return any(ch in VOWELS for ch in text)


def _fits(rest: str, suffix: str) -> bool:
    """Whether ``suffix`` can follow ``rest`` (the sound rules of its first letter)."""
    if len(rest) < MIN_STEM or not _has_vowel(rest):
        return False
    last, first = rest[-1], suffix[0]
    if first in "нсл" and suffix not in ("лар", "лер", "лары", "лері", "лық", "лік"):
        return last in VOWELS  # -ны, -ның, -на, -нда, -нан, -сы, -сын after a vowel
    if first in "ыі":
        return last not in VOWELS  # possessive -ы/-і after a consonant
    if first in "тқкп":
        return last in VOICELESS  # -тар, -тың, -қа, -пен after a voiceless consonant
    if first in "дғгб":
        return last not in VOICELESS
    return True


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one Kazakh word, lower-cased; other words are returned lower-cased.

    Cached: the registry's vocabulary is small (a few thousand words) and an import stems ~100,000."""
    word = word.lower().replace("ё", "е")
    if not word.isalpha() or not any("а" <= ch <= "я" or ch in "әғқңөұүһі" for ch in word):
        return word
    slot = -1
    for _ in range(1 if len(word) <= 5 else MAX_STEPS):
        for suffix, suffix_slot in SUFFIXES:
            if (
                (suffix_slot > slot or suffix_slot == DERIVATIONAL)
                and word.endswith(suffix)
                and _fits(word[: -len(suffix)], suffix)
            ):
                word, slot = word[: -len(suffix)], suffix_slot
                break
        else:
            break
    # A stem-final -н after a vowel is dropped: "маманы" reads as маман+ы or мама+ны, and
    # "жүйені" as жүйе+ні or жүйен+і; without a dictionary both sides meet on "мама", "жүйе".
    if len(word) >= 5 and word[-1] == "н" and word[-2] in VOWELS:
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits), in order."""
    return WORD.findall(text)


def stems(text: str) -> list[str]:
    """The stems of the words of ``text``, stop words left out."""
    return [stem(w) for w in words(text) if w.lower() not in STOPWORDS]


def stemmed_text(text: str) -> str:
    """``text`` as space-separated stems: what the search index stores for Kazakh text."""
    return " ".join(stems(text))
