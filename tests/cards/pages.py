"""Reading the pages in the page tests: a response with its status checked, its HTML, an element's text."""

import lxml.html


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response


def document(client, url, status=200):
    return lxml.html.fromstring(get(client, url, status).content.decode())


def text(element) -> str:
    """An element's text as read: whitespace collapsed."""
    return " ".join(element.text_content().split())
