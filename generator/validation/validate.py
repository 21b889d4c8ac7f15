"""Validate a register folder: file checks, Table Schema checks, business rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.problems import Problem, blocking
from generator.register.load import RawRegister, as_typed, load_register
from generator.validation.root_cause import first_causes
from generator.validation.rules import Context, all_checks
from generator.validation.schema_shared import SharedSchemaChecks

BOUNDARIES = Path("granice") / "wojewodztwa.geojson"


@dataclass(frozen=True)
class Report:
    raw: RawRegister
    problems: list[Problem]

    @property
    def valid(self) -> bool:
        """No errors (warnings and notices may remain)."""
        return not blocking(self.problems)


def check_raw(raw: RawRegister, as_of: date, base_clubs: dict[str, str] | None = None,
              processes: int | None = None,
              meanwhile: Callable[[], object] | None = None) -> list[Problem]:
    """Every problem of an already loaded register, sorted by location, without duplicates.

    A cell with a malformed value is reported once: the rules' consequences are dropped.
    ``base_clubs`` (club id -> its kluby.csv in the version the change started from) lets a
    repeated club id be reported where it was added. ``processes`` (default: the CPUs this
    process may run on): with two or more, a forked copy checks tables with frictionless while
    this process runs the rules (:mod:`generator.validation.schema_shared`); the same problems.
    ``meanwhile``: the caller's own work, done here first while the copy checks (``kis build``
    imports the site builder).
    """
    problems = list(raw.problems)
    with SharedSchemaChecks(raw, processes) as schemas:
        if meanwhile is not None:
            meanwhile()
        ctx = rule_context(raw, as_of, base_clubs)
        rules = [found for check in all_checks() for found in check(raw, ctx)]
        problems += schemas.problems()
    problems += rules
    return first_causes(sorted(set(as_typed(problems, raw))))


def rule_context(raw: RawRegister, as_of: date,
                 base_clubs: dict[str, str] | None = None) -> Context:
    """What the business rules get beside the rows: the date, the boundaries, the base's clubs."""
    from generator.geo import boundaries as geo

    boundaries_path = raw.root / BOUNDARIES
    linked = any(p.is_symlink() for p in (boundaries_path, boundaries_path.parent))  # reported
    usable = boundaries_path.is_file() and not linked
    boundaries = geo.load_boundaries(boundaries_path) if usable else None
    return Context(as_of=as_of, boundaries=boundaries, base_clubs=base_clubs)


def validate(root: Path, as_of: date, base_clubs: dict[str, str] | None = None,
             processes: int | None = None,
             meanwhile: Callable[[], object] | None = None) -> Report:
    """Load ``root`` (the folder with datapackage.yaml) and check everything (``processes`` and
    ``meanwhile``: see :func:`check_raw`)."""
    raw = load_register(root)
    return Report(raw, check_raw(raw, as_of, base_clubs, processes, meanwhile))
