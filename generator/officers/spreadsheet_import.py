"""``kis import``: an office's own register spreadsheet → clubs and certificates in the register.

The office's file has its own shape: a title above the header, blank lines, merged cells, its
own column names. :func:`find_header` finds the row of column names and maps them to fields by
the headers in ``import_columns.yaml`` (plus the office's own mapping file);
:func:`read_entries` turns each data row into register values (codes padded, dates ISO, the
postal code taken out of an address) and says what is still missing; :func:`plan_rows` gives
the clubs their ids and leaves out clubs already in the register (all pure).
:func:`import_spreadsheet` appends the rows to a copy of the register, validates it and only
then replaces the voivodeship's files: all or nothing. Every problem points to the
spreadsheet's row and column, never to the temporary copy.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from generator.officers import csv_edit, transaction
from generator.officers.csv_edit import Edit
from generator.officers.sheet_columns import (
    Columns,
    Header,
    cell_text,
    column_letter,
    find_header,
    fold,
    header_key,
    load_columns,
)
from generator.officers.sheet_reader import Cell, Sheet, SheetError, read_sheets
from generator.officers.submission import describe
from generator.problems import Problem, problem
from generator.register.load import RawRegister, Table, display_path, load_register
from generator.register.spreadsheet import normalise_cell
from generator.register.status import PRE_REGISTER_EVENT
from generator.validation.rules.plausibility import club_key, entry_number_key

CERTIFICATE_EVENT = PRE_REGISTER_EVENT  # the event a certificate issued before the register gets
# Fields of the spreadsheet that are not columns of kluby.csv, with their Polish titles.
EXTRA_TITLES = {
    "numer_certyfikatu": "Numer certyfikatu",
    "data_certyfikatu": "Data wydania certyfikatu",
    "kod_i_miejscowosc": "Kod pocztowy i miejscowość",
}
FILLED_BY_IMPORT = ("klub_id", "wojewodztwo")
# The command was given a wrong file, voivodeship or mapping: nothing was read.
USAGE_CODES = (
    "import-file-type",
    "import-file-unreadable",
    "import-voivodeship-unknown",
    "import-mapping-invalid",
)
ROW_CODES = (  # validated all the same
    "import-value-missing", "import-certificate-incomplete", "import-postal-and-town-incomplete"
)
# Optional fields a club is still entered without, named as after "bez" (genitive).
LATER = {
    "krs": "numeru KRS",  # asked of an NGO only
    "regon": "REGON",
    "nip": "NIP",
    "telefon": "telefonu",
    "email": "adresu e-mail",
    "www": "strony internetowej",
    "szerokosc": "współrzędnych na mapie",
    "numer_wpisu": "numeru wpisu do rejestru wojewody",
}
EVENT_FIELDS = {"data": "data_certyfikatu", "numer_certyfikatu": "numer_certyfikatu"}
# Columns that belong to one club: a merged cell copied into several clubs' rows is worth a look
# (an operator's name, type or numbers may well be shared and are copied silently).
CLUB_SPECIFIC = (
    "klub_id", "nazwa", "adres", "kod_pocztowy", "miejscowosc", "kod_i_miejscowosc", "telefon",
    "email", "numer_wpisu", "numer_certyfikatu", "data_certyfikatu",
)
# Register checks said in the sheet's terms on import (file advice would not fit a sheet).
IMPORT_CODES = {
    "postal-code-voivodeship": "import-postal-code-voivodeship",
    "cell-type-date": "import-date-invalid",
    "cell-date-ambiguous": "import-date-invalid",
    "club-voivodeship-elsewhere": "import-club-voivodeship-elsewhere",
}
# A value two rows of the sheet share although they are different clubs: kind -> code.
SHARED_CODES = {"number": "import-entry-number-repeated", "id": "import-club-id-repeated"}
SHARED_FIELDS = {"number": "numer_wpisu", "id": "klub_id"}
DATE_FIELDS = ("data_wpisu", "data_certyfikatu", "data")
NGO = "organizacja_pozarzadowa"
QUOTED = re.compile(r"[„\"“«”']\s*([^„”\"“«»']{2,}?)\s*[”\"“»']")
POSTAL = re.compile(r"(?<!\d)(\d{2})[- ]?(\d{3})(?!\d)")
POSTAL_AND_TOWN = (  # "28-300 Jędrzejów", "28-300, Jędrzejów", "Jędrzejów 28-300"
    re.compile(r"^(?P<code>\d{2}-?\d{3})[,;\s]+(?P<town>\D.*)$"),
    re.compile(r"^(?P<town>\D.*?)[,;\s]+(?P<code>\d{2}-?\d{3})$"),
)
POSTAL_AND_TOWN_EXAMPLE = "28-300 Jędrzejów"
COMBINED_PARTS = ("kod_pocztowy", "miejscowosc")
ADDRESS_WITH_POSTAL = re.compile(r"^(?P<street>.*?)[,;\s]+(?P<code>\d{2}-\d{3})\s+(?P<town>\D.*)$")
CERTIFICATE = re.compile(r"KIS[-/ ](\d{1,2})[-/ ](\d{4})[-/ ](\d{1,4})")
STREET_PREFIX = re.compile(r"^(ul|ulica|al|aleja|aleje|pl|plac|os|osiedle|rynek)\b\.?\s*", re.I)
EXCEL_EPOCH = date(1899, 12, 30)
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
ID_MAX = 60


# --- data rows ---------------------------------------------------------------------------


@dataclass
class Entry:
    """One club read from a spreadsheet row."""

    row: int  # 1-based row of the sheet
    values: dict[str, str]  # field -> register value ("" when empty)
    columns: dict[str, int]  # field -> 1-based column of the sheet it came from
    missing: list[str] = field(default_factory=list)  # required fields without a value
    club_id: str = ""
    combined: str = ""  # the "Kod pocztowy i miejscowość" cell as written, if the sheet has one


@dataclass(frozen=True)
class Context:
    """What reading rows needs from the register."""

    club_fields: dict[str, dict[str, Any]]  # kluby.csv schema fields by name
    event_fields: dict[str, dict[str, Any]]
    titles: dict[str, str]  # field -> Polish title
    operator_codes: dict[str, str]  # folded name or code -> podmiot_typ
    operator_names: tuple[str, ...]  # as in typy_podmiotow.csv, for messages
    required: tuple[str, ...]


def _date_text(cell: Cell) -> str:
    if isinstance(cell, float | int) and not isinstance(cell, bool) and 20000 < cell < 80000:
        return (EXCEL_EPOCH + timedelta(days=int(cell))).isoformat()  # an Excel day number
    return cell_text(cell)


def _digits_only(text: str, prefix: str = "") -> str:
    """ "218-771-67-43" -> "2187716743"; anything with other characters stays as it is."""
    bare = re.sub(r"[\s.-]", "", text)
    bare = bare.upper().removeprefix(prefix) if prefix else bare
    return bare if bare.isdigit() else text


def _value(name: str, cell: Cell, ctx: Context) -> str:
    """A cell as the register writes the field ``name``."""
    is_date = name in ("data_certyfikatu", "data_wpisu")
    text = _date_text(cell) if is_date else cell_text(cell)
    if not text:
        return ""
    if name == "kod_pocztowy":
        match = POSTAL.fullmatch(text) or (
            re.fullmatch(r"\d{4}", text) and POSTAL.fullmatch(text.zfill(5))
        )
        return f"{match.group(1)}-{match.group(2)}" if match else text
    if name in ("szerokosc", "dlugosc") and isinstance(cell, float):
        return text if len(text.partition(".")[2]) > 4 else f"{cell:.4f}"  # as the register
    if name in ("krs", "regon", "nip"):
        text = _digits_only(text, {"krs": "KRS", "nip": "PL"}.get(name, ""))
    elif name == "telefon":
        text = re.sub(r"^(tel|telefon)\.?:?\s*", "", text, flags=re.I)
        bare = re.sub(r"[\s-]", "", text)
        if bare.isdigit() and len(bare) == 11 and bare.startswith("48"):
            text = "+48 " + bare[2:]
    elif name == "email":
        text = text.removeprefix("mailto:")
    elif name == "www" and " " not in text and "." in text and "://" not in text:
        text = "https://" + text
    elif name == "numer_certyfikatu":
        found = CERTIFICATE.fullmatch(text.upper())
        if found:
            teryt, year, number = found.groups()
            text = f"KIS-{teryt.zfill(2)}-{year}-{number.zfill(3)}"
    spec = (
        ctx.event_fields.get("data")
        if name == "data_certyfikatu"
        else (ctx.club_fields.get(name) or ctx.event_fields.get(name))
    )
    return normalise_cell(text, spec)[0] if spec else text


def read_entries(
    sheet: Sheet, header: Header, ctx: Context, columns: Columns, shown: str
) -> tuple[list[Entry], list[Problem]]:
    """The clubs of the rows under ``header``, with notes on rows left out."""
    entries: list[Entry] = []
    notes: list[Problem] = []
    header_texts = {c: header_key(t) for c, t in header.texts.items()}
    for r in range(header.last_row + 1, len(sheet.rows)):
        cells = sheet.rows[r]
        raw = {c: cells[c] for c in header.fields if c < len(cells)}
        filled = {c: v for c, v in raw.items() if cell_text(v)}
        if not filled or all(
            header_key(cell_text(v)) == header_texts[c] for c, v in filled.items()
        ):
            continue  # a blank line, or the header repeated on a new printed page
        if len(filled) == 1:
            c, value = next(iter(filled.items()))
            notes.append(
                problem(
                    "import-row-skipped",
                    shown,
                    r + 1,
                    c + 1,
                    header.texts[c],
                    value=cell_text(value),
                )
            )
            continue
        values = {name: "" for name in ctx.titles}
        where: dict[str, int] = {}
        for c, name in header.fields.items():
            values[name] = _value(name, raw.get(c), ctx)
            where[name] = c + 1
            merge = sheet.copied.get((r, c))
            if merge and name in CLUB_SPECIFIC and values[name]:
                notes.append(
                    problem(
                        "import-merged-cell",
                        shown,
                        r + 1,
                        c + 1,
                        header.texts.get(c, ctx.titles.get(name, name)),
                        value=cell_text(raw.get(c)),
                        range=merge_range(merge),
                    )
                )
        entries.append(_complete(Entry(r + 1, values, where), columns, ctx))
    return entries, notes


def merge_range(merge: tuple[int, int, int, int]) -> str:
    """(5, 4, 6, 4) -> "E6:E7": a merged range as the spreadsheet names it."""
    r0, c0, r1, c1 = merge
    return f"{column_letter(c0 + 1)}{r0 + 1}:{column_letter(c1 + 1)}{r1 + 1}"


def operator_type(text: str, columns: Columns, ctx: Context) -> str:
    """podmiot_typ from a "Rodzaj podmiotu" value or from the operator's name; "" if unclear."""
    folded = fold(text)
    if folded in ctx.operator_codes:
        return ctx.operator_codes[folded]
    for code, words in columns.operator_kinds:
        if any(re.search(rf"(^| ){re.escape(w)}( |$)", folded) for w in words):
            return code
    return ""


def _complete(entry: Entry, columns: Columns, ctx: Context) -> Entry:
    """Split combined columns, infer the operator type and list missing required values."""
    v = entry.values
    entry.combined = v.pop("kod_i_miejscowosc", "")
    if "kod_i_miejscowosc" in entry.columns:
        code, town = postal_and_town(entry.combined)
        v["kod_pocztowy"] = v["kod_pocztowy"] or (_value("kod_pocztowy", code, ctx) if code else "")
        v["miejscowosc"] = v["miejscowosc"] or town
        for part in COMBINED_PARTS:  # a part missing is then said on the combined cell
            entry.columns.setdefault(part, entry.columns["kod_i_miejscowosc"])
    inside = ADDRESS_WITH_POSTAL.match(v["adres"])
    if inside and (not v["kod_pocztowy"] or v["kod_pocztowy"] == inside["code"]):
        v["adres"], v["kod_pocztowy"] = inside["street"].strip(" ,;"), inside["code"]
        v["miejscowosc"] = v["miejscowosc"] or inside["town"].strip()
        entry.columns.setdefault("kod_pocztowy", entry.columns.get("adres", 0))
        entry.columns.setdefault("miejscowosc", entry.columns.get("adres", 0))
    if v["podmiot_typ"]:
        v["podmiot_typ"] = operator_type(v["podmiot_typ"], columns, ctx) or v["podmiot_typ"]
    elif v["podmiot_nazwa"]:
        v["podmiot_typ"] = operator_type(v["podmiot_nazwa"], columns, ctx)
    entry.missing = [f for f in ctx.required if f not in FILLED_BY_IMPORT and not v.get(f)]
    return entry


def postal_and_town(text: str) -> tuple[str, str]:
    """ "28-300 Jędrzejów" -> ("28-300", "Jędrzejów"); a part not found is ""."""
    text = text.strip()
    for pattern in POSTAL_AND_TOWN:
        both = pattern.match(text)
        if both:
            return both["code"], both["town"].strip(" ,;")
    if POSTAL.fullmatch(text):
        return text, ""
    town = re.sub(r"[\d-]+", " ", text).strip(" ,;")  # a malformed code left out
    return "", " ".join(town.split()) if re.search(r"[^\W\d_]", town) else ""


def postal_and_town_example(entries: list[Entry]) -> str:
    """A combined cell of the sheet that holds both parts: the example in the sheet's format."""
    return next((e.combined for e in entries if all(postal_and_town(e.combined))),
                POSTAL_AND_TOWN_EXAMPLE)


def _combined_problem(entry: Entry, shown: str, example: str) -> Problem | None:
    """The parts of a "Kod pocztowy i miejscowość" cell that lack, said once on that cell."""
    column = entry.columns.get("kod_i_miejscowosc", 0)
    lacking = [n for n in COMBINED_PARTS if n in entry.missing and entry.columns.get(n) == column]
    if not column or not lacking:
        return None
    code_words = "kodu pocztowego" + (" w postaci 00-000" if re.search(r"\d", entry.combined)
                                      else "")
    lack = " i ".join(code_words if n == "kod_pocztowy" else "miejscowości" for n in lacking)
    found = f" – w komórce jest tylko „{entry.combined}”" if entry.combined else ""
    return problem("import-postal-and-town-incomplete", shown, entry.row, column,
                   EXTRA_TITLES["kod_i_miejscowosc"], lack=lack, found=found, example=example)


def row_problems(
    entry: Entry, ctx: Context, shown: str, example: str = POSTAL_AND_TOWN_EXAMPLE
) -> list[Problem]:
    """What blocks the row, and (a notice) what the club will be entered without.

    ``example`` is a "Kod pocztowy i miejscowość" value as the sheet writes it.
    """
    combined = _combined_problem(entry, shown, example)
    found = [combined] if combined else []
    for name in entry.missing:
        if combined and name in COMBINED_PARTS and entry.columns.get(name) == combined.column:
            continue  # said once, on the combined cell
        if name == "podmiot_typ" and "podmiot_nazwa" in entry.missing:
            continue  # follows from the operator's name, which is missing itself
        column = entry.columns.get(name, 0)
        title = ctx.titles[name]
        if name == "podmiot_typ" and entry.values["podmiot_nazwa"]:
            found.append(
                problem(
                    "import-operator-type-unknown",
                    shown,
                    entry.row,
                    entry.columns.get("podmiot_nazwa", 0),
                    title,
                    value=entry.values["podmiot_nazwa"],
                    choices=", ".join(ctx.operator_names),
                )
            )
            continue
        if column:
            fix = f"wpisz ją w arkuszu w kolumnie {column_letter(column)}"
        else:
            fix = f"dodaj w arkuszu kolumnę „{title}” z tą wartością"
        found.append(problem("import-value-missing", shown, entry.row, column, title, fix=fix))
    v = entry.values
    number, day = v["numer_certyfikatu"], v["data_certyfikatu"]
    if bool(number) != bool(day):
        # (what is given, accusative; what lacks, genitive; the field that lacks)
        have, lack, lacking = (
            ("numer certyfikatu", "daty wydania certyfikatu", "data_certyfikatu")
            if number
            else ("datę wydania certyfikatu", "numeru certyfikatu", "numer_certyfikatu")
        )
        found.append(
            problem(
                "import-certificate-incomplete",
                shown,
                entry.row,
                entry.columns.get(lacking, 0),
                ctx.titles[lacking],
                have=have,
                lack=lack,
            )
        )
    if not found:
        later = [f for f in LATER if not v.get(f) and (f != "krs" or v["podmiot_typ"] == NGO)]
        if later:
            names = [LATER[f] for f in later]
            found.append(
                problem(
                    "import-still-missing",
                    shown,
                    entry.row,
                    0,
                    value=entry.club_id or v["nazwa"],
                    fields=", ".join(names),
                )
            )
    return found


# --- ids and clubs already in the register -----------------------------------------------


def slug(text: str) -> str:
    return "-".join(fold(text).split())


def _fits(candidate: str) -> bool:
    return 3 <= len(candidate) <= ID_MAX and bool(ID_PATTERN.fullmatch(candidate))


def _trim(candidate: str) -> str:
    while len(candidate) > ID_MAX and "-" in candidate:
        candidate = candidate.rsplit("-", 1)[0]
    return candidate


def new_club_id(values: dict[str, str], taken: set[str]) -> str:
    """Town, then town + the name in quotes, town + street, town-2…: the register's style."""
    town = slug(values["miejscowosc"]) or "klub"
    quoted = QUOTED.search(values["nazwa"])
    street = STREET_PREFIX.sub("", values["adres"]).split(",")[0]
    street = re.sub(r"\s+\d.*$", "", street)
    candidates = [town]
    if quoted:
        candidates.append(f"{town}-{slug(quoted.group(1))}")
    if street:
        candidates.append(f"{town}-{slug(street)}")
    for candidate in (_trim(c) for c in candidates):
        if _fits(candidate) and candidate not in taken:
            return candidate
    number = 2
    while not _fits(f"{town}-{number}") or f"{town}-{number}" in taken:
        number += 1
    return f"{town}-{number}"


def _keys(values: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """How a club is recognised, as validation's duplicate warnings recognise it."""
    keys: dict[str, tuple[str, ...]] = {}
    name = club_key(values)
    if all(name):
        keys["name"] = name
    if values.get("numer_wpisu"):
        keys["number"] = (entry_number_key(values["numer_wpisu"]),)
    if values.get("klub_id"):
        keys["id"] = (values["klub_id"],)
    return keys


def _club(row: dict[str, str]) -> str:
    return ", ".join(f"„{v}”" if k == "nazwa" else v
                     for k, v in (("nazwa", row.get("nazwa", "")),
                                  ("miejscowosc", row.get("miejscowosc", ""))) if v)


def _matched(kinds: list[str], values: dict[str, str]) -> str:
    said = {
        "id": f"identyfikator „{values.get('klub_id', '')}”",
        "name": "nazwa, miejscowość i instytucja tworząca",
        "number": f"numer wpisu „{values.get('numer_wpisu', '')}”",
    }
    named = [said[k] for k in kinds]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " oraz " + named[-1]


def plan_rows(
    entries: list[Entry], clubs: Table, taken: set[str], shown: str
) -> tuple[list[Entry], list[Problem]]:
    """The entries to add, with ids; clubs already in the register and repeated rows left out.

    A row whose entry number belongs to a club of another name, town or operator is an error:
    two clubs cannot share the number, and which one is right only the office knows. Within
    the sheet, only a row of the same club (``club_key``) is a repeat; an entry number or id
    two different clubs share is an error naming both rows.
    """
    known: dict[tuple[str, tuple[str, ...]], dict[str, str]] = {}
    for row in clubs.rows:
        for kind, key in _keys(row).items():
            known.setdefault((kind, key), row)
    seen: dict[tuple[str, tuple[str, ...]], Entry] = {}
    taken = set(taken)
    added: list[Entry] = []
    found: list[Problem] = []
    for entry in entries:
        keys = _keys(entry.values)
        hits = {kind: known[(kind, key)] for kind, key in keys.items() if (kind, key) in known}
        same = hits.get("id") or hits.get("name")
        if same is not None:
            kinds = [k for k, row in hits.items() if row["klub_id"] == same["klub_id"]]
            found.append(problem("import-club-exists", shown, entry.row, 0,
                                 value=same["klub_id"], matched=_matched(kinds, entry.values)))
            continue
        if "number" in hits:
            other = hits["number"]
            found.append(problem(
                "import-entry-number-taken", shown, entry.row,
                entry.columns.get("numer_wpisu", 0), "numer_wpisu",
                value=entry.values["numer_wpisu"], other_id=other["klub_id"],
                other=_club(other), this=_club(entry.values)))
            continue
        earlier = [seen[(k, v)] for k, v in keys.items() if (k, v) in seen]
        same_club = next((e for e in earlier if _same_club(e.values, entry.values)), None)
        if same_club is not None:
            found.append(problem("import-duplicate-row", shown, entry.row, 0, other=same_club.row))
            continue
        shared = [(k, seen[(k, v)]) for k, v in keys.items() if (k, v) in seen]
        if shared:
            found += [_shared(kind, other, entry, shown) for kind, other in shared]
            continue
        seen.update({(k, v): entry for k, v in keys.items()})
        entry.club_id = entry.values.get("klub_id") or new_club_id(entry.values, taken)
        taken.add(entry.club_id)
        added.append(entry)
    return added, found


def _same_club(a: dict[str, str], b: dict[str, str]) -> bool:
    """Two rows of the sheet are one club: ``club_key`` agrees where both rows have a value."""
    ka, kb = club_key(a), club_key(b)
    return bool(ka[0]) and ka[0] == kb[0] and all(x == y or not x or not y for x, y in zip(
        ka[1:], kb[1:], strict=True))


def _shared(kind: str, other: Entry, entry: Entry, shown: str) -> Problem:
    """Rows ``other`` and ``entry``, different clubs, give the same entry number or id."""
    name = SHARED_FIELDS[kind]
    column = entry.columns.get(name, 0)
    return problem(SHARED_CODES[kind], shown, entry.row, column, name,
                   value=entry.values[name], letter=column_letter(column) if column else "?",
                   other=other.row, row=entry.row, other_club=_club(other.values),
                   this=_club(entry.values))


# --- the edge: read, copy, append, validate, replace -------------------------------------


@dataclass(frozen=True)
class Added:
    row: int
    club_id: str
    name: str
    certificate: str


@dataclass
class ImportOutcome:
    written: bool
    problems: list[Problem] = field(default_factory=list)  # sorted; notices too
    added: list[Added] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    sheet: str = ""  # name of the sheet read ("" for CSV)
    path: str = ""  # the spreadsheet as shown in problems
    header_rows: tuple[int, int] = (0, 0)  # 1-based first and last row of the header

    @property
    def valid(self) -> bool:
        return not any(p.blocking for p in self.problems)


def sheet_location(p: Problem, outcome: ImportOutcome) -> str:
    """Where ``p`` is: in the spreadsheet by row and column letter (arkusz.xlsx:6:E)."""
    if p.path != outcome.path or not p.column:
        return p.location()
    return f"{p.path}:{p.line}:{column_letter(p.column)}"


def _context(raw: RawRegister, clubs: Table, events: Table) -> Context:
    club_fields = {f["name"]: f for f in clubs.schema["fields"]}
    event_fields = {f["name"]: f for f in events.schema["fields"]}
    titles = {
        name: str(f.get("title", name))
        for name, f in club_fields.items()
        if name not in FILLED_BY_IMPORT
    } | EXTRA_TITLES
    operators = raw.table("typy-podmiotow")
    codes: dict[str, str] = {}
    names = []
    for row in operators.rows if operators else []:
        codes[fold(row["kod"])] = codes[fold(row["nazwa"])] = row["kod"]
        names.append(row["nazwa"])
    required = tuple(n for n, f in club_fields.items() if f.get("constraints", {}).get("required"))
    return Context(club_fields, event_fields, titles, codes, tuple(names), required)


def _voivodeships(raw: RawRegister) -> dict[str, str]:
    table = raw.table("wojewodztwa")
    return {r["slug"]: r["teryt"] for r in table.rows} if table else {}


def import_spreadsheet(
    path: Path,
    slug_: str,
    register: Path,
    as_of: date,
    *,
    mapping: Path | None = None,
    write: bool = True,
) -> ImportOutcome:
    """Import the clubs of the spreadsheet at ``path`` into voivodeship ``slug_``."""
    shown = display_path(path)
    raw = load_register(register)
    teryt = _voivodeships(raw)
    clubs, events = raw.table(f"kluby-{slug_}"), raw.table(f"zdarzenia-{slug_}")
    if slug_ not in teryt or clubs is None or events is None:
        return ImportOutcome(
            False,
            [
                problem(
                    "import-voivodeship-unknown",
                    shown,
                    value=slug_,
                    example=next(
                        iter(difflib.get_close_matches(slug_, sorted(teryt), 1)), "pomorskie"
                    ),
                )
            ],
        )
    ctx = _context(raw, clubs, events)
    columns, found = load_columns(ctx.titles, mapping)
    if columns is None:
        return ImportOutcome(False, found)
    try:
        sheets = read_sheets(path)
    except SheetError as err:
        return ImportOutcome(False, [problem(err.code, shown, **err.params)])
    headers = [(s, h) for s in sheets if (h := find_header(s, columns)) is not None]
    if not headers:
        examples = "„Nazwa klubu”, „Podmiot prowadzący”, „Adres”, „Kod pocztowy”, „Miejscowość”"
        return ImportOutcome(False, [problem("import-no-header", shown, examples=examples)])
    sheet, header = max(headers, key=lambda sh: len(set(sh[1].fields.values())))
    outcome = ImportOutcome(
        False,
        sheet=sheet.name,
        path=shown,
        header_rows=(header.first_row + 1, header.last_row + 1),
    )
    problems = _column_problems(header, shown, ctx)
    entries, notes = read_entries(sheet, header, ctx, columns, shown)
    problems += notes
    taken = {row["klub_id"] for table in raw.of_kind("kluby") for row in table.rows}
    added, found = plan_rows(entries, clubs, taken, shown)
    problems += found
    if not entries and not any(p.blocking for p in problems):
        problems.append(problem("import-no-clubs", shown, header.last_row + 1))
    example = postal_and_town_example(entries)
    for entry in added:
        problems += row_problems(entry, ctx, shown, example)
    if added and not any(p.blocking for p in problems if p.code not in ROW_CODES):
        edits = _edits(added, clubs, events, teryt[slug_])
        texts, unreadable = transaction.edited_texts(raw, edits)
        problems += unreadable
        if not unreadable:
            problems += _check_on_copy(register, raw, slug_, texts, edits, added, shown, as_of)
        outcome.changes = describe(edits, {clubs.path: clubs.display, events.path: events.display})
        if write and not any(p.blocking for p in problems):
            transaction.write_all(texts)
            outcome.written = True
    problems = [_in_sheet(p, header, shown) for p in problems]
    outcome.problems = sorted(problems, key=lambda p: (p.path != shown, p.line, p.column))
    outcome.added = [
        Added(e.row, e.club_id, e.values["nazwa"], e.values["numer_certyfikatu"]) for e in added
    ]
    return outcome


def _certified(entry: Entry) -> bool:
    return bool(entry.values["numer_certyfikatu"] and entry.values["data_certyfikatu"])


def _column_problems(header: Header, shown: str, ctx: Context) -> list[Problem]:
    found = []
    first: dict[str, int] = {}
    for c, name in sorted(header.fields.items()):
        if name in first:
            found.append(
                problem(
                    "import-duplicate-column",
                    shown,
                    header.first_row + 1,
                    c + 1,
                    first=f"{column_letter(first[name] + 1)} („{header.texts[first[name]]}”)",
                    second=f"{column_letter(c + 1)} („{header.texts[c]}”)",
                    field=ctx.titles.get(name, name),
                )
            )
        first.setdefault(name, c)
    if not {"numer_certyfikatu", "data_certyfikatu"} & set(header.fields.values()):
        found.append(problem("import-no-certificate-columns", shown, header.first_row + 1))
    for c in header.unknown:
        found.append(
            problem(
                "import-column-unknown", shown, header.first_row + 1, c + 1, value=header.texts[c]
            )
        )
    for c in header.personal:
        found.append(
            problem(
                "import-column-personal", shown, header.first_row + 1, c + 1, value=header.texts[c]
            )
        )
    return found


def _edits(entries: list[Entry], clubs: Table, events: Table, teryt: str) -> dict[Path, list[Edit]]:
    """Rows appended to kluby.csv and (for certificates) zdarzenia.csv, in sheet order."""
    edits: dict[Path, list[Edit]] = {clubs.path: []}
    for e in entries:
        values = {**e.values, "klub_id": e.club_id, "wojewodztwo": teryt}
        edits[clubs.path].append(
            Edit("append", tuple(values.get(n, "") for n in clubs.field_names))
        )
        if _certified(e):
            event = {
                "klub_id": e.club_id,
                "data": e.values["data_certyfikatu"],
                "typ": CERTIFICATE_EVENT,
                "numer_certyfikatu": e.values["numer_certyfikatu"],
            }
            edits.setdefault(events.path, []).append(
                Edit("append", tuple(event.get(n, "") for n in events.field_names))
            )
    return edits


def _appended(text: str, edits: list[Edit]) -> list[int]:
    """The line each of the ``edits`` (appended records) starts on in the new ``text``."""
    starts = sorted(csv_edit.record_spans(text))
    return starts[len(starts) - len(edits) :]


def _check_on_copy(
    register: Path,
    raw: RawRegister,
    slug_: str,
    texts: dict[Path, str],
    edits: dict[Path, list[Edit]],
    added: list[Entry],
    shown: str,
    as_of: date,
) -> list[Problem]:
    """Problems the import would bring, located in the spreadsheet."""
    clubs, events = raw.table(f"kluby-{slug_}"), raw.table(f"zdarzenia-{slug_}")
    assert clubs is not None and events is not None
    rows: dict[tuple[str, int], tuple[Entry, dict[str, str] | None]] = {}
    for target, owners, names in (
        (clubs.path, added, None),
        (events.path, [e for e in added if _certified(e)], EVENT_FIELDS),
    ):
        if target not in edits:
            continue
        lines = _appended(texts[target], edits[target])
        where = target.relative_to(register).as_posix()
        rows |= {(where, line): (e, names) for line, e in zip(lines, owners, strict=True)}
    missing = {(e.row, name) for e in added for name in e.missing}
    trial = transaction.check(register, texts, as_of)
    found: list[Problem] = []
    for p in trial.new:
        where = trial.where(p)
        found += _located(trial.relocate(p), where, rows, missing, shown, register)
    return found


def _located(
    p: Problem,
    where: str | None,
    rows: dict[tuple[str, int], Any],
    missing: set[tuple[int, str]],
    shown: str,
    register: Path,
) -> list[Problem]:
    """``p`` (already relocated to the real register) moved to the spreadsheet's row and column,
    with the register's check said as for a sheet (see ``IMPORT_CODES``)."""
    entry, names = rows.get((where, p.line), (None, None))
    if entry is None:
        return [replace(p, path=display_path(register / where) if where else p.path)]
    name = (names or {}).get(p.field, p.field)
    if p.code == "cell-required" and (entry.row, name) in missing:
        return []  # already said, with the sheet's column
    code = IMPORT_CODES.get(p.code, p.code)
    if name in DATE_FIELDS and ("RRRR-MM-DD" in p.message + p.hint):
        code = "import-date-invalid"
    params = {k: v for k, v in p.params.items() if k not in ("field", "label")}
    params.setdefault("value", entry.values.get(name, ""))
    return [problem(code, shown, entry.row, entry.columns.get(name, 0), name, **params)]


def _in_sheet(p: Problem, header: Header, shown: str) -> Problem:
    """A problem at a column of the sheet, named by the sheet's own header and column letter."""
    if p.path != shown or not p.column or p.code == "import-duplicate-column":
        return p
    letter = column_letter(p.column)
    text = header.texts.get(p.column - 1, "")
    if text and p.params.get("field") != text:
        params = {k: v for k, v in p.params.items() if k not in ("field", "label")}
        p = problem(p.code, p.path, p.line, p.column, text or p.field, **params)
    if re.search(rf"\bkolumn\w* {letter}\b", p.message + p.hint):
        return p
    named = f"„{text}”" if text and f"„{text}”" not in p.message else ""
    return replace(p, message=f"{p.message} (kolumna {letter}{' ' + named if named else ''})")
