"""Validation on two processes (issue #19): a forked copy checks tables with frictionless while the
rules run; the report is the one a single process gives, problem for problem, in the same order."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from generator.register.load import load_register
from generator.validation import schema_shared, table_memo
from generator.validation.schema import check_schemas
from generator.validation.validate import validate
from tests.registers import SMALL_AS_OF, make_bad, make_register

# Bad registers whose problems come from frictionless (types, patterns, enums, ranges, keys,
# required cells), from the loader (records that are not rows) and from the rules beside them.
BAD = ["club-id-duplicate-in-file", "date-ambiguous-format", "entry-date-impossible",
       "event-type-typo", "latitude-two-decimal-commas", "postal-code-no-dash",
       "regon-scientific-notation", "row-extra-cell", "row-blank-line", "service-duplicate",
       "clubs-file-header-mismatch-no-cascade", "text-trailing-space"]


@pytest.fixture
def always_shared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Share the tables however small the register; the list counts the forks."""
    forks: list[int] = []
    made = schema_shared.Forked

    def counted(*args: object) -> object:
        forks.append(1)
        return made(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(schema_shared, "MIN_CELLS_SHARED", 0)
    monkeypatch.setattr(schema_shared, "Forked", counted)
    table_memo.forget()  # every table checked by frictionless, not recalled
    return forks


@pytest.mark.parametrize("name", BAD)
def test_two_processes_report_what_one_does(tmp_path: Path, name: str,
                                            always_shared: list[int]) -> None:
    root = make_bad(tmp_path / "register", name)
    one = validate(root, SMALL_AS_OF, processes=1)
    assert always_shared == []
    table_memo.forget()
    two = validate(root, SMALL_AS_OF, processes=2)
    assert always_shared == [1]
    assert one.problems, name
    assert two.problems == one.problems


def test_shared_checks_give_the_tables_in_order(tmp_path: Path, always_shared: list[int]) -> None:
    raw = load_register(make_bad(tmp_path / "register", "regon-scientific-notation"))
    with schema_shared.SharedSchemaChecks(raw, processes=2) as checks:
        found = checks.problems()
    assert always_shared == [1]
    table_memo.forget()
    assert found and found == check_schemas(raw)


def test_a_killed_copy_leaves_its_tables_to_this_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, always_shared: list[int]) -> None:
    root = make_bad(tmp_path / "register", "postal-code-no-dash")
    one = validate(root, SMALL_AS_OF, processes=1)
    parent = os.getpid()
    checked = schema_shared._check_claimed

    def dies_in_the_copy(*args: object) -> object:
        if os.getpid() != parent:  # the copy takes a table, then is killed
            args[2].next()  # type: ignore[attr-defined]
            os.kill(os.getpid(), signal.SIGKILL)
        return checked(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(schema_shared, "_check_claimed", dies_in_the_copy)
    table_memo.forget()
    assert validate(root, SMALL_AS_OF, processes=2).problems == one.problems
    assert always_shared == [1]


def test_one_process_never_forks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forks: list[int] = []
    monkeypatch.setattr(schema_shared, "Forked", lambda *a: forks.append(1))
    report = validate(make_register(tmp_path / "register"), SMALL_AS_OF, processes=1)
    assert report.valid
    assert forks == []
