"""Links between documents, made after loading: :mod:`importers.service` runs :func:`link_registry`
in the import's transaction, after the documents are loaded and before the search index and
the content revision.

* superseded editions (a standalone standard text whose standard is now approved by
  an order under another code) attach to the current standard;
* standard titles in both languages (editions, and the orders' preambles);
* kk/ru twins: cards at the same position of the two languages' editions of one version;
* predecessors: the card of a superseded edition that a current card replaces;
* related-profession rows to the cards they name.

Every step recomputes its links from scratch, so running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from rapidfuzz import fuzz

from cards.identity import normalise_name
from cards.isco import is_occupation_code
from cards.models import ProfessionCard, RelatedProfession
from standards.models import Edition, SourceDocument, Standard

TITLE_MATCH = 80  # rapidfuzz score for "the same standard under another code"
RELATED_MATCH_SAME_STANDARD = 70
RELATED_MATCH_ELSEWHERE = 85
PREDECESSOR_MATCH = 45


@dataclass
class LinkReport:
    superseded_editions: int = 0
    twin_pairs: int = 0
    predecessors: int = 0
    related_linked: int = 0
    related_total: int = 0


def link_registry() -> LinkReport:
    """Recompute every link between documents. Runs in the caller's transaction."""
    report = LinkReport()
    report.superseded_editions = attach_superseded_editions()
    fill_standard_titles()
    fill_missing_annexes()
    report.twin_pairs = link_twins()
    report.predecessors = link_predecessors()
    report.related_linked, report.related_total = link_related_professions()
    return report


def _current_standards() -> list[Standard]:
    """Standards approved by an order (not only by a standalone text)."""
    return list(Standard.objects.filter(editions__document__kind__in=["order", "amending_order"]).distinct())


def _title_score(edition: Edition, standard: Standard) -> float:
    title = normalise_name(edition.title or edition.heading_title)
    candidates = [standard.title_kk, standard.title_ru]
    return max((fuzz.token_set_ratio(title, normalise_name(t)) for t in candidates if t), default=0)


def attach_superseded_editions() -> int:
    """Move editions of standalone texts under the current standard they are an older edition of."""
    current = _current_standards()
    moved = 0
    standalone = Edition.objects.filter(document__kind=SourceDocument.Kind.STANDARD).select_related("standard")
    for edition in standalone:
        match = next((s for s in current if s.code == edition.standard.code), None)
        if match is None:
            scored = [(_title_score(edition, s) + _oked_bonus(edition, s), s) for s in current]
            scored = [pair for pair in scored if pair[0] >= TITLE_MATCH]
            match = max(scored, key=lambda pair: pair[0])[1] if scored else None
        if match is None:
            continue
        newer = match.editions.exclude(pk=edition.pk).filter(document__kind__in=["order", "amending_order"])
        newest_year = max((e.year or 0 for e in newer), default=0)
        if edition.year and newest_year and edition.year >= newest_year:
            continue
        old_standard = edition.standard
        if old_standard.pk != match.pk:
            taken = set(match.editions.values_list("key", flat=True))
            key, n = edition.key, 2
            while key in taken:
                key, n = f"{edition.key}-{n}", n + 1
            edition.standard, edition.key = match, key
        edition.status = Edition.Status.SUPERSEDED
        edition.save(update_fields=["standard", "key", "status"])
        if old_standard.pk != match.pk and not old_standard.editions.exists():
            old_standard.delete()
        moved += 1
    return moved


def _oked_bonus(edition: Edition, standard: Standard) -> float:
    codes = set(edition.oked_codes)
    theirs = {c for e in standard.editions.all() for c in e.oked_codes}
    return 10 if codes & theirs else 0


def fill_standard_titles() -> None:
    """Fill each standard's kk and ru titles from its in-force editions, then from the preambles."""
    preamble = {"kk": {}, "ru": {}}
    for document in SourceDocument.objects.exclude(annex_titles={}):
        for annex, title in document.annex_titles.items():
            preamble[document.language].setdefault(int(annex), title)
    for standard in Standard.objects.prefetch_related("editions"):
        editions = sorted(standard.editions.all(), key=lambda e: (e.status != Edition.Status.IN_FORCE, -(e.year or 0)))
        changed = []
        for language, field in (("kk", "title_kk"), ("ru", "title_ru")):
            title = next((e.title for e in editions if e.language == language and e.title), "")
            if not title:
                annex = next((e.annex for e in editions if e.annex and e.status == Edition.Status.IN_FORCE), None)
                title = preamble[language].get(annex, "") if annex else ""
            if title and getattr(standard, field) != title:
                setattr(standard, field, title)
                changed.append(field)
        if changed:
            standard.save(update_fields=changed)


def fill_missing_annexes() -> None:
    """An in-force edition printed without its annex header (J074 in order 209) takes its twin's annex."""
    for edition in Edition.objects.in_force().filter(annex__isnull=True):
        twin = (
            Edition.objects.in_force()
            .filter(standard=edition.standard, version=edition.version, annex__isnull=False)
            .exclude(language=edition.language)
            .first()
        )
        taken = twin and edition.document.editions.filter(annex=twin.annex).exists()
        if twin and not taken:
            edition.annex = twin.annex
            edition.save(update_fields=["annex"])


def link_twins() -> int:
    """Pair kk and ru cards of the in-force editions of one standard and version, by position."""
    ProfessionCard.objects.filter(twin__isnull=False).update(twin=None)
    pairs = 0
    in_force = Edition.objects.in_force().prefetch_related("cards")
    by_standard: dict[tuple[int, int | None], dict[str, Edition]] = {}
    for edition in in_force:
        by_standard.setdefault((edition.standard_id, edition.version), {})[edition.language] = edition
    for editions in by_standard.values():
        kk, ru = editions.get("kk"), editions.get("ru")
        if not (kk and ru):
            continue
        kk_cards = {c.position: c for c in kk.cards.all()}
        for ru_card in ru.cards.all():
            kk_card = kk_cards.get(ru_card.position)
            if kk_card is None:
                continue
            kk_card.twin, ru_card.twin = ru_card, kk_card
            for card, other in ((kk_card, ru_card), (ru_card, kk_card)):
                if card.level is None and other.level is not None:
                    card.level, card.level_source = other.level, ProfessionCard.LevelSource.TWIN
            ProfessionCard.objects.bulk_update([kk_card, ru_card], ["twin", "level", "level_source"])
            pairs += 1
    return pairs


def _content(card: ProfessionCard) -> str:
    parts = [f.title for f in card.labour_functions.all()]
    parts += [s.title for f in card.labour_functions.all() for s in f.skills.all()]
    return normalise_name(" ".join(parts))


def predecessor_score(old: ProfessionCard, new: ProfessionCard) -> float:
    """How surely ``new`` replaces ``old`` (0–100), for cards of one level without a shared code."""
    names_old = [normalise_name(old.title), *(normalise_name(t) for t in old.other_titles)]
    name = max(fuzz.token_set_ratio(n, normalise_name(new.title)) for n in names_old if n)
    content = fuzz.token_set_ratio(_content(old), _content(new))
    return 0.5 * name + 0.5 * content


def link_predecessors() -> int:
    """Link each card of an in-force edition to the card of the superseded edition it replaces."""
    ProfessionCard.objects.filter(predecessor__isnull=False).update(predecessor=None)
    linked = 0
    for old_edition in Edition.objects.superseded().select_related("standard"):
        current = list(old_edition.standard.editions.in_force())
        target = next((e for e in current if e.language == old_edition.language), current[0] if current else None)
        if target is None:
            continue
        old_cards = list(old_edition.cards.prefetch_related("labour_functions__skills"))
        new_cards = list(target.cards.prefetch_related("labour_functions__skills"))
        for old, new in _match_predecessors(old_cards, new_cards):
            successors = [new] + ([new.twin] if new.twin_id else [])
            for card in successors:
                card.predecessor = old
            ProfessionCard.objects.bulk_update(successors, ["predecessor"])
            linked += 1
    return linked


def _match_predecessors(old_cards, new_cards):
    """One-to-one pairs (old, new): same full occupation code and level first, then by similarity."""
    pairs, used_old, used_new = [], set(), set()
    for old in old_cards:
        if not is_occupation_code(old.occupation_code):
            continue
        for new in new_cards:
            if new.pk in used_new or new.level != old.level or new.occupation_code != old.occupation_code:
                continue
            pairs.append((old, new))
            used_old.add(old.pk)
            used_new.add(new.pk)
            break
    scored = []
    for old in old_cards:
        if old.pk in used_old:
            continue
        for new in new_cards:
            if new.pk in used_new or new.level != old.level:
                continue
            both_coded = is_occupation_code(old.occupation_code) and is_occupation_code(new.occupation_code)
            if both_coded:
                continue  # two different codes: a different occupation, not a renamed one
            scored.append((predecessor_score(old, new), old, new))
    for score, old, new in sorted(scored, key=lambda t: -t[0]):
        if score < PREDECESSOR_MATCH or old.pk in used_old or new.pk in used_new:
            continue
        pairs.append((old, new))
        used_old.add(old.pk)
        used_new.add(new.pk)
    return pairs


def link_related_professions() -> tuple[int, int]:
    """Point each related-profession row at the card it names: same standard first, then any."""
    rows = list(RelatedProfession.objects.select_related("card__edition"))
    cards = list(ProfessionCard.objects.select_related("edition"))
    by_language: dict[str, list[ProfessionCard]] = {}
    for card in cards:
        by_language.setdefault(card.edition.language, []).append(card)
    linked = 0
    for row in rows:
        row.target = _related_target(row, by_language.get(row.card.edition.language, []))
        linked += row.target is not None
    RelatedProfession.objects.bulk_update(rows, ["target"], batch_size=500)
    return linked, len(rows)


def _related_target(row: RelatedProfession, cards: list[ProfessionCard]) -> ProfessionCard | None:
    name = normalise_name(row.title)
    own = row.card.edition
    best, best_score = None, 0.0
    levels = range(row.level, (row.level_max or row.level) + 1) if row.level else ()
    for card in cards:
        if card.level not in levels or card.pk == row.card_id:
            continue
        same_edition = card.edition_id == own.id
        if not same_edition and card.edition.status != Edition.Status.IN_FORCE:
            continue
        score = max(fuzz.ratio(name, normalise_name(card.title)), fuzz.ratio(name, normalise_name(card.header_title)))
        threshold = RELATED_MATCH_SAME_STANDARD if same_edition else RELATED_MATCH_ELSEWHERE
        score += 5 if same_edition else 0
        if score >= threshold and score > best_score:
            best, best_score = card, score
    return best


def cards_without_level() -> int:
    return ProfessionCard.objects.filter(Q(level__isnull=True)).count()
