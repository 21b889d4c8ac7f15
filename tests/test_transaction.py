"""The shared all-or-nothing edit of the register (generator/officers/transaction.py)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from generator.officers import submission, transaction
from generator.officers.csv_edit import Edit
from generator.register.load import load_register
from tests.registers import add_rows, certification, club, make_register
from tests.test_zgloszenie import SAMPLE

AS_OF = date(2026, 1, 31)


@pytest.fixture
def register(tmp_path: Path) -> Path:
    root = make_register(tmp_path / "register", clubs=(), stories={})
    add_rows(root, "pomorskie", "kluby", [club("kolbudy")])
    add_rows(root, "pomorskie", "zdarzenia", certification("kolbudy"))
    return root


def events(register: Path) -> Path:
    return register / "wojewodztwa" / "pomorskie" / "zdarzenia.csv"


def test_a_windows_1250_file_with_semicolons_is_edited_canonical(register: Path) -> None:
    path = events(register)
    canonical = path.read_text(encoding="utf-8")
    path.write_bytes(canonical.replace(",", ";").replace("\n", "\r\n").encode("cp1250"))
    outcome = submission.submit(register, SAMPLE, AS_OF)
    assert outcome.applied, [str(p) for p in outcome.problems + outcome.errors]
    text = path.read_text(encoding="utf-8")
    assert text.startswith(canonical) and "\r" not in text and ";" not in text.splitlines()[0]


def test_a_file_that_cannot_be_edited_safely_is_a_polish_problem(register: Path) -> None:
    path = events(register)
    broken = path.read_text(encoding="utf-8") + 'kolbudy,2025-01-01,"audyt w Łodzi\n'
    path.write_bytes(broken.encode("cp1250"))  # Windows-1250 with an unclosed quote
    before = path.read_bytes()
    outcome = submission.submit(register, SAMPLE, AS_OF)  # crashed with UnicodeDecodeError
    assert not outcome.applied and path.read_bytes() == before
    [p] = outcome.problems
    assert p.code == "edit-file-unreadable" and p.path.endswith("zdarzenia.csv")
    assert "kis-" not in str(p) and "błąd składni CSV" in p.message


def test_problems_never_show_the_temporary_copy(register: Path) -> None:
    raw = load_register(register)
    table = raw.table("zdarzenia-pomorskie")
    assert table is not None
    row = dict(zip(table.field_names, table.rows[0].values(), strict=True))
    edits = {table.path: [Edit("append", tuple(row.values()))]}  # the same event again
    texts, found = transaction.edited_texts(raw, edits)
    assert not found
    trial = transaction.check(register, texts, AS_OF)
    assert trial.new and not trial.copy.exists()
    for p in map(trial.relocate, trial.new):
        assert str(trial.copy) not in str(p) + str(p.params), p
        assert p.path.startswith(str(register)), p


def test_write_all_keeps_the_mode_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("x\n1\n", encoding="utf-8")
    first.chmod(0o640)
    transaction.write_all({first: "x\n2\n", second: "y\nŁ\n"})
    assert first.read_text(encoding="utf-8") == "x\n2\n"
    assert second.read_text(encoding="utf-8") == "y\nŁ\n"
    assert os.stat(first).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


def test_write_all_writes_nothing_when_one_file_cannot_be_prepared(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text("x\n1\n", encoding="utf-8")
    with pytest.raises(OSError):
        transaction.write_all({first: "x\n2\n", tmp_path / "missing" / "b.csv": "y\n"})
    assert first.read_text(encoding="utf-8") == "x\n1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]
