"""Benchmark the admin upload's two steps on PostgreSQL: the preview (parse + three-way plan + diff, in
memory) and the apply (one import run: load with history, link, search index, revision).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry_bench_upload .venv/bin/python bench/upload.py

The database named by DATABASE_URL is emptied and the bundled orders imported first (the registry an
editor amends); then, for order 569 (1.5 MB) and order 209 (1 MB), an amended copy (one skill title
changed) is previewed and applied, as the admin's views call them. Prints wall-clock seconds per step,
this process's CPU seconds (PostgreSQL's own work excluded) and the machine's load average, since the
numbers mean little on a busy machine.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a scratch PostgreSQL database (it is emptied)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from cards.models import Occupation, Skill
    from importers.preview import preview_file
    from importers.service import bundled_orders, import_documents
    from standards.models import SourceDocument, Standard

    call_command("migrate", verbosity=0)
    for model in (SourceDocument, Standard, Occupation):  # an empty registry to start from
        model.objects.all().delete()
    started = time.perf_counter()
    import_documents()
    print(f"{'bundled orders imported':<34} {time.perf_counter() - started:6.2f} s   load {os.getloadavg()[0]:.1f}")
    orders = {p.name: p for p in bundled_orders()}
    for name in ("order-569-2025-kk.txt", "order-209-2026-ru.txt"):
        source = orders[name]
        skill = Skill.objects.filter(labour_function__card__edition__document__file_name=name).order_by("pk").first()
        with tempfile.TemporaryDirectory() as folder:
            amended = Path(folder) / name
            amended.write_text(
                source.read_text(encoding="utf-8").replace(skill.title, skill.title + " (өзгертілген)", 1),
                encoding="utf-8",
            )
            started, cpu = time.perf_counter(), time.process_time()
            preview = preview_file(amended)
            preview_seconds, preview_cpu = time.perf_counter() - started, time.process_time() - cpu
            started, cpu = time.perf_counter(), time.process_time()
            result = import_documents([amended])
            apply_seconds, apply_cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"{name:<26} {source.stat().st_size / 1e6:4.2f} MB   preview {preview_seconds:6.2f} s "
            f"(cpu {preview_cpu:5.2f})   apply {apply_seconds:6.2f} s (cpu {apply_cpu:5.2f})   "
            f"({preview.counts['updated']} value updated, "
            f"{len(preview.cards_changed)} card changed; import: {result.documents[0].reconciled['updated']} updated)"
        )


if __name__ == "__main__":
    main()
