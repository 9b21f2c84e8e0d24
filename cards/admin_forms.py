"""The card's admin form: its JSON lists edited as rows and lines, saved back in the importer's shape.

``ProfessionCard.education`` holds one dict per education option, with the keys of
``importers.records.EducationRecord`` (``tests/test_admin_forms.py`` checks they agree);
the other list fields hold plain strings. Editors see a table of options and one item per
line instead of raw JSON; nothing changes in the database.
"""

import re

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cards.models import ProfessionCard

# The keys of one education option, in the order the card page shows them, with its column headings.
EDUCATION_COLUMNS = (
    ("level", _("Level of education")),
    ("specialty", _("Specialty")),
    ("qualification", _("Qualification")),
)
EDUCATION_KEYS = tuple(key for key, _label in EDUCATION_COLUMNS)
LIST_FIELDS = (
    "other_titles",
    "mandatory_function_list",
    "additional_function_list",
    "personal_competencies",
    "regulations",
)


class EducationRowsWidget(forms.Widget):
    """A table with a row of inputs per option, and ``spare_rows`` empty rows to add options without
    JavaScript (``static/js/admin-rows.js`` adds and removes rows). Inputs are named
    ``<name>-<row>-<key>``; a hidden ``<name>`` input says the table was in the form."""

    template_name = "admin/widgets/education_rows.html"
    spare_rows = 3

    class Media:
        js = ["js/admin-rows.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [row for row in (value or []) if isinstance(row, dict) and _filled(row)]
        rows = [
            [
                {"name": f"{name}-{index}-{key}", "label": label, "value": row.get(key, "")}
                for key, label in EDUCATION_COLUMNS
            ]
            for index, row in enumerate(options + [{}] * self.spare_rows)
        ]
        context["widget"]["rows"] = rows
        context["widget"]["described_by"] = context["widget"]["attrs"].get("aria-describedby", "")
        context["widget"]["columns"] = [label for _key, label in EDUCATION_COLUMNS]
        context["widget"]["new_row"] = [
            {"name": f"{name}-__index__-{key}", "label": label} for key, label in EDUCATION_COLUMNS
        ]
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template engine: the form renderer sees only the apps' templates, not templates/admin/.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))

    def value_from_datadict(self, data, files, name):
        cell = re.compile(rf"{re.escape(name)}-(\d+)-({'|'.join(EDUCATION_KEYS)})")
        rows: dict[int, dict[str, str]] = {}
        for field_name in data:
            match = cell.fullmatch(field_name)
            if match:
                rows.setdefault(int(match[1]), {})[match[2]] = data.get(field_name)
        return [rows[index] for index in sorted(rows)]

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def id_for_label(self, id_):
        return id_  # the first cell of the first row carries the field's id


class EducationRowsField(forms.Field):
    """The options as a list of dicts with every key of ``EDUCATION_KEYS``, stripped; empty rows dropped."""

    widget = EducationRowsWidget

    def __init__(self, *, encoder=None, decoder=None, **kwargs):
        # encoder and decoder come from the model's JSONField; a callable default would add a hidden
        # JSON copy of the initial value, which these rows do not need.
        kwargs["show_hidden_initial"] = False
        super().__init__(**kwargs)

    def to_python(self, value):
        options = [{key: str(row.get(key) or "").strip() for key in EDUCATION_KEYS} for row in value or []]
        return [option for option in options if _filled(option)]


class LinesField(forms.Field):
    """A list of strings edited in a textarea, one item per line; blank lines dropped."""

    widget = forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"})

    def __init__(self, *, encoder=None, decoder=None, **kwargs):
        kwargs["show_hidden_initial"] = False
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(item) for item in value]
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ProfessionCardForm(forms.ModelForm):
    """The base of the card's admin form (the admin adds the fields of its fieldsets)."""

    class Meta:
        model = ProfessionCard
        fields = ("education", *LIST_FIELDS)
        field_classes = {"education": EducationRowsField} | dict.fromkeys(LIST_FIELDS, LinesField)
        help_texts = {"education": _("One row per education option; a row left empty is dropped.")} | dict.fromkeys(
            LIST_FIELDS, _("One item per line.")
        )


def _filled(row: dict) -> bool:
    return any(str(value or "").strip() for value in row.values())
