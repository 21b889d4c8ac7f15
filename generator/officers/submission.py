"""Turn an issue filed with the form "Zmiana w rejestrze" into edits of the register's CSV files.

GitHub renders an issue form as ``### Label`` sections with the value below (``_No response_``
when empty). :func:`read_request` checks the answers and maps them to columns, :func:`plan`
turns a request into minimal CSV edits (both pure); :func:`submit` applies them to a copy of the
register, validates it and only then replaces the real files.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from generator.officers import csv_edit, event_lines, issue_form, transaction
from generator.officers.csv_edit import Edit
from generator.officers.form_problems import form_problem, translate
from generator.officers.issue_form import CLEAR, EVENTS, EVENTS_LABEL, KINDS, FormField
from generator.polish import count, fold, plural
from generator.problems import Problem
from generator.register import identifiers
from generator.register.load import RawRegister, Table, display_path, load_register
from generator.register.model import Event as RegisterEvent
from generator.register.spreadsheet import normalise_cell
from generator.register.status import standing

SECTION = re.compile(r"^###[ \t]+(.+?)[ \t]*$", re.MULTILINE)
NO_RESPONSE = "_No response_"
CHECKED = re.compile(r"^- \[[xX]\] ", re.MULTILINE)
SOURCE = "zgłoszenie"  # how the issue is named in messages when it has no file name
# change kind -> form targets it may fill: a table name allows all of its columns
ALLOWED = {
    "nowy_klub": ("kluby", EVENTS, "uslugi"),
    "zmiana_danych": ("kluby",),
    "zdarzenie": (EVENTS,),
    "usluga": ("uslugi",),
    "wykreslenie": (EVENTS,),
}
REQUIRED = {
    "zdarzenie": (EVENTS,),
    "usluga": ("uslugi.usluga",),
    "wykreslenie": (EVENTS,),
}
STRIKE_OFF = "klub_wykreslony"
URL_COLUMNS = ("kluby.www",)  # addresses the form completes with https:// when typed without


@dataclass(frozen=True)
class Event:
    """One event of the request, with where it was typed (line of the text area and the body)."""

    day: str
    kind: str
    number: str = ""
    notes: str = ""
    item: int = 0
    line: int = 0

    def values(self, club: str) -> tuple[str, ...]:
        return (club, self.day, self.kind, self.number, self.notes)


@dataclass(frozen=True)
class Request:
    """A checked register change: codes instead of names, ISO dates."""

    kind: str  # key of issue_form.KINDS
    voivodeship: str  # folder slug
    club_id: str
    values: dict[str, str]  # "<table>.<column>" -> value; CLEAR empties a column
    services: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    notices: tuple[Problem, ...] = ()  # what the form completed on its own (said in the reply)


@dataclass
class Outcome:
    applied: bool
    errors: list[Problem] = field(default_factory=list)  # the request itself is wrong
    problems: list[Problem] = field(default_factory=list)  # the changed register would be invalid
    warnings: list[Problem] = field(default_factory=list)  # worth a look, not blocking
    changes: list[str] = field(default_factory=list)  # what was (or would be) written
    request: Request | None = None
    files: list[Path] = field(default_factory=list)  # the files written (or to be written)
    status: str = ""  # the club's status after the change, in Polish

    @property
    def accepted(self) -> bool:
        return not self.errors and not self.problems


@dataclass(frozen=True)
class Answers:
    """The issue's answers by label, and the body line where each answer starts."""

    values: dict[str, str]
    lines: dict[str, int]
    source: str = SOURCE
    repeated: dict[str, list[int]] = field(default_factory=dict)  # label -> lines of its repeats

    def line(self, label: str, item: int = 0) -> int:
        start = self.lines.get(label, 0)
        return start + item - 1 if start and item else start


def read_answers(text: str, source: str = SOURCE) -> Answers:
    """Issue body -> answers by label ('' for an empty answer) with their lines."""
    text = text.replace("\r\n", "\n")
    found = list(SECTION.finditer(text))
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    repeated: dict[str, list[int]] = {}
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        chunk = text[match.end() : end]
        value = chunk.strip()
        label = match.group(1).strip()
        if label in values:  # never "first wins": read_request rejects a repeated field
            repeated.setdefault(label, []).append(text.count("\n", 0, match.start()) + 1)
            continue
        values[label] = "" if value == NO_RESPONSE else value
        leading = len(chunk) - len(chunk.lstrip())
        lines[label] = text.count("\n", 0, match.end() + leading) + 1
    return Answers(values, lines, source, repeated)


def parse_body(text: str) -> dict[str, str]:
    """Issue body -> label -> answer ('' for an empty answer)."""
    return read_answers(text).values


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _allowed(kind: str, target: str) -> bool:
    return any(target == a or target.startswith(a + ".") for a in ALLOWED[kind])


def _field_specs(raw: RawRegister) -> dict[str, dict[str, Any]]:
    """"<table>.<column>" -> its Table Schema field."""
    specs: dict[str, dict[str, Any]] = {}
    for kind in ("kluby", "zdarzenia", "uslugi"):
        table = next(iter(raw.of_kind(kind)), None)
        for spec in table.schema.get("fields", []) if table else []:
            specs[f"{kind}.{spec['name']}"] = spec
    return specs


def _required_club_columns(raw: RawRegister) -> list[str]:
    table = next(iter(raw.of_kind("kluby")), None)
    specs = table.schema.get("fields", []) if table else []
    return [f"kluby.{s['name']}" for s in specs if s.get("constraints", {}).get("required")]


def club_homes(raw: RawRegister) -> dict[str, str]:
    """Club id -> voivodeship folder of its row in kluby.csv."""
    homes: dict[str, str] = {}
    for table in raw.of_kind("kluby"):
        for row in table.rows:
            homes.setdefault(row["klub_id"], table.voivodeship or "")
    return homes


def _quoted(items: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"„{i}”" for i in items)


class _Reader:
    """Reads one issue's answers against the form and the register, collecting problems."""

    def __init__(self, answers: Answers, raw: RawRegister) -> None:
        self.answers = answers
        self.raw = raw
        self.form = issue_form.fields(raw)
        self.errors: list[Problem] = []
        self.notices: list[Problem] = []
        self.unreadable: set[str] = set()  # targets whose answer was given but is wrong

    def error(self, code: str, label: str = "", item: int = 0, **params: object) -> None:
        line = self.answers.line(label, item) if label else 0
        self.errors.append(
            form_problem(
                code, source=self.answers.source, label=label, item=item, line=line, **params
            )
        )

    def notice(self, code: str, label: str, **params: object) -> None:
        line = self.answers.line(label)
        self.notices.append(
            form_problem(code, source=self.answers.source, label=label, line=line, **params)
        )

    def choice(self, f: FormField, value: str, codes: dict[str, str]) -> str | None:
        """A dropdown answer -> its code (names and codes both accepted)."""
        lowered = {k.casefold(): v for k, v in codes.items()}
        lowered.update({v.casefold(): v for v in codes.values()})
        code = lowered.get(value.casefold())
        if code is None:
            self.unreadable.add(f.target)
            self.error("form-choice-unknown", f.label, value=value, allowed=_quoted(list(codes)))
        return code


def read_request(
    answers: dict[str, str] | Answers, raw: RawRegister
) -> tuple[Request | None, list[Problem]]:
    """Check the answers against the form and the register; problems in the form's words."""
    given = answers if isinstance(answers, Answers) else Answers(answers, {})
    reader = _Reader(given, raw)
    form = reader.form
    by_target = {f.target: f for f in form}
    unknown = [label for label in given.values if label not in {f.label for f in form}]
    if unknown:
        reader.error("form-unknown-fields", fields=_quoted(unknown))
    for label, repeats in given.repeated.items():
        reader.errors.append(form_problem(
            "form-duplicate-section", source=given.source, label=label, line=repeats[0],
            times=len(repeats) + 1,
        ))
    answer = {f.target: given.values.get(f.label, "") for f in form}
    kind_label = _one_line(answer["kind"])
    kind = {v: k for k, v in KINDS.items()}.get(kind_label)
    if not kind_label:
        reader.error("form-not-a-form")
    elif kind is None:
        reader.error(
            "form-unknown-kind",
            by_target["kind"].label,
            value=kind_label,
            allowed=_quoted(list(KINDS.values())),
        )
    if not CHECKED.search(answer["consent"]):
        reader.error("form-no-consent", by_target["consent"].label)
    names = issue_form.voivodeship_names(raw)
    voiv_label = _one_line(answer["voivodeship"])
    slug = None
    if not voiv_label:
        reader.error("form-no-voivodeship", by_target["voivodeship"].label)
    else:
        lowered = {k.casefold(): v for k, v in names.items()} | {v: v for v in names.values()}
        slug = lowered.get(voiv_label.casefold())
        if slug is None:
            reader.error(
                "form-unknown-voivodeship",
                by_target["voivodeship"].label,
                value=voiv_label,
                allowed=", ".join(names),
            )
    club = _one_line(answer["club_id"])
    if not club:
        reader.error("form-no-club-id", by_target["club_id"].label)
    if kind is None:
        return None, reader.errors
    values, services, events = _values(reader, kind, answer)
    _club_errors(reader, kind, club, slug)
    if kind == "usluga" and slug and club:
        _service_duplicates(reader, slug, club, services)
    if not reader.errors and kind == "zmiana_danych" and slug:
        _unchanged(reader, slug, club, values)
    if reader.errors:
        return None, reader.errors
    assert slug is not None
    request = Request(kind, slug, club, values, services, tuple(events), tuple(reader.notices))
    return request, []


def _unchanged(reader: _Reader, slug: str, club: str, values: dict[str, str]) -> None:
    table = reader.raw.table(f"kluby-{slug}")
    row = next((r for r in table.rows if r["klub_id"] == club), {}) if table else {}
    for target, value in values.items():
        if row.get(target.split(".", 1)[1], "") != ("" if value == CLEAR else value):
            return
    reader.error("form-unchanged")


def _events(reader: _Reader, kind: str, f: FormField, text: str) -> list[Event]:
    names = issue_form.event_names(reader.raw)
    default = STRIKE_OFF if kind == "wykreslenie" else None
    lines, problems = event_lines.read(text, event_lines.EventTypes(names), default)
    if problems:
        reader.unreadable.add(f.target)
    for bad in problems:
        params = dict(bad.params)
        if bad.code == "form-event-unknown-type":
            params["allowed"] = _quoted(list(names.values()))
        reader.error(bad.code, f.label, bad.item, **params)
    events = [
        Event(e.day, e.kind, e.number, e.notes, e.item, reader.answers.line(f.label, e.item))
        for e in lines
    ]
    if kind == "wykreslenie":
        for e in events:
            if e.kind != STRIKE_OFF:
                reader.error("form-strike-off-type", f.label, e.item, event=names[e.kind])
        if len(events) > 1:
            reader.error("form-strike-off-count", f.label, events=count(len(events), "zdarzenie"))
    return sorted(events, key=lambda e: e.day)


def _values(
    reader: _Reader, kind: str, answer: dict[str, str]
) -> tuple[dict[str, str], tuple[str, ...], list[Event]]:
    specs = _field_specs(reader.raw)
    values: dict[str, str] = {}
    services: tuple[str, ...] = ()
    events: list[Event] = []
    for f in reader.form:
        if not f.table:
            continue
        raw_value = answer[f.target].strip()
        value = _one_line(raw_value)
        if not value or (value == CLEAR and kind != "zmiana_danych"):
            continue
        if not _allowed(kind, f.target):
            reader.error("form-field-not-for-kind", f.label, kind=KINDS[kind])
            continue
        if f.target == EVENTS:
            events = _events(reader, kind, f, raw_value)
        elif value == CLEAR:
            values[f.target] = CLEAR
        elif f.type == "dropdown":
            codes = issue_form.choices(reader.raw, f.table, f.column)
            if f.multiple:
                picked = [reader.choice(f, p.strip(), codes) for p in value.split(",") if p.strip()]
                services = tuple(dict.fromkeys(code for code in picked if code))
            else:
                code = reader.choice(f, value, codes)
                if code is not None:
                    values[f.target] = code
        elif specs.get(f.target, {}).get("type") == "date":
            iso = event_lines.iso_date(value)
            short = event_lines.short_year(value)
            if iso is None:
                reader.unreadable.add(f.target)
            if iso is None and short and short[0] == value:
                reader.error("form-date-short-year", f.label, value=value, suggestion=short[1])
            elif iso is None:
                reader.error("form-bad-date", f.label, value=value)
            else:
                values[f.target] = iso
        elif f.target in URL_COLUMNS and _without_scheme(value):
            values[f.target] = address = "https://" + value
            reader.notice("form-www-scheme-added", f.label, value=value, address=address)
        else:
            # as the register writes it: decimal point, leading zeros of codes (without the
            # dashes or spaces people type between digits), capitals
            values[f.target] = normalise_cell(value, specs.get(f.target, {}))[0]
    _missing(reader, kind, values, services, events)
    return values, services, events


def _without_scheme(value: str) -> bool:
    """A web address typed without http(s)://, e.g. "przystan-ostroda.org.pl"."""
    return (
        "://" not in value
        and not identifiers.url_valid(value)
        and identifiers.url_valid("https://" + value)
    )


def _missing(
    reader: _Reader,
    kind: str,
    values: dict[str, str],
    services: tuple[str, ...],
    events: list[Event],
) -> None:
    labels = {f.target: f.label for f in reader.form}
    needed = list(REQUIRED.get(kind, ()))
    if kind == "nowy_klub":
        # no events: the club has never applied for a certificate (status "bez certyfikatu")
        needed = [t for t in _required_club_columns(reader.raw) if t in labels]
    have = (
        set(values) | ({"uslugi.usluga"} if services else set()) | ({EVENTS} if events else set())
    )
    missing = [labels[t] for t in needed if t not in have and t not in reader.unreadable]
    if missing:
        reader.error("form-missing-fields", kind=KINDS[kind], fields=_quoted(missing))
    if kind == "zmiana_danych" and not values:
        reader.error("form-no-new-value")


def _club_errors(reader: _Reader, kind: str, club: str, slug: str | None) -> None:
    if not club:
        return
    label = "Identyfikator klubu"
    home = club_homes(reader.raw).get(club)
    names = {v: k for k, v in issue_form.voivodeship_names(reader.raw).items()}
    if kind == "nowy_klub":
        if home is not None:
            reader.error("form-club-exists", label, value=club, voivodeship=names.get(home, home))
        return
    if home is None:
        alike = sorted(c for c in club_homes(reader.raw) if _id_key(c) == _id_key(club))
        if alike:
            reader.error("form-club-unknown-similar", label, value=club, suggestion=alike[0])
        else:
            reader.error("form-club-unknown", label, value=club)
    elif slug and home != slug:
        reader.error(
            "form-club-other-voivodeship",
            label,
            value=club,
            home=names.get(home, home),
            chosen=names.get(slug, slug),
        )


def _id_key(club: str) -> str:
    """What is left of a club id when case, Polish letters and separators do not count."""
    return fold(club.replace("-", " ").replace("_", " "))


def _service_duplicates(reader: _Reader, slug: str, club: str, services: tuple[str, ...]) -> None:
    table = reader.raw.table(f"uslugi-{slug}")
    have = {r["usluga"] for r in table.rows if r["klub_id"] == club} if table else set()
    names = {
        code: name for name, code in issue_form.option_names(reader.raw, "katalog-uslug").items()
    }
    for s in services:
        if s in have:
            reader.error("form-service-exists", "Usługi", value=club, service=names.get(s, s))


# --- planning edits (pure) ---------------------------------------------------------------


def _row(
    table: Table, values: dict[str, str], base: dict[str, str] | None = None
) -> tuple[str, ...]:
    row = dict(base or {})
    for column in table.field_names:
        value = values.get(f"{table.kind}.{column}")
        if value is not None:
            row[column] = "" if value == CLEAR else value
    return tuple(row.get(column, "") for column in table.field_names)


def _event_edit(table: Table, club: str, values: tuple[str, ...], day: str) -> Edit:
    """Insert an event among the club's events in date order (after equal dates)."""
    mine = [
        (line, row)
        for row, line in zip(table.rows, table.lines, strict=True)
        if row["klub_id"] == club
    ]
    earlier = [line for line, row in mine if row["data"] <= day]
    if earlier:
        return Edit("after", values, earlier[-1])
    if mine:
        return Edit("before", values, mine[0][0])
    return Edit("append", values)


def event_row(table: Table, club: str, event: Event) -> tuple[str, ...]:
    """The CSV record of ``event`` in the column order of ``table``."""
    values = {
        "zdarzenia.klub_id": club,
        "zdarzenia.data": event.day,
        "zdarzenia.typ": event.kind,
        "zdarzenia.numer_certyfikatu": event.number,
        "zdarzenia.uwagi": event.notes,
    }
    return _row(table, values)


def plan(request: Request, raw: RawRegister) -> dict[Path, list[Edit]]:
    """CSV edits that carry out ``request``, by file path."""
    slug, club = request.voivodeship, request.club_id
    edits: dict[Path, list[Edit]] = defaultdict(list)
    clubs, events, services = (raw.table(f"{k}-{slug}") for k in ("kluby", "zdarzenia", "uslugi"))
    if clubs is None or events is None or services is None:
        raise ValueError(f"the register has no tables for {slug!r}")
    values = dict(request.values)
    values["kluby.klub_id"] = values["zdarzenia.klub_id"] = values["uslugi.klub_id"] = club
    if request.kind == "nowy_klub":
        voivodeships = raw.table("wojewodztwa")
        teryt = {r["slug"]: r["teryt"] for r in voivodeships.rows} if voivodeships else {}
        values["kluby.wojewodztwo"] = teryt[slug]
        edits[clubs.path].append(Edit("append", _row(clubs, values)))
    if request.kind == "zmiana_danych":
        line, row = next(
            (ln, r) for r, ln in zip(clubs.rows, clubs.lines, strict=True) if r["klub_id"] == club
        )
        edits[clubs.path].append(Edit("replace", _row(clubs, values, row), line))
    for event in request.events:
        edits[events.path].append(
            _event_edit(events, club, event_row(events, club, event), event.day)
        )
    if request.services:
        mine = [
            line
            for row, line in zip(services.rows, services.lines, strict=True)
            if row["klub_id"] == club
        ]
        for code in request.services:
            row = _row(services, {**values, "uslugi.usluga": code})
            edits[services.path].append(
                Edit("after", row, mine[-1]) if mine else Edit("append", row)
            )
    return dict(edits)


def describe(edits: dict[Path, list[Edit]], shown: dict[Path, str]) -> list[str]:
    """Polish one-liners: which file got which rows."""
    out = []
    for path in sorted(edits):
        added = sum(1 for e in edits[path] if e.where != "replace")
        changed = len(edits[path]) - added
        parts = []
        if added:
            parts.append(f"dopisano {added} {plural(added, 'wiersz', 'wiersze', 'wierszy')}")
        if changed:
            parts.append(f"zmieniono {changed} {plural(changed, 'wiersz', 'wiersze', 'wierszy')}")
        out.append(f"{shown[path]}: {', '.join(parts)}")
    return out


# --- mapping the checked copy's problems back to the form ----------------------------------


def _row_identity(table: Table, line: int) -> tuple[str, ...]:
    """What stays the same about a row when lines move: the club of kluby.csv, else its values."""
    try:
        row = table.rows[table.lines.index(line)]
    except ValueError:
        return ("line", str(line))
    if table.kind == "kluby":
        return ("klub", row.get("klub_id", ""))
    return tuple(row.values())


def _identity(p: Problem, raw: RawRegister, root: Path) -> tuple[Any, ...]:
    tables = {t.display: t for t in raw.tables.values()}
    table = tables.get(p.path)
    try:
        where = Path(p.path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        where = p.path
    row = _row_identity(table, p.line) if table and p.line else ("line", str(p.line))
    return (where, row, p.column if table else p.message, p.code)


def _record_at(table: Table, line: int) -> dict[str, str]:
    """The CSV record starting on ``line`` of the table's file, by column name."""
    text = _current_text(table)
    start = csv_edit.record_spans(text)
    if line not in start:
        return {}
    reader = csv.reader(io.StringIO(text, newline=""))
    for record in reader:
        if reader.line_num >= line:
            return dict(zip(table.field_names, record, strict=False))
    return {}


class _Mapper:
    """Says where in the form a problem of the checked copy comes from."""

    def __init__(self, request: Request, raw: RawRegister, answers: Answers) -> None:
        self.request = request
        self.raw = raw
        self.answers = answers
        form = issue_form.fields(raw)
        self.labels = {f.column: f.label for f in form if f.table == "kluby"}
        self.labels.update(klub_id="Identyfikator klubu", wojewodztwo="Województwo")
        self.service_labels = {f.column: f.label for f in form if f.table == "uslugi"}
        self.names = issue_form.event_names(raw)
        self.tables = {t.display: t for t in raw.tables.values()}

    def _translate(
        self, p: Problem, where: str, label: str = "", event: Event | None = None, **extra: str
    ) -> Problem:
        item = event.item if event else 0
        line = event.line if event else self.answers.line(label) if label else 0
        moved = replace(p, params={**p.params, **extra})
        return translate(
            moved,
            source=self.answers.source,
            label=label,
            labels=self.labels,
            event_names=self.names,
            where=where,
            item=item,
            line=line,
        )

    def __call__(self, p: Problem) -> Problem:
        table = self.tables.get(p.path)
        row: dict[str, str] = {}
        if table and p.line in table.lines:
            row = table.rows[table.lines.index(p.line)]
        elif table and p.line:
            row = _record_at(table, p.line)  # a record the loader could not turn into a row
        club = self.request.club_id
        if row and table is not None and p.params.get("other_id") == club:
            # "X repeats the request's club": said the other way round, about the request
            other = row.get("klub_id", "")
            turned = replace(
                p,
                params={
                    **p.params,
                    "other_id": other,
                    "value": p.params.get("value") if p.code != "club-duplicate" else club,
                },
            )
            return self._translate(turned, "form", self.labels.get(p.field, ""))
        if not row or row.get("klub_id") != club or table is None:
            return self._translate(p, "register")
        if table.kind == "kluby":
            if self.request.kind in ("nowy_klub", "zmiana_danych"):
                return self._translate(p, "form", self.labels.get(p.field, ""))
            return self._translate(p, "history")
        if table.kind == "zdarzenia":
            record = tuple(row.get(c, "") for c in table.field_names)
            for event in self.request.events:
                if event_row(table, club, event) == record:
                    return self._translate(p, "form", EVENTS_LABEL, event)
            name = self.names.get(row.get("typ", ""), row.get("typ", ""))
            return self._translate(p, "history", context=f"{row.get('data', '')} {name}")
        if table.kind == "uslugi" and row.get("usluga") in self.request.services:
            label = self.service_labels.get(p.field) or self.service_labels.get("usluga", "")
            return self._translate(p, "form", label)
        return self._translate(p, "history")


# --- the edge: copy, edit, validate, replace ---------------------------------------------


def _current_text(table: Table) -> str:
    """The file's text in the register's own form (a spreadsheet save is rewritten as by
    ``kis popraw``); "" when the file cannot be read safely (submit says so in Polish)."""
    text = transaction.current_text(table)
    return text if isinstance(text, str) else ""


def submit(
    register: Path, body: str, as_of: date, *, write: bool = True, source: str = SOURCE
) -> Outcome:
    """Carry out the issue ``body`` on ``register`` if the result is valid."""
    raw = load_register(register)
    answers = read_answers(body, source)
    request, errors = read_request(answers, raw)
    if request is None:
        return Outcome(False, errors=errors)
    edits = plan(request, raw)
    shown = {path: display_path(path) for path in edits}
    changes = describe(edits, shown)
    texts, unreadable = transaction.edited_texts(raw, edits)
    if unreadable:
        return Outcome(False, problems=unreadable, changes=changes, request=request)
    # Problems the register had already are not the request's fault.
    trial = transaction.check(register, texts, as_of, _identity)
    mapper = _Mapper(request, trial.report.raw, answers)
    new = [trial.relocate(mapper(p)) for p in trial.new]
    blocking = [p for p in new if p.blocking]
    warnings = [p for p in new if not p.blocking]
    if blocking:
        return Outcome(
            False, problems=blocking, warnings=warnings, changes=changes, request=request
        )
    warnings = list(request.notices) + warnings
    status = club_status(trial.report.raw, request.voivodeship, request.club_id, as_of)
    if write:
        transaction.write_all(texts)
    return Outcome(
        write,
        warnings=warnings,
        changes=changes,
        request=request,
        files=sorted(texts),
        status=status,
    )


def club_status(raw: RawRegister, slug: str, club: str, as_of: date) -> str:
    """The Polish name of ``club``'s status on ``as_of`` in ``raw`` ('' when it cannot be read)."""
    table = raw.table(f"zdarzenia-{slug}")
    events = []
    for row in table.rows if table else []:
        if row.get("klub_id") != club:
            continue
        try:
            day = date.fromisoformat(row.get("data", ""))
        except ValueError:
            return ""
        events.append(RegisterEvent(club, day, row.get("typ", ""), row.get("numer_certyfikatu")))
    code = standing(sorted(events, key=lambda e: e.date), as_of).status
    names = raw.table("statusy")
    found = {r["kod"]: r["nazwa"] for r in names.rows} if names else {}
    return found.get(code, "")
