"""Write a voivodeship office's club register as .xlsx and .ods, the way offices keep them.

Like a real office file it has a title and a date row above the header, a two-level header
(„Certyfikat KIS” over „Nr” and „Data wydania”, the other titles merged over both header rows),
a blank line between the data, an operator cell merged over two clubs, codes typed as numbers
(the spreadsheet dropped their leading zeros), dates both as date cells and as 05.03.2021 text,
an address with the postal code and town inside it, a column with a person's name, and a club
that is already in the test register. ``complete=False`` leaves one club's postal code out.

The tests build the files in a temporary folder (nothing binary is committed); to try
``kis import`` by hand: ``.venv/bin/python tests/data/import/make_spreadsheets.py FOLDER``.
The .ods files are written directly as OpenDocument XML, so no office suite is needed.
"""

from __future__ import annotations

import sys
import zipfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import xlsxwriter

Value = str | int | float | date | None

TITLE = "Rejestr klubów integracji społecznej prowadzony przez Wojewodę Pomorskiego"
AS_OF = "Stan na 30 września 2026 r."
# Titles merged over both header rows; "Certyfikat KIS" spans two columns with sub-titles.
HEADER = [
    "Lp.", "Nazwa klubu", "Podmiot prowadzący", "Adres", "Kod pocztowy", "Miejscowość",
    "Telefon", "E-mail", "Strona www", "Nr KRS", "REGON", "NIP",
    "Data wpisu do rejestru wojewody", "Nr wpisu", "Certyfikat KIS", None, "Kierownik klubu",
    "Uwagi",
]  # fmt: skip
SUB_HEADER = {14: "Nr", 15: "Data wydania"}
OPERATOR, KRS = 2, 9  # columns merged over the two clubs of one operator
FIRST_ROW = 5  # 0-based sheet row of the first club
# One list per sheet row from FIRST_ROW on; [] is a blank line.
CLUBS: list[list[Value]] = [
    [1, "Klub Integracji Społecznej „Kotwica”", "Miejski Ośrodek Pomocy Rodzinie w Słupsku",
     "ul. Szczecińska 23", "76-200", "Słupsk", 598423411, "kis@mopr.slupsk.pl",
     "www.mopr.slupsk.pl", None, 12345675, "218-771-67-43", date(2019, 4, 12), "KIS/22/003",
     "kis-22-2024-2", date(2024, 6, 15), "Anna Kowalska", None],
    [2, "Klub Integracji Społecznej „Szansa”", "Stowarzyszenie „Wspólna Droga”",
     "ul. Długa 5, 80-831 Gdańsk", None, None, "58 301 22 33", "szansa@wspolnadroga.org.pl",
     None, 699285, None, None, "05.03.2021", "KIS/22/004", "KIS-22-2024-005",
     date(2024, 2, 1), "Jan Nowak", "klub działa od 2012 r."],
    [3, "Klub Integracji Społecznej „Krok”", None, "ul. Morska 120", "81-225", "Gdynia",
     None, None, None, None, None, None, date(2022, 9, 30), "KIS/22/005", None, None, None,
     None],
    [],
    [4, "Klub Integracji Społecznej", "Gminny Ośrodek Pomocy Społecznej w Kolbudach",
     "ul. Wybickiego 28", 83050, "Kolbudy", "58 682 71 00", "gops@kolbudy.pl", None, None,
     None, None, date(2021, 5, 4), None, None, None, None, "już w rejestrze"],
    [5, "Klub Integracji Społecznej „Razem”", "Gmina Kartuzy", "ul. Kościerska 3", "83-300",
     "Kartuzy", None, None, None, None, None, None, date(2023, 1, 16), "KIS/22/006", None, None,
     None, None],
]  # fmt: skip
MISSING_POSTAL_CODE = (5, 4)  # (index in CLUBS, column) emptied when complete=False


def rows(complete: bool = True) -> list[list[Value]]:
    data = [list(r) for r in CLUBS]
    if not complete:
        data[MISSING_POSTAL_CODE[0]][MISSING_POSTAL_CODE[1]] = None
    return data


def merges() -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column), 0-based, of every merged range."""
    last = len(HEADER) - 1
    spans = [(0, 0, 0, last), (1, 0, 1, last), (3, 14, 3, 15)]
    spans += [(3, c, 4, c) for c in range(len(HEADER)) if c not in SUB_HEADER]
    spans += [(FIRST_ROW + 1, c, FIRST_ROW + 2, c) for c in (OPERATOR, KRS)]
    return spans


def grid(complete: bool = True) -> list[list[Value]]:
    """The sheet as rows of cell values; cells covered by a merge are None."""
    width = len(HEADER)
    sheet: list[list[Value]] = [[None] * width for _ in range(FIRST_ROW + len(CLUBS))]
    sheet[0][0], sheet[1][0] = TITLE, AS_OF
    sheet[3] = list(HEADER)
    for col, text in SUB_HEADER.items():
        sheet[4][col] = text
    for i, values in enumerate(rows(complete)):
        sheet[FIRST_ROW + i][: len(values)] = values
    for r0, c0, r1, c1 in merges():
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    sheet[r][c] = None
    return sheet


def write_xlsx(path: Path, complete: bool = True) -> None:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    book.set_properties({"created": date(2026, 9, 30)})
    sheet = book.add_worksheet("Rejestr KIS")
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    bold = book.add_format({"bold": True, "text_wrap": True})
    cells = grid(complete)
    starts = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in merges()}
    for r, values in enumerate(cells):
        for c, value in enumerate(values):
            style = bold if r in (0, 3, 4) else None
            if (r, c) in starts:
                r1, c1 = starts[(r, c)]
                sheet.merge_range(r, c, r1, c1, "", style or book.add_format())
            if value is None:
                continue
            if isinstance(value, date):
                sheet.write_datetime(r, c, value, day)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value, style)
    book.close()


def _ods_cell(value: Value, span: tuple[int, int] | None) -> str:
    attrs = ""
    if span:
        attrs = (f' table:number-rows-spanned="{span[0]}"'
                 f' table:number-columns-spanned="{span[1]}"')
    if value is None:
        return f"<table:table-cell{attrs}/>"
    if isinstance(value, date):
        return (f'<table:table-cell{attrs} office:value-type="date" '
                f'office:date-value="{value.isoformat()}"><text:p>'
                f"{value.strftime('%d.%m.%Y')}</text:p></table:table-cell>")
    if isinstance(value, int | float):
        return (f'<table:table-cell{attrs} office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    return (f'<table:table-cell{attrs} office:value-type="string"><text:p>{escape(value)}'
            "</text:p></table:table-cell>")


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def write_ods(path: Path, complete: bool = True) -> None:
    cells = grid(complete)
    starts = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in merges()}
    covered = {
        (r, c)
        for r0, c0, r1, c1 in merges()
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
        if (r, c) != (r0, c0)
    }
    body = []
    for r, values in enumerate(cells):
        row = "".join(
            "<table:covered-table-cell/>" if (r, c) in covered
            else _ods_cell(value, starts.get((r, c)))
            for c, value in enumerate(values)
        )
        body.append(f"<table:table-row>{row}</table:table-row>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS}>'
        '<office:body><office:spreadsheet><table:table table:name="Rejestr KIS">'
        f'<table:table-column table:number-columns-repeated="{len(HEADER)}"/>'
        f"{''.join(body)}</table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype", (1980, 1, 1, 0, 0, 0)),
                         "application/vnd.oasis.opendocument.spreadsheet")
        for name, text in (("content.xml", content), ("META-INF/manifest.xml", MANIFEST)):
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)


def write_all(folder: Path) -> dict[str, Path]:
    """Both formats, complete and with a missing postal code, keyed by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for suffix, writer in ((".xlsx", write_xlsx), (".ods", write_ods)):
        for stem, complete in (("urzad-pomorski", True), ("urzad-pomorski-braki", False)):
            path = folder / f"{stem}{suffix}"
            writer(path, complete)
            out[path.name] = path
    return out


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else ".")).values():
        print(written)
