"""Every code and club reference resolves (foreign keys, with helpful messages)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.problems import Problem, problem
from generator.register.load import RawRegister, Table
from generator.register.status import STATUS_CODES
from generator.validation.rules import Context

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
        if raw.table(resource) is None:
            continue
        known = codes(raw, resource, ref_column)
        known_set = set(known)
        examples = ", ".join(known[:3])
        for table in raw.of_kind(kind):
            col = table.column(column)
            for row, line in zip(table.rows, table.lines, strict=True):
                value = row[column]
                if value and value not in known_set:
                    yield problem("cell-reference", table.display, line, col, column,
                                  value=value, table=shown_table, examples=examples)
    yield from _club_references(raw)
    yield from _event_type_codes(raw)
    yield from _status_codes(raw)


def _club_references(raw: RawRegister) -> Iterator[Problem]:
    index = club_index(raw)
    with_events: set[str] = set()
    for kind in ("zdarzenia", "uslugi"):
        for table in raw.of_kind(kind):
            own = {r["klub_id"] for r in _clubs_of(raw, table.voivodeship)}
            col = table.column("klub_id")
            for row, line in zip(table.rows, table.lines, strict=True):
                club = row["klub_id"]
                if club in own:
                    if kind == "zdarzenia":
                        with_events.add(club)
                    continue
                if club in index:
                    other = index[club][0]
                    yield problem("club-other-voivodeship", table.display, line, col, "klub_id",
                                  value=club, other=other, folder=table.voivodeship,
                                  expected=f"wojewodztwa/{other}/{kind}.csv")
                elif club:
                    yield problem("club-unknown", table.display, line, col, "klub_id",
                                  value=club, expected=f"wojewodztwa/{table.voivodeship}/kluby.csv")
    for table in raw.of_kind("kluby"):
        events = raw.table(f"zdarzenia-{table.voivodeship}")
        if events is None or (not events.clean and not events.rows):
            continue
        for row, line in zip(table.rows, table.lines, strict=True):
            if row["klub_id"] not in with_events:
                yield problem("club-no-events", table.display, line, 1, "klub_id",
                              value=row["klub_id"])


def _clubs_of(raw: RawRegister, slug: str | None) -> list[dict[str, str]]:
    table = raw.table(f"kluby-{slug}")
    return table.rows if table else []


def _event_type_codes(raw: RawRegister) -> Iterator[Problem]:
    table = raw.table("typy-zdarzen")
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
    table: Table | None = raw.table("statusy")
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
