import pytest
from django.http import QueryDict

from cards.filters import CardFilter, page_of
from cards.models import Occupation, ProfessionCard
from standards.models import Edition
from tests.factories import make_card, make_edition, make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    """T071 in kk and ru (twins) with a superseded kk edition; T062 in kk only."""
    developers = Occupation.objects.create(code="2512-2-001", isco_code="2512", isco_title="Software developers")
    admins = Occupation.objects.create(code="2522-0-001", isco_code="2522", isco_title="Systems administrators")
    t071 = make_standard(code="T071", title_kk="Инфрақұрылым", title_ru="Инфраструктура")
    j062 = make_standard(code="T062", title_kk="Техникалық құжаттама", title_ru="")
    kk = make_edition(standard=t071, language="kk")
    ru = make_edition(standard=t071, language="ru")
    old = make_edition(standard=t071, language="kk", year=2022, key="2022-kk", status=Edition.Status.SUPERSEDED)
    doc = make_edition(standard=j062, language="kk")
    rows = [
        (kk, 1, "Бағдарламалық жасақтама әзірлеушісі", 5, developers),
        (kk, 2, "Жүйелік әкімші", 6, admins),
        (ru, 1, "Разработчик программного обеспечения", 5, developers),
        (ru, 2, "Системный администратор", 6, admins),
        (old, 1, "Әзірлеуші", 5, developers),
        (doc, 1, "Техникалық жазушы", 7, None),
    ]
    for edition, position, title, level, occupation in rows:
        make_card(
            edition=edition,
            position=position,
            title=title,
            header_title=title.upper(),
            level=level,
            occupation=occupation,
            occupation_code=occupation.code if occupation else "-",
            isco_code=occupation.isco_code if occupation else "2529",
        )


def found(query: str = "", language: str = "kk") -> list[tuple[str, int, str]]:
    filterset = CardFilter(QueryDict(query), language=language)
    return [(c.edition.standard.code, c.position, c.edition.language) for c in filterset.qs]


def test_without_filters_it_lists_each_card_once_in_the_page_language(registry):
    assert found(language="kk") == [("T062", 1, "kk"), ("T071", 1, "kk"), ("T071", 2, "kk")]


def test_a_standard_without_text_in_the_page_language_shows_its_other_text(registry):
    assert found(language="ru") == [("T062", 1, "kk"), ("T071", 1, "ru"), ("T071", 2, "ru")]


def test_it_never_lists_cards_of_superseded_editions(registry):
    titles = [c.title for c in CardFilter(QueryDict("q=Әзірлеуші&language=kk"), language="kk").qs]
    assert titles == ["Бағдарламалық жасақтама әзірлеушісі"]


def test_it_filters_by_several_levels_at_once(registry):
    assert found("level=6") == [("T071", 2, "kk")]
    assert found("level=6&level=7") == [("T062", 1, "kk"), ("T071", 2, "kk")]


def test_it_filters_by_standard_code(registry):
    assert found("standard=T071", language="ru") == [("T071", 1, "ru"), ("T071", 2, "ru")]


def test_it_filters_by_isco_unit_group(registry):
    assert found("isco=2522") == [("T071", 2, "kk")]
    assert found("isco=2529") == [("T062", 1, "kk")]


def test_isco_choices_name_each_group_by_its_isco_title_in_the_page_language(registry):
    kazakh = dict(CardFilter(QueryDict(), language="kk").form.fields["isco"].choices)
    russian = dict(CardFilter(QueryDict(), language="ru").form.fields["isco"].choices)
    assert kazakh["2512"] == "2512 — Бағдарламалық қамтамасыз етуді әзірлеушілер"
    assert russian["2512"] == "2512 — Разработчики программного обеспечения"
    assert kazakh["2529"].startswith("2529 — "), "a group of cards without an НКЗ code is named too"


def test_standard_choices_give_the_title_in_the_page_language(registry):
    choices = dict(CardFilter(QueryDict(), language="ru").form.fields["standard"].choices)
    assert choices["T071"] == "T071 — Инфраструктура"
    assert choices["T062"] == "T062 — Техникалық құжаттама"


def test_the_language_filter_keeps_only_texts_in_that_language(registry):
    assert found("language=ru", language="kk") == [("T071", 1, "ru"), ("T071", 2, "ru")]
    assert found("language=kk", language="ru") == [("T062", 1, "kk"), ("T071", 1, "kk"), ("T071", 2, "kk")]


def test_every_word_must_appear_in_the_title_or_the_header_title_in_any_case(registry):
    assert found("q=системный", language="ru") == [("T071", 2, "ru")]
    assert found("q=АДМИНИСТРАТОР системный", language="ru") == [("T071", 2, "ru")]
    assert found("q=администратор разработчик", language="ru") == []
    assert found("q=ӘЗІРЛЕУШІСІ") == [("T071", 1, "kk")]


def test_filters_combine(registry):
    assert found("standard=T071&level=5&level=7&language=ru") == [("T071", 1, "ru")]
    assert found("standard=T062&level=5") == []


def test_it_sorts_by_standard_then_position_unless_asked_otherwise(registry):
    assert found("sort=level") == [("T071", 1, "kk"), ("T071", 2, "kk"), ("T062", 1, "kk")]
    titles = [c.title for c in CardFilter(QueryDict("sort=title"), language="ru").qs]
    assert titles == sorted(titles)


@pytest.mark.parametrize(
    "query, field",
    [
        ("level=9", "level"),
        ("level=6&level=x", "level"),
        ("standard=NOPE", "standard"),
        ("standard=t071", "standard"),
        ("isco=9999", "isco"),
        ("language=en", "language"),
        ("sort=price", "sort"),
    ],
)
def test_an_invalid_value_gives_an_error_and_no_cards_never_the_unfiltered_list(registry, query, field):
    filterset = CardFilter(QueryDict(query), language="kk")
    assert not filterset.is_valid()
    assert field in filterset.errors
    assert list(filterset.qs) == []


def test_unknown_parameters_are_ignored(registry):
    assert found("utm_source=mail") == found()


def test_the_filterset_reads_its_choices_in_two_queries(registry, django_assert_num_queries):
    with django_assert_num_queries(2):
        CardFilter(QueryDict("level=6"), language="kk").is_valid()


def test_a_page_past_the_end_is_not_found_and_a_malformed_page_number_is_a_bad_request(registry):
    cards = ProfessionCard.objects.order_by("pk")
    assert [c.pk for c in page_of(cards, "2", per_page=4).page] == [c.pk for c in cards[4:]]
    assert page_of(cards, None).page.number == 1
    assert page_of(cards, "999").status == 404
    assert "999" in str(page_of(cards, "999").error)
    assert page_of(cards, "x").status == 400
    assert page_of(cards, "0").status == 400
    assert page_of(cards.none(), "1").page.paginator.count == 0
