from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CardsConfig(AppConfig):
    name = "cards"
    verbose_name = _("Profession cards")

    def ready(self):
        from cards.roles import ensure_editorial_roles

        # After the permissions of this app exist (auth's receiver runs first: it was connected first).
        post_migrate.connect(ensure_editorial_roles, sender=self, dispatch_uid="cards.editorial_roles")
