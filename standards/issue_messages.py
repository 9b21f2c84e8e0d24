"""What an import issue says to a reader, in the page language.

The importer (pure, no Django) gives every issue a stable ``code`` and plain ``params``
(``importers/records.py`` lists the codes); this table turns them into a translated
sentence at display time. ``ImportIssue.message`` keeps the importer's English sentence
for logs and admin search.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ISSUE_MESSAGES = {
    "card_without_header": _("A card field comes before any card header: a new card was opened here."),
    "unplaced_text": _("Text outside any field: it did not go into any field of the registry."),
    "unplaced_label_text": _("Text after the label “%(heading)s” has no field in the registry."),
    "text_under_heading": _("Text under the heading “%(heading)s” did not go into any field."),
    "text_on_related_header": _("Text on the header of the related professions did not go into any field."),
    "text_under_related_name_column": _(
        "Text under the name column of the related professions did not go into any field."
    ),
    "level_not_single": _("The level in the card body is not a single ОРК level (a range, for example)."),
    "function_title_from_list": _(
        "Labour function %(number)s has no title in the text: the title was taken from the card's list of labour "
        "functions."
    ),
    "skill_before_function": _(
        "A skill comes before any labour function: labour function %(number)s was taken from the card's list."
    ),
    "repeated_skill_label": _("The label of skill %(number)s is repeated inside the skill: the repeat was ignored."),
    "abilities_without_skill": _("Abilities with no skill open: an untitled skill %(number)s was added for them."),
    "knowledge_without_skill": _("Knowledge with no skill open: an untitled skill %(number)s was added for it."),
    "recognition_without_skill": _(
        "A recognition possibility with no skill open: an untitled skill %(number)s was added for it."
    ),
    "card_count_mismatch": _("Cards in the passport list: %(listed)s; cards in the text: %(cards)s."),
    "card_without_level": _("The card states no ОРК level, neither in its body nor in the passport list."),
}

# The headings a ``heading`` param names (label concepts of importers/labels.py), as the texts print them.
HEADINGS = {
    "chapter_1": pgettext_lazy("heading", "Chapter 1. General provisions"),
    "chapter_2": pgettext_lazy("heading", "Chapter 2. Passport of the professional standard"),
    "chapter_3": pgettext_lazy("heading", "Chapter 3. Profession cards"),
    "chapter_4": pgettext_lazy("heading", "Chapter 4. Technical data of the professional standard"),
    "education": pgettext_lazy("heading", "Level of professional education"),
    "functions_description": pgettext_lazy("heading", "Description of labour functions"),
    "function_list": pgettext_lazy("heading", "List of labour functions"),
    "related": pgettext_lazy("heading", "Links with other professions within the ОРК"),
    "related_level_column": pgettext_lazy("heading", "ОРК level"),
    "related_name_column": pgettext_lazy("heading", "Profession name"),
}


def issue_message(code: str, params: dict, fallback: str = "") -> str:
    """The sentence of issue ``code`` in the active language, filled with ``params``.

    A heading is named as the page language prints it (the label as printed in the source
    when the table has no name for it); a missing number shows as "—". ``fallback`` (the
    importer's English message) is returned for a code the table does not know, such as
    that of an issue imported before codes existed.
    """
    template = ISSUE_MESSAGES.get(code)
    if template is None:
        return fallback
    values = {key: "—" if value is None or value == "" else value for key, value in params.items()}
    if "heading" in values:
        heading = HEADINGS.get(values["heading"])
        values["heading"] = heading if heading is not None else params.get("label") or "—"
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return fallback
