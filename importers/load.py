"""Write one parsed document to the database, atomically, keeping the corrections editors made.

``load_document`` matches the document by file name and each of its rows by its key in the document
(:mod:`importers.reconcile`: ``e1/c3/f2/s1`` …). It reads three versions of every element, what the
last import read from the file (``standards.ImportBase``), what the database holds and what
the new record says, lets :func:`importers.reconcile.reconcile` decide field by field, and applies the
plan in place: rows keep their ids (and so their history), a field an editor corrected and the file
left alone is kept, a field both changed is a conflict (``standards.ImportConflict``) unless a
preference decides it. Every row written gets a history record attributed to the import (file name and
SHA-256, and the user who uploaded it, if any), through simple-history's bulk utilities.

It runs in a savepoint: a failure leaves the database exactly as it was. Cross-document links (twins,
predecessors, related professions, superseded editions) are made afterwards by :mod:`importers.link`;
:mod:`importers.service` runs both.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cards.isco import is_occupation_code, isco_titles
from cards.models import Ability, Knowledge, LabourFunction, Occupation, ProfessionCard, RelatedProfession, Skill
from importers.reconcile import Plan, kind_of, parent_of, position_of, reconcile
from importers.records import CardRecord, DocumentRecord, EditionRecord
from standards.models import (
    Edition,
    ImportBase,
    ImportConflict,
    ImportIssue,
    SourceDocument,
    Standard,
    issue_fingerprint,
)

# The fields of each kind of element that the three-way re-import decides (what an editor may correct).
FIELDS = {
    "edition": (
        "code_as_printed",
        "title",
        "heading_title",
        "amending_annex",
        "version",
        "year",
        "version_text",
        "review_date",
        "oked_codes",
        "oked_text",
        "scope",
        "description",
        "government_body",
        "developers",
        "sector_council",
        "national_body",
        "atameken",
    ),
    "card": (
        "number",
        "title",
        "header_title",
        "group_code",
        "occupation_code",
        "isco_code",
        "level",
        "level_source",
        "level_text",
        "list_level_text",
        "sublevel",
        "etks_level",
        "education",
        "experience",
        "nonformal_education",
        "other_titles",
        "purpose",
        "mandatory_function_list",
        "additional_function_list",
        "personal_competencies",
        "regulations",
    ),
    "function": ("number", "title", "kind"),
    "skill": ("number", "title", "recognition"),
    "ability": ("text",),
    "knowledge": ("text",),
    "related": ("level", "level_max", "title"),
}
# Provenance: always the file's (read-only in admin), never a conflict.
PROVENANCE = {"edition": ("first_line", "last_line"), "card": ("first_line", "last_line")}
MODELS = {
    "edition": Edition,
    "card": ProfessionCard,
    "function": LabourFunction,
    "skill": Skill,
    "ability": Ability,
    "knowledge": Knowledge,
    "related": RelatedProfession,
}
MODEL_KINDS = {model: kind for kind, model in MODELS.items()}
PARENT_FIELD = {
    "card": "edition",
    "function": "card",
    "skill": "labour_function",
    "ability": "skill",
    "knowledge": "skill",
    "related": "card",
}


def provisional_standard_code(edition: EditionRecord) -> str:
    """The key a new edition's standard gets before linking: its code, or a title-based key."""
    if edition.code:
        return edition.code
    words = re.sub(r"\W+", "-", edition.title.casefold()).strip("-")
    return ("?" + words)[:20]


def _edition_key(edition: EditionRecord, language: str) -> str:
    return f"{edition.year or 'undated'}-{language}"


def _order_date(record: DocumentRecord) -> dt.date | None:
    try:
        return dt.date.fromisoformat(record.order_date) if record.order_date else None
    except ValueError:
        return None


def import_reason(file_name: str, sha256: str) -> str:
    """The change reason of every history record an import writes: it tells an import from a hand edit."""
    return f"import: {file_name} (SHA-256 {sha256})"


def is_import_reason(reason: str | None) -> bool:
    return bool(reason) and reason.startswith("import: ")


# --- the three versions of a document's elements --------------------------------------------------


def occupation_for(code: str, titles: dict | None = None, cache: dict | None = None) -> Occupation | None:
    """The occupation of an НКЗ code as printed (made with its ISCO-08 title if new), or None for ``-``."""
    if not is_occupation_code(code):
        return None
    cache = {} if cache is None else cache
    if code not in cache:
        isco = code[:4]
        titles = isco_titles() if titles is None else titles
        cache[code], _ = Occupation.objects.get_or_create(
            code=code, defaults={"isco_code": isco, "isco_title": titles.get(isco, "")}
        )
    return cache[code]


def isco_code_of(record: CardRecord) -> str:
    """The ISCO-08 unit group: the first four digits of the occupation code, else of the group code."""
    for code in (record.occupation_code, record.group_code):
        match = re.match(r"^(\d{4})", code or "")
        if match:
            return match.group(1)
    return ""


def _edition_values(record: EditionRecord) -> dict:
    return {
        "code_as_printed": record.code_as_printed,
        "title": record.title or record.heading_title,
        "heading_title": record.heading_title,
        "amending_annex": record.amending_annex,
        "version": record.version,
        "year": record.year,
        "version_text": record.version_text[:60],
        "review_date": record.review_date[:40],
        "oked_codes": record.oked,
        "oked_text": "\n".join(record.oked_lines),
        "scope": record.scope,
        "description": record.description,
        "government_body": record.government_body,
        "developers": record.developers,
        "sector_council": record.sector_council,
        "national_body": record.national_body,
        "atameken": record.atameken,
    }


def _card_values(record: CardRecord) -> dict:
    return {
        "number": record.number[:10],
        "title": record.title or record.header_title,
        "header_title": record.header_title,
        "group_code": record.group_code[:20],
        "occupation_code": record.occupation_code[:20],
        "isco_code": isco_code_of(record),
        "level": record.level,
        "level_source": record.level_source,
        "level_text": record.level_text[:40],
        "list_level_text": record.list_level_text[:60],
        "sublevel": record.sublevel[:60],
        "etks_level": record.etks_level,
        "education": [asdict(option) for option in record.education],
        "experience": record.experience,
        "nonformal_education": record.nonformal_education,
        "other_titles": list(record.other_titles),
        "purpose": record.purpose,
        "mandatory_function_list": list(record.mandatory_function_list),
        "additional_function_list": list(record.additional_function_list),
        "personal_competencies": list(record.personal_competencies),
        "regulations": list(record.regulations),
    }


@dataclass
class FileElements:
    """What a record says: element values by key, and the provenance written whatever is decided."""

    values: dict[str, dict]
    provenance: dict[str, dict]
    extra: dict[str, dict]  # per edition key: what a new edition row needs beyond its values


def file_elements(record: DocumentRecord) -> FileElements:
    """The elements of ``record`` by key (pure: reads the record only)."""
    values, provenance, extra = {}, {}, {}
    for e, edition in enumerate(record.editions, 1):
        ek = f"e{e}"
        values[ek] = _edition_values(edition)
        provenance[ek] = {"first_line": edition.first_line, "last_line": edition.last_line, "annex": edition.annex}
        extra[ek] = {"record": edition}
        for card in edition.cards:
            ck = f"{ek}/c{card.position}"
            values[ck] = _card_values(card)
            provenance[ck] = {"first_line": card.first_line, "last_line": card.last_line}
            for f, function in enumerate(card.labour_functions, 1):
                fk = f"{ck}/f{f}"
                values[fk] = {"number": function.number, "title": function.title, "kind": function.kind}
                for s, skill in enumerate(function.skills, 1):
                    sk = f"{fk}/s{s}"
                    values[sk] = {"number": skill.number, "title": skill.title, "recognition": skill.recognition[:100]}
                    for a, text in enumerate(skill.abilities, 1):
                        values[f"{sk}/a{a}"] = {"text": text}
                    for k, text in enumerate(skill.knowledge, 1):
                        values[f"{sk}/k{k}"] = {"text": text}
            for r, row in enumerate(card.related, 1):
                values[f"{ck}/r{r}"] = {"level": row.level, "level_max": row.level_max, "title": row.title}
    return FileElements(values, provenance, extra)


def document_rows(document: SourceDocument | None) -> dict[str, object]:
    """Every row ``document``'s import wrote and still exists, by element key (seven queries)."""
    if document is None:
        return {}
    rows: dict[str, object] = {}
    key_of: dict[tuple[str, int], str] = {}

    def add(kind, row, parent_key):
        key = f"{parent_key}/{kind[0]}{row.position}" if parent_key else f"e{row.position}"
        rows[key] = row
        key_of[(kind, row.pk)] = key

    for edition in Edition.objects.filter(document=document):
        add("edition", edition, "")
    levels = (
        ("card", ProfessionCard.objects.filter(edition__document=document), "edition", "edition_id"),
        ("function", LabourFunction.objects.filter(card__edition__document=document), "card", "card_id"),
        (
            "skill",
            Skill.objects.filter(labour_function__card__edition__document=document),
            "function",
            "labour_function_id",
        ),
        (
            "ability",
            Ability.objects.filter(skill__labour_function__card__edition__document=document),
            "skill",
            "skill_id",
        ),
        (
            "knowledge",
            Knowledge.objects.filter(skill__labour_function__card__edition__document=document),
            "skill",
            "skill_id",
        ),
        ("related", RelatedProfession.objects.filter(card__edition__document=document), "card", "card_id"),
    )
    for kind, queryset, parent_kind, parent_id in levels:
        for row in queryset:
            parent_key = key_of.get((parent_kind, getattr(row, parent_id)))
            if parent_key is not None:
                add(kind, row, parent_key)
    return rows


def _row_values(kind: str, row) -> dict:
    return {name: getattr(row, name) for name in FIELDS[kind]}


def current_elements(rows: dict[str, object], incoming: dict[str, dict]) -> dict[str, dict]:
    """What the database holds, by key. A level the linker took from the twin (the file gives none)
    counts as the file's, not as an edit."""
    current = {key: _row_values(kind_of(key), row) for key, row in rows.items()}
    for key, values in current.items():
        theirs = incoming.get(key)
        if kind_of(key) == "card" and values["level_source"] == "twin" and theirs and theirs["level"] is None:
            values["level"], values["level_source"] = None, theirs["level_source"]
    return current


@dataclass
class DocumentPlan:
    """The decisions of one document's import, before anything is written."""

    record: DocumentRecord
    document: SourceDocument | None
    rows: dict[str, object]
    incoming: FileElements
    base: dict[str, dict]
    current: dict[str, dict]
    plan: Plan


def plan_document(record: DocumentRecord, prefer: str | None = None) -> DocumentPlan:
    """Read the three versions of ``record``'s elements and decide them; writes nothing.

    A document imported before the three-way re-import existed has no ``ImportBase``: its rows
    count as unedited (what the database holds is taken as what the last import wrote).
    """
    document = SourceDocument.objects.filter(file_name=record.file_name).first()
    rows = document_rows(document)
    incoming = file_elements(record)
    current = current_elements(rows, incoming.values)
    if document is None:
        base = {}
    else:
        base = ImportBase.of(document)
        if base is None:
            base = current
    return DocumentPlan(
        record, document, rows, incoming, base, current, reconcile(base, current, incoming.values, prefer)
    )


# --- applying a plan --------------------------------------------------------------------------------


@dataclass
class LoadResult:
    document: SourceDocument
    plan: Plan


@transaction.atomic
def load_document(record: DocumentRecord, *, prefer: str | None = None, user=None) -> LoadResult:
    """Import ``record`` over what its file's last import wrote, keeping the editors' corrections.

    ``prefer`` decides conflicts (``"file"`` or ``"edits"``); without it they are recorded as open
    ``ImportConflict`` rows and the edits stay. ``user`` (an admin upload's editor) is named in the
    history records with the import's reason.
    """
    planned = plan_document(record, prefer)
    writer = _Writer(record, user)
    document = writer.document(planned.document)
    writer.apply(document, planned)
    ImportBase.record(document, planned.plan.snapshot)
    _replace_issues(document, record)
    _record_conflicts(document, planned)
    return LoadResult(document, planned.plan)


class _Writer:
    def __init__(self, record: DocumentRecord, user):
        self.record = record
        self.user = user
        self.reason = import_reason(record.file_name, record.sha256)
        self.titles = isco_titles()
        self.occupations: dict[str, Occupation] = {}

    def _history(self, obj):
        obj._change_reason = self.reason
        if self.user is not None:
            obj._history_user = self.user
        return obj

    def document(self, document: SourceDocument | None) -> SourceDocument:
        record = self.record
        values = {
            "sha256": record.sha256,
            "language": record.language,
            "kind": record.kind or SourceDocument.Kind.STANDARD,
            "format": record.format,
            "order_number": record.order_number,
            "order_date": _order_date(record),
            "title": record.title,
            "annex_titles": {str(annex): title for annex, title in record.annex_titles.items()},
            "card_chars_total": record.card_chars_total,
            "card_chars_landed": min(record.card_chars_landed, record.card_chars_total),
        }
        if document is None:
            document = SourceDocument(file_name=record.file_name, **values)
        else:
            for name, value in values.items():
                setattr(document, name, value)
        self._history(document).save()
        return document

    def occupation(self, code: str) -> Occupation | None:
        return occupation_for(code, self.titles, self.occupations)

    def apply(self, document: SourceDocument, planned: DocumentPlan) -> None:
        plan, rows, incoming = planned.plan, dict(planned.rows), planned.incoming
        self._delete(plan.delete, rows)
        by_kind: dict[str, dict[str, dict]] = {}
        for key, values in plan.update.items():
            by_kind.setdefault(kind_of(key), {})[key] = values
        # Provenance follows the file on every row that stays.
        for key, prov in incoming.provenance.items():
            row = rows.get(key)
            if row is None:
                continue
            changed = {name: value for name, value in prov.items() if value is not None and getattr(row, name) != value}
            if changed:
                by_kind.setdefault(kind_of(key), {}).setdefault(key, {}).update(changed)
        creates: dict[str, list[str]] = {}
        for key in plan.create:
            creates.setdefault(kind_of(key), []).append(key)
        for kind in MODELS:  # parents first: new rows need their parents' ids
            self._create(kind, creates.get(kind, []), plan, rows, document, incoming)
            self._update(kind, by_kind.get(kind, {}), rows)

    def _delete(self, keys: list[str], rows: dict) -> None:
        for key in keys:
            row = rows.pop(key, None)
            if row is not None:
                self._history(row).delete()  # its descendants go with it (their history rows say so)
        for key in [k for k in rows if any(k.startswith(d + "/") for d in keys)]:
            rows.pop(key)

    def _create(self, kind: str, keys: list[str], plan: Plan, rows: dict, document, incoming) -> None:
        if not keys:
            return
        model = MODELS[kind]
        objs, made = [], []
        for key in keys:
            values = dict(plan.create[key])
            if kind == "edition":
                obj = self._new_edition(document, key, values, incoming)
            else:
                parent = rows.get(parent_of(key))
                if parent is None:
                    continue  # its parent was deleted by hand and stays deleted
                obj = model(**{PARENT_FIELD[kind]: parent}, position=position_of(key), **values)
                if kind == "card":
                    obj.occupation = self.occupation(obj.occupation_code)
                    prov = incoming.provenance.get(key, {})
                    obj.first_line, obj.last_line = prov.get("first_line", 0), prov.get("last_line", 0)
            objs.append(obj)
            made.append(key)
        if kind == "edition":
            for obj in objs:  # a handful per document; each needs a unique key
                self._history(obj).save()
        else:
            objs = bulk_create_with_history(
                objs, model, batch_size=1000, default_user=self.user, default_change_reason=self.reason
            )
        rows.update(zip(made, objs, strict=True))

    def _new_edition(self, document, key: str, values: dict, incoming) -> Edition:
        record: EditionRecord = incoming.extra[key]["record"]
        language = self.record.language
        standard, _ = Standard.objects.get_or_create(code=provisional_standard_code(record))
        title_field = "title_ru" if language == "ru" else "title_kk"
        if not getattr(standard, title_field) and record.title:
            setattr(standard, title_field, record.title)
            self._history(standard).save(update_fields=[title_field])
        prov = incoming.provenance[key]
        return Edition(
            standard=standard,
            document=document,
            position=position_of(key),
            key=_unique_key(standard, _edition_key(record, language)),
            language=language,
            annex=prov["annex"],
            status=Edition.Status.IN_FORCE,
            first_line=prov["first_line"],
            last_line=prov["last_line"],
            **values,
        )

    def _update(self, kind: str, changes: dict[str, dict], rows: dict) -> None:
        changed_rows, fields = [], set()
        for key, values in changes.items():
            row = rows.get(key)
            if row is None:
                continue
            for name, value in values.items():
                setattr(row, name, value)
            fields.update(values)
            if kind == "card" and "occupation_code" in values:
                row.occupation = self.occupation(row.occupation_code)
                fields.add("occupation")
            changed_rows.append(row)
        if changed_rows:
            bulk_update_with_history(
                changed_rows,
                MODELS[kind],
                sorted(fields),
                batch_size=500,
                default_user=self.user,
                default_change_reason=self.reason,
            )


def _unique_key(standard: Standard, key: str) -> str:
    taken = set(standard.editions.values_list("key", flat=True))
    candidate, n = key, 2
    while candidate in taken:
        candidate, n = f"{key}-{n}", n + 1
    return candidate


def _replace_issues(document: SourceDocument, record: DocumentRecord) -> None:
    """The document's import issues are the new file's; a resolution carries over to the same issue
    of the same text (``standards.models.issue_fingerprint``)."""
    resolved = {
        issue.fingerprint: issue
        for issue in ImportIssue.objects.filter(document=document, resolved_at__isnull=False).exclude(fingerprint="")
    }
    ImportIssue.objects.filter(document=document).delete()
    issues = []
    for issue in record.issues:
        fingerprint = issue_fingerprint(issue.code, issue.text, issue.params, issue.message)
        before = resolved.get(fingerprint)
        issues.append(
            ImportIssue(
                document=document,
                line=issue.line,
                severity=issue.severity,
                code=issue.code,
                params=issue.params,
                message=issue.message,
                text=issue.text,
                fingerprint=fingerprint,
                resolved_at=before.resolved_at if before else None,
                resolved_by_id=before.resolved_by_id if before else None,
                resolution_note=before.resolution_note if before else "",
            )
        )
    ImportIssue.objects.bulk_create(issues, batch_size=1000)


def _record_conflicts(document: SourceDocument, planned: DocumentPlan) -> None:
    """The open conflicts of the document are this import's; those a preference decided are kept as resolved."""
    ImportConflict.objects.filter(document=document, resolution="").delete()
    rows, now = planned.rows, timezone.now()
    ImportConflict.objects.bulk_create(
        ImportConflict(
            document=document,
            element=decision.key,
            model=MODELS[decision.kind]._meta.label_lower,
            object_id=getattr(rows.get(decision.key), "pk", None),
            field=decision.field,
            base_value=decision.base,
            edited_value=decision.mine,
            file_value=decision.theirs,
            resolution=decision.resolution,
            resolved_at=now if decision.resolution else None,
            note="--prefer-file"
            if decision.resolution == "file"
            else ("--prefer-edits" if decision.resolution else ""),
        )
        for decision in planned.plan.conflicts
    )
