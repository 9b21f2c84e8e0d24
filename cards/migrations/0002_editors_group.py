"""Create the ``editors`` group: staff who maintain the registry's content in admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = {
    "standards": ["standard", "edition", "importissue", "sourcedocument"],
    "cards": ["occupation", "professioncard", "labourfunction", "skill", "ability", "knowledge", "relatedprofession"],
}
ACTIONS = ["view", "add", "change", "delete"]


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations; editors need them now.
    for app_label in CONTENT_MODELS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # the migration state's stub lacks it
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="editors")
    codenames = [f"{action}_{model}" for models in CONTENT_MODELS.values() for model in models for action in ACTIONS]
    permissions = Permission.objects.filter(
        content_type__app_label__in=CONTENT_MODELS.keys(), codename__in=codenames
    )
    editors.permissions.add(*permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cards", "0001_initial"),
        ("standards", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
