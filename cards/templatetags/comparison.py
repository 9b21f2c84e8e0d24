"""Links into the comparison pages: ``{% load comparison %}``.

``{% compare_url card other %}`` is the path of the comparison of those cards (2 to 4,
in column order); ``{% compare_twin_url card %}`` compares a card with its other-language
twin; ``card|compare_reference`` is the card's ``?cards=`` reference. Each needs the
cards' ``edition__standard`` loaded to run no query. ``{% compare_rows groups by_position %}``
writes the comparison table's rows.
"""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from cards.identity import card_reference
from cards.markup import escaped

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
        "function": escaped(gettext("Labour function")),
        "skill": escaped(gettext("Skill")),
        "ability": escaped(gettext("Ability")),
        "knowledge": escaped(gettext("Knowledge")),
    }
    common = escaped(gettext("In both") if by_position else gettext("Common"))
    changed = escaped(gettext("Changed"))
    changed_lower = escaped(gettext("changed"))
    only = escaped(gettext("Only in:"))
    absent_text = escaped(gettext("not listed"))
    moved_text = escaped(gettext("moved"))
    inserted_text = escaped(gettext("inserted:"))
    deleted_text = escaped(gettext("deleted:"))
    absent = f'<td class="compare-absent">{absent_text}</td>'
    moved = f' <span class="compare-moved">({moved_text})</span>'
    inserted = f'<ins><span class="visually-hidden">{inserted_text} </span>'
    deleted = f'<del><span class="visually-hidden">{deleted_text} </span>'

    def segment(seg) -> str:
        if seg.op == "insert":
            return f"{inserted}{escaped(seg.text)}</ins>"
        if seg.op == "delete":
            return f"{deleted}{escaped(seg.text)}</del>"
        return escaped(seg.text)

    def cell_html(cell) -> str:
        if cell is None:
            return absent
        number = f'<span class="compare-number">{cell.number}.</span> ' if cell.number else ""
        text = " ".join(segment(seg) for seg in cell.segments) if cell.segments else escaped(cell.text)
        return f'<td lang="{escaped(cell.language)}">{number}{text}{moved if cell.moved else ""}</td>'

    out = []
    for group in groups:
        out.append('<tbody class="compare-function">\n')
        for row in group:
            status = row.status
            if status == "common":
                mark = common
            elif status == "changed":
                mark = changed
            else:
                mark = f"{only} {escaped(', '.join(row.only_in))}{f'; {changed_lower}' if row.changed else ''}"
            kind = kinds.get(row.kind, kinds["knowledge"])
            out.append(
                f'<tr class="compare-row kind-{escaped(row.kind)} status-{escaped(status)}">\n'
                f'<th scope="row" class="compare-row-head"><span class="compare-kind">{kind}</span>\n'
                f'<span class="compare-mark">{mark}</span></th>\n'
                f"{''.join(cell_html(cell) for cell in row.cells)}\n</tr>\n"
            )
        out.append("</tbody>\n")
    return mark_safe("".join(out))  # every text in it is escaped above
