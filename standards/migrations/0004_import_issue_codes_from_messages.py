"""Give the import issues imported before codes existed their code and params, read from the English message.

`import_standards --skip-unchanged` leaves such rows in place, so without this they would keep
showing the importer's English sentence. A message that matches no pattern keeps an empty code
(and its English text is shown, as before).
"""

import re

from django.db import migrations

# The importer's messages as they were (importers/parser.py, importers/passport.py) -> code, params.
PATTERNS = [
    (r"card field before any card header: card opened", "card_without_header", ()),
    (r"text outside any field", "unplaced_text", ()),
    (r"no place for (?P<heading>\w+)", "unplaced_label_text", ("heading",)),
    (r"text under the heading '(?P<heading>\w+)'", "text_under_heading", ("heading",)),
    (r"text on the related-professions header", "text_on_related_header", ()),
    (r"text under the related-professions name column", "text_under_related_name_column", ()),
    (r"level in the card body is not a single level", "level_not_single", ()),
    (r"labour function without a title: taken from the function list", "function_title_from_list", ()),
    (r"skill before any labour function: function taken from the list", "skill_before_function", ()),
    (r"skill label repeated inside one skill: ignored", "repeated_skill_label", ()),
    (r"abilities with no open skill: unnamed skill (?P<number>\d+) added", "abilities_without_skill", ("number",)),
    (r"knowledge with no open skill: unnamed skill (?P<number>\d+) added", "knowledge_without_skill", ("number",)),
    (
        r"recognition with no open skill: unnamed skill (?P<number>\d+) added",
        "recognition_without_skill",
        ("number",),
    ),
    (
        r"passport lists (?P<listed>\d+) cards, the text has (?P<cards>\d+)",
        "card_count_mismatch",
        ("listed", "cards"),
    ),
    (r"card without a level \(body and passport list\)", "card_without_level", ()),
]
NUMBERS = {"number", "listed", "cards"}


def code_of(message: str):
    for pattern, code, names in PATTERNS:
        match = re.fullmatch(pattern, message)
        if match:
            params = {name: int(match[name]) if name in NUMBERS else match[name] for name in names}
            return code, params
    return None


def fill_codes(apps, schema_editor):
    ImportIssue = apps.get_model("standards", "ImportIssue")
    changed = []
    for issue in ImportIssue.objects.filter(code="").only("pk", "message"):
        found = code_of(issue.message)
        if found:
            issue.code, issue.params = found
            changed.append(issue)
    ImportIssue.objects.bulk_update(changed, ["code", "params"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0003_import_issue_code_and_official_url"),
    ]

    operations = [
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
    ]
