"""Every code and club reference resolves (foreign keys, with helpful messages)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from generator import polish
from generator.problems import Problem, problem
from generator.register.load import RawRegister, Table
from generator.register.status import STATUS_CODES
from generator.validation.rules import Context, complete

# (table kind, column) -> (reference resource, reference column, table file shown to the user)
CODE_REFERENCES = {
    ("kluby", "wojewodztwo"): ("wojewodztwa", "teryt", "slowniki/wojewodztwa.csv"),
    ("kluby", "podmiot_typ"): ("typy-podmiotow", "kod", "slowniki/typy_podmiotow.csv"),
    ("zdarzenia", "typ"): ("typy-zdarzen", "kod", "slowniki/typy_zdarzen.csv"),
    ("uslugi", "usluga"): ("katalog-uslug", "kod", "slowniki/katalog_uslug.csv"),
    ("kryteria", "grupa"): ("grupy-kryteriow", "kod", "slowniki/grupy_kryteriow.csv"),
    ("kryteria", "usluga"): ("katalog-uslug", "kod", "slowniki/katalog_uslug.csv"),
}


def codes(raw: RawRegister, resource: str, column: str) -> list[str]:
    table = raw.table(resource)
    return [r[column] for r in table.rows] if table else []


def club_index(raw: RawRegister) -> dict[str, tuple[str, str, int]]:
    """club id -> (voivodeship folder, file shown, line) of its first definition."""
    index: dict[str, tuple[str, str, int]] = {}
    for table in raw.of_kind("kluby"):
        for row, line in zip(table.rows, table.lines, strict=True):
            index.setdefault(row["klub_id"], (table.voivodeship or "", table.display, line))
    return index


def check_references(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    for (kind, column), (resource, ref_column, shown_table) in CODE_REFERENCES.items():
        if complete(raw, resource) is None:
            continue  # missing or unreadable: reported once, by the loader or the package check
        known = codes(raw, resource, ref_column)
        known_set = set(known)
        examples = ", ".join(known[:3])
        for table in raw.of_kind(kind):
            col = table.column(column)
            for row, line in zip(table.rows, table.lines, strict=True):
                value = row[column]
                if value and value not in known_set:
                    meant = closest_code(value, known)
                    if meant:
                        yield problem("cell-reference-close", table.display, line, col, column,
                                      value=value, table=shown_table, proposal=meant)
                    else:
                        yield problem("cell-reference", table.display, line, col, column,
                                      value=value, table=shown_table, examples=examples)
    yield from _club_references(raw)
    yield from _event_type_codes(raw)
    yield from _status_codes(raw)


def _folded(text: str) -> str:
    """A code as compared: „Wniosek przyjęty” → ``wniosek_przyjety``."""
    return polish.fold(text, "_")


def closest_code(value: str, known: list[str]) -> str | None:
    """The one code ``value`` was surely meant to be: the same when folded, or one typo away.

    None when no code or more than one is that close, so that a proposal never changes meaning
    (wniosek_przyjety is not proposed as wniosek_odrzucony).
    """
    same = [code for code in known if _folded(code) == _folded(value)]
    if len(same) == 1:
        return same[0]
    close = [code for code in known
             if difflib.SequenceMatcher(None, _folded(value), code).ratio() >= 0.9]
    return close[0] if len(close) == 1 else None


def keys_well_formed(table: Table, column: str) -> bool:
    """Every value of a key column is unique and of the form its schema requires.

    When one is not (reported by the schema check), references into the table are not resolved:
    the events of a club whose id was mistyped are not reported as events of an unknown club.
    """
    cons = table.field_def(column).get("constraints", {})
    pattern = re.compile(cons.get("pattern", ".*"))
    values = [r[column] for r in table.rows]
    return len(set(values)) == len(values) and all(
        pattern.fullmatch(v) and cons.get("minLength", 0) <= len(v) <= cons.get("maxLength", len(v))
        for v in values)


def _club_references(raw: RawRegister) -> Iterator[Problem]:
    """Events and services name a club of their own voivodeship.

    A club without events is valid: it is in the voivode's register but has not applied for a
    certificate (status „bez certyfikatu”).
    """
    index = club_index(raw)
    for kind in ("zdarzenia", "uslugi"):
        for table in raw.of_kind(kind):
            clubs = complete(raw, f"kluby-{table.voivodeship}")
            if clubs is None or not keys_well_formed(clubs, "klub_id"):
                continue  # its clubs file is unreadable or has a broken id: reported once already
            own = {r["klub_id"] for r in clubs.rows}
            col = table.column("klub_id")
            for row, line in zip(table.rows, table.lines, strict=True):
                club = row["klub_id"]
                if club in own:
                    continue
                if club in index:
                    other = index[club][0]
                    yield problem("club-other-voivodeship", table.display, line, col, "klub_id",
                                  value=club, other=other, folder=table.voivodeship,
                                  expected=f"wojewodztwa/{other}/{kind}.csv")
                elif club:
                    yield problem("club-unknown", table.display, line, col, "klub_id",
                                  value=club, expected=f"wojewodztwa/{table.voivodeship}/kluby.csv")


def _event_type_codes(raw: RawRegister) -> Iterator[Problem]:
    table = complete(raw, "typy-zdarzen")
    if table is None:
        return
    known = {r["kod"] for r in table.rows} | {"start"}
    col = table.column("dozwolone_po")
    for row, line in zip(table.rows, table.lines, strict=True):
        for code in row["dozwolone_po"].split():
            if code not in known:
                yield problem("reference-unknown-code", table.display, line, col, "dozwolone_po",
                              value=code, table="typy_zdarzen.csv")


def _status_codes(raw: RawRegister) -> Iterator[Problem]:
    table: Table | None = complete(raw, "statusy")
    if table is None or not table.rows:
        return
    found = {r["kod"] for r in table.rows}
    missing = sorted(set(STATUS_CODES) - found)
    extra = sorted(found - set(STATUS_CODES))
    if missing or extra:
        detail = "; ".join(filter(None, [
            f"brakuje: {', '.join(missing)}" if missing else "",
            f"nieznane: {', '.join(extra)}" if extra else "",
        ]))
        yield problem("reference-status-codes", table.display, detail=detail)


# reference table -> how many rows the site needs: (least, most); None = no upper bound
ROW_COUNTS = {"jednostka-odwolawcza": (1, 1), "wojewodztwa": (1, None), "typy-podmiotow": (1, None),
              "katalog-uslug": (1, None), "typy-zdarzen": (1, None), "statusy": (1, None)}


def check_reference_rows(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    """A reference table has as many rows as the site needs (the appeal unit is one row)."""
    for resource, (least, most) in ROW_COUNTS.items():
        table = complete(raw, resource)
        if table is None:
            continue  # missing or unreadable: reported once where it is read
        count = len(table.rows)
        if count < least or (most is not None and count > most):
            expected = polish.count(least, "wiersz")
            yield problem("reference-table-rows", table.display, 0, 0,
                          rows=polish.count(count, "wiersz"),
                          expected=expected if least == most else f"co najmniej {expected}")
