"""Validate a register again after an edit to some of its voivodeship tables, reading only those.

:func:`start` validates the whole register like :func:`generator.validation.validate.validate`
and keeps the pieces: the loader's problems, the Table Schema problems of each table and each
business rule's problems. :func:`update` then re-reads only the changed CSV files of
voivodeship folders (``wojewodztwa/<folder>/*.csv``) and re-runs

- the Table Schema check on the changed tables only (it looks at one table at a time);
- the rules of :data:`LOCAL` on the changed folders' tables and the national reference tables
  only: their problems in a voivodeship's files depend on that folder's files and the reference
  tables, and their problems elsewhere do not depend on any voivodeship's files;
- every other rule (repeated club ids, certificate numbers, duplicates, references between
  folders, stories naming clubs, the package) on the whole register.

The rules across folders run before the others: a rule's problems do not depend on the order,
and the clubs found entered elsewhere (:func:`~generator.validation.rules.voivodeship.misplaced`,
remembered for the last register it was asked about) are then worked out once for the whole
register and once for the changed folders. The frictionless Schema made for each schema is kept
between edits. The report is the same as a full validation's (``tests/test_serve_incremental.py``
compares them for a set of edits). Anything else that changes (a dictionary, a schema, the
descriptor, a story, a file added or removed) needs :func:`start` again: :func:`update` returns
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from generator.problems import Problem
from generator.register.load import RawRegister, Table, as_typed, load_register, read_table
from generator.validation.root_cause import first_causes
from generator.validation.rules import Check, Context, all_checks
from generator.validation.schema import check_rows, schema_tables
from generator.validation.validate import Report, rule_context

# Rules whose problems located in a voivodeship's files depend only on that folder's tables and
# the national reference tables (and whose problems elsewhere on no voivodeship's tables).
LOCAL = frozenset({
    "check_text",
    "check_personal_data",
    "check_markup",
    "check_formulas",
    "check_reference_rows",
    "check_clubs",
    "check_coordinates",
    "check_club_voivodeship",
    "check_events",
    "check_events_file_empty",
    "check_placeholders",
    "check_postal_codes",
    "check_cis_names",
})


@dataclass(frozen=True)
class Validated:
    """A validated register and the pieces its report was made of."""

    report: Report
    context: Context
    loaded: tuple[Problem, ...]  # the loader's problems
    schemas: dict[str, tuple[Problem, ...]]  # resource -> its Table Schema problems
    rules: dict[str, tuple[Problem, ...]]  # check name -> its problems
    frictionless: dict[str, Any]  # schema text -> its frictionless Schema, kept between edits


def start(root: Path, as_of: date) -> Validated:
    """Validate the register in ``root`` as :func:`~generator.validation.validate.validate` does."""
    raw = load_register(root)
    context = rule_context(raw, as_of)
    frictionless: dict[str, Any] = {}
    schemas = {name: _schema_problems(raw, table, frictionless)
               for name, table in raw.tables.items()}
    rules = {check.__name__: tuple(check(raw, context)) for check in all_checks()}
    return _validated(raw, context, tuple(raw.problems), schemas, rules, frictionless)


def voivodeship_resources(done: Validated, paths: Iterable[Path]) -> set[str] | None:
    """The resources read from ``paths`` when each is a voivodeship table's CSV file that was
    read (not a link), else None: then only :func:`start` is right."""
    by_path = {table.path: name for name, table in done.report.raw.tables.items()
               if table.voivodeship is not None}
    found: set[str] = set()
    for path in paths:
        name = by_path.get(path)
        if name is None or path.is_symlink() or path.parent.is_symlink():
            return None
        found.add(name)
    return found


def update(done: Validated, changed: set[str]) -> Validated:
    """``done`` with the voivodeship tables named in ``changed`` read and checked again.

    Every name must come from :func:`voivodeship_resources` (the file list is unchanged).
    """
    old = done.report.raw
    fresh: dict[str, Table] = {}
    loaded = [p for p in done.loaded if p.path not in {old.tables[n].display for n in changed}]
    for name in changed:
        was = old.tables[name]
        table = Table(resource=was.resource, kind=was.kind, voivodeship=was.voivodeship,
                      path=was.path, display=was.display, schema=was.schema)
        loaded += read_table(table)
        fresh[name] = table
    tables = {name: fresh.get(name, table) for name, table in old.tables.items()}
    raw = replace(old, tables=tables, problems=loaded)
    schemas = dict(done.schemas)
    for name in changed:
        schemas[name] = _schema_problems(raw, tables[name], done.frictionless)
    folders = {tables[name].voivodeship for name in changed}
    near = [t for t in tables.values() if t.voivodeship is None or t.voivodeship in folders]
    here = {t.display for t in near if t.voivodeship is not None}
    part = _only(raw, near)
    checks = all_checks()
    ran = {check.__name__: _rerun(check, raw, part, here, done)
           for check in sorted(checks, key=lambda c: c.__name__ in LOCAL)}  # across first
    rules = {check.__name__: ran[check.__name__] for check in checks}
    return _validated(raw, done.context, tuple(loaded), schemas, rules, done.frictionless)


def _rerun(check: Check, raw: RawRegister, part: RawRegister, here: set[str],
           done: Validated) -> tuple[Problem, ...]:
    name = check.__name__
    if name not in LOCAL:
        return tuple(check(raw, done.context))
    kept = [p for p in done.rules[name] if p.path not in here]
    return tuple(kept + [p for p in check(part, done.context) if p.path in here])


def _schema_problems(raw: RawRegister, table: Table, frictionless: dict[str, Any]
                     ) -> tuple[Problem, ...]:
    """The Table Schema problems of ``table`` (none when frictionless does not check it)."""
    return tuple(p for t in schema_tables(_only(raw, [table])) for p in check_rows(t, frictionless))


def _only(raw: RawRegister, tables: list[Table]) -> RawRegister:
    """``raw`` with only ``tables`` (no stories, no loader problems): for a check of those."""
    return replace(raw, tables={t.resource: t for t in tables}, stories=[], problems=[])


def _validated(raw: RawRegister, context: Context, loaded: tuple[Problem, ...],
               schemas: dict[str, tuple[Problem, ...]],
               rules: dict[str, tuple[Problem, ...]], frictionless: dict[str, Any]) -> Validated:
    found = list(loaded)
    for name in raw.tables:
        found += schemas[name]
    for problems in rules.values():
        found += problems
    report = Report(raw, first_causes(sorted(set(as_typed(found, raw)))))
    return Validated(report, context, loaded, schemas, rules, frictionless)
