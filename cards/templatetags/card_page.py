"""The card page's labour functions, skills, abilities and knowledge, and the titles of listed
cards and standards, written out in Python: ``{% load card_page %}``.

``{% load card_page %}{% function_sections functions content_language %}`` renders the same markup
``includes/card_functions.html`` rendered with a template loop: a large card has some 450 rows, and
the template engine's cost per node (a variable lookup, an ``{% if %}``, a ``{% translate %}`` inside
the loop) made them most of the page's time. Here every translated word is looked up once per page,
and every imported text goes through :func:`cards.markup.escaped` (Django's escape): it stays data, never markup.
``functions`` are :class:`cards.selectors.FunctionRow` (from ``cards.selectors.function_tree``).
``{% card_title card %}`` and ``{% standard_title standard %}`` are what ``includes/card_title.html``
and ``includes/standard_title.html`` render, without an include's cost in a row of a long table;
``{% level_matrix_rows rows list_url %}`` the overview's matrix of standards by ОРК level.
"""

from __future__ import annotations

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from cards.identity import card_path, card_reference
from cards.markup import escaped

register = template.Library()


@register.simple_tag
def function_sections(functions, content_language: str) -> SafeString:
    # Each message is looked up once per page (and outside f-strings, where makemessages finds it).
    lang = escaped(content_language)
    additional_text = escaped(gettext("additional"))
    link_title = escaped(gettext("Link to this skill"))
    abilities_heading = escaped(gettext("Abilities"))
    knowledge_heading = escaped(gettext("Knowledge"))
    none_listed_text = escaped(gettext("None listed."))
    no_skills_text = escaped(gettext("No skills listed for this function."))
    recognition_label = escaped(gettext("Recognition of prior learning:"))
    additional = f' <span class="badge">{additional_text}</span>'
    none_listed = f'<p class="none">{none_listed_text}</p>'
    no_skills = f'<p class="none">{no_skills_text}</p>\n'
    function_number = gettext("Labour function %(number)s")
    skill_number = gettext("Skill %(function)s.%(skill)s")
    items_open = f'<ol lang="{lang}">'

    def items(texts: list[str]) -> str:
        if not texts:
            return none_listed
        return items_open + "".join(f"<li>{escaped(text)}</li>" for text in texts) + "</ol>"

    out = []
    for function in functions:
        f = function.position
        is_additional = function.kind == "additional"
        out.append(
            f'<section class="function{" function-additional" if is_additional else ""}" id="f{f}" '
            f'aria-labelledby="f{f}-title">\n'
            f'<h2 id="f{f}-title">\n'
            f'<span class="function-number">{escaped(function_number % {"number": f})}'
            f"{additional if is_additional else ''}</span>\n"
            f'<span class="function-title" lang="{lang}">{escaped(function.title)}</span>\n'
            "</h2>\n"
        )
        for skill in function.skills:
            anchor = f"f{f}-s{skill.position}"
            out.append(
                f'<section class="skill" id="{anchor}" aria-labelledby="{anchor}-title">\n'
                f'<h3 id="{anchor}-title">\n'
                f'<a class="skill-number" href="#{anchor}" title="{link_title}">'
                f"{escaped(skill_number % {'function': f, 'skill': skill.position})}</a>\n"
                f'<span class="skill-title" lang="{lang}">{escaped(skill.title)}</span>\n'
                "</h3>\n"
                '<div class="skill-items">\n'
                f'<div class="abilities">\n<h4>{abilities_heading}</h4>\n{items(skill.abilities)}\n</div>\n'
                f'<div class="knowledge">\n<h4>{knowledge_heading}</h4>\n{items(skill.knowledge)}\n</div>\n'
                "</div>\n"
            )
            if skill.recognition:
                recognition = escaped(skill.recognition)
                out.append(f'<p class="recognition">{recognition_label} <span lang="{lang}">{recognition}</span></p>\n')
            out.append("</section>\n")
        if not function.skills:
            out.append(no_skills)
        out.append("</section>\n")
    return mark_safe("".join(out))  # every text in it is escaped above


@register.simple_tag
def standard_title(standard) -> SafeString:
    """A standard's title in the page language, or, where the registry knows none, its title in the
    other language with a mark that says so (``includes/standard_title.html`` is this tag)."""
    if get_language() == "ru":
        if standard.title_ru:
            return format_html('<span class="standard-title" lang="ru">{}</span>', standard.title_ru)
        return format_html(
            '<span class="standard-title" lang="kk">{}</span> <span class="language-mark">{}</span>',
            standard.title_kk,
            gettext("title in Kazakh only"),
        )
    if standard.title_kk:
        return format_html('<span class="standard-title" lang="kk">{}</span>', standard.title_kk)
    return format_html(
        '<span class="standard-title" lang="ru">{}</span> <span class="language-mark">{}</span>',
        standard.title_ru,
        gettext("title in Russian only"),
    )


@register.simple_tag
def card_title(card) -> SafeString:
    """A card's title as a reader of this page can read it (``includes/card_title.html`` is this tag).

    A card whose text is in the other language (prepared by ``cards.selectors.with_page_labels``) shows
    a label in the page language where the registry knows one (its twin's title, or that of a card
    with the same НКЗ code) before its own title, else its ISCO-08 group; and, when the registry has
    no text of it in the page language at all, a mark that says so.
    """
    if not getattr(card, "in_other_language", False):
        return escape(card.title)
    return mark_safe(PageTitles().card(card))


class PageTitles:
    """What :func:`card_title` and :func:`standard_title` write, for the many rows of one page (a card
    list's 25, a comparison's picker, a page of search results): the page language and each message
    looked up once per page, each standard's title and each language's name written once. Plain
    ``str``, every text in it escaped: the caller marks the whole it builds safe."""

    def __init__(self):
        self.language = escaped(get_language())
        self._standards: dict[int, str] = {}
        self._language_names: dict[str, str] = {}
        self._only_in: dict[str, str] | None = None

    def card(self, card) -> str:
        if not getattr(card, "in_other_language", False):
            return escaped(card.title)
        language = self.language
        if card.page_label:
            title = (
                f'<span class="page-label" lang="{language}">{escaped(card.page_label)}</span> '
                f'<span class="original-title">({escaped(card.title)})</span>'
            )
        elif card.group_label:
            group = escaped(card.group_label)
            title = f'{escaped(card.title)} <span class="group-label" lang="{language}">({group})</span>'
        else:
            title = escaped(card.title)
        if card.only_in_other_language:
            if self._only_in is None:
                self._only_in = {
                    "kk": escaped(gettext("text in Kazakh only")),
                    "ru": escaped(gettext("text in Russian only")),
                }
            mark = self._only_in["kk" if card.edition.language == "kk" else "ru"]
            title = f'{title} <span class="language-mark" lang="{language}">{mark}</span>'
        return title

    def standard(self, standard) -> str:
        title = self._standards.get(standard.pk)
        if title is None:
            title = self._standards[standard.pk] = str(standard_title(standard))
        return title

    def language_name(self, edition) -> str:
        """``edition.get_language_display()``, escaped."""
        name = self._language_names.get(edition.language)
        if name is None:
            name = self._language_names[edition.language] = escaped(edition.get_language_display())
        return name


@register.simple_tag
def card_table_rows(cards, pickable: bool = False) -> SafeString:
    """The rows of ``includes/card_table.html``: per card its title linked to its page, its standard,
    ОРК level, language and НКЗ code, and with ``pickable`` its compare checkbox (the markup of
    ``includes/compare_pick_checkbox.html``). A list page has 50 of them."""
    compare_label = gettext("Compare “%(title)s”")
    standard_paths: dict[str, str] = {}
    titles = PageTitles()
    out = []
    for card in cards:
        edition = card.edition
        code = edition.standard.code
        if code not in standard_paths:
            standard_paths[code] = escaped(reverse("standard_detail", args=[code]))
        pick = ""
        if pickable:
            box_id = f"compare-pick-{card.pk}"
            label = escaped(compare_label % {"title": escaped(card.title)})  # blocktranslate escapes the title
            pick = (
                f'\n      <td><input type="checkbox" form="compare-pick" name="cards" '
                f'value="{escaped(card_reference(card))}" id="{box_id}" class="compare-pick-box">'
                f'<label for="{box_id}" class="visually-hidden">{label}</label>\n</td>'
            )
        out.append(
            "\n    <tr>\n"
            f'      <th scope="row" lang="{escaped(edition.language)}"><a href="{escaped(card_path(card))}">'
            f"{titles.card(card)}</a></th>\n"
            f'      <td><a href="{standard_paths[code]}">{escaped(code)}</a> {titles.standard(edition.standard)}</td>\n'
            f'      <td class="number">{escaped(card.level or "—")}</td>\n'
            f"      <td>{titles.language_name(edition)}</td>\n"
            f'      <td class="code">{escaped(card.occupation_code or "—")}</td>{pick}\n'
            "    </tr>"
        )
    return mark_safe("".join(out))  # every text in it is escaped above


@register.simple_tag
def level_matrix_rows(rows, list_url: str) -> SafeString:
    """The overview's matrix body: per standard in force, its cards per ОРК level, each count a link to
    the list of those cards (``rows`` from ``cards.selectors.level_matrix``)."""
    out = []
    for row in rows:
        code = row["standard"].code
        query = escape(quote(code, safe="/"))
        cells = "".join(
            f'<td class="number"><a href="{escape(list_url)}?standard={query}&amp;level={level}" '
            f'data-cell="{escape(code)}-{level}">{count}</a></td>'
            if count
            else '<td class="number"></td>'
            for level, count in row["cells"]
        )
        total = f'<a href="{escape(list_url)}?standard={query}">{row["total"]}</a>' if row["total"] else "0"
        out.append(
            "<tr>\n"
            f'<th scope="row"><a href="{escape(reverse("standard_detail", args=[code]))}">{escape(code)}</a> '
            f"{standard_title(row['standard'])}</th>\n"
            f'{cells}\n<td class="number">{total}</td>\n'
            "</tr>\n"
        )
    return mark_safe("".join(out))  # every text in it is escaped above
