"""The card page's model reads compiled once give, over the bundled orders, the instances the ORM's
querysets gave: the same cards in the same order, the same fields read (and the same left deferred),
the same values after the fields' converters, and the same related objects set on them."""

from __future__ import annotations

import pytest
from django.db.models import QuerySet

from cards.compiled import Part, compiled_instances
from cards.identity import has_occupation_code, profession_key
from cards.models import ProfessionCard, RelatedProfession
from cards.selectors import LISTED_FIELDS, card_neighbours, current_card, related_professions_of
from standards.models import Edition
from tests.factories import make_card

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

TEXT_FIELDS = (
    "edition__version",
    "edition__year",
    "edition__document__kind",
    "edition__document__order_number",
    "edition__document__order_date",
)


def loaded(instance, paths: tuple[str, ...]) -> dict:
    """Each object along ``paths`` (``""``, ``"edition"``, ...): its class, loaded values and deferred fields."""
    seen = {}
    for path in paths:
        obj = instance
        for step in filter(None, path.split("__")):
            obj = None if obj is None else getattr(obj, step)
        if obj is None:
            seen[path] = None
            continue
        deferred = obj.get_deferred_fields()
        values = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname not in deferred}
        seen[path] = (type(obj), values, frozenset(deferred), obj._state.adding, obj._state.db)
    return seen


CARD_PATHS = ("", "edition", "edition__standard", "edition__document")


def orm_current_cards(code, position):
    return list(
        ProfessionCard.objects.filter(
            edition__standard__code=code, edition__status=Edition.Status.IN_FORCE, position=position
        )
        .select_related("edition__standard", "edition__document")
        .order_by("edition_id")
    )


def orm_neighbours(card, language, with_texts):
    """card_neighbours' query as the ORM ran it before it was compiled once."""
    queryset = ProfessionCard.objects.filter(edition_id=card.edition_id)
    if has_occupation_code(card):
        queryset = queryset | ProfessionCard.objects.readable_in(language).filter(
            occupation_code=card.occupation_code
        ).exclude(edition__standard_id=card.edition.standard_id)
    texts = {pk for pk in (card.twin_id, card.predecessor_id) if pk} if with_texts else set()
    fields = LISTED_FIELDS
    if texts:
        queryset = queryset | ProfessionCard.objects.filter(pk__in=texts)
        fields = (*LISTED_FIELDS, *TEXT_FIELDS)
    return list(
        queryset.select_related("edition__standard", *(["edition__document"] if texts else []))
        .only(*fields)
        .order_by("edition__standard__code", "level", "position")
    )


def test_every_in_force_card_is_read_as_the_orm_reads_it_with_its_edition_standard_and_order(registry):
    places = set(
        ProfessionCard.objects.filter(edition__status=Edition.Status.IN_FORCE).values_list(
            "edition__standard__code", "position"
        )
    )
    assert len(places) > 100
    for code, position in sorted(places):
        for language in ("kk", "ru"):
            compiled = current_card(code, position, language).card
            expected = sorted(orm_current_cards(code, position), key=lambda c: c.edition.language != language)[0]
            assert compiled.pk == expected.pk, (code, position, language)
            assert loaded(compiled, CARD_PATHS) == loaded(expected, CARD_PATHS), (code, position)
    assert isinstance(compiled.education, list)  # JSON decoded by the field's converter, as the ORM does


def test_related_professions_are_the_rows_the_orm_read_with_their_targets(registry):
    paths = ("", "target", "target__edition", "target__edition__standard")
    only = ("card_id", "position", "level", "level_max", "title", "target_id", *(f"target__{f}" for f in LISTED_FIELDS))
    cards = list(ProfessionCard.objects.all())
    with_rows = with_missing_target = 0
    for card in cards:
        compiled = related_professions_of(card)
        expected = list(
            RelatedProfession.objects.filter(card_id=card.pk).select_related("target__edition__standard").only(*only)
        )
        assert [loaded(r, paths) for r in compiled] == [loaded(r, paths) for r in expected], card
        with_rows += bool(compiled)
        with_missing_target += any(r.target_id is None for r in compiled)
    assert with_rows > 50 and with_missing_target > 0  # both shapes met: linked and unlinked rows


def split(card, rows, texts):
    """card_neighbours' sorting of its rows into the ladder, the cards elsewhere and the texts."""
    key, ladder, elsewhere, found = profession_key(card), [], [], {}
    for row in rows:
        if row.pk in texts:
            found[row.pk] = row
        elif row.edition_id != card.edition_id:
            elsewhere.append(row)
        elif profession_key(row) == key:
            ladder.append(row)
    ladder.sort(key=lambda c: (c.level if c.level is not None else 99, c.position))
    return ladder, elsewhere, found


@pytest.mark.parametrize("with_texts", [False, True])
def test_the_neighbours_of_every_card_are_those_the_orm_query_read(registry, with_texts):
    paths = ("", "edition", "edition__standard")
    text_paths = (*paths, "edition__document")
    shapes = set()
    for card in ProfessionCard.objects.select_related("edition"):
        texts = {pk for pk in (card.twin_id, card.predecessor_id) if pk} if with_texts else set()
        for language in ("kk", "ru"):
            mine = ProfessionCard.objects.select_related("edition").get(pk=card.pk)
            ladder, elsewhere = card_neighbours(mine, language, with_texts=with_texts)
            expected_ladder, expected_elsewhere, found = split(card, orm_neighbours(card, language, with_texts), texts)
            assert [loaded(c, paths) for c in ladder] == [loaded(c, paths) for c in expected_ladder], card
            assert [loaded(c, paths) for c in elsewhere] == [loaded(c, paths) for c in expected_elsewhere], card
            for attribute in ("twin", "predecessor"):
                pk = getattr(card, f"{attribute}_id")
                if pk in texts:
                    assert loaded(getattr(mine, attribute), text_paths) == loaded(found[pk], text_paths), card
        shapes.add((has_occupation_code(card), bool(texts)))
    assert shapes == (
        {(True, False), (False, False), (True, True), (False, True)} if with_texts else {(True, False), (False, False)}
    )


def test_a_query_that_does_not_read_a_declared_parameter_is_refused_when_first_run(db):
    @compiled_instances(int, str, parts=(Part("", ProfessionCard),))
    def forgets_the_title(position: int, title: str) -> QuerySet:
        return ProfessionCard.objects.filter(position=position)

    with pytest.raises(AssertionError, match="does not read all its parameters"):
        forgets_the_title(1, "x")


def test_a_missing_target_is_none_and_the_row_reads_no_more_queries(registry, django_assert_num_queries):
    row = RelatedProfession.objects.filter(target__isnull=True).select_related("card").first()
    with django_assert_num_queries(1):
        rows = related_professions_of(row.card)
    unlinked = next(r for r in rows if r.pk == row.pk)
    with django_assert_num_queries(0):
        assert unlinked.target is None
        assert all(r.target.edition.standard.code for r in rows if r.target_id)


def test_the_card_filters_choices_are_the_standards_and_groups_the_orm_reads(registry, django_assert_num_queries):
    from cards.filters import CardFilter
    from cards.isco import isco_titles
    from standards.models import Standard

    for language in ("kk", "ru"):
        with django_assert_num_queries(2):
            filterset = CardFilter({}, language=language)
        standards = [
            (s.code, f"{s.code} — {s.title_in(language)}")
            for s in Standard.objects.only("code", "title_kk", "title_ru").order_by("code")
        ]
        codes = (
            ProfessionCard.objects.in_force()
            .exclude(isco_code="")
            .values_list("isco_code", flat=True)
            .distinct()
            .order_by("isco_code")
        )
        titles = isco_titles(language)
        groups = [(code, f"{code} — {titles[code]}" if code in titles else code) for code in codes]
        assert filterset.filters["standard"].extra["choices"] == standards and len(standards) > 20
        assert filterset.filters["isco"].extra["choices"] == groups and len(groups) > 5


@pytest.mark.parametrize("position", [-1, 32768, 2**31, 2**63, 10**20])
def test_a_position_out_of_the_fields_range_is_no_card_and_leaves_the_transaction_usable(db, position):
    from django.http import Http404

    card = make_card(position=3)
    with pytest.raises(Http404):
        current_card(card.edition.standard.code, position, "kk")
    assert current_card(card.edition.standard.code, 3, "kk").card.pk == card.pk


def test_the_overviews_counts_and_standards_are_those_the_orm_reads(registry, django_assert_num_queries):
    from django.db.models import Count

    from cards.selectors import level_matrix
    from standards.models import Standard

    in_force = Standard.objects.filter(editions__status=Edition.Status.IN_FORCE).distinct().order_by("code")
    assert in_force.count() > 20
    for language in ("kk", "ru"):
        counts = (
            ProfessionCard.objects.readable_in(language)
            .values_list("edition__standard_id", "level")
            .annotate(n=Count("id"))
            .order_by()
        )
        per_cell = {(standard_id, level): n for standard_id, level, n in counts}
        with django_assert_num_queries(2):
            rows = level_matrix(language)
        assert [row["standard"].code for row in rows] == [s.code for s in in_force]
        assert [loaded(row["standard"], ("",)) for row in rows] == [loaded(s, ("",)) for s in in_force]
        for row in rows:
            for level, n in row["cells"]:
                assert n == per_cell.get((row["standard"].pk, level), 0)
        assert sum(row["total"] for row in rows) == ProfessionCard.objects.readable_in(language).count()


def test_the_page_labels_names_are_those_the_orm_reads_for_every_page_of_cards(registry):
    from django.db.models import Q

    from cards.selectors import _names_in

    def orm_names(language, twin_ids, codes):
        return list(
            ProfessionCard.objects.filter(
                Q(pk__in=twin_ids)
                | Q(occupation_code__in=codes, edition__language=language, edition__status=Edition.Status.IN_FORCE)
            )
            .order_by("edition__standard__code", "level", "position")
            .values_list("pk", "occupation_code", "title")
        )

    cards = list(ProfessionCard.objects.order_by("pk"))
    twins = sorted({card.twin_id for card in cards if card.twin_id})
    codes = sorted({card.occupation_code for card in cards if has_occupation_code(card)})
    assert len(twins) > 50 and len(codes) > 40
    cases = [(twins[i : i + 25], codes[i : i + 25]) for i in range(0, 100, 25)]
    cases += [(twins[:3], []), ([], codes[:3]), (twins[:1], codes[:1]), ([], []), (twins[:40], codes[:2])]
    for language in ("kk", "ru"):
        for twin_ids, some_codes in cases:
            assert _names_in(language, twin_ids, some_codes) == orm_names(language, twin_ids, some_codes)
    assert any(_names_in("ru", [], codes[:25])) and any(_names_in("kk", twins[:3], []))
