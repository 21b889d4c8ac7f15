"""Table Schema checks by frictionless, translated into located Polish problems.

Frictionless checks types, required values, patterns, enums, ranges, lengths and unique / primary
keys of every file that could be read cleanly. Foreign keys are resolved by
:mod:`generator.validation.rules.references`, which can say which code was meant and where it
belongs.
"""

from __future__ import annotations

import json
import re
import warnings
from datetime import date
from typing import Any

from generator.polish import date_pl
from generator.problems import Problem, problem
from generator.register.descriptor import category_values
from generator.register.load import MAX_CELL_CHARS, RawRegister, Table
from generator.validation import table_memo

DATE_DMY = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})$")
DATE_YMD = re.compile(r"^\d{4}([./-])\d{1,2}\1\d{1,2}$")
SCIENTIFIC = re.compile(r"^\d+([.,]\d+)?[eE][+-]?\d+$")
CONSTRAINT = re.compile(r'constraint "(\w+)"')
ROW_REF = re.compile(r"row at position \"?(\d+)")
IGNORED = {"missing-cell", "extra-cell", "blank-row", "incorrect-label", "missing-label",
           "extra-label", "duplicate-label", "blank-label", "blank-header"}


def check_schemas(raw: RawRegister) -> list[Problem]:
    """Validate every clean table with frictionless (:func:`schema_tables`)."""
    found: list[Problem] = []
    schemas: dict[str, Any] = {}  # one frictionless Schema per schema text: 16 tables share one
    for table in schema_tables(raw):
        found += check_rows(table, schemas)
    return found


def schema_tables(raw: RawRegister) -> list[Table]:
    """The tables frictionless checks: only files whose every record was parsed."""
    return [table for table in raw.tables.values() if table.clean and table.readable]


def check_rows(table: Table, schemas: dict[str, Any] | None = None) -> list[Problem]:
    """:func:`check_table`, but never about a record that is not a row: one the loader could not
    split into the header's columns, or a blank one, is one problem of the loader.

    A table unchanged since this process last checked it has the problems it had
    (:mod:`generator.validation.table_memo`): frictionless runs only on changed tables.
    """
    key = table_memo.table_key(table)
    remembered = table_memo.recall(key, table.display)
    if remembered is not None:
        return remembered
    not_rows = set(table.record_lines) - set(table.lines)  # lost or blank records
    found = [p for p in check_table(table, schemas) if p.line not in not_rows]
    table_memo.remember(key, table.display, found)
    return found


def check_table(table: Table, schemas: dict[str, Any] | None = None) -> list[Problem]:
    """The table's canonical text (as read, whatever the spreadsheet wrote) against its schema.

    ``schemas`` keeps the frictionless Schema made for each schema (by its JSON text) for the
    next table with the same one: making it (a metadata validation) is most of a small table's
    time. A Schema is not changed by validating a resource with it.
    """
    from frictionless import Dialect, Resource, Schema  # slow import, only when validating

    schema = {k: v for k, v in table.schema.items() if k != "foreignKeys"}
    schema["fields"] = [_frictionless_field(f) for f in schema["fields"]]
    key = json.dumps(schema, sort_keys=True, default=str)
    made = (schemas or {}).get(key)
    if made is None:
        made = Schema.from_descriptor(schema)
        if schemas is not None:
            schemas[key] = made
    source = table_memo.table_bytes(table)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        resource = Resource(
            source,
            name="tabela",
            format="csv",
            encoding="utf-8",
            schema=made,
            dialect=Dialect.from_descriptor({"delimiter": ",", "header": True}),
        )
        report = resource.validate(limit_errors=100_000)
    found: list[Problem] = []
    for task in report.tasks:
        for err in task.errors:
            found += _translate(table, err)
    return found


def _frictionless_field(fld: dict[str, Any]) -> dict[str, Any]:
    """The field without our own keys (frictionless accepts them, but needs none).

    A field's Data Package v2 ``categories`` are its allowed values: checked as an enum.
    """
    out = {k: v for k, v in fld.items() if k in ("name", "type", "format", "constraints")}
    if codes := category_values(fld):
        out["constraints"] = {**out.get("constraints", {}), "enum": codes}
    return out


def _line(table: Table, row_number: int | None) -> int:
    if not row_number:
        return 0
    index = row_number - 2
    if 0 <= index < len(table.record_lines):
        return table.record_lines[index]
    return row_number


def _translate(table: Table, err: Any) -> list[Problem]:
    kind = err.type
    if kind in IGNORED:
        return []
    shown = table.display
    line = _line(table, getattr(err, "row_number", None))
    name = getattr(err, "field_name", "") or ""
    column = getattr(err, "field_number", 0) or 0
    if kind in ("primary-key", "unique-error"):
        match = ROW_REF.search(err.note or "")
        other = _line(table, int(match.group(1))) if match else "?"
        return [problem("key-duplicate", shown, line, column, name,
                        key=_repeated(table, kind, err), other_line=other)]
    if not name:
        return [problem("file-csv-syntax", shown, line, detail=err.message)]
    fld = table.field_def(name)
    value = str(getattr(err, "cell", "") or "")
    if len(value) > MAX_CELL_CHARS:
        return []  # reported once, as cell-too-long, by the loader
    label = fld.get("title", name)
    if kind == "type-error":
        return [_type_problem(shown, line, column, name, label, fld, value)]
    if kind == "constraint-error":
        match = CONSTRAINT.search(err.note or "")
        return [_constraint_problem(shown, line, column, name, label, fld, value,
                                    match.group(1) if match else "")]
    return [problem("file-csv-syntax", shown, line, column, name, detail=err.message)]


# What a repeated key names, by table kind; a dictionary's key is its code.
REPEATED = {"kluby": "ten sam klub", "zdarzenia": "to samo zdarzenie", "uslugi": "ta sama usługa"}


def _repeated(table: Table, kind: str, err: Any) -> str:
    """„ten sam klub („swidnica”)”: what is repeated, named by its key values only.

    Frictionless gives a primary-key error the cells of the whole row; only the key's are shown.
    """
    keys = table.schema.get("primaryKey") or []
    keys = [keys] if isinstance(keys, str) else keys
    if kind == "primary-key":
        cells = list(getattr(err, "cells", None) or [])
        names = table.columns
        values = [str(cells[names.index(k)]) for k in keys
                  if k in names and names.index(k) < len(cells)]
        what = REPEATED.get(table.kind, "ten sam kod")
    else:
        values = [str(getattr(err, "cell", "") or "")]
        name = getattr(err, "field_name", "")
        what = (REPEATED.get(table.kind, "ten sam kod") if keys == [name]
                else f"ta sama wartość w kolumnie „{name}”")
    shown = ", ".join(v if len(v) <= 60 else v[:59] + "…" for v in values)
    return f"{what} („{shown}”)" if shown else what


def _type_problem(shown: str, line: int, column: int, name: str, label: str,
                  fld: dict[str, Any], value: str) -> Problem:
    if fld.get("type") == "date":
        ambiguous = _date_readings(value.strip())
        if ambiguous:
            return problem("cell-date-ambiguous", shown, line, column, name, label=label,
                           value=value, detail=ambiguous[0], fix=ambiguous[1])
        fix = f"wpisz datę jako RRRR-MM-DD, np. {fld.get('example', '2024-05-20')}"
        if DATE_DMY.match(value.strip()) or DATE_YMD.match(value.strip()):  # no such day
            fix = f"taki dzień nie istnieje – sprawdź dzień i miesiąc; {fix}"
        return problem("cell-type-date", shown, line, column, name, label=label, value=value,
                       fix=fix)
    example = fld.get("example", "54.3810")
    if "," in value:  # one decimal comma is read as a point; this value has more
        example = f"{example} (jedna kropka dziesiętna, bez odstępów i separatorów tysięcy)"
    return problem("cell-type-number", shown, line, column, name, label=label, value=value,
                   example=example)


def _date_readings(value: str) -> tuple[str, str] | None:
    """(why, the dates it may mean) for a date a spreadsheet wrote ambiguously, else None.

    Slashes and dashes: day/month or month/day; a two-digit year: which century.
    """
    match = DATE_DMY.match(value)
    if not match or (match.group(2) == "." and len(match.group(4)) == 4):
        return None
    first, sep, second, year = match.groups()
    if len(year) == 2:
        why = "rok zapisano dwiema cyframi"
        year = f"20{year}"
    else:
        why = ("zapis z ukośnikami lub łącznikami arkusze czytają jako dzień.miesiąc albo "
               "miesiąc.dzień")
    orders = [(first, second)] if sep == "." else [(first, second), (second, first)]
    readings: list[date] = []
    for day, month in orders:
        try:
            found = date(int(year), int(month), int(day))
        except ValueError:
            continue
        if found not in readings:
            readings.append(found)
    if not readings:
        return None
    fix = " albo ".join(f"{d.isoformat()} ({date_pl(d)})" for d in readings)
    return why, f"{fix}, zależnie od tego, o który dzień chodzi"


def _constraint_problem(shown: str, line: int, column: int, name: str, label: str,
                        fld: dict[str, Any], value: str, constraint: str) -> Problem:
    cons = fld.get("constraints", {})
    hint = fld.get("wskazowka") or f"wpisz wartość jak w przykładzie: {fld.get('example', '')}"
    if constraint == "required":
        return problem("cell-required", shown, line, column, name, label=label,
                       description=fld.get("description", label).strip())
    if constraint == "enum":
        allowed = cons.get("enum") or category_values(fld)
        return problem("cell-enum", shown, line, column, name, label=label, value=value,
                       allowed=", ".join(map(str, allowed)))
    if constraint in ("minimum", "maximum"):
        return problem("cell-range", shown, line, column, name, label=label, value=value,
                       minimum=cons.get("minimum", "…"), maximum=cons.get("maximum", "…"),
                       fix=hint)
    if constraint in ("minLength", "maxLength"):
        return problem("cell-length", shown, line, column, name, label=label, value=value,
                       length=len(value), minimum=cons.get("minLength", 0),
                       maximum=cons.get("maxLength", "…"))
    if SCIENTIFIC.match(value):
        return problem("cell-scientific-notation", shown, line, column, name, label=label,
                       value=value, fix=hint)
    return problem("cell-pattern", shown, line, column, name, label=label, value=value, fix=hint)
