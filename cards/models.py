"""Profession cards and their tree: labour functions, skills, abilities, knowledge."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cards.identity import card_path, has_occupation_code, profession_key
from standards.models import Edition


class Occupation(models.Model):
    """One НКЗ occupation code, with its ISCO-08 unit group."""

    code = models.CharField(_("occupation code"), max_length=20, unique=True)
    isco_code = models.CharField(_("ISCO-08 unit group"), max_length=4, db_index=True)
    isco_title = models.CharField(_("ISCO-08 title"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return self.code


class ProfessionCardQuerySet(models.QuerySet):
    def at_level(self, *levels: int):
        return self.filter(level__in=levels)

    def for_language(self, language: str):
        return self.filter(edition__language=language)

    def in_force(self):
        return self.filter(edition__status=Edition.Status.IN_FORCE)

    def in_standard(self, code: str):
        return self.filter(edition__standard__code=code)

    def readable_in(self, language: str):
        """In-force cards in ``language``, plus the other language's cards of standards
        that have no in-force text in ``language`` (the content rule: show what exists)."""
        has_text = Edition.objects.in_force().filter(language=language).values("standard_id")
        return self.in_force().filter(
            models.Q(edition__language=language) | ~models.Q(edition__standard_id__in=has_text)
        )

    def of_occupation(self, occupation: Occupation):
        """The cards of one НКЗ occupation as a ladder: by level, then standard and position."""
        return (
            self.filter(occupation=occupation)
            .select_related("edition__standard")
            .order_by("level", "edition__standard__code", "position")
        )

    def ladder_of(self, card: ProfessionCard) -> list[ProfessionCard]:
        """The levels of ``card``'s profession in its edition, ``card`` included, lowest level first.

        The rule is :func:`cards.identity.profession_key`; one query (plus this queryset's
        prefetches), narrowed in the database to the cards that can share the key.
        """
        siblings = self.filter(edition_id=card.edition_id)
        if has_occupation_code(card):
            siblings = siblings.filter(occupation_code=card.occupation_code)
        else:
            siblings = siblings.exclude(occupation_code__regex=r"[^- –]")
        key = profession_key(card)
        steps = [sibling for sibling in siblings if profession_key(sibling) == key]
        return sorted(steps, key=lambda c: (c.level if c.level is not None else 99, c.position))

    def with_tree(self):
        """Prefetch the whole tree of each card in a fixed number of queries."""
        related = RelatedProfession.objects.select_related("target__edition__standard")
        return self.select_related("edition__standard", "edition__document", "occupation").prefetch_related(
            "labour_functions__skills__abilities",
            "labour_functions__skills__knowledge_items",
            models.Prefetch("related_professions", queryset=related),
        )


class ProfessionCard(models.Model):
    class LevelSource(models.TextChoices):
        CARD = "card", _("card body")
        PASSPORT = "passport", _("passport list")
        TWIN = "twin", _("other-language twin")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="cards", verbose_name=_("edition"))
    position = models.PositiveSmallIntegerField(_("position"), help_text=_("1-based position in the edition."))
    number = models.CharField(_("number as printed"), max_length=10, blank=True)
    title = models.TextField(_("profession name"))
    header_title = models.TextField(_("title in the card header"), blank=True)
    group_code = models.CharField(_("group code"), max_length=20, blank=True, db_index=True)
    occupation_code = models.CharField(_("occupation code as printed"), max_length=20, blank=True)
    occupation = models.ForeignKey(
        Occupation, on_delete=models.SET_NULL, null=True, blank=True, related_name="cards", verbose_name=_("occupation")
    )
    isco_code = models.CharField(_("ISCO-08 unit group"), max_length=4, blank=True, db_index=True)
    level = models.PositiveSmallIntegerField(_("ОРК level"), null=True, blank=True, db_index=True)
    level_source = models.CharField(_("level taken from"), max_length=10, choices=LevelSource.choices, blank=True)
    level_text = models.CharField(_("level as printed in the card"), max_length=40, blank=True)
    list_level_text = models.CharField(_("level in the passport list"), max_length=60, blank=True)
    sublevel = models.CharField(_("sublevel"), max_length=60, blank=True)
    etks_level = models.TextField(_("ETKS/KS level"), blank=True)
    education = models.JSONField(_("education"), default=list, blank=True)
    experience = models.TextField(_("experience requirements"), blank=True)
    nonformal_education = models.TextField(_("non-formal and informal education"), blank=True)
    other_titles = models.JSONField(_("other possible titles"), default=list, blank=True)
    purpose = models.TextField(_("main purpose"), blank=True)
    mandatory_function_list = models.JSONField(_("mandatory functions as listed"), default=list, blank=True)
    additional_function_list = models.JSONField(_("additional functions as listed"), default=list, blank=True)
    personal_competencies = models.JSONField(_("personal competencies"), default=list, blank=True)
    regulations = models.JSONField(_("technical regulations and national standards"), default=list, blank=True)
    first_line = models.PositiveIntegerField(_("first source line"), default=0)
    last_line = models.PositiveIntegerField(_("last source line"), default=0)
    twin = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("twin")
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("predecessor"),
    )

    objects = ProfessionCardQuerySet.as_manager()
    # Links (twin, predecessor) are recomputed by every import with queryset updates: no history rows.
    history = HistoricalRecords(excluded_fields=["twin", "predecessor"])

    class Meta:
        ordering = ["edition_id", "position"]
        verbose_name = _("profession card")
        verbose_name_plural = _("profession cards")
        constraints = [
            models.UniqueConstraint(fields=["edition", "position"], name="card_unique_position_in_edition"),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=8),
                name="card_level_between_1_and_8",
            ),
        ]

    def __str__(self) -> str:
        level = f", {self.level}" if self.level else ""
        return f"{self.title} ({self.edition.standard.code}/{self.position}{level})"

    def permalink(self) -> str:
        """The card's stable path, in the language of its text (:func:`cards.identity.card_path`).

        Needs ``edition__standard`` loaded (``select_related``) to run no query.
        """
        return card_path(self, self.edition.language)


class LabourFunction(models.Model):
    class Kind(models.TextChoices):
        MANDATORY = "mandatory", _("mandatory")
        ADDITIONAL = "additional", _("additional")

    card = models.ForeignKey(
        ProfessionCard, on_delete=models.CASCADE, related_name="labour_functions", verbose_name=_("card")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    number = models.PositiveSmallIntegerField(_("number as printed"), null=True, blank=True)
    title = models.TextField(_("title"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MANDATORY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["card_id", "position"]
        verbose_name = _("labour function")
        verbose_name_plural = _("labour functions")
        constraints = [
            models.UniqueConstraint(fields=["card", "position"], name="labour_function_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Skill(models.Model):
    labour_function = models.ForeignKey(
        LabourFunction, on_delete=models.CASCADE, related_name="skills", verbose_name=_("labour function")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    number = models.PositiveSmallIntegerField(_("number as printed"), null=True, blank=True)
    title = models.TextField(_("title"))
    recognition = models.CharField(_("recognition possibility"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["labour_function_id", "position"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(fields=["labour_function", "position"], name="skill_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class SkillItem(models.Model):
    """An ability or knowledge item: a numbered line under a skill."""

    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("text"))

    class Meta:
        abstract = True
        ordering = ["skill_id", "position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"


class Ability(SkillItem):
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="abilities", verbose_name=_("skill"))
    history = HistoricalRecords()

    class Meta(SkillItem.Meta):
        verbose_name = _("ability")
        verbose_name_plural = _("abilities")
        constraints = [models.UniqueConstraint(fields=["skill", "position"], name="ability_unique_position")]


class Knowledge(SkillItem):
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="knowledge_items", verbose_name=_("skill"))
    history = HistoricalRecords()

    class Meta(SkillItem.Meta):
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        constraints = [models.UniqueConstraint(fields=["skill", "position"], name="knowledge_unique_position")]


class RelatedProfession(models.Model):
    """A row of "Связь с другими профессиями в рамках ОРК", linked to a card when one matches."""

    card = models.ForeignKey(
        ProfessionCard, on_delete=models.CASCADE, related_name="related_professions", verbose_name=_("card")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    level = models.PositiveSmallIntegerField(_("ОРК level"), null=True, blank=True)
    level_max = models.PositiveSmallIntegerField(
        _("upper ОРК level"), null=True, blank=True, help_text=_("Set when the row gives a range, e.g. 5-6.")
    )
    title = models.TextField(_("profession name as printed"))
    target = models.ForeignKey(
        ProfessionCard,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="related_from",
        verbose_name=_("linked card"),
    )

    history = HistoricalRecords(excluded_fields=["target"])  # the link is recomputed by every import

    class Meta:
        ordering = ["card_id", "position"]
        verbose_name = _("related profession")
        verbose_name_plural = _("related professions")
        constraints = [
            models.UniqueConstraint(fields=["card", "position"], name="related_profession_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.levels or '—'} {self.title}"

    @property
    def levels(self) -> str:
        if self.level and self.level_max and self.level_max != self.level:
            return f"{self.level}–{self.level_max}"
        return str(self.level or "")


class CardSearchText(models.Model):
    """One card's texts prepared for search: rebuilt by ``cards.search.rebuild_search_index``.

    ``texts`` holds, per group (``title``, ``alias``, ``standard``, ``body``, ``detail``), the
    Russian text as written (PostgreSQL stems it with the ``russian`` configuration) and the
    Kazakh text as stems of :mod:`cards.kazakh` (indexed with ``simple``); the ``*_vector``
    columns are built from them on PostgreSQL only. ``stems`` are the same groups stemmed in
    Python, for the SQLite fallback; ``passages`` the source texts shown as matching passages.
    A card's ``alias`` group also holds its names in the other language (its twin's title, and
    for a card without a twin the other language's names of its НКЗ code), and ``standard``
    both titles of its standard: so a Russian query finds a card of a Kazakh-only standard.
    """

    card = models.OneToOneField(
        ProfessionCard, on_delete=models.CASCADE, primary_key=True, related_name="search_text", verbose_name=_("card")
    )
    language = models.CharField(_("language"), max_length=2)
    names = models.TextField(_("every name of the card, lower-cased"), blank=True)
    codes = models.TextField(_("the card's own codes"), blank=True)
    alias_codes = models.TextField(_("codes of its other titles"), blank=True)
    texts = models.JSONField(_("texts by group"), default=dict)
    stems = models.JSONField(_("stems by group"), default=dict)
    passages = models.JSONField(_("passages"), default=list)
    title_vector = SearchVectorField(null=True)
    alias_vector = SearchVectorField(null=True)
    standard_vector = SearchVectorField(null=True)
    body_vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("card search text")
        verbose_name_plural = _("card search texts")

    def __str__(self) -> str:
        return _("search text of card %(card)s") % {"card": self.card_id}  # shown in admin's delete page
