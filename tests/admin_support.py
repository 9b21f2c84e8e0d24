"""What the admin test modules share: an editor logged in, and the POST data of a card's change form."""

from django.contrib.auth.models import Group, User


def log_in_editor(client, username: str = "айгерім") -> User:
    """A staff user of the ``editors`` group, logged in on ``client``."""
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    client.force_login(user)
    return user


def card_form(card, **changes) -> dict:
    """The card's change form as the admin posts it, its labour functions unchanged, with ``changes``.

    The education table is posted empty (``education`` says it was in the form): pass its cells.
    """
    data = {"title": card.title, "level": str(card.level or ""), "education": "rows"}
    data |= {"related_professions-TOTAL_FORMS": "0", "related_professions-INITIAL_FORMS": "0"}
    functions = list(card.labour_functions.all())
    data |= {"labour_functions-TOTAL_FORMS": len(functions), "labour_functions-INITIAL_FORMS": len(functions)}
    for i, function in enumerate(functions):
        data |= {
            f"labour_functions-{i}-id": function.pk,
            f"labour_functions-{i}-card": card.pk,
            f"labour_functions-{i}-position": function.position,
            f"labour_functions-{i}-number": function.number or "",
            f"labour_functions-{i}-kind": function.kind,
            f"labour_functions-{i}-title": function.title,
        }
    return data | changes
