"""Read the register from disk: the descriptor, its schemas, the CSV files and the stories.

The only module of the validator that touches the file system. It checks what has to be checked
before a file can be read at all (encoding, delimiter, header, size) and returns raw string rows
with their line numbers, plus the problems found on the way. What a spreadsheet writes (BOM,
Windows-1250, CRLF, semicolons, 05.03.2026…) is read to canonical values by
:mod:`generator.register.spreadsheet` and named once per file as a notice.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.polish import plural
from generator.problems import Problem, problem
from generator.register import (
    contents,
    descriptor,
    licences,
    row_shift,
    schema_contract,
    spreadsheet,
)

MAX_FILE_MB = 30
MAX_CELL_CHARS = 5000
DESCRIPTOR = contents.DESCRIPTOR

csv.field_size_limit(MAX_CELL_CHARS * 4)


@dataclass
class Table:
    """One CSV resource of the package, as raw text."""

    resource: str  # resource name, e.g. "kluby-pomorskie"
    kind: str  # schema stem: "kluby", "zdarzenia", "uslugi", "wojewodztwa", ...
    voivodeship: str | None  # folder slug for per-voivodeship tables
    path: Path
    display: str  # path as shown in messages
    schema: dict[str, Any]
    header: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)  # non-blank data rows
    lines: list[int] = field(default_factory=list)  # file line of each row in ``rows``
    record_lines: list[int] = field(default_factory=list)  # line of every CSV record after header
    clean: bool = False  # read without any file-level problem: safe to give to frictionless
    sheet: spreadsheet.Sheet | None = None  # the file as decoded, in canonical form
    readable: bool = False  # header right and every record parsed (see ``complete``)
    lost_lines: list[int] = field(default_factory=list)  # records not turned into rows

    @property
    def complete(self) -> bool:
        """Every record of the file is in ``rows``: only then may a reference into it fail."""
        return self.readable and not self.lost_lines

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.schema.get("fields", [])]

    @property
    def columns(self) -> list[str]:
        """The columns the file has, in order: the schema's fields less absent optional ones.

        A file read before optional columns were added lacks them; a record written into it
        has these columns, not :attr:`field_names`.
        """
        optional = descriptor.optional_columns(self.schema)
        present = set(self.header)
        return [n for n in self.field_names if n in present or n not in optional]

    def field_def(self, name: str) -> dict[str, Any]:
        return next(f for f in self.schema["fields"] if f["name"] == name)

    def column(self, name: str) -> int:
        names = self.columns
        return names.index(name) + 1 if name in names else 0


@dataclass
class RawStory:
    path: Path
    display: str
    slug: str
    text: str


@dataclass
class RawRegister:
    root: Path
    descriptor: dict[str, Any]
    tables: dict[str, Table]
    stories: list[RawStory]
    problems: list[Problem]

    def of_kind(self, kind: str) -> list[Table]:
        return [t for t in self.tables.values() if t.kind == kind]

    def table(self, resource: str) -> Table | None:
        return self.tables.get(resource)


def display_path(path: Path) -> str:
    """Path relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_register(root: Path) -> RawRegister:
    """Read everything under ``root`` (the folder with datapackage.yaml)."""
    listing = contents.list_register(root)
    # a link is never followed (it could show /etc/passwd in a message or read /dev/zero)
    problems = [problem("file-symlink", display_path(root / link)) for link in listing.links]
    desc_path = root / DESCRIPTOR
    shown = display_path(desc_path)
    if DESCRIPTOR in listing.links:
        return RawRegister(root, {}, {}, [], problems)
    if not desc_path.is_file():
        return RawRegister(root, {}, {}, [], [problem("descriptor-missing", shown)])
    desc, found = descriptor.read_yaml(desc_path, shown)
    problems += found
    if desc is None:
        return RawRegister(root, {}, {}, [], problems)
    problems += descriptor.check_package(desc, shown)
    problems += licences.check_licences(desc, desc_path, shown)
    if contents.sound(desc):  # else what belongs is unknown: the descriptor's fault
        problems += [problem("file-unexpected", display_path(root / name))
                     for name in contents.unexpected(listing, desc)]
    tables: dict[str, Table] = {}
    schemas: dict[str, dict[str, Any] | None] = {}
    for res in desc.get("resources") or []:
        if not isinstance(res, dict) or not descriptor.safe_relative(res.get("path")):
            continue
        schema_ref = res.get("schema")
        if not descriptor.safe_relative(schema_ref):
            continue
        if contents.inside_link(schema_ref, listing):  # reported as a link
            schemas[schema_ref] = None
        if schema_ref not in schemas:
            schema_path = root / schema_ref
            schema_shown = display_path(schema_path)
            if not schema_path.is_file():
                problems.append(problem("file-missing", schema_shown, schema=schema_ref))
                schemas[schema_ref] = None
            else:
                schema, found = descriptor.read_yaml(schema_path, schema_shown)
                problems += found
                if schema is not None:
                    problems += descriptor.check_schema(schema, schema_shown)
                    problems += schema_contract.check_field_names(schema, schema_path,
                                                                  schema_shown)
                    relied = schema_contract.check_relied(Path(schema_ref).stem, schema,
                                                          schema_path, schema_shown)
                    problems += relied
                    if any(p.code == "schema-field-relied" for p in relied):
                        schema = None  # its files are not read: one message, the schema's
                schemas[schema_ref] = schema
        schema = schemas[schema_ref]
        if schema is None or not schema_contract.fields_named(schema):  # reported above
            continue
        path = root / res["path"]
        parts = Path(res["path"]).parts
        table = Table(
            resource=str(res.get("name")),
            kind=Path(schema_ref).stem,
            voivodeship=parts[1] if len(parts) == 3 and parts[0] == "wojewodztwa" else None,
            path=path,
            display=display_path(path),
            schema=schema,
        )
        if not contents.inside_link(res["path"], listing):  # a link: reported, never read
            problems += read_table(table)
        tables[table.resource] = table
    linked = contents.inside_link(contents.STORIES, listing)  # a linked folder: not entered
    stories, found = ([], []) if linked else read_stories(root / contents.STORIES)
    problems += found
    return RawRegister(root, desc, tables, stories, problems)


def read_table(table: Table) -> list[Problem]:
    """Fill ``table`` from its CSV file; return file-level problems."""
    shown = table.display
    header_text = ",".join(table.field_names)
    if not table.path.is_file():
        return [problem("file-missing", shown, schema=f"schematy/{table.kind}.yaml")]
    size = table.path.stat().st_size
    if size > MAX_FILE_MB * 1024 * 1024:
        return [problem("file-too-large", shown, size=size // (1024 * 1024), limit=MAX_FILE_MB)]
    data = table.path.read_bytes()
    if not data.strip():
        return [problem("file-empty", shown, header=header_text)]
    # a cell may be as long as the file: one too long is one located problem (see _parse), not
    # a reader's error that ends the file (importing frictionless raises the limit: set again)
    bound = csv.field_size_limit(len(data) + 1)
    try:
        sheet = spreadsheet.read_sheet(data, table.schema["fields"])
    except spreadsheet.DecodeError as err:
        return [problem(err.code, shown, err.line, **err.params)]
    finally:
        csv.field_size_limit(bound)
    table.sheet = sheet
    found: list[Problem] = []
    shapes = sheet.shapes
    if sheet.decoded.mixed_ends:  # said once, with its lines, instead of as a spreadsheet shape
        lines, ends, others = sheet.decoded.mixed_ends
        found.append(problem("file-line-ends-mixed", shown, lines[0], ends=ends,
                             lines=_lines_text(lines), others=others))
        shapes = tuple(s for s in shapes if s not in LINE_END_SHAPES)
    if shapes:  # a spreadsheet's save, read to canonical values: said once, not an error
        found.append(problem("file-spreadsheet-save", shown, sheet.first_line,
                             shapes=shapes))  # a composed list: shown whole
    header_problems, records = _parse(table, sheet)
    found += header_problems
    table.clean = not header_problems
    return found + records


def _parse(table: Table, sheet: spreadsheet.Sheet) -> tuple[list[Problem], list[Problem]]:
    """Rows of the file from its one reading (``sheet``): no second parse that could disagree."""
    shown = table.display
    expected = table.field_names
    if not sheet.header:
        detail = sheet.error.detail if sheet.error else "brak nagłówka"
        if sheet.error and sheet.error.unclosed_quote:  # the csv module's words are English
            detail = "cudzysłów otwarty w wierszu nagłówka nie jest zamknięty"
        return [problem("file-csv-syntax", shown, 1, detail=detail)], []
    header = list(sheet.header)
    table.header = header
    full = ",".join(expected)
    absent = descriptor.optional_columns(table.schema) - set(header)
    expected = [n for n in expected if n not in absent]  # a file may lack optional columns
    found = _check_header(shown, header, expected, full)
    if found:
        return found, []
    fields = [f for f in table.schema["fields"] if f["name"] in expected]
    empty = dict.fromkeys(sorted(absent), "")
    rows: list[Problem] = []
    width = len(expected)
    for item in sheet.records:
        line, record = item.line, item.cells
        table.record_lines.append(line)
        joined = "".join(record)
        if not joined.strip():  # no cells, or only blank ones
            rows.append(problem("row-blank", shown, line))
            continue
        if len(record) != width:
            rows.append(_cell_count_problem(shown, line, list(record), fields,
                                            sheet.decoded.delimiter))
            table.lost_lines.append(line)
            continue
        # a too long cell is one problem; its row stays (nothing else about the cell is said,
        # see validation.root_cause), so no check misses the row
        if len(joined) > MAX_CELL_CHARS:
            for i, cell in enumerate(record):
                if len(cell) > MAX_CELL_CHARS:
                    rows.append(problem("cell-too-long", shown, line, i + 1, expected[i],
                                        length=len(cell), limit=MAX_CELL_CHARS))
        row = dict(zip(expected, record, strict=True))
        table.rows.append({**row, **empty} if empty else row)
        table.lines.append(line)
    if sheet.error:
        rows.append(_syntax_problem(shown, sheet.error))
        return [], rows
    table.readable = True
    return [], rows


LINE_END_SHAPES = (spreadsheet.SHAPE_CRLF, spreadsheet.SHAPE_CR)


def _lines_text(lines: tuple[int, ...], shown: int = 5) -> str:
    """„wierszu 4”, „wierszach 4, 9 i 12”, „wierszach 4, 9, 12, 15, 20 i 3 innych”."""
    if len(lines) == 1:
        return f"wierszu {lines[0]}"
    head = ", ".join(str(n) for n in lines[:shown])
    rest = len(lines) - shown
    if rest <= 0:
        head = ", ".join(str(n) for n in lines[:-1])
        return f"wierszach {head} i {lines[-1]}"
    return f"wierszach {head} i {rest} {plural(rest, 'innym', 'innych', 'innych')}"


def _syntax_problem(shown: str, error: spreadsheet.CsvError) -> Problem:
    """The one problem for the CSV syntax error that ended the reading of a file."""
    if error.unclosed_quote:  # a quote opened in the record at ``start`` never closes
        return problem("file-unclosed-quote", shown, error.start)
    if error.quote_inside:  # text right after a closing quote
        return problem("file-quote-inside", shown, error.line)
    # a cell longer than the reader's limit; no other error is known to occur
    detail = (f"komórka ma ponad {MAX_CELL_CHARS * 4} znaków" if error.cell_too_long
              else error.detail)
    return problem("file-csv-syntax", shown, error.start, detail=detail)


DELIMITER_NAMES = {",": "przecinkiem", ";": "średnikiem", "\t": "tabulatorem"}


def _cell_count_problem(shown: str, line: int, record: list[str],
                        fields: list[dict[str, Any]], delimiter: str) -> Problem:
    """One problem for a row whose cells do not match the header (its cells are not checked)."""
    text, expected = ",".join(record), len(fields)
    if len(record) > expected:
        split = row_shift.split_column(record, fields)
        names = [f["name"] for f in fields]
        column = names.index(split) + 1 if split else 0
        sign = DELIMITER_NAMES.get(delimiter, "przecinkiem")
        where = f"; tekst ze {sign}" if sign == "średnikiem" else f"; tekst z {sign}"
        where = f"{where} jest prawdopodobnie w kolumnie „{split}”" if split else ""
        return problem("row-cell-count-extra", shown, line, column, split or "",
                       row=_row_text(text), found=_cells(len(record)),
                       expected=_columns(expected), where=where)
    code = "row-cell-count-semicolon" if ";" in text else "row-cell-count"
    return problem(code, shown, line, row=_row_text(text), found=_cells(len(record)),
                   expected=_columns(expected))


def _row_text(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"


def _cells(n: int) -> str:
    return f"{n} {plural(n, 'komórkę', 'komórki', 'komórek')}"


def _columns(n: int) -> str:
    return f"{n} {plural(n, 'kolumnę', 'kolumny', 'kolumn')}"


def _check_header(shown: str, header: list[str], expected: list[str], text: str) -> list[Problem]:
    renamed = _renamed_columns(header, expected)
    if renamed:  # one problem per misnamed column, not a missing one plus an unknown one
        return [problem("header-column-renamed", shown, 1, i + 1, expected[i], position=i + 1,
                        name=header[i],
                        proposal=expected[i], header=text) for i in renamed]
    found: list[Problem] = []
    seen: set[str] = set()
    for i, name in enumerate(header):
        if name in seen:
            found.append(problem("header-duplicate", shown, 1, i + 1, name=name))
        seen.add(name)
    for name in expected:
        if name not in header:
            found.append(problem("header-missing-column", shown, 1, name=name, header=text))
    for i, name in enumerate(header):
        if name not in expected:
            found.append(problem("header-extra-column", shown, 1, i + 1, name=name, header=text))
    if not found and header != expected:
        found.append(problem("header-order", shown, 1, header=text))
    if len(found) > 1:  # one wrong header, one message
        return [problem("header-mismatch", shown, 1, detail=_header_detail(header, expected),
                        header=text)]
    return found


def _header_detail(header: list[str], expected: list[str]) -> str:
    """„brakuje kolumn „a”, „b”; nieznana kolumna „a;b””: what differs, in one phrase."""
    missing = [f"„{n}”" for n in expected if n not in header]
    extra = [f"„{n}”" for n in header if n not in expected]
    twice = sorted({f"„{n}”" for n in header if header.count(n) > 1})
    parts = []
    if missing:
        parts.append(f"brakuje {plural(len(missing), 'kolumny', 'kolumn', 'kolumn')} "
                     + ", ".join(missing))
    if extra:
        what = plural(len(extra), "nieznana kolumna", "nieznane kolumny", "nieznanych kolumn")
        parts.append(f"{what} " + ", ".join(extra))
    if twice:
        what = plural(len(twice), "powtórzona kolumna", "powtórzone kolumny",
                      "powtórzonych kolumn")
        parts.append(f"{what} " + ", ".join(twice))
    return "; ".join(parts)


def _renamed_columns(header: list[str], expected: list[str]) -> list[int]:
    """Positions whose name is wrong while the expected name is nowhere else in the header."""
    if len(header) != len(expected):
        return []
    wrong = [i for i, name in enumerate(header) if name != expected[i]]
    if all(expected[i] not in header for i in wrong):
        return wrong
    return []


# How a value written by a spreadsheet was read, said after the value as written.
READ_AS = {
    spreadsheet.SHAPE_DATE: "w zapisie rejestru",
    spreadsheet.SHAPE_DECIMAL: "po zamianie przecinka na kropkę",
    spreadsheet.SHAPE_CASE: "po zamianie na wielkie litery",
}


def as_typed(problems: list[Problem], raw: RawRegister) -> list[Problem]:
    """Problems about a cell that was read differently from how it is written quote it as typed.

    A value is checked as read (``0123456789`` for a NIP a spreadsheet saved as ``123456789``),
    but the officer only knows what the file holds: the message names that value first, then the
    one that was checked, e.g. „NIP „123456789” (w pliku; po uzupełnieniu zera: „0123456789”)…”.
    """
    changes = {(t.display, c.line, c.column): c
               for t in raw.tables.values() if t.sheet for c in t.sheet.changes}
    if not changes:
        return problems
    out = []
    for found in problems:
        change = changes.get((found.path, found.line, found.column))
        read = f"„{change.after}”" if change else ""
        if change is None or read not in found.message:
            out.append(found)
            continue
        if change.shape == spreadsheet.SHAPE_ZEROS:
            zeros = len(change.after) - len(change.before)
            how = f"po uzupełnieniu {plural(zeros, 'zera', 'zer', 'zer')}"
        else:
            how = READ_AS.get(change.shape, "w zapisie rejestru")
        typed = f"„{change.before}” (w pliku; {how}: {read})"
        out.append(dataclasses.replace(found, message=found.message.replace(read, typed, 1),
                                       params={**found.params, "typed": change.before}))
    return out


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_stories(folder: Path) -> tuple[list[RawStory], list[Problem]]:
    """Read the good-practice Markdown files (front matter is checked by the validator)."""
    stories: list[RawStory] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return stories, problems
    for path in sorted(folder.iterdir()):
        if path.suffix != ".md" or path.name.startswith((".", "_")) or path.name == "README.md":
            continue
        if path.is_symlink() or not path.is_file():  # a link is reported by load_register
            continue
        shown = display_path(path)
        data = path.read_bytes()
        if len(data) > MAX_FILE_MB * 1024 * 1024 // 30:
            problems.append(problem("file-too-large", shown, size=len(data) // 1048576 or 1,
                                    limit=MAX_FILE_MB // 30))
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            problems.append(problem("file-encoding", shown, _line_of(data, err.start),
                                    byte=f"0x{data[err.start]:02x}", offset=err.start))
            continue
        stories.append(RawStory(path, shown, path.stem, text.replace("\r\n", "\n")))
    return stories, problems


def walk_files(root: Path) -> list[Path]:
    """Every regular file below ``root``, sorted (used to hash and to copy the package).

    Links are never followed (see :func:`generator.register.contents.list_register`).
    """
    return [root / name for name in contents.list_register(root).files]
