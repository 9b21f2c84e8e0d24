"""Every page type, crawled in Kazakh and in Russian, reads in its language.

The interface text of a page (everything outside the registry's own texts, which carry a ``lang``
attribute) holds no English word and no internal key; and a Russian reader never meets Kazakh text
without a mark, nor a Kazakh reader Russian text.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from lxml import html as lxml_html

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Paths without the language prefix; each is crawled as /kk/… and /ru/….
PAGES = [
    "/",
    "/standards/",
    "/standards/J068/",
    "/standards/J062/",
    "/standards/J071/",
    "/standards/J071/editions/2022-kk/",
    "/standards/J071/changes/",
    "/cards/",
    "/cards/?level=6&standard=J068",
    "/cards/?level=9",
    "/cards/J068/1/",
    "/cards/J062/1/",
    "/cards/J061/1/",
    "/standards/J071/editions/2022-kk/cards/4/",
    "/cards/J068/1/ladder/",
    "/compare/",
    "/compare/?q=тестировщик&find=1",
    "/compare/?q=деректер&cards=J068/1&find=1",
    "/compare/?cards=J068/1,J068/2",
    "/compare/?cards=J068/1@kk,J068/1@ru",
    "/compare/?cards=J062/1,J068/1",
    "/compare/?cards=J999/1,J068/1",
    "/occupations/2166-1-002/",
    "/occupations/",
    "/occupations/isco/2512/",
    "/search/?q=тестировщик",
    "/search/?q=деректер базасы",
    "/search/?q=",
    "/match/",
    "/match/?level=9",
    "/quality/",
    "/open-data/",
    "/no-such-page/",
]

# Latin words allowed in the interface: names and codes the registry's readers use as they are.
ALLOWED_LATIN = {"ISCO", "ESCO", "IT", "SQL", "OKED", "CSV", "PDF", "XLSX", "JSON", "API", "URL", "ID", "EXCEL"}
ALLOWED_LATIN |= {"OPENAPI", "ZIP", "JAVASCRIPT"}  # the Open data page and the API docs (issue 12)
# Internal names that must never show, whatever the language.
FORBIDDEN = [
    r"\bundated\b",
    r"\b\d{4}-(?:kk|ru)\b",
    r"\bin_force\b",
    r"\bsuperseded\b",
    r"\.txt\b",
    r"\bDjango\b",
    r"\bNone\b",
    r"\bTrue\b",
    r"\bFalse\b",
    r"\btext outside\b",
    r"\blevel_source\b",
    r"@(?:kk|ru)\b",
]
LATIN_WORD = re.compile(r"(?<![\w@./-])[A-Za-z][A-Za-z]{2,}(?![\w-])")
CODE_LIKE = re.compile(r"^[A-Z]{1,3}\d")  # J068, T061: standard codes
URL = re.compile(r"https?://\S+")


@pytest.fixture(scope="module")
def client(registry):
    return Client()


def interface_text(document) -> str:
    """The visible text of a page outside the registry's own texts (elements with a ``lang`` of their own)."""
    body = document.find("body")
    # Data in the interface: the registry's texts (with a lang of their own), the choices of a filter
    # (standard titles), code; and what is not shown.
    for element in body.xpath(".//script|.//style|.//*[@lang]|.//*[@hidden]|.//code|.//option[@value!='']"):
        element.drop_tree()
    return URL.sub(" ", " ".join(body.text_content().split()))


def english_words(text: str) -> list[str]:
    return sorted({w for w in LATIN_WORD.findall(text) if w.upper() not in ALLOWED_LATIN and not CODE_LIKE.match(w)})


def unmarked_other_language(document, language: str) -> list[str]:
    """Texts in the other language that neither sit beside a mark or a page-language label, nor on a page
    whose note says which text is shown."""
    other = "ru" if language == "kk" else "kk"
    if document.xpath("//*[contains(@class, 'notice-language')]"):
        return []  # a card page in the other language says so at its top
    found = []
    for element in document.xpath(f"//body//*[@lang='{other}']"):
        if element.xpath(f"ancestor::*[@lang='{other}']"):
            continue  # inside an outer element of that language: judged there
        if element.xpath("ancestor-or-self::*[@hreflang or contains(@class, 'languages')]"):
            continue  # the language switch and "open in the other language" links
        scope = element.getparent() if element.getparent() is not None else element
        marked = scope.xpath(
            ".//*[contains(@class, 'language-mark') or contains(@class, 'page-label')]"
            "|ancestor::*[contains(@class, 'language-mark') or contains(@class, 'page-label')]"
        )
        if not marked and element.text_content().strip():
            found.append(" ".join(element.text_content().split())[:80])
    return found


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_the_interface_of_every_page_is_in_its_language_without_internal_names(client, language, path):
    check_page(client, f"/{language}{path}", language)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_source_text_pages_are_in_their_language_too(client, language):
    from standards.models import SourceDocument

    for document in SourceDocument.objects.exclude(format="pdf")[:2]:
        check_page(client, f"/{language}/sources/{document.pk}/", language)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_api_documentation_page_is_in_its_language_too(client, language):
    check_page(client, f"/api/v1/docs/?lang={language}", language)


def check_page(client, url: str, language: str) -> None:
    response = client.get(url)
    assert response.status_code in (200, 400, 404), url
    text = interface_text(lxml_html.fromstring(response.content.decode()))
    assert english_words(text) == [], url
    assert [p for p in FORBIDDEN if re.search(p, text)] == [], url
    assert unmarked_other_language(lxml_html.fromstring(response.content.decode()), language) == [], url


def test_the_checks_see_english_internal_keys_and_unmarked_text():
    page = lxml_html.fromstring(
        '<html lang="ru"><body><p>Edition 2025-kk, <span lang="kk">Деректер</span></p>'
        '<p><span lang="kk">Жазушы</span> <span class="language-mark">текст только на казахском</span></p>'
        "</body></html>"
    )
    assert unmarked_other_language(page, "ru") == ["Деректер"]
    text = interface_text(page)
    assert english_words(text) == ["Edition"]
    assert re.search(FORBIDDEN[1], text)
