"""Every endpoint of /api/v1/ on the bundled registry: the answers match the database and the pages."""

import pytest

from cards.models import Occupation, ProfessionCard
from standards.models import Edition, Standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, registry):
    def get(url, status=200):
        response = client.get(url)
        assert response.status_code == status, (url, response.content[:300])
        return response.json()

    return get


def card_in(code, position, language):
    return ProfessionCard.objects.get(
        edition__standard__code=code, position=position, edition__language=language, edition__status="in_force"
    )


def test_the_standards_list_gives_every_standard_with_its_editions(api):
    data = api("/api/v1/standards?lang=ru&page_size=100")
    assert data["count"] == Standard.objects.count()
    j068 = next(s for s in data["results"] if s["code"] == "J068")
    assert j068["title"] == Standard.objects.get(code="J068").title_ru
    assert j068["permalink"] == "http://testserver/ru/standards/J068/"
    assert j068["url"] == "http://testserver/api/v1/standards/J068?lang=ru"
    assert sorted(e["key"] for e in j068["editions"]) == sorted(
        Edition.objects.filter(standard__code="J068").values_list("key", flat=True)
    )


def test_a_standard_has_its_passport_editions_and_the_cards_of_the_text_in_the_language(api):
    data = api("/api/v1/standards/J068?lang=ru")
    edition = Edition.objects.get(standard__code="J068", language="ru", status="in_force")
    assert data["shown_edition"]["key"] == edition.key
    assert data["passport"]["scope"] == edition.scope
    assert data["approving_order"]["number"] == "569/НҚ"
    assert [c["title"] for c in data["cards"]] == list(
        edition.cards.order_by("position").values_list("title", flat=True)
    )
    assert api("/api/v1/standards/j068?lang=ru")["code"] == "J068"


def test_an_edition_lists_its_cards_and_a_superseded_card_has_its_successor(api):
    data = api("/api/v1/standards/J071/editions/2022-kk")
    assert data["status"] == "superseded"
    fourth = next(c for c in data["cards"] if c["position"] == 4)
    assert fourth["url"] == "http://testserver/api/v1/standards/J071/editions/2022-kk/cards/4?lang=kk"
    card = api(fourth["url"])
    assert card["permalink"] == "http://testserver/kk/standards/J071/editions/2022-kk/cards/4/"
    old = ProfessionCard.objects.get(edition__standard__code="J071", edition__key="2022-kk", position=4)
    assert sorted(s["permalink"] for s in card["successors"]) == sorted(
        {f"http://testserver{c.permalink()}" for c in old.successors.all() if c.edition.language == "kk"}
        or {f"http://testserver{c.permalink()}" for c in old.successors.all()}
    )


def test_a_card_has_its_whole_tree_its_links_and_its_esco_group(api):
    data = api("/api/v1/cards/J068/1?lang=ru")
    card = card_in("J068", 1, "ru")
    assert data["title"] == card.title and data["language"] == "ru" and data["is_in_requested_language"]
    assert data["isco_group"]["esco_uri"] == f"http://data.europa.eu/esco/isco/C{card.isco_code}"
    assert data["esco_uri"] == f"http://data.europa.eu/esco/isco/C{card.isco_code}"
    functions = list(card.labour_functions.all())
    assert [f["title"] for f in data["labour_functions"]] == [f.title for f in functions]
    first_skill = functions[0].skills.all()[0]
    assert data["labour_functions"][0]["skills"][0]["knowledge"] == [k.text for k in first_skill.knowledge_items.all()]
    assert data["twin"]["permalink"] == "http://testserver/kk/cards/J068/1/"
    assert [c["position"] for c in data["ladder"]] == [c.position for c in ProfessionCard.objects.ladder_of(card)]
    linked = [r for r in data["related"] if r["card"]]
    assert linked and all(r["card"]["url"].startswith("http://testserver/api/v1/") for r in linked)
    assert data["occupation"]["url"] == f"http://testserver/api/v1/occupations/{card.occupation_code}?lang=ru"


def test_a_card_without_a_text_in_the_language_comes_in_the_other_one_and_says_so(api):
    kk_only = ProfessionCard.objects.in_force().filter(twin__isnull=True, edition__language="kk").first()
    data = api(f"/api/v1/cards/{kk_only.edition.standard.code}/{kk_only.position}?lang=ru")
    assert data["language"] == "kk" and data["is_in_requested_language"] is False


def test_the_card_list_takes_every_filter_of_the_page(api, client):
    data = api("/api/v1/cards?lang=ru&level=6&standard=J068&sort=title")
    html = client.get("/ru/cards/?level=6&standard=J068&sort=title").content.decode()
    assert f'data-count="{data["count"]}"' in html
    titles = [c["title"] for c in data["results"]]
    assert titles == sorted(titles) and all(c["level"] == 6 for c in data["results"])


def test_the_ladder_says_what_each_step_up_adds(api):
    data = api("/api/v1/cards/J068/1/ladder?lang=ru")
    levels = [c["level"] for c in data["cards"]]
    assert levels == sorted(levels) and len(data["steps"]) == len(levels) - 1
    assert all(step["added"] or step["removed"] or step["counts"] for step in data["steps"])


def test_an_occupation_lists_its_cards_by_level_with_its_isco_group(api):
    occupation = Occupation.objects.get(code="2166-1-002")
    data = api("/api/v1/occupations/2166-1-002?lang=ru")
    assert data["isco_group"]["code"] == occupation.isco_code
    cards = [c for level in data["levels"] for c in level["cards"]]
    expected = ProfessionCard.objects.readable_in("ru").of_occupation(occupation)
    assert [c["permalink"] for c in cards] == [f"http://testserver{c.permalink()}" for c in expected]
    assert api("/api/v1/occupations")["count"] == Occupation.objects.count()


def test_search_finds_testers_in_russian(api):
    data = api("/api/v1/search?q=тестировщик&lang=ru&limit=5")
    assert data["count"] > 0 and len(data["results"]) == 5
    assert any("тест" in r["title"].lower() or "тест" in r["title"] for r in data["results"])


def test_the_comparison_aligns_two_levels_of_one_profession(api):
    data = api("/api/v1/compare?cards=J068/1@ru,J068/2@ru&lang=ru")
    assert data["method"] == "text"
    assert [c["reference"] for c in data["cards"]] == ["J068/1@ru", "J068/2@ru"]
    assert data["rows"] and all(len(row["cells"]) == 2 for row in data["rows"])
    error = api("/api/v1/compare?cards=J068/1", status=400)["errors"]["cards"][0]
    assert error["code"] == "invalid_reference"


def test_the_edition_changes_and_the_quality_report_match_the_pages(api):
    changes = api("/api/v1/standards/J071/changes")
    assert changes["comparisons"][0]["old_edition"]["status"] == "superseded"
    assert changes["comparisons"][0]["kept"]
    quality = api("/api/v1/quality?lang=ru")
    assert (
        quality["totals"]["twins"] == ProfessionCard.objects.filter(twin__isnull=False, edition__language="kk").count()
    )


def test_unknown_codes_and_addresses_are_json_404s(api):
    for url in ("/api/v1/cards/J999/1", "/api/v1/standards/NOPE", "/api/v1/occupations/0000-0-000", "/api/v1/nothing"):
        assert api(url, status=404)["errors"]["detail"][0]["code"] == "not_found"


def test_a_bad_parameter_is_a_400_naming_it_and_its_allowed_values(api):
    error = api("/api/v1/cards?lang=en", status=400)["errors"]["lang"][0]
    assert error["code"] == "invalid_choice" and error["allowed"] == "kk, ru"
    error = api("/api/v1/cards?sort=price", status=400)["errors"]["sort"][0]
    assert error["allowed"] == "standard, title, level"


def test_the_schema_example_is_the_live_answer_for_its_card(api):
    from api.schema import EXAMPLE_CARD

    live = next(c for c in api("/api/v1/cards?standard=J068&lang=kk")["results"] if c["position"] == 1)
    assert live | {"permalink": "", "url": ""} == EXAMPLE_CARD | {"permalink": "", "url": ""}
