"""What the match page and API take: a text or an uploaded file (.txt, .docx, .pdf), and filters.

:class:`MatchForm` validates them (translated errors, never an exception); :func:`file_text`
reads an upload into text, refusing what it cannot read with a message that names the file:
a binary file, a password-protected document, a file over ``settings.MATCH_MAX_UPLOAD_MB``.
"""

from __future__ import annotations

import io
import re
import zipfile

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matching.engine import MAX_CHARS

EXTENSIONS = (".txt", ".docx", ".pdf")
UNIT = re.compile(r"^(?P<code>[A-Za-z]\w{1,14})/(?P<position>\d{1,3})$")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an encrypted .docx is an OLE container, not a zip


class UnreadableFile(ValueError):
    pass


def _decode(name: str, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise UnreadableFile(_("“%(name)s” is a binary file, not text.") % {"name": name})
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_("“%(name)s” is a binary file, not text.") % {"name": name})


def _docx(name: str, data: bytes) -> str:
    import docx

    if data.startswith(OLE_MAGIC):
        raise UnreadableFile(_("“%(name)s” is password-protected; save it without a password.") % {"name": name})
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFile(_("“%(name)s” is not a readable .docx document.") % {"name": name}) from error
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def _pdf(name: str, data: bytes) -> str:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages[:100])
    except Exception as error:  # pdfplumber wraps pdfminer's many kinds of failure; a reader needs one of two
        causes = [error, *error.args, error.__cause__, error.__context__]
        if any(isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) for cause in causes):
            raise UnreadableFile(
                _("“%(name)s” is password-protected; save it without a password.") % {"name": name}
            ) from error
        raise UnreadableFile(_("“%(name)s” is not a readable PDF document.") % {"name": name}) from error


def file_text(upload) -> str:
    """The text of an uploaded file; raises :class:`UnreadableFile` with a translated message."""
    name = upload.name or "file"
    limit = settings.MATCH_MAX_UPLOAD_MB
    if upload.size > limit * 1024 * 1024:
        raise UnreadableFile(
            _("“%(name)s” is %(size)s MB; files up to %(limit)s MB are accepted.")
            % {"name": name, "size": f"{upload.size / 1048576:.1f}", "limit": limit}
        )
    extension = name[name.rfind(".") :].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        raise UnreadableFile(_("“%(name)s”: only .txt, .docx and .pdf files are accepted.") % {"name": name})
    data = upload.read()
    if extension == ".docx":
        return _docx(name, data)
    if extension == ".pdf":
        if not data.startswith(b"%PDF"):
            raise UnreadableFile(_("“%(name)s” is not a readable PDF document.") % {"name": name})
        return _pdf(name, data)
    return _decode(name, data)


class MatchForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("A vacancy, a job description or a programme's learning outcomes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        strip=True,
    )
    file = forms.FileField(label=gettext_lazy("or a file:"), required=False)
    level = forms.TypedChoiceField(
        label=gettext_lazy("ОРК level"),
        choices=[("", gettext_lazy("any"))] + [(str(n), str(n)) for n in range(1, 9)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    standard = forms.CharField(label=gettext_lazy("Standard code"), required=False, max_length=16)
    card = forms.CharField(required=False, max_length=24, widget=forms.HiddenInput)
    format = forms.ChoiceField(
        required=False, choices=[("", ""), ("csv", "CSV"), ("xlsx", "XLSX")], widget=forms.HiddenInput
    )

    def __init__(self, *args, standard_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.standard_codes = set(standard_codes)

    def clean_standard(self) -> str:
        code = self.cleaned_data["standard"].strip().upper()
        if code and code not in self.standard_codes:
            raise forms.ValidationError(_("There is no standard with the code “%(code)s”.") % {"code": code[:16]})
        return code

    def clean_card(self) -> str:
        value = self.cleaned_data["card"].strip()
        if value and not UNIT.match(value):
            raise forms.ValidationError(_("A card is named by its standard and position, e.g. J070/3."))
        return value

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        self.truncated = False
        if upload:
            try:
                text = file_text(upload).strip()
            except UnreadableFile as error:
                self.add_error("file", str(error))
                return cleaned
            if len(text) > MAX_CHARS:  # a long document: its beginning, cut at a line, and the page says so
                cut = text.rfind("\n", 0, MAX_CHARS)
                text, self.truncated = text[: cut if cut > 0 else MAX_CHARS], True
            cleaned["text"] = text
        text = cleaned.get("text") or ""
        if len(text) > MAX_CHARS:
            self.add_error(
                "text",
                _("The text has %(count)s characters; up to %(limit)s are matched.")
                % {"count": len(text), "limit": MAX_CHARS},
            )
        return cleaned
