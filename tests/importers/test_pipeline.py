"""Bad input gets a one-line error naming the file (and line), before anything is written."""

import time
from pathlib import Path

import pytest

from importers.pipeline import MAX_BYTES, DocumentError, parse_file, preamble_titles

ROOT = Path(__file__).resolve().parents[2]
ORDERS = ROOT / "fixtures" / "orders"
EXCERPTS = ROOT / "fixtures" / "excerpts"


def error_of(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(path.name)
    return message


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    assert error_of(path) == "empty.txt: empty file"


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 10)
    assert "binary file" in error_of(path)


def test_a_windows_1251_file_is_refused_with_the_line_and_a_hint(tmp_path):
    path = tmp_path / "order.txt"
    text = 'Приказ\nПрофессиональный стандарт: "Облачные технологии"\n'
    path.write_bytes(text.encode("cp1251"))
    assert error_of(path) == "order.txt:1: not UTF-8 text (it looks like Windows-1251; save it as UTF-8)"


def test_a_text_that_is_not_a_standard_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Meeting notes\n\nWe talked about the weather.\n", encoding="utf-8")
    assert "not a professional standard" in error_of(path)


def test_a_truncated_order_is_refused_naming_the_line_where_it_stops(tmp_path):
    lines = (ORDERS / "order-569-2025-kk.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "cut.txt"
    path.write_text("".join(lines[:1200]), encoding="utf-8")  # annex 1 lists 8 cards; 3 are here
    message = error_of(path)
    assert "truncated" in message
    assert message.split(":")[1].strip().isdigit()


def test_a_50_mb_file_is_refused_within_seconds(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 2**20)
    started = time.perf_counter()
    assert f"the limit is {MAX_BYTES // 2**20} MB" in error_of(path)
    assert time.perf_counter() - started < 5


def test_a_missing_file_is_reported_by_name(tmp_path):
    assert "cannot read the file" in error_of(tmp_path / "absent.txt")


def test_it_reads_standard_titles_by_annex_from_both_preambles():
    kk = preamble_titles((ORDERS / "order-569-2025-kk.txt").read_text(encoding="utf-8").splitlines())
    ru = preamble_titles((ORDERS / "order-209-2026-ru.txt").read_text(encoding="utf-8").splitlines())
    assert len(kk) == len(ru) == 22
    assert kk[9] == "Жасанды интеллект қолданбаларын әзірлеу"  # the kk text cites "1-қосымшаға" here
    assert ru[5] == "Администрирование баз данных"
    assert ru[8] == "Администрирование и сопровождение Web"
