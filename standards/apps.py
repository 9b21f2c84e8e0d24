from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "standards"
    verbose_name = _("Standards")

    def ready(self):
        from django.db.backends.signals import connection_created

        from standards.sqlite import fold_case_in_like

        connection_created.connect(fold_case_in_like, dispatch_uid="standards.sqlite.fold_case_in_like")
