"""A complete backup of the registry, and its restore into an empty database (``docs/security.md``).

The backup is Django's own JSON serialization (what ``dumpdata --natural-foreign`` writes) of every
model of ``standards`` and ``cards`` (their history tables, import issues, conflicts, import bases,
source documents and the content revision included) and of what those rows point to: the accounts
(``auth.user``), the roles (``auth.group``) and the admin change log (``admin.logentry``). Every row
keeps its id, so the restored registry is the same row for row; content types and permissions are
not in it (``migrate`` makes them) and are referred to by natural key, and so are the roles, which
``migrate`` makes too (``cards.roles``): a backup loads into a freshly migrated database whatever ids
those got there. Sessions and login throttling records (``axes``) are not in it.

The file is one JSON object, readable with ``zcat FILE | head``::

    {"format": "kz-it-professional-standards-backup/1", "created_at": "…", "django": "5.2…",
     "counts": {"cards.professioncard": 228, …},
     "roles": [ …the groups, by natural key… ],
     "objects": [ …every other row, one field a line… ]}

``format`` is what the restore recognises; the open-data export (``importers.export``) has a format
of its own and is refused. Written as ``.json``, ``.json.gz`` or ``.json.xz`` (by the name); read
whatever the compression (by its first bytes).
"""

from __future__ import annotations

import datetime
import gzip
import json
import logging
import lzma
import os
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from cards.roles import ensure_editorial_roles
from importers.export import EXPORT_FORMAT
from standards.caching import one_snapshot
from standards.models import ContentRevision
from standards.revision import bump_revision, current_revision

BACKUP_FORMAT = "kz-it-professional-standards-backup/1"
CONTENT_APPS = ("standards", "cards")

logger = logging.getLogger("importers.backup")


class BackupError(Exception):
    """A backup that cannot be written or restored; the message is one line naming the file."""


@dataclass
class BackupReport:
    path: Path
    counts: Counter = field(default_factory=Counter)  # objects by model label ("cards.professioncard")
    seconds: float = 0.0
    size: int = 0  # bytes of the file
    revision: int = 0  # the content revision after a restore

    @property
    def objects(self) -> int:
        return sum(self.counts.values())


def backup_models() -> list[type[Model]]:
    """What a backup holds, in an order that loads (a model after those it points to by natural key)."""
    models = [model for label in CONTENT_APPS for model in apps.get_app_config(label).get_models()]
    models += [Group, get_user_model(), LogEntry]
    return serializers.sort_dependencies([(None, models)], allow_cycles=True)


def empty_models() -> list[type[Model]]:
    """The tables a restore needs empty, as ``migrate`` leaves them: every model of the content apps
    but the revision counter (a bump makes its row, it holds no content), the accounts and the change
    log. Their rows come back with their ids; only the roles (``Group``) exist already."""
    content = [model for label in CONTENT_APPS for model in apps.get_app_config(label).get_models()]
    return [model for model in content if model is not ContentRevision] + [get_user_model(), LogEntry]


class _ExactJSONEncoder(DjangoJSONEncoder):
    # DjangoJSONEncoder cuts datetimes to milliseconds (ECMA-262): a restored history would then
    # differ from the original in every timestamp. A backup keeps the microseconds.
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def write_backup(path: str | Path) -> BackupReport:
    """Write a backup of the whole registry to ``path`` (``.json``, ``.json.gz`` or ``.json.xz``).

    Read from one snapshot (an import committing meanwhile is wholly in it or wholly out), written
    to ``<path>.part`` and renamed at the end, so a failed run never leaves a half file under the
    name of a good one.
    """
    path = Path(path)
    report = BackupReport(path)
    started = time.monotonic()
    partial = path.with_name(path.name + ".part")
    try:
        with one_snapshot(), _open_for_writing(partial, compression=path.suffix) as handle:
            report.counts = Counter({model._meta.label_lower: model._base_manager.count() for model in backup_models()})
            header = {
                "format": BACKUP_FORMAT,
                "created_at": timezone.now().isoformat(),
                "django": django.get_version(),
                "counts": {label: n for label, n in report.counts.items() if n},
            }
            handle.write(json.dumps(header, ensure_ascii=False, indent=1)[:-2] + ',\n "roles": ')
            # The roles by name: migrate has made them already, under ids of its own.
            _serialize([Group], handle, use_natural_primary_keys=True)
            handle.write(',\n "objects": ')
            _serialize([model for model in backup_models() if model is not Group], handle)
            handle.write("}\n")
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"{path}: the backup was not written: {exc.strerror or exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    report.size = path.stat().st_size
    report.seconds = time.monotonic() - started
    logger.info(
        "backup written to %s: %d objects",
        path,
        report.objects,
        extra={"event": "backup.write", "file": str(path), "objects": report.objects, "bytes": report.size},
    )
    return report


def _serialize(models: list[type[Model]], stream, use_natural_primary_keys: bool = False) -> None:
    """Every row of ``models`` as a JSON list into ``stream``: ``dumpdata``'s output, keeping microseconds."""
    serializers.serialize(
        "json",
        _rows(models),
        stream=stream,
        indent=1,  # one field a line: a damaged file's error names a useful line
        use_natural_foreign_keys=True,
        use_natural_primary_keys=use_natural_primary_keys,
        cls=_ExactJSONEncoder,
    )


def _rows(models: list[type[Model]]) -> Iterator[Model]:
    for model in models:
        yield from model._base_manager.order_by(model._meta.pk.name).iterator(chunk_size=2000)


def _open_for_writing(path: Path, compression: str):
    if compression == ".gz":
        return gzip.open(path, "wt", encoding="utf-8")
    if compression == ".xz":
        return lzma.open(path, "wt", encoding="utf-8")
    return open(path, "w", encoding="utf-8")


def read_backup(path: str | Path) -> dict:
    """The backup in ``path`` as plain data, or a :class:`BackupError` saying why it is not one:
    unreadable, damaged or truncated (with the line, where JSON says it), or another kind of file."""
    path = Path(path)
    try:
        with open(path, "rb") as raw:
            magic = raw.read(6)
        opener = gzip.open if magic[:2] == b"\x1f\x8b" else lzma.open if magic == b"\xfd7zXZ\x00" else open
        with opener(path, "rb") as handle:
            raw = handle.read()
        data = json.loads(raw.decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise BackupError(
            f"{path}:{exc.lineno}: not a complete backup: the JSON is damaged or cut short "
            f"({exc.msg}, column {exc.colno})"
        ) from exc
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        if exc.reason == "unexpected end of data":
            message = "not a complete backup: the file ends in the middle of a character (cut short)"
        else:
            message = f"not a backup: not UTF-8 text (byte {exc.start})"
        raise BackupError(f"{path}:{line}: {message}") from exc
    except (EOFError, zlib.error, lzma.LZMAError, gzip.BadGzipFile) as exc:
        message = f"not a complete backup: the compressed file is damaged or cut short ({exc})"
        raise BackupError(f"{path}: {message}") from exc
    except OSError as exc:
        raise BackupError(f"{path}: cannot read the backup: {exc.strerror or exc}") from exc
    kind = data.get("format") if isinstance(data, dict) else None
    if kind == EXPORT_FORMAT:
        raise BackupError(
            f"{path}: this is the open-data export, not a backup (it has no ids, history or accounts); "
            "make a backup with `export_standards --backup -o FILE`"
        )
    if isinstance(kind, str) and kind.startswith(BACKUP_FORMAT.rsplit("/", 1)[0] + "/") and kind != BACKUP_FORMAT:
        raise BackupError(f"{path}: a backup in format {kind!r}, which this version cannot restore ({BACKUP_FORMAT})")
    if kind != BACKUP_FORMAT or not all(isinstance(data.get(key), list) for key in ("roles", "objects")):
        raise BackupError(
            f'{path}: not a registry backup (no "format": "{BACKUP_FORMAT}" header with its objects); '
            "make one with `export_standards --backup -o FILE`"
        )
    return data


def held_content() -> dict[str, int]:
    """The tables of :func:`empty_models` that hold rows, with their counts (empty: a restore may run)."""
    counts = {model._meta.label_lower: model._base_manager.count() for model in empty_models()}
    history_last = sorted(counts, key=lambda label: ".historical" in label)  # the content first in a message
    return {label: counts[label] for label in history_last if counts[label]}


def restore_backup(path: str | Path) -> BackupReport:
    """Load the backup in ``path`` into an empty registry, all or nothing.

    Refused (:class:`BackupError`, nothing written) if the database holds any content, account or
    change log entry (:func:`empty_models`), or the file is not a whole backup. The load is what
    ``loaddata`` does with one fixture: objects saved raw (no history rows, no signals' side
    effects), forward references by natural key resolved at the end, constraints checked, sequences
    reset past the loaded ids. Then the editorial roles are set
    as ``migrate`` sets them (a backup's roles may predate the models of this version) and the
    content revision is bumped, so no cache serves a page of what the database held before.
    """
    path = Path(path)
    started = time.monotonic()
    data = read_backup(path)
    report = BackupReport(path, size=path.stat().st_size)
    try:
        with transaction.atomic():
            held = held_content()
            if held:
                listed = ", ".join(f"{label}: {n}" for label, n in list(held.items())[:4])
                raise BackupError(
                    f"{path}: not restored: the database already holds registry content ({listed}"
                    f"{', …' if len(held) > 4 else ''}); restore only into an empty, freshly migrated database "
                    "(make accounts after the restore)"
                )
            revision_before = current_revision()
            report.counts = _load(data["roles"] + data["objects"], empty=empty_models())
            if isinstance(data.get("counts"), dict) and dict(report.counts) != data["counts"]:
                raise BackupError(
                    f"{path}: not restored: the file holds {report.objects} objects, its header counts "
                    f"{sum(data['counts'].values())}: it was cut or edited"
                )
            # The counter must not go back: a shared cache may hold pages under the numbers this
            # database reached before it was emptied.
            ContentRevision.objects.filter(pk=1, number__lt=revision_before).update(number=revision_before)
            ensure_editorial_roles()
            bump_revision()
            report.revision = current_revision()
    except BackupError:
        raise
    except Exception as exc:  # whatever failed, the transaction rolled it back: say so in one line
        message = " ".join(str(exc).split())[:300]
        raise BackupError(f"{path}: not restored, nothing was written: {message}") from exc
    report.seconds = time.monotonic() - started
    logger.info(
        "backup %s restored: %d objects",
        path,
        report.objects,
        extra={"event": "backup.restore", "file": str(path), "objects": report.objects, "revision": report.revision},
    )
    return report


def _load(objects: list, empty: list[type[Model]]) -> Counter:
    """Save the deserialized ``objects`` as ``loaddata`` does; the count of objects by model.

    Rows of the ``empty`` models are inserted outright (``loaddata`` tries an UPDATE first, which
    doubles the queries); the others (the roles, the revision counter) may exist already."""
    insert = set(empty)
    counts: Counter = Counter()
    models: set[type[Model]] = set()
    deferred = []
    with connection.constraint_checks_disabled():
        for obj in serializers.deserialize("python", objects, handle_forward_references=True):
            obj.save(force_insert=type(obj.object) in insert)
            models.add(type(obj.object))
            counts[obj.object._meta.label_lower] += 1
            if obj.deferred_fields:
                deferred.append(obj)
        for obj in deferred:
            obj.save_deferred_fields()
    connection.check_constraints(table_names=[model._meta.db_table for model in models])
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    return counts
