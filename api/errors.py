"""The API's one error shape, for every status: ``{"errors": {"<parameter>": [{"message", "code"}]}}``.

A bad parameter is named by its key, with ``allowed`` (the values it takes, comma-separated)
when it takes a fixed set; an error that is not about a parameter (an unknown code, a method, a server
error) is keyed ``detail``. Nothing here ever shows a traceback.
"""

from __future__ import annotations

import logging

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response

logger = logging.getLogger(__name__)

DETAIL = "detail"


class ParameterError(exceptions.APIException):
    """A request the API cannot answer, with its errors already in the API's shape."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, errors: dict, status_code: int = status.HTTP_400_BAD_REQUEST):
        super().__init__("invalid parameters")
        self.errors = errors
        self.status_code = status_code


def error(message: str, code: str, allowed: list[str] | None = None) -> dict:
    item = {"message": str(message), "code": code}
    if allowed is not None:
        item["allowed"] = ", ".join(str(value) for value in allowed)
    return item


def form_errors(form) -> dict:
    """A form's (or a FilterSet's form's) errors in the API's shape, with each choice field's allowed values."""
    errors = {}
    for name, items in form.errors.get_json_data().items():
        field = form.fields.get(name)
        choices = getattr(field, "choices", None)
        allowed = [str(value) for value, _label in choices if value != ""] if choices is not None else None
        errors[name] = [
            error(item["message"], item["code"] or "invalid", allowed if item["code"] == "invalid_choice" else None)
            for item in items
        ]
    return errors


def not_found_errors(message: str | None = None) -> dict:
    return {DETAIL: [error(message or _("Nothing is registered at this address."), "not_found")]}


def exception_handler(exc, context):
    """DRF's exception handler: every exception of an API view becomes the one shape, 500s included."""
    if isinstance(exc, ParameterError):
        return Response({"errors": exc.errors}, status=exc.status_code)
    if isinstance(exc, Http404):
        return Response({"errors": not_found_errors(_("There is no such object in the registry."))}, status=404)
    if isinstance(exc, exceptions.APIException):
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "invalid"
        message = exc.detail if isinstance(exc.detail, str) else _("The request is not valid.")
        response = Response({"errors": {DETAIL: [error(message, code)]}}, status=exc.status_code)
        if isinstance(exc, exceptions.MethodNotAllowed):
            response["Allow"] = "GET, HEAD, OPTIONS"
        return response
    logger.exception("API error", exc_info=exc)
    return Response(
        {"errors": {DETAIL: [error(_("The server failed to answer; please try again later."), "server_error")]}},
        status=500,
    )


def _json(data: dict, status_code: int) -> JsonResponse:
    return JsonResponse(data, status=status_code, json_dumps_params={"ensure_ascii": False})


def api_not_found(request, *args, **kwargs):
    """Any address under ``/api/`` the URLconf does not know: JSON, never the HTML 404 page."""
    return _json({"errors": not_found_errors()}, 404)


def server_error(request, *args, **kwargs):
    """``handler500``: JSON under ``/api/``, Django's page (templates/500.html) elsewhere."""
    if request.path.startswith("/api/"):
        return _json(
            {"errors": {DETAIL: [error(_("The server failed to answer; please try again later."), "server_error")]}},
            500,
        )
    return defaults.server_error(request)
