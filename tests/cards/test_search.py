"""Search: reading queries, ranking, filters, the search page and the JSON endpoint."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from lxml import html as lxml_html

from cards.models import CardSearchText
from cards.search import highlight, parse_query, rebuild_search_index, search_cards, typos
from cards.search.scoring import Scored, by_profession
from cards.search.service import PASSAGE_LABELS
from tests.factories import make_card, make_edition, make_labour_function, make_skill, make_standard

# --- Reading a query (no database) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("6 уровень", [6]),
        ("уровень 7", [7]),
        ("6-деңгей", [6]),
        ("7 деңгей", [7]),
        ("инженер 6-го уровня", [6]),
        ("ИИ инженер 7", [7]),
    ],
)
def test_it_reads_numbers_with_level_words_as_levels(text, levels):
    assert parse_query(text).levels == levels


def test_it_reads_occupation_and_standard_codes_as_codes():
    parsed = parse_query("2519-9-001 2512 J068 инженер")
    assert parsed.occupation_codes == ["2519-9-001", "2512"]
    assert parsed.standard_codes == ["J068"]
    assert [w.text for w in parsed.words] == ["инженер"]
    assert parsed.levels == []


def test_it_expands_abbreviations_and_drops_prepositions():
    assert [w.text for w in parse_query("ИИ специалист по ПО").words] == [
        "искусственный",
        "интеллект",
        "специалист",
        "программное",
        "обеспечение",
    ]


def test_a_russian_word_also_looks_for_its_kazakh_stems():
    (word,) = parse_query("администраторов").words
    assert word.russian == "администратор"
    assert "әкім" in word.kazakh


def test_an_empty_query_asks_for_nothing():
    assert parse_query("  ").is_empty
    assert parse_query("по и").is_empty


def test_highlight_escapes_the_text_before_marking_it():
    words = parse_query("базы данных").words
    html = highlight("<script>alert(1)</script> Администратор базы данных", words)
    assert html == "&lt;script&gt;alert(1)&lt;/script&gt; Администратор <mark>базы</mark> <mark>данных</mark>"


def vocabulary(*names: str) -> set[str]:
    return {word for name in names for word in name.lower().split()}


def test_a_kazakh_typo_is_read_as_the_stem_it_misses_a_letter_of():
    (word,) = parse_query("тестлеуші").words  # тестілеуші
    assert "тестіле" in typos.readings(word, vocabulary("Қосымшаларды тестілеу жөніндегі маман"))


def test_a_russian_typo_is_read_as_the_word_it_misspells():
    (word,) = parse_query("администртор").words
    assert "администратор" in typos.readings(word, vocabulary("Администратор серверов"))


def test_a_typo_is_not_read_as_a_word_with_another_ending():
    (word,) = parse_query("техниколық").words  # техникалық, not техник
    found = typos.readings(word, vocabulary("Робототехника технигі", "Техникалық жазушы", "Техник"))
    assert "техник" not in found and "техника" in found


def test_a_short_word_is_never_read_as_a_typo():
    (word,) = parse_query("желы").words
    assert typos.readings(word, vocabulary("Желі әкімшісі", "Желілік инженер")) == {}


def test_cards_group_by_standard_and_profession_in_the_order_of_their_best_card():
    rows = [
        Scored(1, 10, 1, "kk", "2521-1-002", "Әкімші", 3.0),
        Scored(2, 10, 2, "kk", "2511-0-001", "Талдаушы", 2.5),
        Scored(3, 10, 3, "kk", "2521-1-002", "Аға әкімші", 2.0),
        Scored(4, 11, 1, "kk", "2521-1-002", "Әкімші", 1.5),  # the same code in another standard
        Scored(5, 10, 4, "kk", "-", "QA – Инженер", 1.2),
        Scored(6, 10, 5, "kk", "-", "QA-инженер", 1.0),  # no code: the same normalised title
        Scored(7, 10, 6, "kk", "-", "Тестілеуші", 0.9),
    ]
    groups = by_profession(rows)
    assert [(g.standard_id, g.key, [pk for pk, _s in g.cards]) for g in groups] == [
        (10, "2521-1-002", [1, 3]),
        (10, "2511-0-001", [2]),
        (11, "2521-1-002", [4]),
        (10, "title:qa-инженер", [5, 6]),
        (10, "title:тестілеуші", [7]),
    ]
    assert groups[0].score == 3.0


# --- Searching the database ----------------------------------------------------------------


@pytest.fixture
def registry(db):
    """A Kazakh-only database standard, and a kk/ru cloud standard whose knowledge mentions databases."""
    databases = make_standard(code="T061", title_kk="Деректер базасын басқару", title_ru="Администрирование баз данных")
    kk_db = make_edition(standard=databases, language="kk")
    admin = make_card(
        edition=kk_db, position=1, level=5, title="Деректер базасы әкімшісі", occupation_code="2521-1-002"
    )
    analyst = make_card(edition=kk_db, position=2, level=6, title="Дерекқор талдаушысы")
    cloud = make_standard(code="T072", title_kk="Бұлттық технологиялар", title_ru="Облачные технологии")
    kk_cloud = make_edition(standard=cloud, language="kk")
    ru_cloud = make_edition(standard=cloud, language="ru")
    developer_kk = make_card(edition=kk_cloud, position=1, level=6, title="Бұлттық технологиялар әзірлеушісі")
    developer_ru = make_card(edition=ru_cloud, position=1, level=6, title="Разработчик облачных технологий")
    developer_kk.twin, developer_ru.twin = developer_ru, developer_kk
    developer_kk.save()
    developer_ru.save()
    function = make_labour_function(card=developer_ru, title="Разработка облачных сервисов")
    make_skill(
        labour_function=function,
        title="Проектирование хранилищ",
        abilities=("Настраивать облачные сервисы",),
        knowledge=("Администрирование баз данных в облаке",),
    )
    rebuild_search_index()
    return {"admin": admin, "analyst": analyst, "developer_kk": developer_kk, "developer_ru": developer_ru}


def ranked(query, language="ru", **filters):
    result = search_cards(query, language=language, filters=filters)
    return [card_id for card_id, _score in result.ranked]


def test_it_builds_one_index_row_per_card(registry):
    assert CardSearchText.objects.count() == 4
    row = CardSearchText.objects.get(card=registry["developer_kk"])
    assert "разработчик облачных технологий" in row.names  # the twin's title


def test_a_card_whose_title_matches_comes_before_one_that_mentions_the_words(registry):
    result = ranked("администратор баз данных")
    assert result[0] == registry["admin"].pk
    assert registry["developer_ru"].pk in result[1:]


def test_a_russian_query_finds_a_card_of_a_kazakh_only_standard(registry):
    assert ranked("администрирование баз данных", language="ru")[0] == registry["admin"].pk


def test_a_kazakh_query_finds_inflected_forms(registry):
    assert ranked("деректер базасының әкімшілері", language="kk")[0] == registry["admin"].pk


def test_a_russian_query_finds_the_russian_twin_and_lists_a_pair_once(registry):
    assert ranked("разработчики облачных технологий", language="ru") == [registry["developer_ru"].pk]
    # On the Kazakh page the Kazakh card matches as well (the glossary), so it stays.
    assert ranked("разработчики облачных технологий", language="kk") == [registry["developer_kk"].pk]


def test_the_other_languages_card_shows_where_it_matches_better(registry):
    assert ranked("облачные сервисы", language="kk")[0] == registry["developer_ru"].pk


def test_a_kazakh_query_keeps_the_kazakh_card_on_the_kazakh_page(registry):
    assert ranked("бұлттық технологиялар әзірлеушісі", language="kk")[0] == registry["developer_kk"].pk


def test_the_card_list_filters_apply_to_the_results(registry):
    assert ranked("деректер", language="kk", level=["6"]) == [registry["analyst"].pk]
    assert ranked("деректер", language="kk", standard="T072") == []


def test_invalid_filters_give_no_results_and_say_why(registry):
    result = search_cards("деректер", language="kk", filters={"level": ["9"]})
    assert result.ranked == [] and "level" in result.filterset.errors


def test_a_level_in_the_query_filters_the_cards(registry):
    assert ranked("деректер 6 деңгей", language="kk") == [registry["analyst"].pk]


def test_an_occupation_code_finds_its_cards(registry):
    assert ranked("2521-1-002") == [registry["admin"].pk]
    assert ranked("2521") == [registry["admin"].pk]


def test_it_tolerates_a_typo_in_a_title(registry):
    if connection.vendor != "postgresql":
        pytest.skip("trigram similarity is PostgreSQL's; the SQLite fallback uses rapidfuzz")
    assert ranked("разроботчик облачных")[0] == registry["developer_ru"].pk


def test_trigram_similarity_is_asked_only_for_a_word_the_typo_reading_reads_as_nothing(registry, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("trigram similarity is PostgreSQL's")
    from cards.search import postgres

    asked = []
    similar = postgres._similar
    monkeypatch.setattr(postgres, "_similar", lambda word, card_ids: asked.append(word) or similar(word, card_ids))
    assert ranked("деректр базасы", language="kk")[0] == registry["admin"].pk  # read as деректер
    assert asked == []
    assert ranked("кубернетис облачных")[0] == registry["developer_ru"].pk  # a word the reading cannot read
    assert asked == ["кубернетис"]


def test_a_kazakh_typo_finds_the_testers(db, backend):
    testers = make_edition(standard=make_standard(code="T057", title_kk="Бағдарламалық қамтылымды тестілеу"))
    tester = make_card(
        edition=testers, level=4, title="Қосымшаларды тестілеу жөніндегі маман", occupation_code="2512-2-007"
    )
    make_card(title="Деректер базасы әкімшісі", occupation_code="2521-1-002")
    rebuild_search_index()
    result = search_cards("тестлеуші", language="ru")  # a typo of тестілеуші
    assert [card_id for card_id, _score in result.ranked] == [tester.pk]
    assert "тестіле" in result.read_as[0]


def test_a_misspelt_word_lists_the_cards_of_the_word_it_misspells_not_every_similar_one(db, backend):
    edition = make_edition(language="ru")
    programmers = [make_card(edition=edition, level=level, title="Программист приложений") for level in (5, 6)]
    for title in ("Специалист по сопровождению программного обеспечения", "Проектировщик программного обеспечения"):
        make_card(edition=edition, title=title)
    rebuild_search_index()
    assert sorted(card_id for card_id, _score in search_cards("програмист", language="ru").ranked) == sorted(
        card.pk for card in programmers
    )


def test_a_word_that_is_no_typo_of_a_name_lists_nothing(db, backend):
    edition = make_edition(language="ru")
    for level in (4, 5, 6):
        make_card(edition=edition, level=level, title="Администратор серверов")
    rebuild_search_index()
    assert search_cards("администрация", language="ru").ranked == []


def test_an_empty_or_too_short_query_gives_a_message_not_an_error(registry):
    assert search_cards("", language="kk").message
    assert search_cards("a", language="kk").message
    assert search_cards("a", language="kk").ranked == []


def test_rebuilding_one_card_refreshes_its_row_and_its_twins(registry):
    card = registry["developer_ru"]
    card.title = "Инженер облачных платформ"
    card.save()
    rebuild_search_index([card])
    assert ranked("облачных платформ")[0] == card.pk
    assert "инженер облачных платформ" in CardSearchText.objects.get(card=registry["developer_kk"]).names


# --- The page and the endpoint -------------------------------------------------------------


@pytest.fixture
def ladder(db):
    """A warehouse administrator at three levels (one НКЗ code, two titles) and an analyst, Kazakh only."""
    edition = make_edition(standard=make_standard(code="T090", title_kk="Деректер қоймалары", title_ru=""))
    cards = {
        level: make_card(edition=edition, level=level, title=title, occupation_code="2521-1-009")
        for level, title in (
            (5, "Деректер қоймасы әкімшісі"),
            (6, "Деректер қоймасының аға әкімшісі"),
            (7, "Деректер қоймасы әкімшісі"),
        )
    }
    cards["analyst"] = make_card(
        edition=edition, level=6, title="Деректер қоймасы талдаушысы", occupation_code="2521-1-010"
    )
    rebuild_search_index()
    return cards


def results(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode()).xpath("//ol[@class='search-results']/li")


def test_the_search_page_lists_a_profession_once_with_its_levels_the_best_one_marked(client, ladder):
    first, second = results(client, "/kk/search/", q="деректер қоймасы аға әкімшісі")
    assert first.get("data-profession-key") == "2521-1-009" and first.get("data-card-count") == "3"
    assert second.get("data-profession-key") == "2521-1-010" and second.get("data-card-count") == "1"
    # The heading opens the best matching level; the levels follow in their order, that one marked.
    assert first.xpath(".//h3/a/@href") == ["/kk/cards/T090/2/"]
    levels = first.xpath(".//div[@class='hit-levels']//li")
    assert [li.xpath("string(a)") for li in levels] == ["5", "6", "7"]
    assert [li.xpath("a/@href")[0] for li in levels] == ["/kk/cards/T090/1/", "/kk/cards/T090/2/", "/kk/cards/T090/3/"]
    assert [li.get("data-best") is not None for li in levels] == [False, True, False]
    assert levels[1].xpath(".//*[@class='best-mark']")


def test_the_search_page_counts_professions_and_cards(client, ladder):
    response = client.get("/kk/search/", {"q": "деректер қоймасы"})
    (count,) = lxml_html.fromstring(response.content.decode()).xpath("//p[@class='match-count']")
    assert (count.get("data-profession-count"), count.get("data-count")) == ("2", "4")
    assert re.search(r"\b2\b.*\b4\b", count.text_content())


def test_the_result_pages_are_pages_of_professions(ladder):
    result = search_cards("деректер қоймасы", language="kk")
    page = result.page(1, per_page=1).page
    assert page.paginator.count == result.profession_count == 2 and result.count == 4
    (hit,) = page.object_list
    assert [card.level for card in hit.levels] == [5, 6, 7]


def test_the_passage_says_which_field_it_comes_from(client, registry):
    (hit,) = [
        li
        for li in results(client, "/ru/search/", q="администрирование баз данных")
        if "T072" in li.xpath("string(.//h3/a/@href)")
    ]
    with translation.override("ru"):
        knowledge = str(PASSAGE_LABELS["knowledge"])
    assert hit.xpath("string(.//span[@class='passage-label'])") == f"{knowledge}:"
    assert hit.xpath(".//span[@class='passage-text']/@lang") == ["ru"]


def test_a_card_of_a_kazakh_only_standard_is_marked_on_the_russian_page(client, registry):
    (hit,) = [li for li in results(client, "/ru/search/", q="2521-1-002")]
    (heading,) = hit.xpath(".//h3")
    assert heading.get("lang") == "kk" and heading.xpath("a/@href") == ["/ru/cards/T061/1/"]
    assert heading.xpath(".//span[@class='language-mark']")


def test_the_search_page_shows_ranked_cards_with_the_passage_marked(client, registry):
    response = client.get("/ru/search/", {"q": "администрирование баз данных"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("/ru/cards/T061/1/") < html.index("/ru/cards/T072/1/")
    assert "<mark>Администрирование</mark> <mark>баз</mark> <mark>данных</mark> в облаке" in html


def test_the_search_page_escapes_source_text(client, registry):
    card = registry["analyst"]
    card.title = "Дерекқор <script>талдаушысы</script>"
    card.save()
    rebuild_search_index([card])
    html = client.get("/kk/search/", {"q": "дерекқор"}).content.decode()
    assert "<script>талдаушысы" not in html
    assert "&lt;script&gt;" in html


def test_an_empty_query_gets_a_helpful_page(client, registry):
    response = client.get("/kk/search/")
    assert response.status_code == 200
    assert 'href="/kk/search/?q=' in response.content.decode()  # example queries


def test_the_search_page_runs_a_fixed_number_of_queries(client, registry):
    counts = []
    for query in ("дерекқор", "деректер", "технологиялар базасы әкімші"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/kk/search/", {"q": query}).status_code == 200
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts
    assert counts[0] <= 4


def test_the_search_page_labels_the_other_languages_cards_in_one_more_query(client, registry):
    counts = []
    for query in ("деректер", "деректер базасы", "2521"):  # the Kazakh-only T061 on a Russian page
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/ru/search/", {"q": query}).status_code == 200
        counts.append(len(queries))
    assert counts == [5, 5, 5]


def test_the_api_returns_ranked_permalinks_titles_levels_and_scores(client, registry):
    data = client.get("/api/v1/search", {"q": "администратор баз данных", "lang": "ru"}).json()
    first = data["results"][0]
    assert first["permalink"].endswith("/kk/cards/T061/1/")
    assert first["rank"] == 1 and first["level"] == 5 and first["title"] == "Деректер базасы әкімшісі"
    assert first["score"] >= data["results"][-1]["score"]
    assert first["profession_key"] == "2521-1-002"
    assert data["profession_count"] == len({(r["standard_code"], r["profession_key"]) for r in data["results"]})


def test_the_api_refuses_an_empty_query_and_a_bad_language(client, registry):
    assert client.get("/api/v1/search", {"q": ""}).status_code == 400
    assert client.get("/api/v1/search", {"q": "деректер", "lang": "en"}).status_code == 400
