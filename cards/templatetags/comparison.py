"""Links into the comparison pages: ``{% load comparison %}``.

``{% compare_url card other %}`` is the path of the comparison of those cards (2 to 4,
in column order); ``{% compare_twin_url card %}`` compares a card with its other-language
twin; ``card|compare_reference`` is the card's ``?cards=`` reference. Each needs the
cards' ``edition__standard`` loaded to run no query. ``{% compare_rows groups by_position %}``
writes the comparison table's rows, ``{% compare_summary summary by_position %}`` its summary's tables
(tests/cards/test_compare_writers.py: the markup of the template loops they replace).
"""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from cards.compare import CHANGED, COMMON, ONLY
from cards.identity import card_reference
from cards.markup import escaped as escape

register = template.Library()


@register.filter
def compare_reference(card) -> str:
    return card_reference(card)


@register.simple_tag
def compare_url(*cards) -> str:
    references = ",".join(card_reference(card) for card in cards if card is not None)
    return reverse("compare") + "?cards=" + quote(references, safe="/,@")


@register.simple_tag
def compare_twin_url(card) -> str:
    """The card beside its twin (same code and position, other language), this card first."""
    other = "ru" if card.edition.language == "kk" else "kk"
    references = f"{card_reference(card)},{card_reference(card, language=other)}"
    return reverse("compare") + "?cards=" + quote(references, safe="/,@")


@register.simple_tag
def compare_rows(groups, by_position: bool) -> SafeString:
    """The side-by-side table's bodies, one ``<tbody>`` per labour function, written out in Python.

    The markup a template loop over every row and cell gave (four large cards are some 1,700 cells,
    and that loop was most of the page's time). Each text of a card is escaped: data, never markup.
    """
    kinds = {
        "function": escape(gettext("Labour function")),
        "skill": escape(gettext("Skill")),
        "ability": escape(gettext("Ability")),
        "knowledge": escape(gettext("Knowledge")),
    }
    marks = {
        COMMON: escape(gettext("In both") if by_position else gettext("Common")),
        CHANGED: escape(gettext("Changed")),
    }
    changed_lower = escape(gettext("changed"))
    only = escape(gettext("Only in:"))
    absent = f'<td class="compare-absent">{escape(gettext("not listed"))}</td>'
    moved = f' <span class="compare-moved">({escape(gettext("moved"))})</span>'
    inserted = f'<ins><span class="visually-hidden">{escape(gettext("inserted:"))} </span>'
    deleted = f'<del><span class="visually-hidden">{escape(gettext("deleted:"))} </span>'
    heads: dict[tuple, str] = {}
    cell_starts: dict[str, str] = {}

    def head(row) -> str:
        """The row's ``<tr>`` and heading ``<th>``."""
        status = row.status
        if status == ONLY:
            mark = f"{only} {escape(', '.join(row.only_in))}{f'; {changed_lower}' if row.changed else ''}"
        else:
            mark = marks[status]
        return (
            f'<tr class="compare-row kind-{escape(row.kind)} status-{escape(status)}">\n'
            f'<th scope="row" class="compare-row-head"><span class="compare-kind">'
            f"{kinds.get(row.kind, kinds['knowledge'])}</span>\n"
            f'<span class="compare-mark">{mark}</span></th>\n'
        )

    def segments(cell) -> str:
        return " ".join(
            f"{inserted}{escape(seg.text)}</ins>"
            if seg.op == "insert"
            else (f"{deleted}{escape(seg.text)}</del>" if seg.op == "delete" else escape(seg.text))
            for seg in cell.segments
        )

    out = []
    for group in groups:
        out.append('<tbody class="compare-function">\n')
        for row in group:
            # The heading depends only on the kind, which cards list the item and whether a text changed:
            # worked out from the cells as they are written, and the heading written once per page for each.
            tds = []
            present, changed = 0, False
            for column, cell in enumerate(row.cells):
                if cell is None:
                    tds.append(absent)
                    continue
                present |= 1 << column
                start = cell_starts.get(cell.language)
                if start is None:
                    start = cell_starts[cell.language] = f'<td lang="{escape(cell.language)}">'
                number = f'<span class="compare-number">{cell.number}.</span> ' if cell.number else ""
                if cell.segments:
                    changed = True
                    text = segments(cell)
                else:
                    text = escape(cell.text)
                tds.append(f"{start}{number}{text}{moved}</td>" if cell.moved else f"{start}{number}{text}</td>")
            key = (row.kind, row.labels, present, changed)
            row_head = heads.get(key)
            if row_head is None:
                row_head = heads[key] = head(row)
            out.append(row_head)
            out.append("".join(tds))
            out.append("\n</tr>\n")
        out.append("</tbody>\n")
    return mark_safe("".join(out))  # every text in it is escaped above


@register.simple_tag
def compare_summary(summary, by_position: bool) -> SafeString:
    """The summary's tables, one per step between neighbouring columns (``summary``: the view's
    ``_summary``), written out in Python: the markup a template loop over every count gave."""
    kinds = {
        "function": escape(gettext("Labour functions")),
        "skill": escape(gettext("Skills")),
        "ability": escape(gettext("Abilities")),
        "knowledge": escape(gettext("Knowledge")),
    }
    caption = gettext("From %(before)s to %(after)s")
    common = escape(gettext("In both") if by_position else gettext("Common"))
    changed_head = "" if by_position else f'<th scope="col" class="number">{escape(gettext("Changed"))}</th>'
    head = (
        "    <thead>\n      <tr>\n"
        f'        <th scope="col">{escape(gettext("Part"))}</th>\n'
        f'        <th scope="col" class="number">{common}</th>\n'
        f"        {changed_head}\n"
        f'        <th scope="col" class="number">{escape(gettext("Added"))} <span class="compare-note">'
        f"({escape(gettext('only in the right-hand card'))})</span></th>\n"
        f'        <th scope="col" class="number">{escape(gettext("Removed"))} <span class="compare-note">'
        f"({escape(gettext('only in the left-hand card'))})</span></th>\n"
        "      </tr>\n    </thead>\n"
    )
    out = []
    for number, step in enumerate(summary, 1):
        labels = {"before": escape(step["before_label"]), "after": escape(step["after_label"])}
        out.append(
            f'\n  <div class="compare-scroll" role="region" aria-labelledby="summary-caption-{number}" tabindex="0">\n'
            '  <table class="compare-summary">\n'
            f'    <caption id="summary-caption-{number}">{caption % labels}</caption>\n'
            f"{head}    <tbody>\n      "
        )
        for kind, counts in step["rows"]:
            changed = "" if by_position else f'<td class="number" data-count="changed">{_count(counts.changed)}</td>'
            out.append(
                f'\n      <tr data-kind="{escape(kind)}">\n'
                f'        <th scope="row">{kinds.get(kind, kinds["knowledge"])}</th>\n'
                f'        <td class="number" data-count="common">{_count(counts.common)}</td>\n'
                f"        {changed}\n"
                f'        <td class="number" data-count="added">{_count(counts.added)}</td>\n'
                f'        <td class="number" data-count="removed">{_count(counts.removed)}</td>\n'
                "      </tr>\n      "
            )
        out.append("\n    </tbody>\n  </table>\n  </div>\n  ")
    return mark_safe("".join(out))  # the labels are escaped above, the counts are numbers


def _count(n: int) -> str:
    """A count as ``{{ n }}`` renders it (a thousands separator, where the settings ask for one, only from 1,000)."""
    return str(n) if 0 <= n < 1000 else localize(n)
