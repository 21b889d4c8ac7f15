"""Shared helpers for the site tests: a small hand-made register, builds made once per test
session, and an HTML reader.

The small register's clubs have histories with known statuses on the dates in ``EXPECTED``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import website
from generator.site import build
from generator.validation.validate import validate

PROJECT = Path(__file__).resolve().parent.parent
DEMO = PROJECT / "register"
SHARED = ("datapackage.yaml", "schematy", "slowniki", "granice")



def schema_fields(kind: str) -> list[str]:
    """The columns of a voivodeship table, in order, from its schema (register/schematy)."""
    schema = yaml.safe_load((DEMO / "schematy" / f"{kind}.yaml").read_text(encoding="utf-8"))
    return [field["name"] for field in schema["fields"]]


KLUBY_HEADER = schema_fields("kluby")
ZDARZENIA_HEADER = schema_fields("zdarzenia")
USLUGI_HEADER = schema_fields("uslugi")
SLUGS = {
    "02": "dolnoslaskie",
    "04": "kujawsko-pomorskie",
    "06": "lubelskie",
    "08": "lubuskie",
    "10": "lodzkie",
    "12": "malopolskie",
    "14": "mazowieckie",
    "16": "opolskie",
    "18": "podkarpackie",
    "20": "podlaskie",
    "22": "pomorskie",
    "24": "slaskie",
    "26": "swietokrzyskie",
    "28": "warminsko-mazurskie",
    "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}
FULL = (
    "wniosek_zlozony",
    "wniosek_dopuszczony",
    "ocena_pozytywna",
    "audyt_rozpoczety",
    "raport_audytu_sporzadzony",
    "raport_audytu_przekazany",
)


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


def _process(start: date, issue_type: str | None, number: str = "") -> list[tuple[str, str, str]]:
    """The full application path from ``start``, one event every 20 days, then ``issue_type``."""
    out = []
    day = start
    for kind in FULL:
        out.append((day.isoformat(), kind, ""))
        day = date.fromordinal(day.toordinal() + 20)
    if issue_type:
        out.append((day.isoformat(), issue_type, number))
    return out


def _ev(*items: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    return list(items)


# Issue dates (7th event, 120 days after the first): kolbudy 2024-06-08 (valid to 2027-06-07),
# przymorze 2023-07-11 (to 2026-07-10), praga 2025-02-08 (to 2028-02-07), lublin 2023-03-10,
# withdrawn 2024-05-01.
SMALL_CLUBS = [
    SmallClub(
        "kolbudy",
        "Klub Integracji Społecznej w Kolbudach",
        "22",
        "Kolbudy",
        _process(date(2024, 2, 9), "certyfikat_wydany", "KIS-22-2024-001"),
        ["poradnictwo_psychologiczne", "grupa_wsparcia", "doradztwo_zawodowe"],
        "54.2700",
        "18.4700",
    ),
    SmallClub(
        "gdansk-przymorze",
        "Klub Integracji Społecznej „Przystań”",
        "22",
        "Gdańsk",
        _process(date(2023, 3, 13), "certyfikat_wydany", "KIS-22-2023-001"),
        ["poradnictwo_prawne", "warsztaty_psychoedukacyjne"],
    ),
    SmallClub(
        "slupsk-start",
        "Klub Integracji Społecznej w Słupsku",
        "22",
        "Słupsk",
        _ev(("2025-09-01", "wniosek_zlozony", "")),
        ["grupa_wsparcia"],
    ),
    SmallClub(
        "warszawa-praga",
        "Klub Integracji Społecznej Praga",
        "14",
        "Warszawa",
        _process(date(2024, 10, 11), "certyfikat_wydany", "KIS-14-2025-001"),
        ["poradnictwo_psychologiczne", "kursy_kwalifikacyjne"],
    ),
    SmallClub(
        "radom-odmowa",
        "Klub Integracji Społecznej w Radomiu",
        "14",
        "Radom",
        _process(date(2024, 1, 8), "odmowa_certyfikatu"),
        [],
    ),
    SmallClub(
        "lublin-cofniety",
        "Klub Integracji Społecznej w Lublinie",
        "06",
        "Lublin",
        [
            *_process(date(2022, 11, 10), "certyfikat_wydany", "KIS-06-2023-001"),
            ("2024-05-01", "certyfikat_cofniety", ""),
        ],
        ["grupa_wsparcia"],
    ),
]

# Status of every club on several dates (all after the last event, 2025-09-01), worked out by hand.
_BASE = {
    "kolbudy": "certyfikowany",
    "gdansk-przymorze": "certyfikowany",
    "slupsk-start": "w_procedurze",
    "warszawa-praga": "certyfikowany",
    "radom-odmowa": "odmowa",
    "lublin-cofniety": "cofniety",
}
EXPECTED = {
    date(2025, 12, 1): _BASE,
    date(2026, 5, 1): {**_BASE, "gdansk-przymorze": "wygasa"},  # 70 days left
    date(2026, 7, 10): {**_BASE, "gdansk-przymorze": "wygasa"},  # its last valid day
    date(2026, 7, 11): {**_BASE, "gdansk-przymorze": "wygasly"},
    date(2027, 4, 1): {**_BASE, "kolbudy": "wygasa", "gdansk-przymorze": "wygasly"},  # 67 days
}

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


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def make_register(
    root: Path, clubs: list[SmallClub] | None = None, stories: dict[str, str] | None = None
) -> Path:
    """Write a small valid register into ``root`` (reference tables copied from the demo)."""
    clubs = SMALL_CLUBS if clubs is None else clubs
    stories = {"grupa-wsparcia-kolbudy": STORY} if stories is None else stories
    root.mkdir(parents=True, exist_ok=True)
    for name in SHARED:
        src = DEMO / name
        if src.is_dir():
            shutil.copytree(src, root / name, dirs_exist_ok=True)
        else:
            shutil.copy2(src, root / name)
    with (root / "slowniki" / "wojewodztwa.csv").open(encoding="utf-8") as f:
        postal = {r["teryt"]: r["kody_pocztowe"].split()[-1] for r in csv.DictReader(f)}
    for teryt, slug in SLUGS.items():
        folder = root / "wojewodztwa" / slug
        folder.mkdir(parents=True, exist_ok=True)
        mine = sorted((c for c in clubs if c.teryt == teryt), key=lambda c: c.id)
        kluby = [
            [
                c.id,
                c.name,
                c.teryt,
                f"Ośrodek Pomocy Społecznej w {c.town}",
                "ops",
                "",
                "",
                "",
                "ul. Długa 1",
                f"{postal[teryt]}-001",  # a postal code of the club's voivodeship
                c.town,
                "+48 58 123 45 67",
                f"kis@{c.id}.example.pl",
                f"https://{c.id}.example.pl",
                c.lat,
                c.lon,
                "2020-01-15",
                f"KIS/{teryt}/{n:03d}",
            ]
            for n, c in enumerate(mine, start=1)
        ]
        # columns added later (optional in the schema) stay empty
        kluby = [row + [""] * (len(KLUBY_HEADER) - len(row)) for row in kluby]
        events = [[c.id, d, t, n, ""] for c in mine for d, t, n in c.events]
        services = [[c.id, s, ""] for c in mine for s in c.services]
        (folder / "kluby.csv").write_text(_csv(KLUBY_HEADER, kluby), encoding="utf-8")
        (folder / "zdarzenia.csv").write_text(_csv(ZDARZENIA_HEADER, events), encoding="utf-8")
        (folder / "uslugi.csv").write_text(_csv(USLUGI_HEADER, services), encoding="utf-8")
    (root / "dobre-praktyki").mkdir(exist_ok=True)
    for slug, text in stories.items():
        (root / "dobre-praktyki" / f"{slug}.md").write_text(text, encoding="utf-8")
    return root


# --- builds ---------------------------------------------------------------------------------

DEMO_AS_OF = date(2026, 11, 22)
SMALL_AS_OF = date(2025, 12, 1)
OWN_PARTS = ("strony", "zasoby")  # names in generator.website.PARTS
_BUILT: dict[str, Path] = {}


def build_own(register: Path, out: Path, as_of: date, **options: Any) -> build.BuildResult:
    """Build with this project's own pages only: for tests about the build, not the parts."""
    parts = [part for part in website.PARTS if part.name in OWN_PARTS]
    return build.build_site(register, out, as_of, parts=parts, **options)


# What the validator refuses in names (markup, formula-like text) but the site must still escape:
# the tests of escaping build such a register as if validation had accepted it (defence in depth).
ESCAPING_CODES = frozenset({"text-markup", "value-formula-like"})


def build_accepting(register: Path, out: Path, as_of: date,
                    codes: frozenset[str] = ESCAPING_CODES, **options: Any) -> build.BuildResult:
    """Build the whole site as if ``codes`` were not problems (through the build's ``report=``)."""
    report = validate(register, as_of)
    kept = [p for p in report.problems if p.code not in codes]
    return website.build_site(register, out, as_of, report=replace(report, problems=kept),
                              **options)


def build_once(factory: pytest.TempPathFactory, key: str, register: Path, as_of: date) -> Path:
    """Build ``register`` once per test session (with every part of the site) and reuse it."""
    if key not in _BUILT:
        out = factory.mktemp(f"site-{key}") / "site"
        website.build_site(register, out, as_of)
        _BUILT[key] = out
    return _BUILT[key]


def demo_site(factory: pytest.TempPathFactory) -> Path:
    return build_once(factory, "demo", DEMO, DEMO_AS_OF)


def small_register(factory: pytest.TempPathFactory) -> Path:
    if "small-register" not in _BUILT:
        _BUILT["small-register"] = make_register(factory.mktemp("small") / "register")
    return _BUILT["small-register"]


def hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root``, by relative path."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


REDIRECT = '<meta http-equiv="refresh"'


def redirect_stubs(root: Path) -> list[Path]:
    """The pages that only send the browser on (a certificate's lower-case address)."""
    return [p for p in sorted(root.rglob("*.html")) if REDIRECT in p.read_text("utf-8")]


def html_files(root: Path) -> Iterator[Path]:
    """Every page of the site; redirect stubs are checked on their own (test_site_html)."""
    stubs = set(redirect_stubs(root))
    yield from (p for p in sorted(root.rglob("*.html")) if p not in stubs)


# --- reading HTML ---------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


class Page(HTMLParser):
    """Every element with its attributes, the text, and the text of each table row by id."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.text_parts: list[str] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.styles: list[str] = []
        self._raw: str | None = None
        self._raw_attrs: dict[str, str] = {}
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.elements.append(Element(tag, values))
        if tag in ("script", "style"):
            self._raw, self._raw_attrs = "", values

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._raw is not None:
            self.scripts.append((self._raw_attrs, self._raw))
            self._raw = None
        elif tag == "style" and self._raw is not None:
            self.styles.append(self._raw)
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self._raw += data
        else:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.elements if "id" in e.attrs}


def read_page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def page_of(site: Path, url: str) -> Page:
    return read_page(site / url / "index.html")


class TableLinks(HTMLParser):
    """The link targets in the first cell of each body row of the table with ``table_id``."""

    def __init__(self, text: str, table_id: str) -> None:
        super().__init__()
        self.table_id = table_id
        self.inside = False
        self.depth = 0
        self.in_body = False
        self.cell = 0
        self.links: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "table" and values.get("id") == self.table_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr":
            self.cell = 0
        elif tag == "td":
            self.cell += 1
        elif tag == "a" and self.in_body and self.cell == 1:
            self.links.append(values.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        if tag == "tbody":
            self.in_body = False


def club_ids_in_table(path: Path, table_id: str = "tabela-klubow") -> list[str]:
    links = TableLinks(path.read_text(encoding="utf-8"), table_id).links
    return [link.rstrip("/").rsplit("/", 1)[-1] for link in links]
