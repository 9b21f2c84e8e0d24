"""Hostile requests: every query parameter of every page and API route, and every part of a page's
path, sent invalid values; the answer is a page (200), or a 400/404 in the page's language, never a 500.

The values are what a scanner or a broken link sends: wrong types, huge and negative numbers, unknown
codes, 10 kB strings, SQL and markup, NUL bytes, invalid UTF-8 percent-encodings, repeated parameters.
The run prints how many requests it sent and how many server errors it met (tests/security/conftest.py).
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver
from django.urls.resolvers import RoutePattern
from lxml import html as lxml_html

from tests.test_crawl import english_words, interface_text

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Raw (already percent-encoded) query values, so invalid UTF-8 and NUL reach the server as sent.
HOSTILE_VALUES = [
    "abc",
    "-1",
    "1e308",
    "99999999999999999999999999",
    "J999",
    "%5B%5D",  # []
    quote("x" * 10_240),
    quote("а" * 5_000),  # Cyrillic: 10 kB of UTF-8
    quote("' OR 1=1 --"),
    quote("1); DROP TABLE cards_professioncard; --"),
    quote('"><script>alert(1)</script>'),
    "a%00b",
    "%ff%fe",
    "%ed%a0%80",  # a UTF-16 surrogate
    "%e2%80%ae",  # RTL override
]

# The parameters each page reads (cards/views, the FilterSet, the picker's ``compare``), and one no
# page knows: a parameter a page does not read must be harmless too.
FILTERS = ["q", "page", "level", "standard", "isco", "language", "sort"]
COMMON = ["compare", "unknown"]
API_PARAMETERS = ["lang", "page", "page_size", "q", "limit", "level", "standard", "cards", "unknown"]

PAGES = {
    "/": [],
    "/standards/": [],
    "/standards/J068/": [],
    "/standards/J071/changes/": [],
    "/standards/J071/editions/2022-kk/": [],
    "/standards/J071/editions/2022-kk/cards/4/": [],
    "/cards/": FILTERS,
    "/cards/J068/1/": [],
    "/cards/J068/1/ladder/": [],
    "/cards/J068/1/ladder.csv": [],
    "/compare/": ["cards", "q", "find", "differences"],
    "/compare/?cards=J068/1,J068/2": ["cards", "differences"],
    "/compare/suggest/": ["q", "selection"],
    "/occupations/": [],
    "/occupations/2166-1-002/": [],
    "/occupations/isco/2512/": [],
    "/search/": FILTERS,
    "/search/?q=тестировщик": ["page", "level", "standard", "sort"],
    "/quality/": [],
}

# Each variable part of a page's path, replaced by hostile values.
PATH_TEMPLATES = [
    "/standards/{}/",
    "/standards/J068/changes/{}",
    "/standards/J071/editions/{}/",
    "/standards/J071/editions/2022-kk/cards/{}/",
    "/cards/{}/1/",
    "/cards/J068/{}/",
    "/cards/J068/{}/ladder/",
    "/cards/J068/{}/ladder.csv",
    "/occupations/{}/",
    "/occupations/isco/{}/",
    "/sources/{}/",
]
PATH_VALUES = [
    "99999999999999999999",
    "9223372036854775808",
    "2147483648",
    "0",
    "J999",
    "x" * 3000,
    quote("а" * 1500),
    "%00",
    "%ff%fe",
    quote("' OR 1=1 --"),
    quote("<script>alert(1)</script>"),
]


@pytest.fixture(scope="module")
def client(registry):
    # The response a visitor gets, not the view's exception: a 500 is counted, not raised.
    return Client(raise_request_exception=False)


def api_routes() -> list[str]:
    routes = []
    for pattern in get_resolver().url_patterns:
        if str(pattern.pattern) == "api/v1/":
            routes += [
                "/api/v1/" + str(p.pattern)
                for p in pattern.url_patterns
                if isinstance(p, URLPattern) and isinstance(p.pattern, RoutePattern) and "<" not in str(p.pattern)
            ]
    return routes


def send(client, tally, url: str) -> tuple[str, int] | None:
    """GET ``url``; return (url, what is wrong) or None when the answer is a proper one."""
    response = client.get(url)
    tally["requests"] += 1
    tally[response.status_code] += 1
    if response.status_code >= 500:
        tally["server_errors"] += 1
        return url[:200], f"status {response.status_code}"
    if response.status_code not in (200, 301, 302, 400, 404, 405):  # 405: a POST-only route (the API's match)
        return url[:200], f"status {response.status_code}"
    if response.status_code in (400, 404):
        problem = untranslated(response, url)
        if problem:
            return url[:200], problem
    return None


def untranslated(response, url: str) -> str:
    """What is not in the page's language in an error answer ("" when it all is)."""
    content_type = response.headers.get("Content-Type", "")
    language = "ru" if url.startswith("/ru/") or "lang=ru" in url else "kk"
    if content_type.startswith("text/html"):
        document = lxml_html.fromstring(response.content.decode())
        if document.get("lang") != language:
            return f"page language {document.get('lang')!r}, not {language}"
        words = english_words(without_sent_values(interface_text(document), url))
        return f"English words {words[:5]}" if words else ""
    if content_type.startswith("application/json"):
        strings = []

        def walk(value):
            if isinstance(value, dict):
                for key, item in value.items():
                    if key in {"message", "detail", "error", "errors"} or isinstance(item, (dict, list)):
                        walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, str):
                strings.append(value)

        walk(json.loads(response.content))
        words = english_words(without_sent_values(" ".join(strings), url))
        return f"English words in the JSON error {words[:5]}" if words else ""
    return ""


def without_sent_values(text: str, url: str) -> str:
    """``text`` without the values the request sent: an error may quote what it refuses ("abc")."""
    parts = urlsplit(url)
    sent = [value for _, value in parse_qsl(parts.query, errors="replace")]
    sent += [unquote(segment, errors="replace") for segment in parts.path.split("/")]
    for value in sorted(sent, key=len, reverse=True):
        if value.strip():
            text = text.replace(value.strip(), " ")
    # An error may quote the value cut short ("xxxx…"): a word that is part of a sent value is that value.
    return " ".join(word for word in text.split() if not any(word.strip("«»\"'.,:;…()") in v for v in sent))


def assert_none(problems: list) -> None:
    found = [p for p in problems if p]
    assert not found, f"{len(found)} bad answers:\n" + "\n".join(f"{url}: {what}" for url, what in found[:40])


# Each parameter gets one share of the values, the next parameter the next share: every value reaches
# every API route, and every page reading three parameters or more, through some parameter, at a third
# of the requests of all values for all parameters (the run stays a few minutes). The whole-registry
# files are built per request: a fifth of the values is enough for them.
SHARES, SHARES_OF_DOWNLOADS = 3, 5


def share_of_values(index: int, shares: int = SHARES) -> list[str]:
    return HOSTILE_VALUES[index % shares :: shares]


def query(base: str, parameter: str, value: str) -> str:
    return f"{base}{'&' if '?' in base else '?'}{parameter}={value}"


@pytest.mark.parametrize("path", PAGES)
def test_every_query_parameter_of_a_page_with_hostile_values_gives_no_server_error(client, request_tally, path):
    problems = []
    parameters = PAGES[path] + COMMON
    for i, parameter in enumerate(parameters):
        for j, value in enumerate(share_of_values(i)):
            language = "kk" if (i + j) % 2 else "ru"
            problems.append(send(client, request_tally, query(f"/{language}{path}", parameter, value)))
    # A parameter given twice, and many parameters at once.
    joiner = "&" if "?" in path else "?"
    problems.append(send(client, request_tally, f"/ru{path}{joiner}page=1&page=abc&level=1&level=x"))
    everything = "&".join(f"{p}={quote('x' * 1000)}" for p in parameters)
    problems.append(send(client, request_tally, f"/kk{path}{joiner}{everything}"))
    assert_none(problems)


def test_every_api_route_with_hostile_parameters_gives_no_server_error(client, request_tally):
    routes = api_routes()
    assert "/api/v1/cards" in routes
    problems = []
    for route in routes:
        # The whole-registry files are built per request: a few values are enough for them.
        for i, parameter in enumerate(API_PARAMETERS):
            values = share_of_values(i + len(route), SHARES_OF_DOWNLOADS if "downloads/" in route else SHARES)
            for j, value in enumerate(values):
                url = query(route, parameter, value)
                url = query(url, "lang", "ru") if j % 2 and parameter != "lang" else url
                problems.append(send(client, request_tally, url))
    assert_none(problems)


@pytest.mark.parametrize("template", PATH_TEMPLATES)
def test_every_variable_part_of_a_path_with_hostile_values_gives_no_server_error(client, request_tally, template):
    problems = []
    for j, value in enumerate(PATH_VALUES):
        language = "kk" if j % 2 else "ru"
        problems.append(send(client, request_tally, f"/{language}" + template.format(value)))
    assert_none(problems)


def test_a_page_number_out_of_range_is_a_translated_404_and_a_bad_one_a_400(client):
    too_far = client.get("/ru/cards/?page=999")
    assert too_far.status_code == 404
    assert "999" in too_far.content.decode()
    assert client.get("/kk/cards/?page=-3").status_code == 400
    assert client.get("/kk/cards/?page=99999999999999999999999").status_code == 404
    assert client.get("/ru/search/?q=тестировщик&page=999").status_code == 404


# The parameters whose values a route checks: a hostile value there is refused (400, or 404 for a page
# number past the end), never answered with a page that quietly ignored it. (Free text, ``q``, and the
# parameters a route does not read are answered.)
VALIDATED = {
    "/ru/cards/": ["page", "level", "standard", "isco", "language", "sort"],
    "/kk/search/?q=sql": ["page", "level", "standard", "sort"],
    "/api/v1/cards": ["page", "page_size", "level", "standard", "isco", "language", "sort", "lang"],
    "/api/v1/search?q=sql": ["limit", "level", "standard", "lang"],
}


@pytest.mark.parametrize("route", VALIDATED)
def test_a_hostile_value_of_a_checked_parameter_is_refused_not_ignored(client, request_tally, route):
    wrong = []
    for parameter in VALIDATED[route]:
        for value in HOSTILE_VALUES:
            url = query(route, parameter, value)
            response = client.get(url)
            request_tally["requests"] += 1
            request_tally[response.status_code] += 1
            if response.status_code not in (400, 404):
                wrong.append(f"{url[:120]}: {response.status_code}")
    assert not wrong, f"{len(wrong)} hostile values answered as if valid:\n" + "\n".join(wrong[:20])
