"""Where a standard's Kazakh and Russian texts disagree: the bilingual quality report.

One read in a fixed number of queries, :func:`quality_report`, returning plain
dataclasses the template walks. The pure half (:func:`compare_twins`) takes loaded
cards and touches no database.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cards.identity import normalise_name
from cards.models import ProfessionCard
from standards.models import ImportIssue

TREE = ("labour_functions__skills__abilities", "labour_functions__skills__knowledge_items")


def cards_with_tree():
    """Cards with the edition and the whole function tree, in a fixed number of queries."""
    return ProfessionCard.objects.select_related("edition__standard").prefetch_related(*TREE)


CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)

PART_LABELS = {
    "functions": _("labour functions"),
    "skills": _("skills"),
    "abilities": _("abilities"),
    "knowledge": _("knowledge items"),
    "title": _("profession name"),
    "function": _("labour function"),
    "skill": _("skill"),
    "ability": _("ability"),
    "knowledge_item": _("knowledge item"),
    "purpose": _("main purpose"),
    "experience": _("experience requirements"),
    "other_titles": _("other possible titles"),
    "personal_competencies": _("personal competencies"),
    "recognition": _("recognition possibility"),
}


@dataclass(frozen=True)
class Place:
    """Where in a card: a labour function, a skill within it (1-based positions), or the card itself."""

    function: int | None = None
    skill: int | None = None

    @property
    def label(self) -> str:
        if self.skill is not None:
            return gettext("function %(function)s, skill %(skill)s") % {"function": self.function, "skill": self.skill}
        if self.function is not None:
            return gettext("function %(function)s") % {"function": self.function}
        return gettext("card")


@dataclass
class CountDifference:
    place: Place
    part: str  # "functions", "skills", "abilities", "knowledge", or a card's list field (LIST_FIELDS)
    kk: int
    ru: int

    @property
    def label(self):
        return PART_LABELS[self.part]


@dataclass
class IdenticalText:
    place: Place
    part: str  # "title", "purpose", "function", "skill", "ability", "knowledge_item"
    text: str
    item: int | None = None  # position of the ability or knowledge item

    @property
    def label(self):
        return PART_LABELS[self.part]


@dataclass
class OneSided:
    place: Place
    part: str  # a card field ("purpose", ...) or a skill's "abilities", "knowledge", "recognition"
    filled: str  # the language whose side is filled: "kk" or "ru"

    @property
    def label(self):
        return PART_LABELS[self.part]


@dataclass
class TwinReport:
    kk: ProfessionCard
    ru: ProfessionCard
    counts: list[CountDifference] = field(default_factory=list)
    identical: list[IdenticalText] = field(default_factory=list)
    one_sided: list[OneSided] = field(default_factory=list)
    neutral_identical: int = 0  # identical texts without Cyrillic letters (SQL, Linux): not a copy

    @property
    def has_findings(self) -> bool:
        return bool(self.counts or self.identical or self.one_sided)


CARD_FIELDS = ("purpose", "experience", "other_titles", "personal_competencies")
LIST_FIELDS = ("other_titles", "personal_competencies")  # counted like the tree's items


def _filled(value) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


def compare_twins(kk: ProfessionCard, ru: ProfessionCard) -> TwinReport:
    """Where a Kazakh card and its Russian twin disagree in shape, copy text, or leave a side empty.

    Pure: walks prefetched trees, aligned by position (the texts are translations of
    each other, so position is the alignment). An item list empty on one side is
    reported as one-sided, not also as a count difference.
    """
    report = TwinReport(kk, ru)

    def same_text(place, part, kk_text, ru_text, item=None):
        if not _filled(kk_text) or normalise_name(kk_text) != normalise_name(ru_text):
            return
        if CYRILLIC.search(kk_text):
            report.identical.append(IdenticalText(place, part, kk_text, item))
        else:
            report.neutral_identical += 1

    def one_sided(place, part, kk_value, ru_value):
        if _filled(kk_value) != _filled(ru_value):
            report.one_sided.append(OneSided(place, part, "kk" if _filled(kk_value) else "ru"))
            return True
        return False

    card = Place()
    same_text(card, "title", kk.title, ru.title)
    same_text(card, "purpose", kk.purpose, ru.purpose)
    for name in CARD_FIELDS:
        kk_value, ru_value = getattr(kk, name), getattr(ru, name)
        if not one_sided(card, name, kk_value, ru_value) and name in LIST_FIELDS and len(kk_value) != len(ru_value):
            report.counts.append(CountDifference(card, name, len(kk_value), len(ru_value)))
    kk_functions, ru_functions = list(kk.labour_functions.all()), list(ru.labour_functions.all())
    if len(kk_functions) != len(ru_functions):
        report.counts.append(CountDifference(card, "functions", len(kk_functions), len(ru_functions)))
    for kk_function, ru_function in zip(kk_functions, ru_functions, strict=False):
        place = Place(kk_function.position)
        same_text(place, "function", kk_function.title, ru_function.title)
        kk_skills, ru_skills = list(kk_function.skills.all()), list(ru_function.skills.all())
        if len(kk_skills) != len(ru_skills):
            report.counts.append(CountDifference(place, "skills", len(kk_skills), len(ru_skills)))
        for kk_skill, ru_skill in zip(kk_skills, ru_skills, strict=False):
            place = Place(kk_function.position, kk_skill.position)
            same_text(place, "skill", kk_skill.title, ru_skill.title)
            one_sided(place, "recognition", kk_skill.recognition, ru_skill.recognition)
            for part, related in (("abilities", "abilities"), ("knowledge", "knowledge_items")):
                kk_items, ru_items = list(getattr(kk_skill, related).all()), list(getattr(ru_skill, related).all())
                if one_sided(place, part, kk_items, ru_items):
                    continue
                if len(kk_items) != len(ru_items):
                    report.counts.append(CountDifference(place, part, len(kk_items), len(ru_items)))
                singular = "ability" if part == "abilities" else "knowledge_item"
                for kk_item, ru_item in zip(kk_items, ru_items, strict=False):
                    same_text(place, singular, kk_item.text, ru_item.text, kk_item.position)
    return report


@dataclass
class IssueEntry:
    issue: ImportIssue
    card: ProfessionCard | None  # the card whose source lines hold the issue's line


@dataclass
class QualityReport:
    twins: list[TwinReport]
    passport_levels: list[ProfessionCard]
    issues: list[IssueEntry]
    issue_counts: dict[str, int]  # by severity, info included

    @property
    def with_findings(self) -> list[TwinReport]:
        return [t for t in self.twins if t.has_findings]

    @property
    def count_differences(self) -> int:
        return sum(len(t.counts) for t in self.twins)

    @property
    def identical_texts(self) -> int:
        return sum(len(t.identical) for t in self.twins)

    @property
    def neutral_identical_texts(self) -> int:
        return sum(t.neutral_identical for t in self.twins)

    @property
    def one_sided_fields(self) -> int:
        return sum(len(t.one_sided) for t in self.twins)

    @property
    def cards_with_structure_differences(self) -> int:
        return sum(1 for t in self.twins if t.counts)

    # The findings flattened to (twin pair, finding) rows, one table each.
    @property
    def count_rows(self) -> list[tuple[TwinReport, CountDifference]]:
        return [(t, d) for t in self.twins for d in t.counts]

    @property
    def identical_rows(self) -> list[tuple[TwinReport, IdenticalText]]:
        return [(t, d) for t in self.twins for d in t.identical]

    @property
    def one_sided_rows(self) -> list[tuple[TwinReport, OneSided]]:
        return [(t, d) for t in self.twins for d in t.one_sided]


def card_at_line(cards_by_document: dict, document_id: int, line: int) -> ProfessionCard | None:
    for card in cards_by_document.get(document_id, ()):
        if card.first_line <= line <= card.last_line:
            return card
    return None


def quality_report(issues=None) -> QualityReport:
    """The bilingual quality report over the whole registry, in seven queries, plus two for the
    import issues' worklist when ``issues`` (a queryset of ``ImportIssue``, e.g. the worklist's
    FilterSet's ``qs``; staff only) is given.

    Loads every twinned card's tree at once (a few hundred cards), then compares in Python.
    """
    twinned = {c.pk: c for c in cards_with_tree().filter(twin__isnull=False)}
    twins = [
        compare_twins(card, twinned[card.twin_id])
        for card in twinned.values()
        if card.edition.language == "kk" and card.twin_id in twinned
    ]
    twins.sort(key=lambda t: (t.kk.edition.standard.code, t.kk.position))
    passport = list(
        ProfessionCard.objects.filter(level_source=ProfessionCard.LevelSource.PASSPORT)
        .select_related("edition__standard", "edition__document")
        .order_by("edition__standard__code", "edition__status", "edition__language", "position")
    )
    entries = []
    if issues is not None:
        entries = located(
            list(issues.select_related("document", "resolved_by").order_by("document__file_name", "line", "pk"))
        )
    counts = ImportIssue.objects.values_list("severity").annotate(n=Count("pk")).order_by()
    issue_counts = {severity: 0 for severity in ImportIssue.Severity.values} | dict(counts)
    return QualityReport(twins, passport, entries, issue_counts)


def located(issues: list[ImportIssue]) -> list[IssueEntry]:
    """Pair each issue with the card whose source lines contain it (one query for all)."""
    documents = {i.document_id for i in issues}
    by_document = defaultdict(list)
    for card in ProfessionCard.objects.filter(edition__document__in=documents).select_related("edition__standard"):
        by_document[card.edition.document_id].append(card)
    return [IssueEntry(i, card_at_line(by_document, i.document_id, i.line)) for i in issues]
