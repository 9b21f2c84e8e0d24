"""The editorial roles: ``editors`` edit content, see and revert its history, resolve import issues and
conflicts; ``reviewers`` only read: the content, its history and the worklist. Neither may manage users
(that stays with superusers).

Kept by ``ensure_editorial_roles`` after every ``migrate`` (and every ``flush``, which tests run), so the
roles always hold the permissions of the models as they are now.
"""

from __future__ import annotations

CONTENT = {
    "standards": ["standard", "edition", "sourcedocument"],
    "cards": ["occupation", "professioncard", "labourfunction", "skill", "ability", "knowledge", "relatedprofession"],
}
HISTORY = {
    "standards": ["historicalstandard", "historicaledition", "historicalsourcedocument"],
    "cards": [
        "historicaloccupation",
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


def _codenames(models: dict[str, list[str]], actions: list[str]) -> set[tuple[str, str]]:
    return {(app, f"{action}_{model}") for app, names in models.items() for model in names for action in actions}


ROLES = {
    "editors": _codenames(CONTENT, EVERYTHING)
    | _codenames(HISTORY, ["view", "change"])
    | _codenames(WORKLIST, ["view", "change"])
    | {("standards", "delete_importissue")},
    "reviewers": _codenames(CONTENT, ["view"]) | _codenames(HISTORY, ["view"]) | _codenames(WORKLIST, ["view"]),
}


def ensure_editorial_roles(**kwargs) -> None:
    """Create the two groups if missing and give each exactly its permissions (a ``post_migrate`` receiver)."""
    from django.contrib.auth.models import Group, Permission

    permissions = list(
        Permission.objects.filter(content_type__app_label__in=["standards", "cards"]).select_related("content_type")
    )
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([p for p in permissions if (p.content_type.app_label, p.codename) in wanted])
