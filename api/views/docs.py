"""The API documentation page: Swagger UI from our own static files, in the language of ``?lang=``."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from drf_spectacular.views import SpectacularSwaggerSplitView


class ApiDocs(SpectacularSwaggerSplitView):
    """Its start script is a separate file (``?script``): no inline script, whatever the page's CSP."""

    template_name = "api/swagger_ui.html"

    def dispatch(self, request, *args, **kwargs):
        language = request.GET.get("lang")
        with translation.override(language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response
