"""The spreadsheet export: ``dane/<województwo>.xlsx``, one workbook per voivodeship.

Three sheets – clubs, process events, services – whose column titles come from the table
schemas (and from :data:`records.DERIVED` for computed columns). Dates are real spreadsheet
dates, coordinates are numbers, and every other value is a text cell with the text number
format, so codes such as TERYT ``02`` or KRS ``0000123456`` keep their leading zeros. Nothing is
ever written as a formula or a hyperlink.

The same register and as-of date give the same bytes: the document properties are fixed (the
creation time is the as-of date) and xlsxwriter stamps every zip member with 1980-01-01.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from generator.parts.opendata.common import ClubFacts, Scope, voivodeship_xlsx
from generator.parts.opendata.records import DERIVED_BY_NAME, club_record
from generator.parts.opendata.workbook_cache import Workbooks, cached_workbook
from generator.register.model import Register
from generator.register.package_meta import PackageMeta

Cell = str | float | date | None
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
MIN_WIDTH, MAX_WIDTH = 8, 60
# Derived columns after the club's own fields, and their values as spreadsheet cells.
CLUB_DERIVED = (
    "wojewodztwo_nazwa", "podmiot_typ_nazwa", "status_nazwa", "numer_certyfikatu",
    "data_wydania", "wazny_do", "strona_klubu",
)  # fmt: skip
SHEETS = ("Kluby", "Zdarzenia", "Usługi")


def _club_cells(facts: ClubFacts) -> dict[str, Cell]:
    club = facts.club
    now = facts.standing
    return {
        **club_record(club),
        "data_wpisu": club.entry_date,  # a spreadsheet date, not text
        "wojewodztwo_nazwa": facts.voivodeship.name,
        "podmiot_typ_nazwa": facts.operator_type_name,
        "status_nazwa": facts.status_name,
        "numer_certyfikatu": now.certificate_number,
        "data_wydania": now.issued,
        "wazny_do": now.valid_until,
        "strona_klubu": facts.url,
    }


def sheets(
    scope: Scope, register: Register, meta: PackageMeta
) -> list[tuple[str, list[str], list[list[Cell]]]]:
    """(sheet name, column titles, rows) of the workbook, in order."""
    clubs = meta.schema("kluby")
    events = meta.schema("zdarzenia")
    services = meta.schema("uslugi")
    club_names = [*clubs.field_names, *CLUB_DERIVED]
    club_titles = [f.title for f in clubs.fields] + [
        DERIVED_BY_NAME[n].title for n in CLUB_DERIVED
    ]
    club_rows = []
    for facts in scope.clubs:
        cells = _club_cells(facts)
        club_rows.append([cells.get(n) for n in club_names])
    event_rows: list[list[Cell]] = []
    service_rows: list[list[Cell]] = []
    for facts in scope.clubs:
        for e in facts.events:
            kind = register.event_types.get(e.type)
            event_rows.append([e.club_id, e.date, e.type, e.certificate_number, e.note,
                               kind.name if kind else e.type])
        for s in facts.club.services:
            known = register.services.get(s.service)
            service_rows.append([facts.club.id, s.service, s.description,
                                 known.name if known else s.service])
    event_titles = [events.fields[i].title for i in range(5)] + ["Rodzaj zdarzenia (nazwa)"]
    service_titles = [f.title for f in services.fields] + ["Usługa (nazwa)"]
    assert events.field_names[:5] == ("klub_id", "data", "typ", "numer_certyfikatu", "uwagi")
    assert services.field_names == ("klub_id", "usluga", "opis")
    return [
        (SHEETS[0], club_titles, club_rows),
        (SHEETS[1], event_titles, event_rows),
        (SHEETS[2], service_titles, service_rows),
    ]


def _width(title: str, rows: Sequence[Sequence[Cell]], column: int) -> int:
    longest = max([len(title), *(len(_shown(r[column])) for r in rows)])
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))


def _shown(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return DATE_FORMAT
    return str(value)


def scope_workbook(scope: Scope, register: Register, meta: PackageMeta, as_of: date,
           workbooks: Workbooks | None = None) -> bytes:
    """The workbook of ``scope`` as .xlsx bytes (from ``workbooks`` when written before)."""
    properties = {
        "title": f"{meta.title} – {scope.label}",
        "subject": f"Kluby integracji społecznej, stan na {as_of.isoformat()}",
        "author": meta.title,
        "comments": f"Stan na {as_of.isoformat()}. Licencja: {meta.license.name}.",
        "created": datetime(as_of.year, as_of.month, as_of.day),
    }
    content = sheets(scope, register, meta)
    return cached_workbook(workbooks, ("register", properties, content),
                           lambda: _workbook(properties, content))


def _workbook(properties: dict[str, Any],
              content: list[tuple[str, list[str], list[list[Cell]]]]) -> bytes:
    import xlsxwriter  # only when a workbook is not in the cache

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties(properties)
    formats: dict[str, Any] = {
        "header": book.add_format({"bold": True, "text_wrap": True, "valign": "top"}),
        "date": book.add_format({"num_format": DATE_FORMAT}),
        "text": book.add_format({"num_format": TEXT_FORMAT}),
    }
    for name, titles, rows in content:
        sheet = book.add_worksheet(name)
        for col, title in enumerate(titles):
            sheet.write_string(0, col, title, formats["header"])
            sheet.set_column(col, col, _width(title, rows, col))
        for r, values in enumerate(rows, start=1):
            for col, value in enumerate(values):
                _write(sheet, r, col, value, formats)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(titles) - 1)
    book.close()
    return out.getvalue()


def _write(sheet: Any, row: int, col: int, value: Cell, formats: dict[str, Any]) -> None:
    if value is None or value == "":
        return
    if isinstance(value, date):
        sheet.write_datetime(row, col, datetime(value.year, value.month, value.day),
                             formats["date"])
    elif isinstance(value, float | int):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, value, formats["text"])


def site_files(scopes: Sequence[Scope], register: Register, meta: PackageMeta,
               as_of: date, workbooks: Workbooks | None = None) -> dict[str, bytes]:
    """One workbook per voivodeship scope, keyed by docs-tree path (``workbooks``: see
    :mod:`generator.parts.opendata.workbook_cache`)."""
    return {
        voivodeship_xlsx(s.key): scope_workbook(s, register, meta, as_of, workbooks)
        for s in scopes
        if not s.national
    }
