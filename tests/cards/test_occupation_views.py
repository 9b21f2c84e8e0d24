"""Browsing by occupation: the ISCO-08 groups page and each group's professions, on the bundled orders."""

import pytest

from cards.identity import card_path
from cards.isco import isco_titles
from cards.models import ProfessionCard
from tests.cards.pages import document, text

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def group_rows(doc) -> list:
    return doc.xpath("//tr[@data-isco]")


def level_links(doc) -> list[str]:
    return doc.xpath('//tr[@class="occupation-profession"]//ul[@class="levels"]//a/@href')


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_card_readable_in_the_page_language_appears_under_its_group(client, registry, language):
    expected = {
        card_path(card, language)
        for card in ProfessionCard.objects.readable_in(language).select_related("edition__standard")
    }
    doc = document(client, f"/{language}/occupations/")
    listed = set()
    for row in group_rows(doc):
        group = document(client, row.xpath(".//th/a/@href")[0])
        links = level_links(group)
        assert len(links) == len(set(links)), "a card appears once in its group"
        assert len(links) == int(text(row.xpath("./td")[2])), "the groups page counts the group's cards"
        listed |= set(links)
    assert listed == expected


def test_the_groups_are_titled_in_the_page_language_under_their_minor_groups(client, registry):
    for language in ("kk", "ru"):
        titles = isco_titles(language)
        doc = document(client, f"/{language}/occupations/")
        row = doc.xpath('//tr[@data-isco="2512"]')[0]
        assert text(row.xpath("./td")[0]) == titles["2512"]
        section = row.getparent().xpath('./tr[@class="occupation-section"]')[0]
        assert titles["251"] in text(section)
    assert document(client, "/kk/occupations/").xpath('//a[@href="/kk/standards/"]'), "browse by standard"


def test_a_group_page_lists_professions_by_standard_with_their_levels(client, registry):
    doc = document(client, "/ru/occupations/isco/2522/")
    assert text(doc.xpath("//h1")[0]) == "2522 " + isco_titles("ru")["2522"]
    [network_admin] = [tr for tr in doc.xpath('//tr[@class="occupation-profession"]') if "J069" in text(tr)][:1]
    assert "Сетевой администратор" in text(network_admin.xpath("./th")[0])
    links = network_admin.xpath('.//ul[@class="levels"]//a')
    assert [a.get("href") for a in links] == ["/ru/cards/J069/5/", "/ru/cards/J069/4/", "/ru/cards/J069/2/"]
    assert network_admin.xpath('.//a[@href="/ru/standards/J069/"]')


def test_a_kazakh_only_card_is_marked_on_the_russian_group_page(client, registry):
    doc = document(client, "/ru/occupations/isco/2512/")
    [tester] = [th for th in doc.xpath('//tr[@class="occupation-profession"]/th') if "тестілеу" in text(th)]
    assert tester.get("lang") == "kk"
    assert tester.xpath('.//span[@class="language-mark" and @lang="ru"]')
    russian = [th for th in doc.xpath('//tr[@class="occupation-profession"]/th') if th.get("lang") == "ru"]
    assert russian and not any(th.xpath('.//span[@class="language-mark"]') for th in russian)


def test_a_group_without_cards_is_not_found(client, registry):
    document(client, "/ru/occupations/isco/9999/", status=404)
    document(client, "/kk/occupations/isco/2514/", status=404)  # in the reference table, no card


def test_the_occupation_page_links_to_its_group(client, registry):
    doc = document(client, "/ru/occupations/2512-2-007/")
    assert doc.xpath('//a[@class="occupation-group-link" and @href="/ru/occupations/isco/2512/"]')


def test_the_groups_page_runs_one_query_and_a_group_page_two(client, registry, django_assert_num_queries):
    with django_assert_num_queries(1):
        document(client, "/ru/occupations/")
    with django_assert_num_queries(2):  # the cards, and the Russian names of the Kazakh-only ones
        document(client, "/ru/occupations/isco/2512/")
