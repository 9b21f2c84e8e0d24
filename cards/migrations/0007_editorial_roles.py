"""The editorial roles: ``editors`` edit content, see and revert its history, resolve import issues and
conflicts; ``reviewers`` only read: the content, its history and the worklist. Neither may manage users
(that stays with superusers)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "standards": ["standard", "edition", "sourcedocument"],
    "cards": ["occupation", "professioncard", "labourfunction", "skill", "ability", "knowledge", "relatedprofession"],
}
HISTORY = {
    "standards": ["historicalstandard", "historicaledition", "historicalsourcedocument"],
    "cards": [
        "historicalprofessioncard",
        "historicallabourfunction",
        "historicalskill",
        "historicalability",
        "historicalknowledge",
        "historicalrelatedprofession",
    ],
}
WORKLIST = {"standards": ["importissue", "importconflict"]}
EVERYTHING = ["view", "add", "change", "delete"]


def _codenames(models: dict[str, list[str]], actions: list[str]) -> list[tuple[str, str]]:
    return [(app, f"{action}_{model}") for app, names in models.items() for model in names for action in actions]


ROLES = {
    "editors": _codenames(CONTENT, EVERYTHING)
    + _codenames(HISTORY, ["view", "change"])
    + _codenames(WORKLIST, ["view", "change"])
    + [("standards", "delete_importissue")],
    "reviewers": _codenames(CONTENT, ["view"]) + _codenames(HISTORY, ["view"]) + _codenames(WORKLIST, ["view"]),
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    for app_label in ("standards", "cards"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # the migration state's stub lacks it
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = set(codenames)
        permissions = [
            p
            for p in Permission.objects.filter(content_type__app_label__in=["standards", "cards"]).select_related(
                "content_type"
            )
            if (p.content_type.app_label, p.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
        if missing:
            raise RuntimeError(f"permissions missing for {name}: {sorted(missing)}")
        group.permissions.set(permissions)


def remove_reviewers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="reviewers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cards", "0006_change_history"),
        ("standards", "0005_change_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_reviewers)]
