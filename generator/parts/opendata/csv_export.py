"""The CSV export: the voivodeship registration table (form 7), one row per club.

UTF-8 without BOM, comma-separated, a header row, CRLF line ends (RFC 4180). Every cell that a
spreadsheet would run as a formula gets a leading apostrophe (`register/formula_cells.py`).
"""

from __future__ import annotations

import csv
import io

from generator.parts.opendata.common import ClubFacts, Scope
from generator.parts.opendata.records import (
    DERIVED_BY_NAME,
    DERIVED_PREFIX,
    Value,
    club_record,
    derived_values,
)
from generator.register.formula_cells import neutralise
from generator.register.package_meta import FieldDoc, PackageMeta

# Input columns (names from schematy/kluby.yaml), then the derived ones, in form 7 order.
INPUT_COLUMNS = (
    "klub_id", "wojewodztwo", "podmiot_nazwa", "nazwa", "adres", "kod_pocztowy", "miejscowosc",
    "data_wpisu", "numer_wpisu",
)  # fmt: skip
DERIVED_COLUMNS = (
    "wojewodztwo_nazwa", "numer_certyfikatu", "data_wydania", "wazny_do", "status",
    "status_nazwa", "strona_klubu",
)  # fmt: skip
# Input columns added later (schema version 1.1): at the end, so no column moves.
ADDED_COLUMNS = ("godziny_otwarcia", "dostepnosc", "dostepnosc_opis")
# Derived columns added later (the filled documents, #20): after those.
ADDED_DERIVED = ("karta_procesu_pdf", "certyfikat_strona", "certyfikat_pdf")


def columns() -> tuple[str, ...]:
    return (INPUT_COLUMNS + tuple(DERIVED_PREFIX + name for name in DERIVED_COLUMNS)
            + ADDED_COLUMNS + tuple(DERIVED_PREFIX + name for name in ADDED_DERIVED))


def column_docs(meta: PackageMeta) -> tuple[FieldDoc, ...]:
    """Documentation of every column, in file order."""
    clubs = {f.name: f for f in meta.schema("kluby").fields}
    return (tuple(clubs[name] for name in INPUT_COLUMNS)
            + tuple(DERIVED_BY_NAME[name].doc(DERIVED_PREFIX) for name in DERIVED_COLUMNS)
            + tuple(clubs[name] for name in ADDED_COLUMNS)
            + tuple(DERIVED_BY_NAME[name].doc(DERIVED_PREFIX) for name in ADDED_DERIVED))


def cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(str(value))


def row(facts: ClubFacts) -> list[str]:
    record = club_record(facts.club)
    derived = derived_values(facts)
    values = ([record[name] for name in INPUT_COLUMNS] + [derived[n] for n in DERIVED_COLUMNS]
              + [record[name] for name in ADDED_COLUMNS] + [derived[n] for n in ADDED_DERIVED])
    return [cell(v) for v in values]


def scope_csv(scope: Scope) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns())
    writer.writerows(row(f) for f in scope.clubs)
    return out.getvalue()
