"""What a validation makes again and again is made once per process, and gives what making it
afresh gives: a table unchanged since this process last checked it is not given to frictionless
again (generator/validation/table_memo.py); the voivodeship boundaries of the same GeoJSON are
read once (generator/geo/boundaries.py); a YAML text is parsed once
(generator/register/yaml_text.py)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.geo import boundaries as geo
from generator.problems import Problem, problem
from generator.register import yaml_text
from generator.register.load import load_register
from generator.validation import schema, schema_shared, table_memo
from generator.validation.validate import validate
from tests.registers import REGISTER, SMALL_AS_OF, make_bad, make_base

# Bad registers whose problems come from frictionless (types, patterns, enums, ranges, keys,
# required cells, a date read two ways) and records that are not rows (a lost one, a blank one).
BAD = ["club-id-duplicate-in-file", "date-ambiguous-format", "latitude-two-decimal-commas",
       "postal-code-no-dash", "regon-scientific-notation", "row-extra-cell", "row-blank-line",
       "service-duplicate", "event-type-typo"]
BASE_AS_OF = date(2026, 11, 22)  # the base register is valid on this day


@pytest.fixture(autouse=True)
def empty_memo() -> Iterator[None]:
    """Each test starts with nothing remembered, and leaves nothing behind."""
    table_memo.forget()
    yield
    table_memo.forget()


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files frictionless checks (in this process), in order."""
    files: list[str] = []
    check = schema.check_table

    def counted(table: object, *args: object) -> list[Problem]:
        files.append(table.display)  # type: ignore[attr-defined]
        return check(table, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(schema, "check_table", counted)
    return files


def full(problems: list[Problem]) -> list[tuple[Problem, dict[str, str]]]:
    """Problems with their parameters (which ``Problem.__eq__`` leaves out)."""
    return [(p, p.params) for p in problems]


@pytest.mark.parametrize("name", BAD)
def test_remembered_tables_give_what_a_fresh_check_gives(tmp_path: Path, name: str,
                                                         checked: list[str]) -> None:
    root = make_bad(tmp_path / "a", name)
    first = validate(root, SMALL_AS_OF, processes=1)
    assert first.problems, name
    tables = len(checked)
    distinct = {table_memo.table_key(t) for t in schema.schema_tables(load_register(root))}
    assert tables == len(distinct) > 10  # each distinct table (the same empty files: once)
    again = make_bad(tmp_path / "b", name)  # the same files in another folder
    remembered = validate(again, SMALL_AS_OF, processes=1)
    assert len(checked) == tables  # none went to frictionless again
    table_memo.forget()
    fresh = validate(again, SMALL_AS_OF, processes=1)
    assert len(checked) == 2 * tables
    assert full(remembered.problems) == full(fresh.problems)
    assert all(str(tmp_path / "b") in p.path for p in remembered.problems if p.path)


def test_only_a_changed_table_is_checked_again(tmp_path: Path, checked: list[str]) -> None:
    root = make_base(tmp_path / "register")
    assert validate(root, BASE_AS_OF, processes=1).problems == []
    checked.clear()
    clubs = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    clubs.write_text(clubs.read_text(encoding="utf-8").replace("80-394", "80394", 1),
                     encoding="utf-8")
    report = validate(root, BASE_AS_OF, processes=1)
    assert checked == [str(clubs)]
    assert [(p.code, p.line, p.column) for p in report.problems] == [("cell-pattern", 2, 10)]


def test_a_caller_cannot_change_what_is_remembered() -> None:
    found = [problem("cell-required", "a.csv", 2, 3, "nazwa", label="Nazwa", description="x")]
    table_memo.remember(b"key", "a.csv", found)
    given = table_memo.recall(b"key", "b/a.csv")
    assert given is not None and given[0].path == "b/a.csv"
    given[0].params["label"] = "zmieniona"
    given.append(given[0])
    assert full(table_memo.recall(b"key", "a.csv") or []) == full(found)
    found[0].params["label"] = "też zmieniona"
    assert (table_memo.recall(b"key", "a.csv") or [])[0].params["label"] == "Nazwa"


def test_problems_about_another_file_are_not_remembered() -> None:
    table_memo.remember(b"key", "a.csv", [problem("file-csv-syntax", "b.csv", detail="x")])
    assert table_memo.recall(b"key", "a.csv") is None


def test_the_oldest_tables_are_forgotten_over_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_memo, "MAX_TABLES", 2)
    monkeypatch.setattr(table_memo, "MAX_PROBLEMS", 3)
    one = [problem("file-csv-syntax", "a.csv", detail="x")]
    for key in (b"1", b"2", b"3"):
        table_memo.remember(key, "a.csv", one)
    assert [table_memo.recall(k, "a.csv") is None for k in (b"1", b"2", b"3")] == [
        True, False, False]
    table_memo.remember(b"4", "a.csv", one * 3)  # three problems: the others make room
    assert [table_memo.recall(k, "a.csv") is None for k in (b"2", b"3", b"4")] == [
        True, True, False]
    table_memo.remember(b"5", "a.csv", one * 4)  # more than the memo holds: not kept
    assert table_memo.recall(b"5", "a.csv") is None
    assert table_memo.recall(b"4", "a.csv") is not None


def test_what_a_forked_copy_checked_is_remembered_here(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema_shared, "MIN_CELLS_SHARED", 0)
    parent = os.getpid()
    claimed = schema_shared._check_claimed

    def copy_checks_all(*args: object) -> object:  # this process takes no table: the copy does
        return {} if os.getpid() == parent else claimed(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(schema_shared, "_check_claimed", copy_checks_all)
    root = make_bad(tmp_path / "register", "postal-code-no-dash")
    tables = schema.schema_tables(load_register(root))
    assert not any(map(table_memo.known, tables))
    two = validate(root, SMALL_AS_OF, processes=2)
    assert all(map(table_memo.known, tables))
    assert all(schema_shared.cost(t) == 0 for t in tables)  # known: no reason to fork again
    table_memo.forget()
    assert full(validate(root, SMALL_AS_OF, processes=1).problems) == full(two.problems)


def test_the_same_geojson_gives_the_same_boundaries_and_a_changed_one_new(tmp_path: Path) -> None:
    source = REGISTER / "granice" / "wojewodztwa.geojson"
    copy = tmp_path / "wojewodztwa.geojson"
    copy.write_bytes(source.read_bytes())
    first = geo.load_boundaries(source)
    assert geo.load_boundaries(copy) is first  # the same bytes elsewhere: not read again
    fresh = geo.boundaries_from_geojson(json.loads(source.read_text(encoding="utf-8")))
    assert [(r.teryt, r.name, r.polygons, r.bbox) for r in first.regions] == [
        (r.teryt, r.name, r.polygons, r.bbox) for r in fresh.regions]
    data = json.loads(copy.read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"] if f["properties"]["teryt"] != "22"]
    copy.write_text(json.dumps(data), encoding="utf-8")
    changed = geo.load_boundaries(copy)
    assert changed is not first
    assert "22" in first.by_teryt and "22" not in changed.by_teryt


def test_a_yaml_text_parsed_again_gives_a_copy_of_what_it_gave() -> None:
    text = (REGISTER / "schematy" / "kluby.yaml").read_text(encoding="utf-8")
    first = yaml_text.load(text)
    again = yaml_text.load(text)
    assert again == first == yaml.safe_load(text)
    assert again is not first
    first["fields"].clear()  # what one caller does to its copy, the next one never sees
    assert yaml_text.load(text) == again and again["fields"]


def test_a_refused_yaml_text_is_refused_every_time() -> None:
    text = "a: &x [1]\nb: *x\n"
    for _ in range(2):
        with pytest.raises(yaml_text.YamlAliasError):
            yaml_text.load(text)
