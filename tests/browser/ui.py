"""What the user reads: the interface's words in a language, and the parts of the pages tests look at.

The words come from the same message catalogue as the pages, so the tests find controls the way a
user does, by their visible names, whatever the translations say today.
"""

from __future__ import annotations

import re

from django.utils import translation


def say(language: str, text: str, plural: str | None = None, **values) -> str:
    """The interface text ``text`` in ``language``: ``say("ru", "Show cards")``."""
    with translation.override(language):
        message = translation.gettext(text) if plural is None else translation.ngettext(text, plural, values["counter"])
    return message % values if values else message


def cards_match(language: str, count: int) -> str:
    """The card list's sentence giving the number of matches."""
    return say(language, "%(counter)s card matches the filters.", "%(counter)s cards match the filters.", counter=count)


def label(text: str) -> re.Pattern:
    """A form control's name as Django renders its label: the text, maybe with the label suffix ":"."""
    return re.compile(rf"^{re.escape(text)}:?$")


def result_rows(page):
    """The rows of the card list's results, one per card (the table in its scrolling region)."""
    return page.get_by_role("region").get_by_role("table").locator("tbody").get_by_role("row")
