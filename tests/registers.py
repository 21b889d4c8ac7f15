"""Every small register the tests use, made in one place.

- :func:`make_register` writes a register as files: the project's reference tables (copied by
  :func:`copy_reference`) and voivodeship tables holding the given clubs (:class:`SmallClub`);
  by default the hand-made :data:`SMALL_CLUBS`, whose statuses on the dates in :data:`EXPECTED`
  were worked out by hand. ``make_register(root, clubs=(), stories={})`` is an empty register.
  :func:`add_rows` with :func:`club`, :func:`event` and :func:`certification` appends rows to it
  (the tests of ``kis diff`` and ``kis zgloszenie`` build their commits so).
- :func:`register_model` builds the model (:class:`generator.register.model.Register`) directly,
  for the tests of parts that need no files; :func:`model_club` gives a club with valid defaults.
- :func:`make_base` + :func:`apply_edit` make the bad-register corpus (tests/bad/README.md):
  the fixed base register in tests/data/base with a fixture's edits.
- :func:`init_repo` and :func:`commit_all` make a git repository of a register;
  :func:`commit_applicant` commits a register of one club that has applied.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from generator.register import model as m
from generator.register.build_model import voivodeship

PROJECT = Path(__file__).resolve().parent.parent
REGISTER = PROJECT / "register"
BASE = Path(__file__).resolve().parent / "data" / "base"
BAD = Path(__file__).resolve().parent / "bad"
REFERENCE = ("datapackage.yaml", "schematy", "slowniki", "granice")
KINDS = ("kluby", "zdarzenia", "uslugi")

# The application path up to the audit report, in order: what precedes a certificate.
PROCESS_STEPS = (
    "wniosek_zlozony",
    "wniosek_dopuszczony",
    "ocena_pozytywna",
    "audyt_rozpoczety",
    "raport_audytu_sporzadzony",
    "raport_audytu_przekazany",
)


def schema_fields(kind: str) -> list[str]:
    """The columns of a table, in order, from its schema (register/schematy)."""
    schema = yaml.safe_load((REGISTER / "schematy" / f"{kind}.yaml").read_text(encoding="utf-8"))
    return [column["name"] for column in schema["fields"]]


HEADERS = {kind: schema_fields(kind) for kind in KINDS}


def reference_rows(name: str, source: Path = REGISTER) -> list[dict[str, str]]:
    """The rows of a reference table (``slowniki/<name>.csv``)."""
    with (source / "slowniki" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def copy_reference(dest: Path, source: Path = REGISTER) -> Path:
    """Copy the descriptor, schemas, reference tables and boundaries of ``source`` into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in REFERENCE:
        if (source / part).is_dir():
            shutil.copytree(source / part, dest / part, dirs_exist_ok=True)
        else:
            shutil.copy2(source / part, dest / part)
    return dest


# --- clubs and their histories ------------------------------------------------------------------


@dataclass
class SmallClub:
    id: str
    name: str
    teryt: str
    town: str
    events: list[tuple[str, str, str]]  # (date, type, certificate number)
    services: list[str] = field(default_factory=list)
    lat: str = ""
    lon: str = ""


def process(start: date, issue_type: str | None, number: str = "", step: int = 20,
            wait: int | None = None) -> list[tuple[str, str, str]]:
    """The application path from ``start``, one step every ``step`` days, then ``issue_type``
    ``wait`` days after the last step (``step`` unless given)."""
    out = [((start + timedelta(days=step * i)).isoformat(), kind, "")
           for i, kind in enumerate(PROCESS_STEPS)]
    if issue_type:
        last = start + timedelta(days=step * (len(PROCESS_STEPS) - 1))
        out.append(((last + timedelta(days=step if wait is None else wait)).isoformat(),
                    issue_type, number))
    return out


# Issue dates (7th event, 120 days after the first): kolbudy 2024-06-08 (valid to 2027-06-07),
# przymorze 2023-07-11 (to 2026-07-10), praga 2025-02-08 (to 2028-02-07), lublin 2023-03-10,
# withdrawn 2024-05-01.
SMALL_CLUBS = (
    SmallClub(
        "kolbudy",
        "Klub Integracji Społecznej w Kolbudach",
        "22",
        "Kolbudy",
        process(date(2024, 2, 9), "certyfikat_wydany", "KIS-22-2024-001"),
        ["poradnictwo_psychologiczne", "grupa_wsparcia", "doradztwo_zawodowe"],
        "54.2700",
        "18.4700",
    ),
    SmallClub(
        "gdansk-przymorze",
        "Klub Integracji Społecznej „Przystań”",
        "22",
        "Gdańsk",
        process(date(2023, 3, 13), "certyfikat_wydany", "KIS-22-2023-001"),
        ["poradnictwo_prawne", "warsztaty_psychoedukacyjne"],
    ),
    SmallClub(
        "slupsk-start",
        "Klub Integracji Społecznej w Słupsku",
        "22",
        "Słupsk",
        [("2025-09-01", "wniosek_zlozony", "")],
        ["grupa_wsparcia"],
    ),
    SmallClub(
        "warszawa-praga",
        "Klub Integracji Społecznej Praga",
        "14",
        "Warszawa",
        process(date(2024, 10, 11), "certyfikat_wydany", "KIS-14-2025-001"),
        ["poradnictwo_psychologiczne", "kursy_kwalifikacyjne"],
    ),
    SmallClub(
        "radom-odmowa",
        "Klub Integracji Społecznej w Radomiu",
        "14",
        "Radom",
        process(date(2024, 1, 8), "odmowa_certyfikatu"),
        [],
    ),
    SmallClub(
        "lublin-cofniety",
        "Klub Integracji Społecznej w Lublinie",
        "06",
        "Lublin",
        [
            *process(date(2022, 11, 10), "certyfikat_wydany", "KIS-06-2023-001"),
            ("2024-05-01", "certyfikat_cofniety", ""),
        ],
        ["grupa_wsparcia"],
    ),
)

# Status of every club on several dates (all after the last event, 2025-09-01), worked out by hand.
_ON_FIRST = {
    "kolbudy": "certyfikowany",
    "gdansk-przymorze": "certyfikowany",
    "slupsk-start": "w_procedurze",
    "warszawa-praga": "certyfikowany",
    "radom-odmowa": "odmowa",
    "lublin-cofniety": "cofniety",
}
EXPECTED = {
    date(2025, 12, 1): _ON_FIRST,
    date(2026, 5, 1): {**_ON_FIRST, "gdansk-przymorze": "wygasa"},  # 70 days left
    date(2026, 7, 10): {**_ON_FIRST, "gdansk-przymorze": "wygasa"},  # its last valid day
    date(2026, 7, 11): {**_ON_FIRST, "gdansk-przymorze": "wygasly"},
    date(2027, 4, 1): {**_ON_FIRST, "kolbudy": "wygasa", "gdansk-przymorze": "wygasly"},  # 67 days
}
SMALL_AS_OF = date(2025, 12, 1)

STORY = """---
tytul: Grupa wsparcia, która spotyka się od trzech lat
klub: kolbudy
uslugi: [grupa_wsparcia]
data: 2025-06-01
streszczenie: Uczestnicy sami prowadzą cotygodniowe spotkania.
---
Grupa zaczynała od **pięciu osób**. Dziś spotyka się w każdy wtorek.

- wspólne planowanie tygodnia
- wymiana ogłoszeń o pracy
"""
SMALL_STORIES = {"grupa-wsparcia-kolbudy": STORY}


# --- rows ---------------------------------------------------------------------------------------


def csv_line(values: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def add_rows(root: Path, slug: str, kind: str, rows: Iterable[dict[str, str]]) -> None:
    """Append ``rows`` (column → value; missing columns stay empty) to a voivodeship's table."""
    path = root / "wojewodztwa" / slug / f"{kind}.csv"
    with path.open("a", encoding="utf-8") as f:
        for row in rows:
            f.write(csv_line([row.get(column, "") for column in HEADERS[kind]]))


def club(club_id: str, **values: str) -> dict[str, str]:
    """A valid club row of pomorskie; keyword arguments override columns."""
    row = {
        "klub_id": club_id,
        "nazwa": f"Klub Integracji Społecznej {club_id}",
        "wojewodztwo": "22",
        "podmiot_nazwa": "Gminny Ośrodek Pomocy Społecznej w Kolbudach",
        "podmiot_typ": "ops",
        "adres": "ul. Wybickiego 31",
        "kod_pocztowy": "83-050",
        "miejscowosc": "Kolbudy",
        "data_wpisu": "2021-03-15",
    }
    row.update(values)
    return row


def event(club_id: str, day: str, kind: str, number: str = "", note: str = "") -> dict[str, str]:
    return {"klub_id": club_id, "data": day, "typ": kind, "numer_certyfikatu": number,
            "uwagi": note}


def certification(club_id: str, number: str = "KIS-22-2024-001") -> list[dict[str, str]]:
    """The full path from application to certificate (issued 2024-05-20)."""
    days = ("2024-01-10", "2024-01-20", "2024-02-05", "2024-03-01", "2024-03-20", "2024-04-02")
    return [*(event(club_id, day, kind) for day, kind in zip(days, PROCESS_STEPS, strict=True)),
            event(club_id, "2024-05-20", "certyfikat_wydany", number)]


def _club_row(c: SmallClub, n: int, postal: str) -> dict[str, str]:
    return club(
        c.id,
        nazwa=c.name,
        wojewodztwo=c.teryt,
        podmiot_nazwa=f"Ośrodek Pomocy Społecznej w {c.town}",
        adres="ul. Długa 1",
        kod_pocztowy=f"{postal}-001",
        miejscowosc=c.town,
        telefon="+48 58 123 45 67",
        email=f"kis@{c.id}.example.pl",
        www=f"https://{c.id}.example.pl",
        szerokosc=c.lat,
        dlugosc=c.lon,
        data_wpisu="2020-01-15",
        numer_wpisu=f"KIS/{c.teryt}/{n:03d}",
    )


# --- the factories ------------------------------------------------------------------------------


def make_register(root: Path, clubs: Sequence[SmallClub] = SMALL_CLUBS,
                  stories: Mapping[str, str] = SMALL_STORIES) -> Path:
    """Write a valid register of ``clubs`` and ``stories`` (slug → Markdown) into ``root``."""
    copy_reference(root)
    for row in reference_rows("wojewodztwa"):
        folder = root / "wojewodztwa" / row["slug"]
        folder.mkdir(parents=True, exist_ok=True)
        for kind in KINDS:
            (folder / f"{kind}.csv").write_text(csv_line(HEADERS[kind]), encoding="utf-8")
        mine = sorted((c for c in clubs if c.teryt == row["teryt"]), key=lambda c: c.id)
        postal = row["kody_pocztowe"].split()[-1]  # a postal code of the club's voivodeship
        add_rows(root, row["slug"], "kluby",
                 (_club_row(c, n, postal) for n, c in enumerate(mine, start=1)))
        add_rows(root, row["slug"], "zdarzenia",
                 (event(c.id, d, t, number) for c in mine for d, t, number in c.events))
        add_rows(root, row["slug"], "uslugi",
                 ({"klub_id": c.id, "usluga": s} for c in mine for s in c.services))
    (root / "dobre-praktyki").mkdir(exist_ok=True)
    for slug, text in stories.items():
        (root / "dobre-praktyki" / f"{slug}.md").write_text(text, encoding="utf-8")
    return root


def model_event(club_id: str, day: str, kind: str, number: str | None = None,
                note: str | None = None) -> m.Event:
    return m.Event(club_id, date.fromisoformat(day), kind, number, note)


def model_history(club_id: str, issued: str, number: str) -> tuple[m.Event, ...]:
    """The application path in the year before ``issued`` (the 15th of months 1–6), then the
    certificate."""
    year = int(issued[:4]) - 1
    before = (model_event(club_id, f"{year}-0{i}-15", kind)
              for i, kind in enumerate(PROCESS_STEPS, start=1))
    return (*before, model_event(club_id, issued, "certyfikat_wydany", number))


def model_club(club_id: str, teryt: str = "22", name: str = "", **changes: Any) -> m.Club:
    """A club of the model with every field filled; keyword arguments replace fields."""
    base = m.Club(
        id=club_id,
        name=name or f"Klub Integracji Społecznej {club_id}",
        voivodeship=teryt,
        operator_name="Gminny Ośrodek Pomocy Społecznej",
        operator_type="ops",
        krs=None,
        regon="192345677",
        nip="5841234566",
        address="ul. Kołobrzeska 41",
        postal_code="80-225",
        town="Gdańsk",
        phone="+48 58 123 45 67",
        email="kis@ops.example.pl",
        www="https://ops.example.pl/kis",
        lat=54.381,
        lon=18.6125,
        entry_date=date(2021, 3, 15),
        entry_number="KIS/22/014",
    )
    return replace(base, **changes)


def register_model(clubs: Iterable[m.Club], stories: Iterable[m.Story] = (), *,
                   teryts: Iterable[str] | None = None, example_data: bool = True) -> m.Register:
    """The model of a register of ``clubs`` with the project's reference tables (only the
    voivodeships ``teryts``, if given)."""
    keep = None if teryts is None else set(teryts)
    appeal = reference_rows("jednostka_odwolawcza")[0]
    return m.Register(
        example_data=example_data,
        voivodeships=tuple(voivodeship(r) for r in reference_rows("wojewodztwa")
                           if keep is None or r["teryt"] in keep),
        appeal_unit=m.AppealUnit(appeal["nazwa"], appeal["adres"], appeal["www"]),
        operator_types={r["kod"]: m.OperatorType(r["kod"], r["nazwa"], r["opis"])
                        for r in reference_rows("typy_podmiotow")},
        services={r["kod"]: m.Service(r["kod"], r["grupa"], r["nazwa"], r["opis"])
                  for r in reference_rows("katalog_uslug")},
        criterion_groups=(),
        criteria=(),
        event_types={
            r["kod"]: m.EventType(r["kod"], r["nazwa"], r["etap"], r["opis"],
                                  tuple(r["dozwolone_po"].split()), r["wymaga_numeru"] == "tak")
            for r in reference_rows("typy_zdarzen")
        },
        statuses={r["kod"]: m.StatusDef(r["kod"], r["nazwa"], r["opis"])
                  for r in reference_rows("statusy")},
        clubs=tuple(sorted(clubs, key=lambda c: (c.voivodeship, c.id))),
        stories=tuple(stories),
    )


# --- the bad-register corpus (tests/bad) --------------------------------------------------------


def make_base(dest: Path) -> Path:
    """The corpus' base (tests/data/base): a valid register, 3 clubs in two voivodeships."""
    copy_reference(dest)
    shutil.copytree(BASE, dest, dirs_exist_ok=True)
    return dest


def apply_edit(root: Path, edit: dict[str, Any]) -> None:
    """Apply one edit of a fixture (see tests/bad/README.md)."""
    path = root / edit["file"]
    if "replace" in edit:
        old, new = edit["replace"]
        text = path.read_text(encoding="utf-8")
        count = edit.get("count", 1)
        assert text.count(old) >= count, f"{edit['file']}: {old!r} not found {count}×"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    elif "write" in edit:
        path.write_text(edit["write"], encoding="utf-8")
    elif "write_bytes_hex" in edit:
        path.write_bytes(bytes.fromhex(edit["write_bytes_hex"]))
    elif "append" in edit:
        with path.open("a", encoding="utf-8") as f:
            f.write(edit["append"])
    elif edit.get("delete"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    elif edit.get("semicolons"):
        path.write_bytes(path.read_bytes().replace(b",", b";"))
    elif "encode" in edit:
        path.write_bytes(path.read_text(encoding="utf-8").encode(edit["encode"]))
    elif edit.get("bom"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    elif edit.get("crlf"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    elif "grow_mb" in edit:
        line = b"radom-centrum,grupa_wsparcia," + b"x" * 200 + b"\n"
        with path.open("ab") as f:
            f.write(line * (edit["grow_mb"] * 1024 * 1024 // len(line) + 1))
    elif "drop_resource" in edit:
        desc = yaml.safe_load(path.read_text(encoding="utf-8"))
        desc["resources"] = [r for r in desc["resources"] if r["name"] != edit["drop_resource"]]
        path.write_text(yaml.safe_dump(desc, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    elif "truncate_after" in edit:
        text = path.read_text(encoding="utf-8")
        marker = edit["truncate_after"]
        path.write_text(text[: text.index(marker) + len(marker)], encoding="utf-8")
    elif "rename" in edit:
        path.rename(root / edit["rename"])
    elif "symlink" in edit:  # the file becomes a link to ``symlink`` (e.g. /etc/passwd)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(edit["symlink"])
    else:
        raise ValueError(f"unknown edit {edit}")


def fixture_names() -> list[str]:
    return sorted(p.stem for p in BAD.glob("*.yaml"))


def load_fixture(name: str) -> dict[str, Any]:
    return yaml.safe_load((BAD / f"{name}.yaml").read_text(encoding="utf-8"))


def make_bad(dest: Path, name: str) -> Path:
    """The base register with the edits of the fixture ``name`` (tests/bad/<name>.yaml)."""
    make_base(dest)
    fixture = load_fixture(name)
    if fixture.get("git"):  # the base register is the pull request's base (kis validate --baza)
        init_repo(dest.parent)  # the register is a folder of the repository, as in the project
        commit_all(dest.parent, "baza")
    for edit in fixture["zmiany"]:
        apply_edit(dest, edit)
    return dest


# --- git ----------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` as a test user; its output, stripped."""
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org",
         "-c", "commit.gpgsign=false", *args],
        capture_output=True, text=True, check=True,
    )
    return done.stdout.strip()


def init_repo(repo: Path) -> None:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")


def commit_all(repo: Path, message: str) -> str:
    """Commit every file of ``repo`` as it is; the new commit's id."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def commit_applicant(repo: Path, message: str = "base") -> Path:
    """Commit to ``repo`` a register whose one club, „kolbudy” of pomorskie (:func:`club`), has
    applied (the first event of :func:`certification`); returns the register's folder."""
    register = make_register(repo / "register", clubs=(), stories={})
    add_rows(register, "pomorskie", "kluby", [club("kolbudy")])
    add_rows(register, "pomorskie", "zdarzenia", certification("kolbudy")[:1])
    commit_all(repo, message)
    return register
