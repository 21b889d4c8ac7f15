"""Business rules that Table Schema cannot express: one small module per rule family.

Each check is a function ``check(raw, ctx) -> Iterable[Problem]``. Adding a rule means adding a
function to one of these modules and listing it in :data:`CHECKS`. A check that looks values up
in another table takes it from :func:`complete`, so one unreadable file gives one message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from generator.problems import Problem
from generator.register.load import RawRegister, Table


@dataclass(frozen=True)
class Context:
    as_of: date
    boundaries: object | None  # generator.geo.boundaries boundaries, loaded by the caller
    # club id -> its kluby.csv (relative to the register) in the version the change started
    # from (a pull request's base), when known: a repeated id is reported where it was added
    base_clubs: dict[str, str] | None = None


Check = Callable[[RawRegister, Context], Iterable[Problem]]


def complete(raw: RawRegister, resource: str) -> Table | None:
    """The table when every row of its file was read, else None.

    A check that resolves references into a table, or needs all of its rows, asks for it here:
    when the file could not be read (reported once by the loader), the check is skipped rather
    than reporting every reference into it as unknown.
    """
    table = raw.table(resource)
    return table if table is not None and table.complete else None


def all_complete(raw: RawRegister, kind: str) -> bool:
    """There are tables of ``kind`` (e.g. kluby.csv files) and every one was read whole."""
    tables = raw.of_kind(kind)
    return bool(tables) and all(t.complete for t in tables)


def all_checks() -> list[Check]:
    from generator.validation.rules import (
        club_ids,
        clubs,
        events,
        package,
        personal_data,
        plain_text,
        plausibility,
        references,
        stories,
        text,
        voivodeship,
    )

    return [
        package.check_resources,
        text.check_text,
        personal_data.check_personal_data,
        plain_text.check_markup,
        plain_text.check_formulas,
        references.check_references,
        references.check_reference_rows,
        clubs.check_clubs,
        club_ids.check_club_ids,
        voivodeship.check_club_voivodeship,
        clubs.check_coordinates,
        events.check_events,
        events.check_events_file_empty,
        events.check_certificate_numbers,
        stories.check_stories,
        plausibility.check_placeholders,
        plausibility.check_postal_codes,
        plausibility.check_duplicates,
        plausibility.check_cis_names,
    ]
