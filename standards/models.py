"""Source documents, standards and their editions."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from standards.issue_messages import issue_message

LANGUAGE_CHOICES = [("kk", _("Kazakh")), ("ru", _("Russian"))]
# A text's language as a reader names it ("Russian text"), for labels of editions and cards.
LANGUAGE_TEXTS = {"kk": _("Kazakh text"), "ru": _("Russian text")}


def language_text(language: str) -> str:
    """The language of a text as a word ("Russian text"), never its code."""
    return str(LANGUAGE_TEXTS.get(language, ""))


class SourceDocument(models.Model):
    """One official text as it was imported (a file of ``fixtures/orders`` or an upload)."""

    class Kind(models.TextChoices):
        ORDER = "order", _("order")
        AMENDING_ORDER = "amending_order", _("amending order")
        STANDARD = "standard", _("standalone standard text")

    file_name = models.CharField(_("file name"), max_length=255, unique=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=20, blank=True)
    order_number = models.CharField(_("order number"), max_length=40, blank=True)
    order_date = models.DateField(_("order date"), null=True, blank=True)
    title = models.TextField(_("title"), blank=True)
    annex_titles = models.JSONField(
        _("standard titles by annex"), default=dict, blank=True, help_text=_("From the order's preamble.")
    )
    card_chars_total = models.PositiveIntegerField(_("card characters in the source"), default=0)
    card_chars_landed = models.PositiveIntegerField(_("card characters in fields"), default=0)
    official_url = models.URLField(
        _("official text"),
        max_length=500,
        blank=True,
        help_text=_("Address of the order's official publication (for example in the legal database), if known."),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["imported_at"])

    class Meta:
        ordering = ["file_name"]
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")

    def __str__(self) -> str:
        order = f"№ {self.order_number}" if self.order_number else self.get_kind_display()
        return f"{self.file_name} ({order}, {self.language})"

    def label(self) -> str:
        """The order as a reader names it ("Order № 569/НҚ of 10.11.2025"), or what kind of text it is."""
        if not self.order_number:
            return str(self.get_kind_display())
        if self.order_date is None:
            return pgettext("order without a date", "Order № %(number)s") % {"number": self.order_number}
        return gettext("Order № %(number)s of %(date)s") % {
            "number": self.order_number,
            "date": format_date(self.order_date, "d.m.Y"),
        }

    def language_text(self) -> str:
        return language_text(self.language)

    @property
    def landed_share(self) -> float | None:
        if not self.card_chars_total:
            return None
        return self.card_chars_landed / self.card_chars_total


class ImportBase(models.Model):
    """What the last import read from a document's file for each element: the base of the next
    three-way re-import (``importers.reconcile``), ``{element key: {field: value}}``.

    A table of its own, not a field of ``SourceDocument``: it is megabytes of JSON that only the
    importer reads, and every page joins the source document of the cards it shows.
    A document imported before the three-way re-import existed has none.
    """

    document = models.OneToOneField(
        SourceDocument, on_delete=models.CASCADE, primary_key=True, related_name="import_base"
    )
    values = models.JSONField(_("values the last import read"), default=dict)

    class Meta:
        verbose_name = _("values the last import read")
        verbose_name_plural = _("values the last import read")

    def __str__(self) -> str:
        return self.document.file_name

    @classmethod
    def of(cls, document: SourceDocument) -> dict | None:
        """The values the last import of ``document`` read, or None if it predates the three-way re-import."""
        return cls.objects.filter(document=document).values_list("values", flat=True).first()

    @classmethod
    def record(cls, document: SourceDocument, values: dict) -> None:
        cls.objects.update_or_create(document=document, defaults={"values": values})


class StandardQuerySet(models.QuerySet):
    def with_card_counts(self):
        return self.annotate(
            card_count=models.Count(
                "editions__cards", filter=models.Q(editions__status=Edition.Status.IN_FORCE), distinct=True
            )
        )


class Standard(models.Model):
    """A standard as a work, across languages and editions, keyed by its current code."""

    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("Normalised current code, e.g. J071."))
    title_kk = models.TextField(_("title in Kazakh"), blank=True)
    title_ru = models.TextField(_("title in Russian"), blank=True)

    objects = StandardQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")

    def __str__(self) -> str:
        return f"{self.code} {self.title_kk or self.title_ru}".strip()

    def title_in(self, language: str) -> str:
        """The title in ``language``, falling back to the other one."""
        if language == "ru":
            return self.title_ru or self.title_kk
        return self.title_kk or self.title_ru


class EditionQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status=Edition.Status.IN_FORCE)

    def superseded(self):
        return self.filter(status=Edition.Status.SUPERSEDED)

    def for_language(self, language: str):
        return self.filter(language=language)


class Edition(models.Model):
    """A standard's text in one language from one source document."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("in force")
        SUPERSEDED = "superseded", _("superseded")

    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, related_name="editions", verbose_name=_("standard")
    )
    document = models.ForeignKey(
        SourceDocument, on_delete=models.CASCADE, related_name="editions", verbose_name=_("source document")
    )
    position = models.PositiveSmallIntegerField(_("position in the document"))
    key = models.SlugField(_("key"), max_length=40, help_text=_("Stable, readable key in URLs, e.g. 2022-kk."))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    annex = models.PositiveSmallIntegerField(_("annex of order 569"), null=True, blank=True)
    amending_annex = models.PositiveSmallIntegerField(_("annex of the amending order"), null=True, blank=True)
    code_as_printed = models.CharField(_("code as printed"), max_length=20, blank=True)
    title = models.TextField(_("title"))
    heading_title = models.TextField(_("title in the heading"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IN_FORCE)
    version = models.PositiveSmallIntegerField(_("version"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    version_text = models.CharField(_("version as printed"), max_length=60, blank=True)
    review_date = models.CharField(_("review date"), max_length=40, blank=True)
    oked_codes = models.JSONField(_("OKED subclasses"), default=list, blank=True)
    oked_text = models.TextField(_("OKED as printed"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    description = models.TextField(_("short description"), blank=True)
    government_body = models.TextField(_("government body"), blank=True)
    developers = models.TextField(_("developers"), blank=True)
    sector_council = models.TextField(_("sector council"), blank=True)
    national_body = models.TextField(_("national body"), blank=True)
    atameken = models.TextField(_("Atameken"), blank=True)
    first_line = models.PositiveIntegerField(_("first source line"), default=0)
    last_line = models.PositiveIntegerField(_("last source line"), default=0)

    objects = EditionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["standard__code", "status", "language", "-year"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="edition_unique_position_in_document"),
            models.UniqueConstraint(
                fields=["document", "annex"], condition=models.Q(annex__isnull=False), name="edition_unique_annex"
            ),
            models.UniqueConstraint(fields=["standard", "key"], name="edition_unique_key_per_standard"),
        ]
        indexes = [models.Index(fields=["language", "status"], name="edition_language_status")]

    def __str__(self) -> str:
        version = f" v{self.version}" if self.version else ""
        return f"{self.standard.code} {self.language}{version} ({self.year or '—'}, {self.get_status_display()})"

    # Labels a reader understands, in the active language: pages show these, never ``key``.
    def label(self) -> str:
        """The edition as a reader names it: "Order № 569/НҚ of 10.11.2025, Kazakh text" for a text
        an order approved, "version 2, 2022, Kazakh text" for a standalone one. Needs ``document`` loaded."""
        return f"{self.source_label()}, {self.language_text()}"

    def source_label(self) -> str:
        """The order the text comes from, else its version and year (no language). Needs ``document`` loaded."""
        if self.document.order_number:
            return self.document.label()
        return self.version_label()

    def version_label(self) -> str:
        """The version and year ("version 2, 2022"), or "no date"; reads no other row."""
        if self.version and self.year:
            return pgettext("edition", "version %(version)s, %(year)s") % {"version": self.version, "year": self.year}
        if self.version:
            return pgettext("edition", "version %(version)s, no date") % {"version": self.version}
        if self.year:
            return pgettext("edition", "year %(year)s") % {"year": self.year}
        return pgettext("edition", "no date")

    def language_text(self) -> str:
        """The language of the text as a word ("Russian text")."""
        return language_text(self.language)


class ImportIssue(models.Model):
    """A source line the importer could not place, or a guess it had to make."""

    class Severity(models.TextChoices):
        ERROR = "error", _("error")
        WARNING = "warning", _("warning")
        INFO = "info", _("info")

    document = models.ForeignKey(
        SourceDocument, on_delete=models.CASCADE, related_name="issues", verbose_name=_("source document")
    )
    line = models.PositiveIntegerField(_("line"))
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices, default=Severity.WARNING)
    code = models.CharField(
        _("code"), max_length=40, blank=True, help_text=_("Which kind of issue (see standards/issue_messages.py).")
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    message = models.TextField(_("message"), help_text=_("The importer's message in English, for logs and search."))
    text = models.TextField(_("source text"), blank=True)
    # Identity across re-imports: the same issue of the same text keeps its resolution
    # (``issue_fingerprint``), whatever line it moved to.
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True, db_index=True, editable=False)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolution_note = models.TextField(_("resolution note"), blank=True)

    class Meta:
        ordering = ["document", "line", "pk"]
        verbose_name = _("import issue")
        verbose_name_plural = _("import issues")
        indexes = [models.Index(fields=["document", "line"], name="issue_document_line")]

    def __str__(self) -> str:
        return f"{self.document.file_name}:{self.line}: {self.message}"

    def display_message(self) -> str:
        """The issue in the active language, filled with its params (the English message for an unknown code)."""
        return issue_message(self.code, self.params or {}, fallback=self.message)

    display_message.short_description = _("message")

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


def issue_fingerprint(code: str, text: str, params: dict, message: str = "") -> str:
    """What makes an import issue the same one in the next import of the same text: its kind,
    its source text (spacing aside) and its parameters, not its line number."""
    key = json.dumps(
        [code or message, " ".join((text or "").split()), params or {}], sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(key.encode()).hexdigest()


class ImportConflict(models.Model):
    """A value an editor changed by hand that a re-import's file changes too (``importers.reconcile``).

    The import keeps the editor's value and lists the conflict here; an editor resolves it by keeping
    their value or taking the file's. ``element`` is the element's key in its document (``e1/c3/f2/s1``:
    edition 1, card 3, labour function 2, skill 1); ``field`` is empty when the whole element is in
    question (removed in the file but edited by hand, or deleted by hand but changed in the file).
    """

    class Resolution(models.TextChoices):
        MINE = "mine", _("kept the edit")
        FILE = "file", _("took the file's value")

    document = models.ForeignKey(
        SourceDocument, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("source document")
    )
    element = models.CharField(_("element"), max_length=60)
    model = models.CharField(_("kind of element"), max_length=40)
    object_id = models.PositiveIntegerField(_("object"), null=True, blank=True)
    field = models.CharField(_("field"), max_length=40, blank=True)
    base_value = models.JSONField(_("value of the previous import"), null=True, blank=True)
    edited_value = models.JSONField(_("value edited by hand"), null=True, blank=True)
    file_value = models.JSONField(_("value in the file"), null=True, blank=True)
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)
    resolution = models.CharField(_("resolution"), max_length=4, choices=Resolution.choices, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["document", "element", "field", "pk"]
        verbose_name = _("import conflict")
        verbose_name_plural = _("import conflicts")
        indexes = [models.Index(fields=["document", "resolution"], name="conflict_document_resolution")]

    def __str__(self) -> str:
        return f"{self.document.file_name} {self.element} {self.field}".strip()


class ContentRevision(models.Model):
    """One counter that every change of the registry's content bumps.

    Cached pages are keyed by it (``standards.caching``), so a page changes as soon
    as an admin edits anything or an import lands, on every app server.
    """

    number = models.PositiveBigIntegerField(_("revision"), default=0)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("content revision")
        verbose_name_plural = _("content revisions")

    def __str__(self) -> str:
        return str(self.number)
