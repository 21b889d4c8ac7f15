"""A hint that proposes a value proposes one that, typed in, removes the problem.

Over the whole bad-register corpus: every problem with a proposal (``Problem.proposal``) has the
proposed value typed into its cell, the register is validated again, and the problem must be gone
without a new error in that cell.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.problems import Problem, problem
from generator.validation.report import format_problems
from generator.validation.validate import validate
from tests.registers import fixture_names, make_bad

AS_OF = date(2026, 11, 22)


def set_cell(path: Path, line: int, column: int, value: str) -> None:
    """Type ``value`` into the cell of the CSV record that starts at ``line`` (1 = the header)."""
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    records, start = [], 1
    target = None
    for record in reader:
        if start == line:
            target = len(records)
        records.append(record)
        start = reader.line_num + 1
    assert target is not None, f"{path}: no record starts at line {line}"
    records[target][column - 1] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")


def _relative(p: Problem, root: Path) -> Path:
    return Path(p.path).resolve().relative_to(root.resolve())


def _cell(p: Problem, root: Path) -> tuple[Path, int, int]:
    return _relative(p, root), p.line, p.column


def _proposing(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.proposal is not None]


def test_some_bad_registers_carry_proposals(tmp_path: Path) -> None:
    """The corpus exercises proposals at all (else the test below proves nothing)."""
    codes = set()
    for name in ("certificate-number-wrong-voivodeship", "certificate-number-wrong-year",
                 "voivodeship-code-wrong-folder", "header-column-renamed"):
        root = make_bad(tmp_path / name, name)
        codes |= {p.code for p in _proposing(validate(root, AS_OF).problems)}
    assert codes >= {"certificate-number-voivodeship", "certificate-number-year",
                     "club-folder-mismatch", "header-column-renamed"}


@pytest.mark.parametrize("name", fixture_names())
def test_typing_the_proposal_removes_the_problem(tmp_path: Path, name: str) -> None:
    root = make_bad(tmp_path / "register", name)
    before = validate(root, AS_OF).problems
    for i, p in enumerate(_proposing(before)):
        assert p.line and p.column, f"{name}: a proposal needs a cell: {p}"
        assert p.proposal in p.hint, f"{name}: the hint must show the proposed value: {p}"
        copy = shutil.copytree(root, tmp_path / f"typed-{i}")
        where, line, column = _cell(p, root)
        set_cell(copy / where, line, column, p.proposal)
        after = validate(copy, AS_OF).problems
        same_cell = [q for q in after if _cell(q, copy) == (where, line, column)]
        assert not [q for q in same_cell if q.code == p.code], (
            f"{name}: typing {p.proposal!r} into {where}:{line}:{column} leaves {p.code}")
        old = {q.code for q in before if _cell(q, root) == (where, line, column)}
        new = [q for q in same_cell if q.blocking and q.code not in old]
        assert not new, f"{name}: typing {p.proposal!r} causes {[str(q) for q in new]}"


def test_set_cell_types_into_the_right_record(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('a,b\n1,"x\ny"\n2,z\n', encoding="utf-8")
    set_cell(path, 4, 2, "w, v")
    assert path.read_text(encoding="utf-8") == 'a,b\n1,"x\ny"\n2,"w, v"\n'


def test_the_json_output_carries_the_proposal() -> None:
    p = problem("certificate-number-year", "z.csv", 8, 4, "numer_certyfikatu",
                value="KIS-22-2021-001", found="2021", expected="2022", proposal="KIS-22-2022-001")
    data = json.loads(format_problems([p], "json", AS_OF, clubs=0))
    assert data["problemy"][0]["propozycja"] == "KIS-22-2022-001"
    assert "propozycja" not in data["grupy"][0]
