"""Validate a register folder: file checks, Table Schema checks, business rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.problems import Problem, blocking
from generator.register.load import RawRegister, as_typed, load_register
from generator.validation.root_cause import first_causes
from generator.validation.rules import Context, all_checks
from generator.validation.schema import check_schemas

BOUNDARIES = Path("granice") / "wojewodztwa.geojson"


@dataclass(frozen=True)
class Report:
    raw: RawRegister
    problems: list[Problem]

    @property
    def valid(self) -> bool:
        """No errors (warnings and notices may remain)."""
        return not blocking(self.problems)


def check_raw(raw: RawRegister, as_of: date,
              base_clubs: dict[str, str] | None = None) -> list[Problem]:
    """Every problem of an already loaded register, sorted by location, without duplicates.

    A cell with a malformed value is reported once: the rules' consequences are dropped.
    ``base_clubs`` (club id -> its kluby.csv in the version the change started from) lets a
    repeated club id be reported where it was added.
    """
    problems = list(raw.problems)
    problems += check_schemas(raw)
    ctx = rule_context(raw, as_of, base_clubs)
    for check in all_checks():
        problems += check(raw, ctx)
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


def validate(root: Path, as_of: date, base_clubs: dict[str, str] | None = None) -> Report:
    """Load ``root`` (the folder with datapackage.yaml) and check everything."""
    raw = load_register(root)
    return Report(raw, check_raw(raw, as_of, base_clubs))
