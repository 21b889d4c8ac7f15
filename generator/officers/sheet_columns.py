"""Column names of an office's spreadsheet: where the header row is and what each column means.

Pure. Headers are compared as :func:`header_key` gives them (no case, Polish diacritics,
punctuation, spacing, text in parentheses or the word "KIS"), against the names in
``import_columns.yaml`` and the office's own mapping file. A two-level header ("Certyfikat KIS"
over "Nr" and "Data wydania") is read as "upper lower".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from generator import polish
from generator.officers.sheet_reader import Cell, Sheet
from generator.problems import Problem, problem
from generator.register import yaml_text
from generator.register.load import display_path
from generator.resources import IMPORT_COLUMNS

COLUMNS_FILE = IMPORT_COLUMNS
HEADER_SEARCH_ROWS = 30


def fold(text: str) -> str:
    """Lower case without diacritics, words of letters and digits: how texts are compared."""
    return polish.fold(text)


def header_key(text: str, keep_notes: bool = False) -> str:
    """A header as compared: folded, without the word "KIS" and text in parentheses.

    With ``keep_notes`` the words in parentheses stay: the names listed in the mapping are
    keyed so, and a header is tried with them first ("Rodzaj instytucji tworzącej (nazwa)" is
    not "Rodzaj instytucji tworzącej"), then without ("Kod pocztowy (NN-NNN)").
    """
    if not keep_notes:
        text = re.sub(r"\([^)]*\)", " ", text)
    return " ".join(w for w in fold(text).split() if w != "kis")


def _key(text: str) -> str:
    return header_key(text, keep_notes=True)


# --- column names ------------------------------------------------------------------------


@dataclass(frozen=True)
class Columns:
    """What column headers mean."""

    fields: dict[str, str]  # header key -> field
    ignored: frozenset[str]
    personal: frozenset[str]
    operator_kinds: tuple[tuple[str, tuple[str, ...]], ...]  # (podmiot_typ, folded words)

    def kind(self, header: str) -> tuple[str, str]:
        """("field", name), ("ignored", ""), ("personal", "") or ("unknown", "")."""
        for key in dict.fromkeys((_key(header), header_key(header))):
            if key in self.fields:
                return "field", self.fields[key]
            if key in self.personal:
                return "personal", ""
            if key in self.ignored:
                return "ignored", ""
        return "unknown", ""


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return [str(v) for v in value]
    return None


def load_columns(
    titles: dict[str, str], extra: Path | None = None
) -> tuple[Columns | None, list[Problem]]:
    """The shipped header names, with an office's mapping file (``extra``) on top."""
    data = yaml.safe_load(COLUMNS_FILE.read_text(encoding="utf-8"))
    fields = {_key(h): name for name, headers in data["kolumny"].items() for h in headers}
    fields.update({_key(title): name for name, title in titles.items()})
    ignored = {_key(h) for h in data["pomijane"]}
    personal = {_key(h) for h in data["dane_osobowe"]}
    kinds = tuple(
        (code, tuple(fold(w) for w in words)) for code, words in data["rodzaje_podmiotow"].items()
    )
    if extra is not None:
        found = _office_mapping(extra, titles, fields, ignored, personal)
        if found:
            return None, found
    return Columns(fields, frozenset(ignored), frozenset(personal), kinds), []


def _office_mapping(
    path: Path,
    titles: dict[str, str],
    fields: dict[str, str],
    ignored: set[str],
    personal: set[str],
) -> list[Problem]:
    shown = display_path(path)

    def invalid(detail: str, line: int = 0) -> list[Problem]:
        return [problem("import-mapping-invalid", shown, line, detail=detail)]

    try:
        data = yaml_text.load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return invalid("nie ma takiego pliku")
    except yaml_text.YamlAliasError as err:  # an alias bomb would expand to gigabytes
        line = err.problem_mark.line + 1 if err.problem_mark else 0
        return invalid(f"kotwice i odwołania YAML („{err.kind}{err.name}”) są niedozwolone; "
                       "wpisz wartości wprost", line)
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else 0
        return invalid("błąd składni YAML (sprawdź wcięcia i dwukropki)", line)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return invalid("nie da się go odczytać jako tekstu YAML w UTF-8")
    if not isinstance(data, dict) or not set(data) <= {"kolumny", "pomijane", "dane_osobowe"}:
        return invalid("dozwolone klucze to „kolumny”, „pomijane” i „dane_osobowe”")
    by_title = {fold(t): n for n, t in titles.items()} | {fold(n): n for n in titles}
    mapped = data.get("kolumny") or {}
    if not isinstance(mapped, dict):
        return invalid("pod „kolumny:” wpisz wiersze „nagłówek: pole”")
    for header, target in mapped.items():
        name = by_title.get(fold(str(target)))
        if name is None:
            return invalid(f"„{target}” (przy kolumnie „{header}”) nie jest polem rejestru")
        key = _key(str(header))
        fields[key] = name
        ignored.discard(key)
        personal.discard(key)
    for key, into in (("pomijane", ignored), ("dane_osobowe", personal)):
        listed = _strings(data.get(key) or [])
        if listed is None:
            return invalid(f"„{key}” musi być listą nazw kolumn")
        for header in listed:
            into.add(_key(header))
            fields.pop(_key(header), None)
    return []


# --- the header --------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    last_row: int  # 0-based index of the header's last row (two-level headers have two)
    first_row: int
    fields: dict[int, str]  # 0-based column -> field
    texts: dict[int, str]  # 0-based column -> header as written
    unknown: tuple[int, ...] = ()
    personal: tuple[int, ...] = ()


def cell_text(cell: Cell) -> str:
    """A cell as text: whole numbers without ".0", dates ISO, whitespace collapsed."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "tak" if cell else "nie"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return " ".join(str(cell).split())


def _left(texts: list[str], column: int) -> str:
    """The nearest non-empty header to the left: the title of a merged upper header."""
    return next((texts[c] for c in range(min(column, len(texts)) - 1, -1, -1) if texts[c]), "")


def _lower_row(top: list[str], below: list[str], columns: Columns) -> bool:
    """Is ``below`` the lower row of a two-level header under ``top``?

    Only when ``top`` is itself a row of column names (a title above the header is not).
    """
    if not any(columns.kind(text)[0] != "unknown" for text in top if text):
        return False
    own = [c for c, text in enumerate(below) if text and text != (top[c] if c < len(top) else "")]
    if not own:
        return False
    kinds = []
    for c in own:
        parent = (top[c] if c < len(top) else "") or _left(top, c)
        kind = columns.kind(f"{parent} {below[c]}")
        kinds.append(kind if kind[0] != "unknown" else columns.kind(below[c]))
    return all(k[0] != "unknown" for k in kinds) and any(k[0] == "field" for k in kinds)


def _header_at(rows: list[list[Cell]], r: int, columns: Columns) -> Header:
    top = [cell_text(c) for c in rows[r]]
    below = [cell_text(c) for c in rows[r + 1]] if r + 1 < len(rows) else []
    two = _lower_row(top, below, columns)
    fields: dict[int, str] = {}
    texts: dict[int, str] = {}
    unknown: list[int] = []
    personal: list[int] = []
    for c in range(max(len(top), len(below) if two else 0)):
        upper = top[c] if c < len(top) else ""
        lower = below[c] if two and c < len(below) and below[c] != upper else ""
        if lower:
            parent = upper or _left(top, c)
            kind = columns.kind(f"{parent} {lower}")
            if kind[0] == "unknown":
                kind = columns.kind(lower)
            written = f"{parent} – {lower}" if parent else lower
        else:
            kind, written = columns.kind(upper), upper
        if not written:
            continue
        texts[c] = written
        if kind[0] == "field":
            fields[c] = kind[1]
        elif kind[0] == "unknown":
            unknown.append(c)
        elif kind[0] == "personal":
            personal.append(c)
    last = r + 1 if two else r
    return Header(last, r, fields, texts, tuple(unknown), tuple(personal))


def find_header(sheet: Sheet, columns: Columns) -> Header | None:
    """The row of column names that names the most fields, the club's name among them."""
    best: Header | None = None
    for r in range(min(len(sheet.rows), HEADER_SEARCH_ROWS)):
        found = _header_at(sheet.rows, r, columns)
        named = set(found.fields.values())
        if (
            "nazwa" in named
            and len(named) >= 2
            and (best is None or len(named) > len(set(best.fields.values())))
        ):
            best = found
    return best


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
