"""On the bundled orders: pages name editions and documents as a reader does, and every import issue
has a sentence of its own."""

import re

import pytest
from lxml import html as lxml_html

from cards.comparison_data import card_label
from cards.models import ProfessionCard
from standards.issue_messages import ISSUE_MESSAGES
from standards.models import ImportIssue, SourceDocument

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

INTERNAL = [
    r"\b(?:\d{4}|undated)-(?:kk|ru)\b",  # edition keys
    r"\bundated\b",
    r"\.txt\b",  # file names
    r"@(?:kk|ru)\b",
    r"\((?:kk|ru)[,)]",  # "(ru, level 7)"
]
PAGES = [
    "/standards/J071/",
    "/standards/J072/",
    "/standards/J071/editions/2022-kk/",
    "/standards/J072/editions/undated-kk/",
    "/standards/J076/editions/2019-ru/",
    "/standards/J071/changes/",
    "/standards/J072/changes/",
    "/cards/J071/4/",
    "/cards/J064/1/",
    "/standards/J071/editions/2022-kk/cards/4/",
    "/standards/J072/editions/undated-kk/cards/1/",
    "/quality/",
]


def visible_text(response) -> str:
    body = lxml_html.fromstring(response.content.decode()).find("body")
    for element in body.xpath(".//script|.//style"):
        element.drop_tree()
    text = " ".join(body.text_content().split())
    return re.sub(r"https?://\S+", "", text)  # a printed page's own address may hold a key: it is a URL


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_no_page_shows_an_edition_key_a_language_code_or_a_file_name(client, registry, language, path):
    response = client.get(f"/{language}{path}")
    assert response.status_code == 200
    text = visible_text(response)
    assert [pattern for pattern in INTERNAL if re.search(pattern, text)] == []


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_source_page_of_every_bundled_document_opens_with_its_lines(client, registry, language):
    for document in SourceDocument.objects.all():
        response = client.get(f"/{language}/sources/{document.pk}/")
        assert response.status_code == 200, document.file_name
        body = response.content.decode()
        assert 'id="L1"' in body
        last = max(document.editions.values_list("last_line", flat=True))
        assert f'id="L{last}"' in body, document.file_name
        assert document.file_name not in visible_text(response)


def test_a_card_links_its_source_lines_to_the_text_it_was_read_from(client, registry):
    card = ProfessionCard.objects.select_related("edition__document").get(
        edition__standard__code="J064", edition__language="ru", edition__status="in_force", position=1
    )
    tree = lxml_html.fromstring(client.get("/ru/cards/J064/1/").content.decode())
    [provenance] = tree.xpath('//section[@class="provenance"]')
    href = f"/ru/sources/{card.edition.document_id}/#L{card.first_line}"
    assert provenance.xpath(f'.//a[@href="{href}"]')
    assert "209/НК" in provenance.text_content() and "20.04.2026" in provenance.text_content()


def test_every_import_issue_of_the_bundled_orders_has_a_sentence_with_its_params_filled_in(registry):
    issues = list(ImportIssue.objects.all())
    assert issues
    assert {issue.code for issue in issues} <= set(ISSUE_MESSAGES)
    for issue in issues:
        text = issue.display_message()
        assert text != issue.message and "%(" not in text and "None" not in text


def test_no_compared_card_is_labelled_with_a_language_code_or_an_edition_key(registry):
    for card in ProfessionCard.objects.select_related("edition__standard"):
        label = card_label(card)
        assert not re.search(r"\b(?:kk|ru)\b", label), label
        assert card.edition.key not in label, label
