"""Importing documents into the database: atomic per document, idempotent, reported."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from cards.models import Ability, Knowledge, LabourFunction, ProfessionCard, Skill
from importers import load
from importers.export import export_registry
from importers.service import import_documents
from standards.models import Edition, ImportIssue, SourceDocument, Standard

pytestmark = pytest.mark.django_db

EXCERPTS = Path(__file__).resolve().parents[2] / "fixtures" / "excerpts"
J065 = EXCERPTS / "legal_text_j065.txt"
J061 = EXCERPTS / "legal_text_j061.txt"


def row_counts():
    models = [SourceDocument, Standard, Edition, ProfessionCard, LabourFunction, Skill, Ability, Knowledge, ImportIssue]
    return {model.__name__: model.objects.count() for model in models}


def test_it_imports_a_standard_with_its_whole_tree():
    result = import_documents([J065])
    assert not result.failed
    card = ProfessionCard.objects.get()
    assert card.edition.standard.code == "J065"
    assert card.edition.annex == 13
    assert card.level == 6 and card.level_source == "passport"
    assert [f.kind for f in card.labour_functions.all()][-1] == "additional"
    assert Skill.objects.filter(labour_function__card=card).count() > 0
    assert Ability.objects.exists() and Knowledge.objects.exists()


def test_importing_twice_gives_the_same_database():
    import_documents([J065, J061])
    first, first_export = row_counts(), export_registry()
    import_documents([J065, J061])
    assert row_counts() == first
    assert export_registry() == first_export


def test_a_failing_document_keeps_its_previous_rows_and_the_others_are_imported(monkeypatch, tmp_path):
    import_documents([J065])
    before = export_registry()
    real_replace_issues = load._replace_issues

    def fail_after_the_rows_are_written(document, record):
        if record.file_name == J065.name:
            raise IntegrityError("simulated failure half-way through the document")
        return real_replace_issues(document, record)

    changed = tmp_path / J065.name  # an amended copy, so the failing import has rows to write first
    skill = Skill.objects.order_by("pk").first().title
    changed.write_text(J065.read_text(encoding="utf-8").replace(skill, skill + " (жаңа)"), encoding="utf-8")
    monkeypatch.setattr(load, "_replace_issues", fail_after_the_rows_are_written)
    result = import_documents([changed, J061])
    assert [d.file_name for d in result.failed] == ["legal_text_j065.txt"]
    assert "simulated failure" in result.failed[0].error
    j065_cards = [c for c in export_registry()["cards"] if c["standard_code"] == "J065"]
    assert j065_cards == [c for c in before["cards"] if c["standard_code"] == "J065"]
    assert ProfessionCard.objects.filter(edition__standard__code="J061").count() == 2


def test_the_command_exits_non_zero_when_a_document_fails(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(CommandError, match="1 of 2 documents failed"):
        call_command("import_standards", str(J065), str(empty), verbosity=0)
    assert ProfessionCard.objects.filter(edition__standard__code="J065").count() == 1


def test_a_dry_run_writes_nothing(capsys):
    call_command("import_standards", str(J065), dry_run=True)
    assert row_counts()["ProfessionCard"] == 0
    out = capsys.readouterr().out
    assert "legal_text_j065.txt" in out and "dry run" in out


def test_the_report_gives_counts_and_the_share_of_text_in_fields(capsys):
    call_command("import_standards", str(J065))
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("legal_text_j065.txt"))
    assert " legal_text " in row and "%" in row


def test_import_issues_are_stored_with_their_document_and_line():
    import_documents([J065])
    issue = ImportIssue.objects.first()
    assert issue is not None and issue.document.file_name == "legal_text_j065.txt" and issue.line > 0


def test_the_export_command_writes_json(tmp_path):
    import_documents([J065])
    out = tmp_path / "registry.json"
    call_command("export_standards", "--format", "json", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["cards"][0]["permalink"] == "/kk/cards/J065/1/"


def test_skipping_unchanged_files_keeps_the_edits_made_in_admin(tmp_path):
    import_documents([J065])
    card = ProfessionCard.objects.get()
    card.title = "Түзетілген атау"
    card.save()
    result = import_documents([J065], skip_unchanged=True)
    assert [d.unchanged for d in result.documents] == [True]
    assert ProfessionCard.objects.get().title == "Түзетілген атау"
    changed = tmp_path / J065.name
    changed.write_bytes(J065.read_bytes() + b"\n")
    result = import_documents([changed], skip_unchanged=True)
    assert [d.unchanged for d in result.documents] == [False]
    # A changed file is imported, and the edit of a title the file did not change is kept.
    assert ProfessionCard.objects.get().title == "Түзетілген атау"
    assert result.documents[0].reconciled["kept"] == 1


def test_the_command_says_which_files_it_left_unchanged(capsys):
    call_command("import_standards", str(J065), skip_unchanged=True)
    call_command("import_standards", str(J065), skip_unchanged=True)
    assert "unchanged since its last import" in capsys.readouterr().out


def test_a_failure_during_linking_leaves_the_database_and_the_revision_as_they_were(monkeypatch, tmp_path):
    from importers import link
    from standards.revision import current_revision

    import_documents([J065])
    before, before_export, revision = row_counts(), export_registry(), current_revision()

    def fail(*args, **kwargs):
        raise IntegrityError("simulated failure while linking predecessors")

    monkeypatch.setattr(link, "link_predecessors", fail)
    changed = tmp_path / J065.name
    changed.write_bytes(J065.read_bytes().replace("Спорттық".encode(), "Киберспорттық".encode()))
    with pytest.raises(IntegrityError, match="simulated failure"):
        import_documents([changed, J061])
    assert row_counts() == before
    assert export_registry() == before_export
    assert current_revision() == revision


def test_the_command_says_the_run_was_rolled_back_when_linking_fails(monkeypatch):
    from importers import link

    def fail(*args, **kwargs):
        raise IntegrityError("simulated failure while linking twins")

    monkeypatch.setattr(link, "link_twins", fail)
    with pytest.raises(CommandError, match="nothing was imported: simulated failure"):
        call_command("import_standards", str(J065), verbosity=0)
    assert row_counts()["ProfessionCard"] == 0


def test_an_import_loads_links_indexes_and_bumps_the_revision_last_in_one_transaction(monkeypatch):
    from django.db import connection

    from importers import service
    from standards.revision import current_revision

    steps = []
    before = current_revision()

    def step(name, real):
        def run(*args, **kwargs):
            steps.append((name, current_revision(), connection.in_atomic_block))
            return real(*args, **kwargs)

        return run

    monkeypatch.setattr(service, "load_document", step("load", service.load_document))
    monkeypatch.setattr(service, "link_registry", step("link", service.link_registry))
    monkeypatch.setattr(service, "rebuild_search_index", step("index", service.rebuild_search_index))
    import_documents([J065, J061])
    assert [name for name, _, _ in steps] == ["load", "load", "link", "index"]
    assert all(revision == before and atomic for _, revision, atomic in steps)
    assert current_revision() == before + 1


def test_each_file_is_read_once(monkeypatch):
    reads = []
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        reads.append(self.name)
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    import_documents([J065], skip_unchanged=True)
    import_documents([J065], skip_unchanged=True)
    assert reads == ["legal_text_j065.txt", "legal_text_j065.txt"]
