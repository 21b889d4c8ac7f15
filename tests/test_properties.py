"""Property-based: arbitrary text in any cell is either accepted or reported with its location."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from generator.parts import pages as site_pages
from generator.register.build_model import build_register
from generator.register.model import Register
from generator.site.context import SiteContext
from generator.validation.validate import validate
from tests.registers import make_base

AS_OF = date(2026, 11, 22)
TABLES = {
    "wojewodztwa/pomorskie/kluby.csv": 18,
    "wojewodztwa/pomorskie/zdarzenia.csv": 5,
    "wojewodztwa/pomorskie/uslugi.csv": 3,
}


def set_cell(path: Path, row: int, column: int, value: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[row][column] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def assert_rendered_escaped(register: Register, root: Path, value: str) -> None:
    """Every page of the site renders; raw markup from the value never reaches the HTML."""
    ctx = SiteContext(as_of=AS_OF, register_root=root, cache_dir=root.parent / "cache")
    pages = site_pages.site_files(register, ctx)
    club = str(pages["kluby/gdansk-przymorze/index.md"])  # a LazyPage, rendered here
    if "<" in value and len(value.strip()) > 3:  # "<", "<a" or "<p>" occur in any HTML page
        assert value not in club
    if value.strip() and len(value) > 2 and value in register.club("gdansk-przymorze").name:
        assert str(escape(value)) in club


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    table=st.sampled_from(sorted(TABLES)),
    column=st.integers(min_value=0, max_value=17),
    value=st.text(max_size=60),
)
def test_any_cell_value_is_accepted_or_located(tmp_path_factory, table: str, column: int,
                                               value: str) -> None:
    root = tmp_path_factory.mktemp("reg") / "register"
    make_base(root)
    set_cell(root / table, 1, column % TABLES[table], value)
    try:
        report = validate(root, AS_OF)
        for problem in report.problems:
            assert problem.path and problem.message and problem.hint
            assert problem.line >= 0
        if report.valid:
            register = build_register(report.raw)
            assert len(register.clubs) >= 2
            assert_rendered_escaped(register, root, value)
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)
