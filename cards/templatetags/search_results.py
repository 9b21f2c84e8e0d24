"""The search page's results, written out in Python: ``{% load search_results %}{% search_hits hits %}``.

It writes the markup the results' template loop wrote, byte for byte (tests/cards/test_search_results.py
renders both): per profession its best card's title and passage marked, its standard, code and
language, and the links to its levels. With an ``{% include %}`` and a dozen lookups and translations
per result, the loop was a third of the page's time. Every message is looked up once per page and
every text goes through :func:`cards.markup.escaped` (Django's escape); the marked title and passage
are :mod:`cards.search.highlight`'s, escaped there.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.templatetags.l10n import unlocalize
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from cards.identity import card_path
from cards.markup import escaped
from cards.templatetags.card_page import PageTitles

register = template.Library()


@register.simple_tag
def search_hits(hits) -> SafeString:
    """The ``<li>`` of each :class:`cards.search.service.ProfessionHit` of a page of results."""
    number = localize if settings.USE_THOUSAND_SEPARATOR else str  # what {{ n }} writes of a whole number
    language = get_language()
    standard_word = escaped(gettext("Standard"))
    levels_label = escaped(gettext("ОРК levels:"))
    best_mark = escaped(gettext("best match"))
    in_kazakh, in_russian = escaped(gettext("in Kazakh")), escaped(gettext("in Russian"))
    titles = PageTitles()
    paths: dict[int, str] = {}  # the best card's link is written twice, in its heading and among its levels

    def path(card) -> str:
        if card.pk not in paths:
            paths[card.pk] = escaped(card_path(card))
        return paths[card.pk]

    out = []
    for hit in hits:
        best = hit.best
        card = best.card
        pk = number(card.pk)
        edition = card.edition
        standard = edition.standard
        if getattr(card, "in_other_language", False):
            title = f"{titles.card(card)}\n"  # includes/card_title.html, its last line break included
        else:
            title = best.title
        code = card.occupation_code
        code = f'<span class="code">{escaped(code)}</span>' if code and code != "-" else ""
        levels = []
        for level in hit.levels:
            url = path(level)
            value = number(level.level) if level.level else "—"
            if level.pk == card.pk:
                levels.append(
                    f'\n                <li class="best-level" data-best><a href="{url}"><strong>{value}</strong></a> '
                    f'<span class="best-mark">{best_mark}</span></li>\n                '
                )
            else:
                levels.append(f'\n                <li><a href="{url}">{value}</a></li>\n                ')
        passage = ""
        if best.passage:
            mark = ""
            if best.passage_language != language:
                other = in_kazakh if best.passage_language == "kk" else in_russian
                mark = f' <span class="language-mark">{other}</span>'
            passage = (
                f'<p class="passage"><span class="passage-label">{escaped(best.passage_label)}{mark}:</span> '
                f'<span class="passage-text" lang="{escaped(best.passage_language)}">{best.passage}</span></p>'
            )
        out.append(
            f'\n        <li class="search-hit" data-score="{escaped(unlocalize(hit.score))}" '
            f'data-profession-key="{escaped(hit.key)}" data-card-count="{number(len(hit.levels))}">\n'
            f'          <article aria-labelledby="hit-{pk}">\n'
            f'            <h3 id="hit-{pk}" lang="{escaped(edition.language)}"><a href="{path(card)}">'
            f"{title}</a></h3>\n"
            '            <p class="hit-meta">\n'
            f"              <span>{standard_word} {escaped(standard.code)} {titles.standard(standard)}\n</span>\n"
            f"              {code}\n"
            f"              <span>{titles.language_name(edition)}</span>\n"
            "            </p>\n"
            '            <div class="hit-levels">\n'
            f'              <span class="levels-label" id="levels-{pk}">{levels_label}</span>\n'
            f'              <ul aria-labelledby="levels-{pk}">\n'
            f"                {''.join(levels)}\n"
            "              </ul>\n"
            "            </div>\n"
            f"            {passage}\n"
            "          </article>\n"
            "        </li>\n"
            "        "
        )
    return mark_safe("".join(out))  # every text in it is escaped above or by cards.search.highlight
