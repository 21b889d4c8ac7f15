"""Turn an issue filed with the form "Zmiana w rejestrze" into edits of the register's CSV files.

GitHub renders an issue form as ``### Label`` sections with the value below (``_No response_``
when empty). :func:`read_request` checks the answers and maps them to columns, :func:`plan`
turns a request into minimal CSV edits (both pure); :func:`submit` applies them to a copy of the
register, validates it and only then replaces the real files.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from generator.officers import csv_edit, issue_form
from generator.officers.csv_edit import Edit
from generator.officers.issue_form import CLEAR, KINDS, FormField
from generator.polish import plural
from generator.problems import Problem
from generator.register.load import RawRegister, Table, display_path, load_register
from generator.validation.validate import validate

SECTION = re.compile(r"^###[ \t]+(.+?)[ \t]*$", re.MULTILINE)
NO_RESPONSE = "_No response_"
CHECKED = re.compile(r"^- \[[xX]\] ", re.MULTILINE)
POLISH_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
# change kind -> form targets it may fill: a table name allows all of its columns
ALLOWED = {
    "nowy_klub": ("kluby", "zdarzenia", "uslugi"),
    "zmiana_danych": ("kluby",),
    "zdarzenie": ("zdarzenia",),
    "usluga": ("uslugi",),
    "wykreslenie": ("zdarzenia.data", "zdarzenia.uwagi", "zdarzenia.typ"),
}
REQUIRED = {
    "zdarzenie": ("zdarzenia.data", "zdarzenia.typ"),
    "usluga": ("uslugi.usluga",),
    "wykreslenie": ("zdarzenia.data",),
}
STRIKE_OFF = "klub_wykreslony"


@dataclass(frozen=True)
class Request:
    """A checked register change: codes instead of names, ISO dates."""

    kind: str  # key of issue_form.KINDS
    voivodeship: str  # folder slug
    club_id: str
    values: dict[str, str]  # "<table>.<column>" -> value; CLEAR empties a column
    services: tuple[str, ...] = ()


@dataclass
class Outcome:
    applied: bool
    errors: list[str] = field(default_factory=list)  # the request itself is wrong
    problems: list[Problem] = field(default_factory=list)  # the changed register would be invalid
    changes: list[str] = field(default_factory=list)  # what was (or would be) written
    request: Request | None = None


def parse_body(text: str) -> dict[str, str]:
    """Issue body -> label -> answer ('' for an empty answer)."""
    text = text.replace("\r\n", "\n")
    found = list(SECTION.finditer(text))
    answers: dict[str, str] = {}
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        value = text[match.end() : end].strip()
        answers.setdefault(match.group(1).strip(), "" if value == NO_RESPONSE else value)
    return answers


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _allowed(kind: str, target: str) -> bool:
    return any(target == a or target.startswith(a + ".") for a in ALLOWED[kind])


def _iso_date(value: str) -> str | None:
    match = POLISH_DATE.fullmatch(value)
    if match:
        value = f"{match.group(3)}-{int(match.group(2)):02d}-{int(match.group(1)):02d}"
    try:
        return date.fromisoformat(value).isoformat() if len(value) == 10 else None
    except ValueError:
        return None


def _field_types(raw: RawRegister) -> dict[str, str]:
    types: dict[str, str] = {}
    for kind in ("kluby", "zdarzenia", "uslugi"):
        table = next(iter(raw.of_kind(kind)), None)
        for spec in table.schema.get("fields", []) if table else []:
            types[f"{kind}.{spec['name']}"] = spec.get("type", "string")
    return types


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


def _choice(f: FormField, value: str, codes: dict[str, str]) -> tuple[str | None, str]:
    """A dropdown answer -> its code (names and codes both accepted)."""
    lowered = {k.casefold(): v for k, v in codes.items()}
    lowered.update({v.casefold(): v for v in codes.values()})
    code = lowered.get(value.casefold())
    if code is None:
        return None, (
            f"„{value}” w polu „{f.label}” nie jest jedną z wartości do wyboru: {', '.join(codes)}"
        )
    return code, ""


def read_request(answers: dict[str, str], raw: RawRegister) -> tuple[Request | None, list[str]]:
    """Check the answers against the form and the register; Polish errors when wrong."""
    form = issue_form.fields(raw)
    by_target = {f.target: f for f in form}
    errors: list[str] = []
    unknown = [label for label in answers if label not in {f.label for f in form}]
    if unknown:
        errors.append(
            "zgłoszenie ma pola, których nie ma w formularzu „Zmiana w rejestrze”: "
            + ", ".join(f"„{u}”" for u in unknown)
            + "; użyj aktualnego formularza"
        )
    answer = {f.target: answers.get(f.label, "") for f in form}
    kind_label = _one_line(answer["kind"])
    kinds = {v: k for k, v in KINDS.items()}
    kind = kinds.get(kind_label)
    if not kind_label:
        errors.append(
            "brak pola „Rodzaj zmiany” – to nie jest zgłoszenie z formularza "
            "„Zmiana w rejestrze” albo pole jest puste"
        )
    elif kind is None:
        errors.append(
            f"„{kind_label}” w polu „Rodzaj zmiany” nie jest jednym z rodzajów: "
            + ", ".join(KINDS.values())
        )
    if not CHECKED.search(answer["consent"]):
        errors.append(
            "brak potwierdzenia, że zgłoszenie nie zawiera danych osobowych (pole „Dane osobowe”)"
        )
    names = issue_form.voivodeship_names(raw)
    voiv_label = _one_line(answer["voivodeship"])
    slug = _choice(by_target["voivodeship"], voiv_label, names)[0] if voiv_label else None
    if not voiv_label:
        errors.append("brak województwa w polu „Województwo”")
    elif slug is None:
        errors.append(
            f"„{voiv_label}” w polu „Województwo” nie jest nazwą województwa; wybierz "
            f"jedną z: {', '.join(names)}"
        )
    club = _one_line(answer["club_id"])
    if not club:
        errors.append("brak identyfikatora klubu w polu „Identyfikator klubu”")
    if kind is None:
        return None, errors
    values, services, found = _values(kind, form, answer, raw)
    errors += found
    errors += _club_errors(kind, club, slug, raw)
    if kind == "usluga" and slug and club:
        errors += _service_duplicates(raw, slug, club, services)
    if not errors and kind == "zmiana_danych" and slug:
        errors += _unchanged(raw, slug, club, values)
    if errors:
        return None, errors
    assert slug is not None
    return Request(kind, slug, club, values, services), []


def _unchanged(raw: RawRegister, slug: str, club: str, values: dict[str, str]) -> list[str]:
    table = raw.table(f"kluby-{slug}")
    row = next((r for r in table.rows if r["klub_id"] == club), {}) if table else {}
    for target, value in values.items():
        if row.get(target.split(".", 1)[1], "") != ("" if value == CLEAR else value):
            return []
    return [
        "zgłoszenie nie zmienia żadnej wartości: wszystkie podane dane klubu są już takie "
        "same w rejestrze"
    ]


def _values(
    kind: str, form: list[FormField], answer: dict[str, str], raw: RawRegister
) -> tuple[dict[str, str], tuple[str, ...], list[str]]:
    types = _field_types(raw)
    errors: list[str] = []
    values: dict[str, str] = {}
    services: tuple[str, ...] = ()
    label = KINDS[kind]
    for f in form:
        if not f.table:
            continue
        value = _one_line(answer[f.target])
        if not value or (value == CLEAR and kind != "zmiana_danych"):
            continue
        if not _allowed(kind, f.target):
            errors.append(
                f"pole „{f.label}” nie dotyczy zmiany „{label}” – usuń jego wartość "
                "albo wybierz inny rodzaj zmiany"
            )
            continue
        if value == CLEAR:
            values[f.target] = CLEAR
        elif f.type == "dropdown":
            resource = issue_form.DROPDOWNS[(f.table, f.column)][0]
            codes = issue_form.option_names(raw, resource)
            if f.multiple:
                picked = [
                    _choice(f, part.strip(), codes) for part in value.split(",") if part.strip()
                ]
                errors += [e for code, e in picked if code is None]
                services = tuple(dict.fromkeys(code for code, _ in picked if code))
            else:
                code, error = _choice(f, value, codes)
                if code is None:
                    errors.append(error)
                else:
                    values[f.target] = code
        elif types.get(f.target) == "date":
            iso = _iso_date(value)
            if iso is None:
                errors.append(
                    f"„{value}” w polu „{f.label}” nie jest poprawną datą; wpisz datę "
                    "jako RRRR-MM-DD, np. 2024-05-20"
                )
            else:
                values[f.target] = iso
        elif types.get(f.target) == "number":
            values[f.target] = value.replace(",", ".")
        else:
            values[f.target] = value
    errors += _missing(kind, form, values, services, raw)
    return values, services, errors


def _missing(
    kind: str,
    form: list[FormField],
    values: dict[str, str],
    services: tuple[str, ...],
    raw: RawRegister,
) -> list[str]:
    labels = {f.target: f.label for f in form}
    needed = list(REQUIRED.get(kind, ()))
    if kind == "nowy_klub":
        needed = [t for t in _required_club_columns(raw) if t in labels]
        needed += ["zdarzenia.data", "zdarzenia.typ"]
    have = set(values) | ({"uslugi.usluga"} if services else set())
    missing = [labels[t] for t in needed if t not in have]
    errors = []
    if missing:
        errors.append(
            f"przy zmianie „{KINDS[kind]}” wypełnij pola: " + ", ".join(f"„{m}”" for m in missing)
        )
    if kind == "zmiana_danych" and not values:
        errors.append("nie podano żadnej nowej wartości w sekcji „Dane klubu”")
    if kind == "wykreslenie" and values.get("zdarzenia.typ", STRIKE_OFF) != STRIKE_OFF:
        errors.append(
            "przy wykreśleniu klubu pole „Rodzaj zdarzenia” zostaw puste albo wybierz "
            "„wykreślenie klubu z rejestru”"
        )
    return errors


def _club_errors(kind: str, club: str, slug: str | None, raw: RawRegister) -> list[str]:
    if not club:
        return []
    homes = club_homes(raw)
    names = {v: k for k, v in issue_form.voivodeship_names(raw).items()}
    home = homes.get(club)
    if kind == "nowy_klub":
        if home is not None:
            return [
                f"klub „{club}” jest już w rejestrze (województwo {names.get(home, home)}); "
                "nowy klub musi mieć nowy identyfikator, a zmiany istniejącego klubu zgłasza "
                "się jako „Zmiana danych klubu”"
            ]
        return []
    if home is None:
        return [
            f"klubu „{club}” nie ma w rejestrze; sprawdź identyfikator (ostatnia część adresu "
            "strony klubu) albo zgłoś najpierw „Nowy klub”"
        ]
    if slug and home != slug:
        return [
            f"klub „{club}” jest w rejestrze innego województwa (województwo "
            f"{names.get(home, home)}), niż wybrano w zgłoszeniu (województwo "
            f"{names.get(slug, slug)})"
        ]
    return []


def _service_duplicates(
    raw: RawRegister, slug: str, club: str, services: tuple[str, ...]
) -> list[str]:
    table = raw.table(f"uslugi-{slug}")
    have = {r["usluga"] for r in table.rows if r["klub_id"] == club} if table else set()
    names = {code: name for name, code in issue_form.option_names(raw, "katalog-uslug").items()}
    return [f"klub „{club}” ma już usługę „{names.get(s, s)}”" for s in services if s in have]


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
    if request.kind == "wykreslenie":
        values["zdarzenia.typ"] = STRIKE_OFF
    if request.kind in ("nowy_klub", "zdarzenie", "wykreslenie"):
        edits[events.path].append(
            _event_edit(events, club, _row(events, values), values["zdarzenia.data"])
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


# --- the edge: copy, edit, validate, replace ---------------------------------------------


def _key(p: Problem, root: Path) -> tuple[Any, ...]:
    try:
        where = Path(p.path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        where = p.path
    return (where, p.line, p.column, p.code, p.message)


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.kis-tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    os.replace(temporary, path)


def submit(register: Path, body: str, as_of: date, *, write: bool = True) -> Outcome:
    """Carry out the issue ``body`` on ``register`` if the result is valid."""
    raw = load_register(register)
    request, errors = read_request(parse_body(body), raw)
    if request is None:
        return Outcome(False, errors=errors)
    edits = plan(request, raw)
    shown = {path: display_path(path) for path in edits}
    changes = describe(edits, shown)
    with tempfile.TemporaryDirectory(prefix="kis-zgloszenie-") as tmp:
        copy = Path(tmp) / "register"
        shutil.copytree(register, copy)
        texts: dict[Path, str] = {}
        for path, file_edits in edits.items():
            original = path.read_text(encoding="utf-8")
            texts[path] = csv_edit.apply(original, file_edits)
            (copy / path.relative_to(register)).write_text(
                texts[path], encoding="utf-8", newline=""
            )
        after = validate(copy, as_of).problems
        # Problems the register had already are not the request's fault.
        before = {_key(p, register) for p in validate(register, as_of).problems} if after else set()
        new = [
            replace(p, path=display_path(register / _key(p, copy)[0]))
            for p in after
            if _key(p, copy) not in before
        ]
    if new:
        return Outcome(False, problems=new, changes=changes, request=request)
    if write:
        for path, text in texts.items():
            _write_atomically(path, text)
    return Outcome(write, changes=changes, request=request)
