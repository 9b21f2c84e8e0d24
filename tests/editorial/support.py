"""What the editorial tests share: order 209 and amended copies of it, the skills they change, logins."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, User

from cards.models import Skill

ORDER_209 = Path(settings.ORDERS_DIR) / "order-209-2026-ru.txt"

# Three skills of J068/1 (labour function 1) and the source line each title is printed on.
SKILL_1 = (1, 197, "Разработка проекта интеллектуальной системы")
SKILL_2 = (2, 199, "Программная реализация интеллектуальной системы")
SKILL_3 = (3, 203, "Анализ предметной и проблемной области")


def skill_of_j068(position: int) -> Skill:
    return Skill.objects.select_related("labour_function__card").get(
        labour_function__card__edition__standard__code="J068",
        labour_function__card__edition__document__file_name=ORDER_209.name,
        labour_function__card__position=1,
        labour_function__position=1,
        position=position,
    )


def amended_copy(folder: Path, changes: dict[int, tuple[str, str]], name: str = ORDER_209.name) -> Path:
    """A copy of order 209 with ``{line: (old, new)}`` replaced on those lines only (1-based)."""
    lines = ORDER_209.read_text(encoding="utf-8").split("\n")
    for number, (old, new) in changes.items():
        assert old in lines[number - 1], (number, old)
        lines[number - 1] = lines[number - 1].replace(old, new)
    path = folder / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def user_in(group: str | None, username: str, **extra) -> User:
    user = User.objects.create_user(username, password="pw", is_staff=extra.pop("is_staff", True), **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def skill_form(skill: Skill, **changes) -> dict:
    """The skill's admin change form as posted, its abilities and knowledge items unchanged."""
    data = {
        "position": skill.position,
        "number": skill.number or "",
        "title": skill.title,
        "recognition": skill.recognition,
        "change_reason": "",
    }
    for prefix, items in (("abilities", skill.abilities.all()), ("knowledge_items", skill.knowledge_items.all())):
        items = list(items)
        data |= {f"{prefix}-TOTAL_FORMS": len(items), f"{prefix}-INITIAL_FORMS": len(items)}
        for i, item in enumerate(items):
            data |= {
                f"{prefix}-{i}-id": item.pk,
                f"{prefix}-{i}-skill": skill.pk,
                f"{prefix}-{i}-position": item.position,
                f"{prefix}-{i}-text": item.text,
            }
    return data | changes


def clear_history() -> None:
    """The history rows the module's imports and deletes wrote (a history outlives its rows)."""
    for model in apps.get_models():
        if model.__name__.startswith("Historical") and model._meta.app_label in ("cards", "standards"):
            model.objects.all().delete()
