"""Fuzzed importers: random mutations of real excerpts never give a traceback, nor a half-written database.

Hypothesis mutates the real excerpts of ``fixtures/excerpts/`` (and the small bundled standards):
lines dropped, duplicated, swapped, labels swapped between lines, tables truncated, parts re-encoded
in Windows-1251 or as UTF-16, huge lines, NUL bytes, byte flips, random text. Every outcome must be
a clean parse or a :class:`~importers.pipeline.DocumentError`: one line naming the file (and the
line, when the error is at one). Through the import service, a failed document must leave every
content table exactly as it was (a checksum over all of their rows).

Examples per run (CI, the ``ci`` profile): 700 through the pipeline with the detected reader, 300
with a reader forced on any input, 150 through the database: 1,150. ``--hypothesis-show-statistics``
prints the counts and the share of clean and failed parses.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db import connection
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from importers.pipeline import FORMATS, DocumentError, parse_bytes

ROOT = Path(__file__).resolve().parents[2]
EXCERPTS = sorted((ROOT / "fixtures" / "excerpts").glob("*.txt"))
SMALL_STANDARD = ROOT / "fixtures" / "orders" / "standard-J63991041-v2-2022-kk.txt"
SOURCES = {path.name: path.read_bytes() for path in [*EXCERPTS, SMALL_STANDARD]}

settings.register_profile(
    "importers-fuzz",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    derandomize=os.environ.get("CI", "").lower() == "true",  # CI: the same examples every run, no flaky build
)
PIPELINE_EXAMPLES = int(os.environ.get("FUZZ_PIPELINE_EXAMPLES", 700))
FORCED_EXAMPLES = int(os.environ.get("FUZZ_FORCED_EXAMPLES", 300))
DATABASE_EXAMPLES = int(os.environ.get("FUZZ_DATABASE_EXAMPLES", 150))


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [data]


@st.composite
def mutation(draw, lines: list[bytes]) -> list[bytes]:
    """One change to a document's lines, as a broken copy or a careless edit would make it."""
    n = len(lines)
    i = draw(st.integers(0, max(n - 1, 0)))
    j = draw(st.integers(0, max(n - 1, 0)))
    kind = draw(
        st.sampled_from(
            [
                "drop",
                "drop-run",
                "duplicate",
                "swap",
                "swap-labels",
                "truncate",
                "cp1251",
                "utf16",
                "huge-line",
                "nul",
                "flip",
                "random-text",
                "crlf",
                "no-tabs",
                "bom",
            ]
        )
    )
    event(f"mutation: {kind}")
    lines = list(lines)
    if not lines:
        return lines
    if kind == "drop":
        del lines[i]
    elif kind == "drop-run":
        del lines[i : i + draw(st.integers(2, 60))]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "swap-labels":
        # The first cell (or the first word) of two lines change places: a label lands on another's value.
        sep = b"\t" if b"\t" in lines[i] and b"\t" in lines[j] else b" "
        a, _, rest_a = lines[i].partition(sep)
        b, _, rest_b = lines[j].partition(sep)
        lines[i], lines[j] = b + sep + rest_a, a + sep + rest_b
    elif kind == "truncate":
        cut = draw(st.integers(0, len(lines[i])))
        lines = [*lines[:i], lines[i][:cut]]
    elif kind == "cp1251":
        text = b"".join(lines[i : i + draw(st.integers(1, 30))]).decode("utf-8", errors="ignore")
        lines[i : i + 1] = [text.encode("cp1251", errors="replace")]
    elif kind == "utf16":
        lines[i] = lines[i].decode("utf-8", errors="ignore").encode("utf-16")
    elif kind == "huge-line":
        char = draw(st.sampled_from(["а", "x", "\t", " ", "|", "<", "1", "\u202e", "\u200b"]))
        lines.insert(i, (char * draw(st.integers(5_000, 300_000)) + "\n").encode())
    elif kind == "nul":
        lines[i] = lines[i][:1] + b"\x00" + lines[i][1:]
    elif kind == "flip":
        line = bytearray(lines[i]) or bytearray(b" ")
        at = draw(st.integers(0, len(line) - 1))
        line[at] = draw(st.integers(0, 255))
        lines[i] = bytes(line)
    elif kind == "random-text":
        lines.insert(i, (draw(st.text(max_size=200)) + "\n").encode("utf-8", errors="surrogatepass"))
    elif kind == "crlf":
        lines = [line.replace(b"\n", b"\r\n") for line in lines]
    elif kind == "no-tabs":
        lines[i] = lines[i].replace(b"\t", b" ")
    elif kind == "bom":
        lines[0] = b"\xef\xbb\xbf" + lines[0]
    return lines


@st.composite
def mutated_document(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SOURCES)))
    lines = _lines(SOURCES[name])
    for _ in range(draw(st.integers(1, 4))):
        lines = draw(mutation(lines))
    return name, b"".join(lines)


def outcome(data: bytes, name: str, format_name: str | None = None, note=event) -> str:
    """``"clean"`` or ``"error"``; anything but a proper :class:`DocumentError` fails the test."""
    try:
        record = parse_bytes(data, name, format_name)
    except DocumentError as error:
        message = str(error)
        assert "\n" not in message and "Traceback" not in message, message
        assert message.startswith(f"{name}:"), message
        if error.line is not None:
            lines = len(data.decode("utf-8", errors="replace").splitlines())  # the readers' own line split
            assert 1 <= error.line <= lines + 1, message
            assert message.startswith(f"{name}:{error.line}: "), message
        note("outcome: a one-line error")
        return "error"
    assert record.editions and all(edition.cards for edition in record.editions)
    note("outcome: clean")
    return "clean"


@settings(settings.get_profile("importers-fuzz"), max_examples=PIPELINE_EXAMPLES)
@given(document=mutated_document())
def test_a_mutated_excerpt_parses_cleanly_or_fails_with_a_one_line_error(document):
    name, data = document
    outcome(data, name)


@settings(settings.get_profile("importers-fuzz"), max_examples=FORCED_EXAMPLES)
@given(document=mutated_document(), format_name=st.sampled_from(FORMATS))
def test_every_reader_forced_on_any_mutated_input_fails_with_a_one_line_error_at_worst(document, format_name):
    name, data = document
    event(f"reader: {format_name}")
    outcome(data, name, format_name)


def test_the_unmutated_excerpts_parse_or_fail_as_their_tests_say():
    """The mutations start from documents the parser reads: a clean base for the property tests."""
    outcomes = {name: outcome(data, name, note=lambda _: None) for name, data in SOURCES.items()}
    assert outcomes["legal_text_j065.txt"] == "clean"
    assert outcomes[SMALL_STANDARD.name] == "clean"
    assert outcomes["pdf_text_002_cards15_19.txt"] == "error"  # an excerpt: the passport lists more cards


def content_checksum() -> dict[str, str]:
    """An md5 of every row of every content table (standards, cards and their history), by table."""
    from django.apps import apps
    from django.db import connection

    sums = {}
    with connection.cursor() as cursor:
        for label in ("standards", "cards"):
            for model in apps.get_app_config(label).get_models():
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t")
                sums[model._meta.db_table] = cursor.fetchone()[0]
    return sums


@pytest.fixture
def imported_base(db):
    """Two real excerpts already imported: a failed import must leave them exactly as they are."""
    from importers.service import import_documents

    result = import_documents([ROOT / "fixtures" / "excerpts" / "legal_text_j065.txt", SMALL_STANDARD])
    assert not result.failed
    return result


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the content checksum needs PostgreSQL")
@settings(settings.get_profile("importers-fuzz"), max_examples=DATABASE_EXAMPLES)
@given(document=mutated_document())
def test_a_mutated_import_is_whole_or_leaves_every_content_table_as_it_was(imported_base, tmp_path, document):
    from django.db import transaction

    from importers.service import import_documents

    name, data = document
    path = tmp_path / name
    path.write_bytes(data)
    before = content_checksum()

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():  # each example starts from the same imported base
            result = import_documents([path])
            [report] = result.documents
            if report.error:
                event("database: failed, nothing changed")
                assert "\n" not in report.error and report.error.startswith(f"{name}:"), report.error
                assert content_checksum() == before
            else:
                event("database: imported")
                assert report.cards > 0
            raise Rollback
    except Rollback:
        pass
    assert content_checksum() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the content checksum needs PostgreSQL")
def test_the_checksum_sees_one_changed_character(imported_base):
    from cards.models import Knowledge

    before = content_checksum()
    item = Knowledge.objects.order_by("pk").first()
    Knowledge.objects.filter(pk=item.pk).update(text=item.text + ".")
    assert content_checksum() != before


def test_a_nul_byte_beyond_the_first_64_kb_is_a_one_line_error_not_a_database_traceback():
    """Found by the database fuzzer: PostgreSQL refuses a NUL in a text, and the import died with a ValueError."""
    data = SOURCES[SMALL_STANDARD.name] + b"x" * 70_000 + b"\n\x00\n"
    with pytest.raises(DocumentError) as error:
        parse_bytes(data, "late-nul.txt")
    line = data.count(b"\n", 0, data.index(b"\x00")) + 1
    assert str(error.value) == f"late-nul.txt:{line}: a NUL byte in the text"
