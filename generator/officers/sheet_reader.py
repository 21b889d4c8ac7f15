"""Read an office's spreadsheet (.xlsx, .xls, .ods or .csv) into grids of cell values.

The I/O edge of ``kis import``. Workbooks are read with python-calamine (Rust, reads every Excel
and OpenDocument format without an office suite); CSV files with
:func:`generator.register.spreadsheet.decode_csv`, which understands any shape a spreadsheet
saves. A value merged over several rows (one operator for two clubs) is copied down to every row
of the merge; calamine reports merges of Excel files, and those of .ods files are read from the
document's XML here.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from generator.register.spreadsheet import DecodeError, decode_csv

Cell = str | float | int | bool | date | datetime | time | timedelta | None
Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based)
WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
SUFFIXES = (*WORKBOOKS, ".csv")
MAX_MB = 30
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


class SheetError(Exception):
    """The file cannot be read; ``code`` is a message code, ``params`` fill its templates."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Sheet:
    name: str  # the sheet's name in a workbook, "" for CSV
    rows: list[list[Cell]]  # rows[0] is the sheet's row 1, cells[0] its column A
    merges: tuple[Merge, ...] = ()
    # (row, column), 0-based, of each cell given the value of a merge above it -> that merge
    copied: dict[tuple[int, int], Merge] = field(default_factory=dict)


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of the file at ``path``; raise :class:`SheetError` when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SheetError("import-file-type", suffix=path.suffix or "(bez rozszerzenia)")
    try:
        size = path.stat().st_size
        if size > MAX_MB * 1024 * 1024:
            raise SheetError("import-file-unreadable", detail=f"plik ma ponad {MAX_MB} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise SheetError("import-file-unreadable", detail="nie ma takiego pliku") from None
    except OSError as err:
        raise SheetError("import-file-unreadable", detail=err.strerror or str(err)) from None
    if suffix == ".csv":
        return [_csv_sheet(data)]
    return _workbook_sheets(data, suffix)


def _csv_sheet(data: bytes) -> Sheet:
    try:
        decoded = decode_csv(data)
    except DecodeError as err:
        raise SheetError("import-file-unreadable", detail=str(err)) from None
    # decode_csv infers the delimiter with spreadsheet.infer_delimiter, which passes over a title
    # line above the header.
    reader = csv.reader(io.StringIO(decoded.text, newline=""), delimiter=decoded.delimiter)
    try:
        rows: list[list[Cell]] = [list(r) for r in reader]
    except csv.Error as err:
        raise SheetError(
            "import-file-unreadable", detail=f"błąd składni CSV w wierszu {reader.line_num}: {err}"
        ) from None
    return Sheet("", rows)


def _workbook_sheets(data: bytes, suffix: str) -> list[Sheet]:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for index, name in enumerate(book.sheet_names):
            sheet = book.get_sheet_by_index(index)
            rows = [list(r) for r in sheet.to_python(skip_empty_area=False)]
            merges = (
                _ods_merges(data, name)
                if suffix == ".ods"
                else tuple((a[0], a[1], b[0], b[1]) for a, b in sheet.merged_cell_ranges or ())
            )
            sheets.append(Sheet(name, rows, merges, _fill_down(rows, merges)))
    except (CalamineError, ValueError, OSError, zipfile.BadZipFile, ET.ParseError) as err:
        raise SheetError("import-file-unreadable", detail=_reason(err)) from None
    return sheets


def _reason(err: Exception) -> str:
    if isinstance(err, PasswordError):
        return "plik jest chroniony hasłem"
    return "plik jest uszkodzony albo nie jest arkuszem kalkulacyjnym"


def _fill_down(rows: list[list[Cell]], merges: tuple[Merge, ...]) -> dict[tuple[int, int], Merge]:
    """Copy the value of a merge over several rows into its first column on every row.

    Returns the cells so filled, each with its merge: a value copied into several clubs' rows
    may belong to one of them only, and ``kis import`` says so.
    """
    copied: dict[tuple[int, int], Merge] = {}
    for merge in merges:
        r0, c0, r1, _ = merge
        if r1 == r0 or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            while len(rows[r]) <= c0:
                rows[r].append("")
            if rows[r][c0] in ("", None):
                rows[r][c0] = rows[r0][c0]
                copied[(r, c0)] = merge
    return copied


def _ods_merges(data: bytes, sheet_name: str) -> tuple[Merge, ...]:
    """Merged ranges of one table of an OpenDocument spreadsheet, from its content.xml."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = archive.read("content.xml")
    root = ET.fromstring(content)
    table = next(
        (t for t in root.iter(f"{TABLE}table") if t.get(f"{TABLE}name") == sheet_name), None
    )
    if table is None:
        return ()
    merges: list[Merge] = []
    row = 0
    for element in table.iter(f"{TABLE}table-row"):
        column = 0
        for cell in element:
            if cell.tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
                continue
            rows_spanned = int(cell.get(f"{TABLE}number-rows-spanned", "1"))
            cols_spanned = int(cell.get(f"{TABLE}number-columns-spanned", "1"))
            if rows_spanned > 1 or cols_spanned > 1:
                merges.append((row, column, row + rows_spanned - 1, column + cols_spanned - 1))
            column += int(cell.get(f"{TABLE}number-columns-repeated", "1"))
        row += int(element.get(f"{TABLE}number-rows-repeated", "1"))
    return tuple(merges)
