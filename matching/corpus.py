"""The registry as the engine reads it (pure): cards as plain trees, and the index over their items.

The adapter (:mod:`cards.matching`) turns the database's in-force cards into :class:`CardText`
trees; :class:`Corpus` indexes every item of them (labour functions, skills, abilities,
knowledge) by stem, one index per language, with each stem's IDF among that language's items.
A card is one text of a *unit*: a standard and a position, whose Kazakh and Russian texts are twins.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz, process

from cards import kazakh
from cards.identity import normalise_name
from matching.text import russian_stem, stems

FUNCTION, SKILL, ABILITY, KNOWLEDGE = "function", "skill", "ability", "knowledge"
MIN_FUZZY_LENGTH = 5  # shorter stems are matched exactly: "база", "желі" are a letter from many others
FUZZY_CUTOFF = 86.0  # rapidfuzz ratio of two stems for a misspelt or oddly inflected word to count


@dataclass(frozen=True)
class SkillText:
    number: int
    title: str
    abilities: tuple[str, ...] = ()
    knowledge: tuple[str, ...] = ()


@dataclass(frozen=True)
class FunctionText:
    number: int
    title: str
    skills: tuple[SkillText, ...] = ()


@dataclass(frozen=True)
class CardText:
    """One card's text. ``unit`` (e.g. ``"J070/3"``) is shared by the kk and ru twins."""

    unit: str
    language: str
    title: str
    level: int | None
    standard: str
    functions: tuple[FunctionText, ...] = ()


@dataclass(frozen=True)
class Item:
    """One line of a card that a passage can cover. ``path`` is (function, skill, kind, n), 0-based."""

    card: int  # index into Corpus.cards
    kind: str
    text: str
    path: tuple[int, int, str, int]
    stems: frozenset[str]
    weight: float  # the sum of its stems' IDF: how much it says


@dataclass
class LanguageIndex:
    items: list[int] = field(default_factory=list)  # indexes into Corpus.items
    postings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    idf: dict[str, float] = field(default_factory=dict)


def card_items(card: CardText) -> list[tuple[str, str, tuple[int, int, str, int]]]:
    """A card's items in reading order: (kind, text, path)."""
    items = []
    for f, function in enumerate(card.functions):
        items.append((FUNCTION, function.title, (f, -1, FUNCTION, 0)))
        for s, skill in enumerate(function.skills):
            items.append((SKILL, skill.title, (f, s, SKILL, 0)))
            items += [(ABILITY, text, (f, s, ABILITY, n)) for n, text in enumerate(skill.abilities)]
            items += [(KNOWLEDGE, text, (f, s, KNOWLEDGE, n)) for n, text in enumerate(skill.knowledge)]
    return items


def glossary_stems(ru_to_kk: dict[str, str], source: str) -> dict[str, tuple[str, ...]]:
    """Stem -> the other language's stems, from a Russian -> Kazakh glossary of words."""
    found: dict[str, list[str]] = defaultdict(list)
    for ru, kk in ru_to_kk.items():
        ru_stem = russian_stem(ru)
        kk_stems = [kazakh.stem(word) for word in kk.split()]
        if source == "ru":
            found[ru_stem] += kk_stems
        else:
            for stem in kk_stems:
                found[stem].append(ru_stem)
    return {stem: tuple(dict.fromkeys(others)) for stem, others in found.items()}


LEXICON_MIN_PAIRS = 2  # a stem pair seen in fewer twin lines is chance
LEXICON_MIN_DICE = 0.25
LEXICON_PER_STEM = 3

Lexicon = dict[str, dict[str, dict[str, float]]]  # source language -> stem -> other stem -> weight


def twin_lexicon(cards: list[CardText]) -> Lexicon:
    """A stem dictionary learnt from the twins: the kk and ru texts of one unit say the same line at
    the same path, so stems that keep meeting in twin lines translate each other. Each stem keeps
    its :data:`LEXICON_PER_STEM` best partners by Dice coefficient (at least :data:`LEXICON_MIN_DICE`,
    in at least :data:`LEXICON_MIN_PAIRS` lines)."""
    by_unit: dict[str, dict[str, CardText]] = defaultdict(dict)
    for card in cards:
        by_unit[card.unit][card.language] = card
    pair_count: dict[tuple[str, str], int] = defaultdict(int)
    seen = {"ru": defaultdict(int), "kk": defaultdict(int)}
    for twins in by_unit.values():
        if set(twins) != {"kk", "ru"}:
            continue
        kk_items = {path: text for _kind, text, path in card_items(twins["kk"])}
        for _kind, text, path in card_items(twins["ru"]):
            if path not in kk_items:
                continue
            ru_stems, kk_stems = set(stems(text, "ru")), set(stems(kk_items[path], "kk"))
            for stem in ru_stems:
                seen["ru"][stem] += 1
            for stem in kk_stems:
                seen["kk"][stem] += 1
            for ru in ru_stems:
                for kk in kk_stems:
                    pair_count[(ru, kk)] += 1
    candidates: Lexicon = {"ru": defaultdict(dict), "kk": defaultdict(dict)}
    for (ru, kk), count in pair_count.items():
        if count < LEXICON_MIN_PAIRS:
            continue
        dice = 2 * count / (seen["ru"][ru] + seen["kk"][kk])
        if dice >= LEXICON_MIN_DICE:
            candidates["ru"][ru][kk] = dice
            candidates["kk"][kk][ru] = dice
    return {
        language: {
            stem: dict(sorted(others.items(), key=lambda pair: -pair[1])[:LEXICON_PER_STEM])
            for stem, others in by_stem.items()
        }
        for language, by_stem in candidates.items()
    }


class Corpus:
    """Every item of ``cards``, indexed by stem per language. Built once per content revision."""

    def __init__(self, cards: list[CardText], glossary: dict[str, str] | None = None, lexicon: Lexicon | None = None):
        """``glossary``: Russian word -> Kazakh words (space-separated), and ``lexicon`` (default:
        :func:`twin_lexicon` of ``cards``), to carry a text's words over to a unit that has no text
        in its language."""
        self.cards = list(cards)
        self.glossary = dict(glossary or {})
        self.lexicon = twin_lexicon(self.cards) if lexicon is None else lexicon
        self.by_unit: dict[str, dict[str, int]] = defaultdict(dict)
        raw: list[tuple[int, str, str, tuple, frozenset[str]]] = []
        for c, card in enumerate(self.cards):
            self.by_unit[card.unit][card.language] = c
            for kind, text, path in card_items(card):
                raw.append((c, kind, text, path, frozenset(stems(text, card.language))))
        df: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        count: dict[str, int] = defaultdict(int)
        for c, _kind, _text, _path, item_stems in raw:
            language = self.cards[c].language
            count[language] += 1
            for stem in item_stems:
                df[language][stem] += 1
        self.indexes: dict[str, LanguageIndex] = {}
        for language, n in count.items():
            index = self.indexes[language] = LanguageIndex()
            index.idf = {stem: math.log((n + 1) / (d + 0.5)) for stem, d in df[language].items()}
        self.items: list[Item] = []
        self.card_items: list[list[int]] = [[] for _card in self.cards]
        for c, kind, text, path, item_stems in raw:
            index = self.indexes[self.cards[c].language]
            weight = sum(index.idf[stem] for stem in item_stems)
            i = len(self.items)
            self.items.append(Item(c, kind, text, path, item_stems, weight))
            self.card_items[c].append(i)
            index.items.append(i)
            for stem in item_stems:
                index.postings[stem].append(i)

    def translations(self, source: str) -> dict[str, dict[str, float]]:
        """Stem of ``source`` -> the other language's stems with a weight: the glossary's (1) and the
        twins' lexicon's (their Dice coefficient)."""
        cache = self.__dict__.setdefault("_translations", {})
        if source not in cache:
            found: dict[str, dict[str, float]] = defaultdict(dict)
            for stem, others in self.lexicon.get(source, {}).items():
                found[stem].update(others)
            for stem, others in glossary_stems(self.glossary, source).items():
                found[stem].update(dict.fromkeys(others, 1.0))
            cache[source] = dict(found)
        return cache[source]

    @cached_property
    def weights(self) -> list[float]:
        """Each item's weight, by item index (an item without a stem weighs infinitely: never matched)."""
        return [item.weight or float("inf") for item in self.items]

    def folded(self, i: int) -> str:
        """Item ``i``'s text folded for comparison (:func:`cards.identity.normalise_name`), cached."""
        cache = self.__dict__.setdefault("_folded", {})
        if i not in cache:
            cache[i] = normalise_name(self.items[i].text)
        return cache[i]

    @cached_property
    def vocabularies(self) -> dict[str, list[str]]:
        return {language: sorted(index.postings) for language, index in self.indexes.items()}

    def near_stems(self, stem: str, language: str) -> dict[str, float]:
        """The index's stems a stem the index lacks is near (a typo, an inflection the stemmer
        left): rapidfuzz ratio at least :data:`FUZZY_CUTOFF`, same first letter; stem -> similarity."""
        cache = self.__dict__.setdefault("_near", {})
        key = (stem, language)
        if key not in cache:
            found: dict[str, float] = {}
            if len(stem) >= MIN_FUZZY_LENGTH and stem.isalpha() and language in self.indexes:
                for choice, score, _i in process.extract(
                    stem, self.vocabularies[language], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3
                ):
                    if choice[0] == stem[0] and len(choice) >= MIN_FUZZY_LENGTH:
                        found[choice] = score / 100
            cache[key] = found
        return cache[key]
