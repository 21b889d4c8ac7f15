"""Compare two versions of the register: change records for ``kis diff`` (pure).

Raw rows are compared, not the model, so a summary can be made even when one side is invalid.
Rows are matched by their table's primary key (club id; club, event type and date; club and
service); statuses are derived from each side's events with
:func:`generator.register.status.standing`. Cells are compared as their table schema types them
(numbers as decimals, dates as dates), so a spreadsheet's ``49.6900`` → ``49.69`` is no change:
it is only noted once per file as a :class:`Rewritten`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from generator.register.load import RawRegister, Table
from generator.register.model import Event
from generator.register.status import Standing, standing

DATA_KINDS = ("kluby", "zdarzenia", "uslugi")
REFERENCE_PREFIXES = ("slowniki/", "schematy/", "granice/", "datapackage.yaml")
UNREADABLE = frozenset(
    {
        "file-empty",
        "file-too-large",
        "file-encoding-unknown",
        "file-delimiter",
        "file-binary",
        "file-csv-syntax",
        "file-unclosed-quote",
        "file-quote-inside",
        "header-column-renamed",
        "header-missing-column",
        "header-extra-column",
        "header-order",
        "header-duplicate",
    }
)


@dataclass(frozen=True)
class FieldChange:
    name: str
    title: str
    before: str
    after: str


@dataclass(frozen=True)
class Rewritten:
    """A data file whose values stayed equal though their text changed (first example)."""

    voivodeship: str  # folder slug
    kind: str  # "kluby" | "zdarzenia" | "uslugi"
    types: tuple[str, ...]  # schema types rewritten, in order found: "number", "date", ...
    before: str
    after: str

    @property
    def path(self) -> str:
        return f"wojewodztwa/{self.voivodeship}/{self.kind}.csv"


@dataclass(frozen=True)
class RowChange:
    """A row of kluby.csv, zdarzenia.csv or uslugi.csv added, removed or changed."""

    voivodeship: str  # folder slug
    kind: str  # "kluby" | "zdarzenia" | "uslugi"
    change: str  # "added" | "removed" | "changed"
    row: dict[str, str]  # the row after the change (before it, for a removed row)
    fields: tuple[FieldChange, ...] = ()

    @property
    def club_id(self) -> str:
        return self.row.get("klub_id", "")


@dataclass(frozen=True)
class StatusChange:
    voivodeship: str
    club_id: str
    before: Standing | None  # None: the club is new
    after: Standing


@dataclass(frozen=True)
class Labels:
    """Polish names for codes, taken from the reference tables (after the change first)."""

    voivodeships: dict[str, str]  # slug -> name, in TERYT order
    clubs: dict[str, str]  # club id -> club name
    events: dict[str, str]  # event type code -> name
    services: dict[str, str]  # service code -> name
    statuses: dict[str, str]  # status code -> name


@dataclass(frozen=True)
class Changes:
    as_of: date
    rows: tuple[RowChange, ...]
    statuses: tuple[StatusChange, ...]
    changed_files: tuple[str, ...]  # paths relative to the register folder
    unreadable: tuple[str, ...]  # data files either side could not be read in full
    labels: Labels
    touched: tuple[str, ...] = field(default=())  # voivodeship slugs whose folder changed
    rewritten: tuple[Rewritten, ...] = field(default=())  # equal values written differently

    @property
    def reference_files(self) -> tuple[str, ...]:
        return tuple(p for p in self.changed_files if p.startswith(REFERENCE_PREFIXES))

    @property
    def other_files(self) -> tuple[str, ...]:
        """Changed files that are neither data tables nor national reference files."""
        data = {f"wojewodztwa/{s}/{k}.csv" for s in self.labels.voivodeships for k in DATA_KINDS}
        return tuple(
            p for p in self.changed_files if p not in data and not p.startswith(REFERENCE_PREFIXES)
        )


def changed_files(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Paths whose content differs, or which exist on one side only (digest maps)."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def touched_voivodeships(paths: list[str] | tuple[str, ...]) -> list[str]:
    return sorted(
        {p.split("/")[1] for p in paths if p.startswith("wojewodztwa/") and p.count("/") >= 2}
    )


def compare(base: RawRegister, head: RawRegister, changed: list[str], as_of: date) -> Changes:
    """Everything that differs between ``base`` and ``head`` as change records."""
    labels = _labels(base, head)
    slugs = _slugs(base, head, labels)
    rows: list[RowChange] = []
    unreadable: list[str] = []
    rewritten: list[Rewritten] = []
    for slug in slugs:
        for kind in DATA_KINDS:
            resource = f"{kind}-{slug}"
            old, new = base.table(resource), head.table(resource)
            changes, notes = _diff_table(slug, kind, old, new)
            rows += changes
            if notes:
                first = notes[0]
                types = tuple(dict.fromkeys(t for t, _, _ in notes))
                rewritten.append(Rewritten(slug, kind, types, first[1], first[2]))
            if _unreadable(base, old) or _unreadable(head, new):
                unreadable.append(f"wojewodztwa/{slug}/{kind}.csv")
    return Changes(
        as_of=as_of,
        rows=tuple(rows),
        statuses=tuple(_status_changes(base, head, as_of)),
        changed_files=tuple(changed),
        unreadable=tuple(unreadable),
        labels=labels,
        touched=tuple(touched_voivodeships(changed)),
        rewritten=tuple(rewritten),
    )


def _codes(
    base: RawRegister, head: RawRegister, resource: str, key: str, value: str
) -> dict[str, str]:
    out: dict[str, str] = {}
    for raw in (head, base):
        table = raw.table(resource)
        for row in table.rows if table else []:
            out.setdefault(row.get(key, ""), row.get(value, ""))
    return out


def _labels(base: RawRegister, head: RawRegister) -> Labels:
    voiv: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for raw in (head, base):
        table = raw.table("wojewodztwa")
        for row in table.rows if table else []:
            if row.get("slug") and row["slug"] not in seen:
                seen.add(row["slug"])
                voiv.append((row.get("teryt", ""), row["slug"], row.get("nazwa") or row["slug"]))
    clubs: dict[str, str] = {}
    for raw in (head, base):
        for table in raw.of_kind("kluby"):
            for row in table.rows:
                clubs.setdefault(row["klub_id"], row["nazwa"])
    return Labels(
        voivodeships={slug: name for _, slug, name in sorted(voiv)},
        clubs=clubs,
        events=_codes(base, head, "typy-zdarzen", "kod", "nazwa"),
        services=_codes(base, head, "katalog-uslug", "kod", "nazwa"),
        statuses=_codes(base, head, "statusy", "kod", "nazwa"),
    )


def _slugs(base: RawRegister, head: RawRegister, labels: Labels) -> list[str]:
    """Known voivodeships in TERYT order, then any other data folder alphabetically."""
    found = {
        t.voivodeship
        for raw in (base, head)
        for t in raw.tables.values()
        if t.voivodeship and t.kind in DATA_KINDS
    }
    known = [s for s in labels.voivodeships if s in found]
    return known + sorted(found - set(known))


def _unreadable(raw: RawRegister, table: Table | None) -> bool:
    if table is None:
        return False
    return any(p.path == table.display and p.code in UNREADABLE for p in raw.problems)


def _key_fields(old: Table | None, new: Table | None) -> list[str]:
    schema = (new or old).schema if (new or old) else {}
    key = schema.get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def _keyed(
    table: Table | None, key: list[str], types: dict[str, str]
) -> dict[tuple[object, ...], dict[str, str]]:
    """Rows by typed primary key; a repeated key keeps its first row (the validator reports it)."""
    out: dict[tuple[object, ...], dict[str, str]] = {}
    for row in table.rows if table else []:
        out.setdefault(tuple(typed(row.get(k, ""), types.get(k, "")) for k in key), row)
    return out


def _types(old: Table | None, new: Table | None) -> dict[str, str]:
    """Each field's schema type (``number``, ``date``, ``string``…), after the change first."""
    types: dict[str, str] = {}
    for table in (new, old):
        for f in table.schema.get("fields", []) if table else []:
            types.setdefault(f["name"], str(f.get("type") or "string"))
    return types


def typed(value: str, kind: str) -> Any:
    """``value`` as its schema type makes it comparable; the text itself when it does not parse.

    Numbers are :class:`~decimal.Decimal` (exact: ``49.6900`` equals ``49.69``, no float rounding),
    dates are :class:`~datetime.date`; everything else compares as written.
    """
    try:
        if kind in ("number", "integer"):
            number = Decimal(value)
            plain = value.strip() == value and "_" not in value  # as a CSV reader reads it
            return number if number.is_finite() and plain else value
        if kind == "date":
            return date.fromisoformat(value) if len(value) == 10 else value
    except (InvalidOperation, ValueError):
        pass
    return value


def _titles(old: Table | None, new: Table | None) -> dict[str, str]:
    titles: dict[str, str] = {}
    for table in (new, old):
        for f in table.schema.get("fields", []) if table else []:
            titles.setdefault(f["name"], f.get("title") or f["name"])
    return titles


def _diff_table(
    slug: str, kind: str, old: Table | None, new: Table | None
) -> tuple[list[RowChange], list[tuple[str, str, str]]]:
    """Row changes, and the cells whose text changed but not their value (type, before, after)."""
    if old is None and new is None:
        return [], []
    key, types = _key_fields(old, new), _types(old, new)
    before, after = _keyed(old, key, types), _keyed(new, key, types)
    titles = _titles(old, new)
    out: list[RowChange] = []
    rewritten: list[tuple[str, str, str]] = []
    for k, row in after.items():
        if k not in before:
            out.append(RowChange(slug, kind, "added", row))
            continue
        fields: list[FieldChange] = []
        for name in titles:
            was, now = before[k].get(name, ""), row.get(name, "")
            if was == now:
                continue
            if typed(was, types.get(name, "")) == typed(now, types.get(name, "")):
                rewritten.append((types.get(name, ""), was, now))
            else:
                fields.append(FieldChange(name, titles.get(name, name), was, now))
        if fields:
            out.append(RowChange(slug, kind, "changed", row, tuple(fields)))
    out += [RowChange(slug, kind, "removed", row) for k, row in before.items() if k not in after]
    return out, rewritten


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def club_events(raw: RawRegister) -> dict[str, list[Event]]:
    """Each club's events in date order (file order breaks ties); unreadable dates skipped."""
    events: dict[str, list[Event]] = defaultdict(list)
    for table in raw.of_kind("zdarzenia"):
        for row in table.rows:
            day = _parse_date(row.get("data", ""))
            if day is not None:
                events[row["klub_id"]].append(
                    Event(
                        row["klub_id"],
                        day,
                        row.get("typ", ""),
                        row.get("numer_certyfikatu") or None,
                    )
                )
    return {club: sorted(found, key=lambda e: e.date) for club, found in events.items()}


def _club_homes(raw: RawRegister) -> dict[str, str]:
    homes: dict[str, str] = {}
    for table in raw.of_kind("kluby"):
        for row in table.rows:
            homes.setdefault(row["klub_id"], table.voivodeship or "")
    return homes


def _status_changes(base: RawRegister, head: RawRegister, as_of: date) -> list[StatusChange]:
    old_homes, new_homes = _club_homes(base), _club_homes(head)
    old_events, new_events = club_events(base), club_events(head)
    out: list[StatusChange] = []
    for club, slug in new_homes.items():
        after = standing(new_events.get(club, []), as_of)
        before = standing(old_events.get(club, []), as_of) if club in old_homes else None
        if before != after:
            out.append(StatusChange(slug, club, before, after))
    return out
