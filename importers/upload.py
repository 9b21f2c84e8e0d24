"""Upload a new or amended order in admin: upload, preview (nothing written), apply or cancel.

1. ``upload``: the file is stored under a random token in ``EDITORIAL_UPLOAD_DIR`` (the system's temporary
   directory by default) and named in the editor's session; then the preview.
2. ``preview``: the file is parsed and the three-way re-import planned in memory
   (:func:`importers.preview.preview_file`); a bad file shows the importer's one-line error in the form
   and is deleted.
3. ``apply``: one import run (:func:`importers.service.import_documents`, one transaction), attributed to
   the editor; ``cancel``: the file is deleted. Either way nothing of the upload is left behind.

Only staff with the right to add source documents (the ``editors`` group) may upload.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from importers.pipeline import FORMATS, DocumentError
from importers.preview import preview_file
from importers.service import import_documents

SESSION_KEY = "editorial_uploads"
STALE_SECONDS = 24 * 3600


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Order file"),
        help_text=_("The order's text, PDF or HTML page. A file with the name of an imported one amends it."),
    )
    format = forms.ChoiceField(
        label=_("Layout"),
        required=False,
        choices=[("", _("detect from the content"))] + [(name, name) for name in FORMATS],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.EDITORIAL_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                gettext("The file is larger than %(limit)s MB.") % {"limit": settings.EDITORIAL_UPLOAD_MAX_BYTES >> 20}
            )
        if not safe_name(upload.name):
            raise forms.ValidationError(gettext("The file has no usable name."))
        return upload


def safe_name(name: str) -> str:
    """The file name an upload is stored and imported under: its last path part, with no control characters."""
    name = re.sub(r"[\x00-\x1f/\\\\]", "", Path(name or "").name).strip()
    return "" if name in ("", ".", "..") else name[:200]


def upload_dir() -> Path:
    return Path(settings.EDITORIAL_UPLOAD_DIR or Path(tempfile.gettempdir()) / "registry-uploads")


def _path_of(request, token: str) -> Path:
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or not re.fullmatch(r"[\w-]{16,64}", token):
        raise Http404(gettext("This upload is no longer waiting: upload the file again."))
    path = upload_dir() / token / entry["name"]
    if not path.is_file():
        _forget(request, token)
        raise Http404(gettext("This upload is no longer waiting: upload the file again."))
    return path


def _forget(request, token: str) -> None:
    uploads = dict(request.session.get(SESSION_KEY, {}))
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    if re.fullmatch(r"[\w-]{16,64}", token):
        shutil.rmtree(upload_dir() / token, ignore_errors=True)


def _remove_stale() -> None:
    """Uploads never applied nor cancelled (a closed tab) are removed after a day."""
    root = upload_dir()
    if not root.is_dir():
        return
    for entry in root.iterdir():
        if entry.is_dir() and time.time() - entry.stat().st_mtime > STALE_SECONDS:
            shutil.rmtree(entry, ignore_errors=True)


def _check(request) -> None:
    if not (request.user.is_active and request.user.is_staff and request.user.has_perm("standards.add_sourcedocument")):
        raise PermissionDenied


def _context(request, **context):
    return {**admin.site.each_context(request), "opts": None, **context}


def upload(request):
    _check(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _remove_stale()
        token = secrets.token_urlsafe(24)
        name = safe_name(form.cleaned_data["file"].name)
        folder = upload_dir() / token
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / name, "wb") as out:
            for chunk in form.cleaned_data["file"].chunks():
                out.write(chunk)
        uploads = dict(request.session.get(SESSION_KEY, {}))
        uploads[token] = {"name": name, "format": form.cleaned_data["format"] or ""}
        request.session[SESSION_KEY] = uploads
        url = reverse("admin:importers_upload_preview", args=[token])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":  # static/js/upload-progress.js
            return JsonResponse({"preview": url})
        return redirect(url)
    if request.method == "POST" and request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse({"errors": [str(e) for errors in form.errors.values() for e in errors]}, status=400)
    return render(request, "admin/importers/upload.html", _context(request, form=form, title=_("Upload an order")))


def preview(request, token: str):
    _check(request)
    path = _path_of(request, token)
    entry = request.session[SESSION_KEY][token]
    started = time.perf_counter()
    try:
        result = preview_file(path, entry.get("format") or None)
    except DocumentError as exc:
        _forget(request, token)  # nothing was written; the file goes
        context = _context(request, form=UploadForm(), import_error=str(exc), title=_("Upload an order"))
        return render(request, "admin/importers/upload.html", context)
    seconds = time.perf_counter() - started
    context = _context(request, preview=result, token=token, seconds=seconds, title=_("Preview of the import"))
    return render(request, "admin/importers/preview.html", context)


@require_POST
def apply(request, token: str):
    _check(request)
    path = _path_of(request, token)
    entry = request.session[SESSION_KEY][token]
    try:
        result = import_documents([path], format_name=entry.get("format") or None, user=request.user)
    finally:
        _forget(request, token)
    report = result.documents[0]
    if report.error:
        messages.error(request, report.error)
        return redirect("admin:importers_upload")
    counts = report.reconciled
    messages.success(
        request,
        gettext(
            "%(file)s was imported: %(cards)s cards; %(updated)s values updated from the file, %(kept)s edits kept, "
            "%(conflicts)s conflicts to resolve."
        )
        % {
            "file": report.file_name,
            "cards": report.cards,
            "updated": counts["updated"],
            "kept": counts["kept"],
            "conflicts": report.open_conflicts,
        },
    )
    if report.open_conflicts:
        return redirect(reverse("admin:standards_importconflict_changelist") + "?resolution__exact=")
    return redirect("admin:standards_sourcedocument_changelist")


@require_POST
def cancel(request, token: str):
    _check(request)
    _forget(request, token)
    messages.info(request, gettext("The upload was cancelled: nothing was imported."))
    return redirect("admin:importers_upload")
