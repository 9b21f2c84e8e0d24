"""The comparison page and the level ladder, on the bundled orders (imported once for the module)."""

import csv
import io

import lxml.html
import pytest
from django.template import Context, Template
from django.utils import translation

from cards.compare import summarise
from cards.comparison_data import align_loaded_cards, card_label, tree_prefetches
from cards.models import ProfessionCard
from cards.views.compare import csv_columns
from tests.cards.pages import document, get, text
from tests.factories import make_card, make_edition, make_labour_function, make_skill, make_standard

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# One query resolves every card reference; one loads the trees (functions, skills, abilities, knowledge).
COMPARE_QUERIES = 2
# And one for the names in the page language of the cards whose text is in the other one (none when all are in it).
LABELS_QUERY = 1
# One for the shown card (current_card), one for its ladder, four for the ladder's trees.
LADDER_QUERIES = 6


def rows(doc, kind):
    """(marking, [cell texts]) of each comparison row of ``kind``."""
    return [
        (text(tr.xpath("./th")[0]), [text(td) for td in tr.xpath("./td")])
        for tr in doc.xpath(f'//table[contains(@class, "compare-table")]//tr[contains(@class, "kind-{kind}")]')
    ]


def label_of(code: str, position: int, language: str, key: str = "") -> str:
    """The comparison's label of a card (``card_label``), as the page shows it."""
    where = {"edition__key": key} if key else {"edition__status": "in_force"}
    card = ProfessionCard.objects.select_related("edition__standard").get(
        edition__standard__code=code, position=position, edition__language=language, **where
    )
    return card_label(card)


def summary(doc, kind, table=0):
    tr = doc.xpath('//table[contains(@class, "compare-summary")]')[table].xpath(f'.//tr[@data-kind="{kind}"]')[0]
    return {td.get("data-count"): int(text(td)) for td in tr.xpath("./td")}


@pytest.fixture(autouse=True)
def _interface_in_english(settings):
    """These tests read the markings as the source strings: without the project's catalogues the
    interface falls back to English in /kk/ and /ru/ alike. The translated markings are read by
    the browser test tests/browser/test_compare_journey.py."""
    settings.LOCALE_PATHS = []


# --- the comparison page, on real pairs ---------------------------------------------------------


def test_the_ai_engineer_at_level_7_alone_has_project_management_and_research(client, registry):
    doc = document(client, "/ru/compare/?cards=J068/1,J068/2")
    only_at_7 = {cells[1]: marking for marking, cells in rows(doc, "function") if cells[0] == "not listed"}
    for title in ("Управление проектами ИИ", "Научно-исследовательская деятельность"):
        [marking] = [marking for cell, marking in only_at_7.items() if cell.endswith(title)]
        assert marking == f"Labour function Only in: {label_of('J068', 2, 'ru')}"
    assert summary(doc, "function") == {"common": 2, "changed": 0, "added": 2, "removed": 1}


def test_functions_kept_from_level_6_to_7_are_marked_common(client, registry):
    doc = document(client, "/ru/compare/?cards=j068/1,j068/2")  # codes are case-insensitive
    common = [cells for marking, cells in rows(doc, "function") if marking.endswith("Common")]
    assert [cells[0] for cells in common] == [
        "1. Реализация систем искусственного интеллекта",
        "2. Опытная эксплуатация систем искусственного интеллекта и ее внедрение",
    ]


def test_a_kazakh_card_and_its_russian_twin_align_by_position_with_everything_in_both(client, registry):
    doc = document(client, "/kk/compare/?cards=J068/1@kk,J068/1@ru")
    functions = rows(doc, "function")
    assert [cells[1].split(". ", 1)[1] for _, cells in functions] == [
        "Реализация систем искусственного интеллекта",
        "Опытная эксплуатация систем искусственного интеллекта и ее внедрение",
        "Мониторинг и оптимизация AI-систем",
    ]
    assert functions[0][1][0] == "1. Жасанды интеллект жүйелерін енгізу"
    every_row = doc.xpath('//tr[contains(@class, "compare-row")]')
    assert every_row and all("status-common" in tr.get("class") for tr in every_row)
    assert {text(tr.xpath("./th")[0]).split()[-2:] == ["In", "both"] for tr in every_row} == {True}
    assert doc.xpath('//td[@lang="kk"]') and doc.xpath('//td[@lang="ru"]')
    assert "aligned by position" in text(doc)
    assert not doc.xpath("//ins") and not doc.xpath("//del")


def test_the_2022_level_7_architect_compares_with_its_renamed_successor_with_reworded_words_marked(client, registry):
    doc = document(client, "/kk/compare/?cards=J071/2022-kk/1,J071/1@kk")
    cards = [text(li) for li in doc.xpath('//ol[@class="compare-cards"]/li')]
    assert cards[0].startswith(f"АТ-инфрақұрылым сәулетшілері {label_of('J071', 1, 'kk', key='2022-kk')}")
    assert "superseded edition" in cards[0]
    assert cards[1].startswith(f"IT инфрақұрылымының сәулетшісі {label_of('J071', 1, 'kk')}")
    changed = [cells for marking, cells in rows(doc, "function") if marking.endswith("Changed")]
    assert changed, "a reworded function stays one row"
    assert doc.xpath("//td//del") and doc.xpath("//td//ins")


def test_the_page_language_picks_the_text_where_the_card_has_one(client, registry):
    doc = document(client, "/kk/compare/?cards=J068/1,J068/2")
    assert label_of("J068", 1, "kk") in text(doc.xpath("//thead")[-1])
    fallback = document(client, "/ru/compare/?cards=J057/1,J057/2")  # J057 has only a Kazakh text
    assert "shown in the other language" in text(fallback)


@pytest.mark.parametrize(
    "cards, message",
    [
        ("J068/1,J068/2,J068/3,J068/4,J068/1", "At most four cards"),
        ("J068/1,J999/1", "There is no card J999/1"),
        ("J068/1,J068/99", "There is no card J068/99"),
        ("J068/1,J068-2", "is not a card reference"),
        ("J068/1,J068/1@en", "kk or ru"),
        ("J071/1999-kk/4,J071/4", "There is no card J071/1999-kk/4"),
    ],
)
def test_a_wrong_choice_of_cards_gets_a_helpful_page_with_status_400(client, registry, cards, message):
    doc = document(client, f"/ru/compare/?cards={cards}", status=400)
    assert message in text(doc.xpath('//*[@role="alert"]')[0])
    assert doc.xpath('//input[@name="cards"]')[0].get("value") == cards


def test_without_cards_the_page_explains_the_syntax(client, registry):
    doc = document(client, "/ru/compare/")
    assert "J068/1@kk" in text(doc) and "J071/2022-kk/4" in text(doc)
    assert doc.xpath('//label[@for="compare-cards"]')


def test_cards_can_come_as_repeated_parameters_from_the_pick_form(client, registry):
    doc = document(client, "/ru/compare/?cards=J068/1@ru&cards=J068/2@ru")
    assert len(doc.xpath('//table[contains(@class, "compare-table")]/thead//th')) == 3


def test_differences_only_hides_rows_common_all_the_way_down(client, registry):
    full = document(client, "/kk/compare/?cards=J068/1@kk,J068/1@ru")
    short = document(client, "/kk/compare/?cards=J068/1@kk,J068/1@ru&differences=1")
    assert rows(full, "function") and not rows(short, "function")


def test_the_comparison_runs_a_fixed_number_of_queries(client, registry, django_assert_num_queries):
    with django_assert_num_queries(COMPARE_QUERIES):
        get(client, "/ru/compare/?cards=J068/1,J068/2")
    # The four largest cards; J058 and J062 have only a Kazakh text.
    with django_assert_num_queries(COMPARE_QUERIES + LABELS_QUERY):
        get(client, "/ru/compare/?cards=J074/4,J058/5,J068/3,J062/2")


# --- the level ladder ---------------------------------------------------------------------------


def test_the_ladder_lists_the_two_functions_new_at_level_7(client, registry):
    doc = document(client, "/ru/cards/J068/1/ladder/")
    [step] = doc.xpath('//section[@class="ladder-step"]')
    assert text(step.xpath(".//h2")[0]) == "From level 6 to level 7"
    added, removed = step.xpath('.//table[@class="ladder-changes"]')
    new_functions = [text(tr.xpath("./td")[0]) for tr in added.xpath('.//tr[@class="kind-function"]')]
    assert new_functions == ["Управление проектами ИИ", "Научно-исследовательская деятельность"]
    gone = [text(tr.xpath("./td")[0]) for tr in removed.xpath('.//tr[@class="kind-function"]')]
    assert gone == ["Мониторинг и оптимизация AI-систем"]
    levels = [text(li) for li in doc.xpath('//ol[@class="ladder-levels"]/li')]
    assert [level.split(":")[0] for level in levels] == ["ОРК level 6", "ОРК level 7"]


def test_the_ladder_of_a_card_without_occupation_code_follows_its_title(client, registry):
    card = ProfessionCard.objects.filter(occupation_code="-", edition__status="in_force").first()
    same = ProfessionCard.objects.filter(edition=card.edition, occupation_code="-", title=card.title).count()
    doc = document(client, f"/{card.edition.language}/cards/{card.edition.standard.code}/{card.position}/ladder/")
    assert len(doc.xpath('//ol[@class="ladder-levels"]/li')) >= same


def test_the_ladder_csv_has_a_bom_a_header_and_the_new_functions(client, registry):
    response = get(client, "/ru/cards/J068/1/ladder.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(body[1:])))
    # The interface's words as written in the source (no catalogue of the project here, Django's own
    # has "Text"); tests/cards/test_compare_picker.py reads them in Kazakh and Russian.
    with translation.override("ru"):
        assert table[0] == csv_columns()
    assert ["6", "7", "added", "labour function", "Управление проектами ИИ", "", "Управление проектами ИИ"] in table
    assert ["6", "7", "removed", "labour function", "Мониторинг и оптимизация AI-систем", ""] in [r[:6] for r in table]
    assert {row[2] for row in table[1:]} == {"added", "removed"}
    assert any(row[3] == "knowledge" and row[4] == "Научно-исследовательская деятельность" for row in table)


def test_the_ladder_and_its_csv_run_a_fixed_number_of_queries(client, registry, django_assert_num_queries):
    for url in ("/ru/cards/J068/1/ladder/", "/ru/cards/J068/1/ladder.csv", "/kk/cards/J070/1/ladder/"):
        with django_assert_num_queries(LADDER_QUERIES):
            get(client, url)


def test_an_unknown_card_has_no_ladder(client, registry):
    get(client, "/ru/cards/J068/99/ladder/", status=404)


# --- entry points and escaping, on factory rows -------------------------------------------------


def test_the_entry_point_links_compare_with_levels_twin_and_previous_edition(registry):
    card = ProfessionCard.objects.select_related("edition__standard", "predecessor__edition__standard").get(
        edition__standard__code="J071",
        edition__language="kk",
        edition__status="in_force",
        predecessor__isnull=False,
        position=4,
    )
    html = Template('{% include "includes/compare_links.html" %}').render(Context({"card": card}))
    assert "/cards/J071/4/ladder/" in html
    assert "?cards=J071/4@kk,J071/4@ru" in html
    assert f"?cards=J071/{card.predecessor.edition.key}/{card.predecessor.position},J071/4@kk" in html


def test_the_pick_checkbox_names_the_card_for_the_pick_form(registry):
    card = ProfessionCard.objects.select_related("edition__standard").get(
        edition__standard__code="J068", edition__language="ru", position=2
    )
    html = Template('{% include "includes/compare_pick_checkbox.html" %}').render(Context({"card": card}))
    box = lxml.html.fragment_fromstring(html, create_parent=True).xpath("//input")[0]
    assert (box.get("form"), box.get("name"), box.get("value")) == ("compare-pick", "cards", "J068/2@ru")


def test_source_text_is_escaped_never_markup(client, registry):
    standard = make_standard(code="T901")
    edition = make_edition(standard=standard, language="ru", key="2025-ru")
    for position in (1, 2):
        card = make_card(edition=edition, position=position)
        function = make_labour_function(card=card, title=f"<b>Функция</b> {position}")
        make_skill(labour_function=function, abilities=[f"<script>alert({position})</script>"])
    body = get(client, "/ru/compare/?cards=T901/1,T901/2").content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<b>Функция</b>" not in body


def test_loaded_cards_align_without_a_query_for_the_edition_changes_page(registry, django_assert_num_queries):
    old, new = (
        ProfessionCard.objects.filter(edition__standard__code="J071", edition__language="kk", position=1)
        .select_related("edition__standard")
        .prefetch_related(*tree_prefetches())
        .order_by("-edition__status")  # superseded first
    )
    with django_assert_num_queries(0):
        alignment = align_loaded_cards(old, new)
    assert alignment.method == "text"
    assert [step.counts["function"].changed for step in summarise(alignment)] == [2]  # two reworded titles
