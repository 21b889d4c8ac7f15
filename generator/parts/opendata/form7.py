"""Form 7 as data: the voivodeship registration table, certified clubs only.

``dane/formularz-7.csv`` (the whole country, one row per valid certificate) and
``dane/formularz-7-<województwo>.xlsx`` (one voivodeship, ready to print or send). The columns and
their titles are form 7's own (``forms/07-tabela-rejestracyjna.yaml``); the rows are
:func:`~generator.parts.documents.certificates.registry_entries`, the same rows the filled-in
PDF prints. A certificate in its last 90 days is marked „wygasa” in its own column (and in bold
in the workbook), as on the PDF.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from functools import cache
from typing import Any

from generator.parts.documents.certificates import RegistryEntry, registry_entries
from generator.parts.documents.definitions import load_definitions
from generator.parts.opendata.common import DATA_DIR
from generator.parts.opendata.workbook_cache import Workbooks, cached_workbook
from generator.register.formula_cells import neutralise
from generator.register.model import Register, Voivodeship
from generator.register.status import EXPIRY_WARNING_DAYS, expiring

CSV_PATH = f"{DATA_DIR}/formularz-7.csv"
VOIVODESHIP_TITLE = "Województwo"
EXPIRING_TITLE = f"Wygasa w ciągu {EXPIRY_WARNING_DAYS} dni"
EXPIRING_MARK = "wygasa"
SHEET = "Formularz 7"

Cell = str | date


def xlsx_path(slug: str) -> str:
    """The voivodeship's form 7 workbook, relative to the site root."""
    return f"{DATA_DIR}/formularz-7-{slug}.xlsx"


@cache
def columns() -> tuple[tuple[str, str], ...]:
    """(key, title) of form 7's registration table, in the form's order."""
    form = next(doc for doc in load_definitions() if doc.number == 7)
    table = next(b.value for b in form.blocks if b.kind == "registration_table")
    return tuple((col["key"], col["label"]) for col in table["columns"])


def titles() -> list[str]:
    return [title for _, title in columns()] + [EXPIRING_TITLE]


def _value(entry: RegistryEntry, key: str, position: int) -> Cell:
    club = entry.club
    values: dict[str, Cell] = {
        "lp": str(position),
        "numer": entry.number,
        "wydany": entry.issued,
        "wazny_do": entry.valid_until,
        "klub": f"{club.name}, {club.address}, {club.postal_code} {club.town}",
        "podmiot": club.operator_name,
        "wpis": club.entry_date.isoformat()
        + (f", nr {club.entry_number}" if club.entry_number else ""),
    }
    return values[key]


def rows(register: Register, voivodeship: Voivodeship, as_of: date) -> list[list[Cell]]:
    """Form 7's rows for one voivodeship on ``as_of``, by certificate number."""
    out = []
    for i, entry in enumerate(registry_entries(register, voivodeship, as_of), start=1):
        mark = EXPIRING_MARK if expiring(entry.valid_until, as_of) else ""
        out.append([_value(entry, key, i) for key, _ in columns()] + [mark])
    return out


def render_csv(register: Register, as_of: date) -> str:
    """Every voivodeship's form 7 in one table (UTF-8, CRLF, ISO dates, no formulas)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([VOIVODESHIP_TITLE, *titles()])
    for v in register.voivodeships:
        for row in rows(register, v, as_of):
            cells = [c.isoformat() if isinstance(c, date) else neutralise(c) for c in row]
            writer.writerow([v.name, *cells])
    return out.getvalue()


def render_xlsx(register: Register, voivodeship: Voivodeship, as_of: date,
                workbooks: Workbooks | None = None) -> bytes:
    """One voivodeship's form 7 as a workbook: a title line, the table, expiring rows in bold
    (from ``workbooks`` when written before: :mod:`generator.parts.opendata.workbook_cache`)."""
    table = rows(register, voivodeship, as_of)
    return cached_workbook(workbooks, ("form 7", voivodeship.name, as_of, titles(), table),
                           lambda: _workbook(voivodeship, as_of, table))


def _workbook(voivodeship: Voivodeship, as_of: date, table: list[list[Cell]]) -> bytes:
    import xlsxwriter  # only when a workbook is not in the cache

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    stamp = datetime(as_of.year, as_of.month, as_of.day)
    book.set_properties({"title": f"Formularz 7 – województwo {voivodeship.name}",
                         "subject": f"Stan na {as_of.isoformat()}", "created": stamp})
    fmt: dict[str, Any] = {
        "head": book.add_format({"bold": True, "text_wrap": True, "valign": "top",
                                 "border": 1}),
        "text": book.add_format({"num_format": "@", "text_wrap": True, "valign": "top",
                                 "border": 1}),
        "date": book.add_format({"num_format": "yyyy-mm-dd", "valign": "top", "border": 1}),
    }
    fmt["text!"] = book.add_format({"num_format": "@", "text_wrap": True, "valign": "top",
                                    "border": 1, "bold": True})
    fmt["date!"] = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top", "border": 1,
                                    "bold": True})
    sheet = book.add_worksheet(SHEET)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(2)
    sheet.write_string(0, 0, f"Formularz 7. Tabela rejestracyjna – województwo "
                             f"{voivodeship.name}, stan na {as_of.isoformat()}")
    widths = [5, 16, 12, 12, 40, 30, 22, 12]
    for col, title in enumerate(titles()):
        sheet.write_string(2, col, title, fmt["head"])
        sheet.set_column(col, col, widths[col] if col < len(widths) else 16)
    for r, row in enumerate(table, start=3):
        bold = "!" if row[-1] else ""
        for col, value in enumerate(row):
            if isinstance(value, date):
                sheet.write_datetime(r, col, datetime(value.year, value.month, value.day),
                                     fmt["date" + bold])
            else:
                sheet.write_string(r, col, value, fmt["text" + bold])
    sheet.freeze_panes(3, 0)
    book.close()
    return out.getvalue()


def site_files(register: Register, as_of: date,
               workbooks: Workbooks | None = None) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {CSV_PATH: render_csv(register, as_of)}
    for v in register.voivodeships:
        files[xlsx_path(v.slug)] = render_xlsx(register, v, as_of, workbooks)
    return files
