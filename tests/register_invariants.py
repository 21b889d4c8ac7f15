"""Test helper: read a register's CSV files directly and list broken data invariants.

Shared by tests/test_synthetic.py and tests/test_demo_register.py. Independent of the validator
(generator/validate.py): it checks what the generated and hand-written data promise.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from generator.geo.boundaries import load_boundaries, voivodeship_at
from generator.register.model import Event
from generator.register.status import ISSUING_EVENTS, Standing, standing
from tests.synthetic import nip_check, regon_check

AS_OF = date(2026, 11, 22)
LAST_EVENT = date(2026, 11, 20)
NUMBER = re.compile(r"KIS-(\d{2})-(\d{4})-\d{3,4}")
STORY_KEYS = ["tytul", "klub", "uslugi", "data", "streszczenie"]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass
class Data:
    clubs: dict[str, dict[str, str]] = field(default_factory=dict)
    slug_of: dict[str, str] = field(default_factory=dict)  # club id -> voivodeship folder
    events: dict[str, list[Event]] = field(default_factory=dict)
    services: dict[str, list[str]] = field(default_factory=dict)
    stories: dict[str, str] = field(default_factory=dict)  # file name -> text

    def standings(self) -> dict[str, Standing]:
        return {cid: standing(self.events.get(cid, []), AS_OF) for cid in self.clubs}


def read(root: Path) -> Data:
    data = Data()
    for folder in sorted((root / "wojewodztwa").iterdir()):
        for row in read_csv(folder / "kluby.csv"):
            data.clubs[row["klub_id"]] = row
            data.slug_of[row["klub_id"]] = folder.name
        for row in read_csv(folder / "zdarzenia.csv"):
            data.events.setdefault(row["klub_id"], []).append(Event(
                row["klub_id"], date.fromisoformat(row["data"]), row["typ"],
                row["numer_certyfikatu"] or None, row["uwagi"] or None))
        for row in read_csv(folder / "uslugi.csv"):
            data.services.setdefault(row["klub_id"], []).append(row["usluga"])
    for path in sorted((root / "dobre-praktyki").glob("*.md")):
        if path.name != "README.md":
            data.stories[path.name] = path.read_text(encoding="utf-8")
    return data


def problems(root: Path) -> list[str]:
    """Every broken invariant of the register under ``root``, as readable strings."""
    data = read(root)
    out: list[str] = []
    slowniki = root / "slowniki"
    allowed = {r["kod"]: set(r["dozwolone_po"].split())
               for r in read_csv(slowniki / "typy_zdarzen.csv")}
    teryt_of = {r["slug"]: r["teryt"] for r in read_csv(slowniki / "wojewodztwa.csv")}
    catalogue = {r["kod"] for r in read_csv(slowniki / "katalog_uslug.csv")}
    required = {r["usluga"] for r in read_csv(slowniki / "kryteria.csv") if r["usluga"]}
    boundaries = load_boundaries(root / "granice" / "wojewodztwa.geojson")
    numbers: Counter[str] = Counter()
    for cid, club in data.clubs.items():
        teryt = teryt_of[data.slug_of[cid]]
        if club["wojewodztwo"] != teryt:
            out.append(f"{cid}: wojewodztwo {club['wojewodztwo']} in folder of {teryt}")
        if club["regon"] and regon_check(club["regon"][:8]) != int(club["regon"][8]):
            out.append(f"{cid}: REGON check digit")
        if club["nip"] and nip_check(club["nip"][:9]) != int(club["nip"][9]):
            out.append(f"{cid}: NIP check digit")
        if club["krs"] and club["podmiot_typ"] != "organizacja_pozarzadowa":
            out.append(f"{cid}: KRS on a non-NGO")
        if club["szerokosc"]:
            lon, lat = float(club["dlugosc"]), float(club["szerokosc"])
            if voivodeship_at(boundaries, lat, lon) != teryt:
                out.append(f"{cid}: ({lat}, {lon}) outside voivodeship {teryt}")
        events = data.events.get(cid, [])
        if not events:
            continue  # in the voivode's register, never applied: status bez_certyfikatu
        if date.fromisoformat(club["data_wpisu"]) >= events[0].date:
            out.append(f"{cid}: data_wpisu not before the first event")
        previous = "start"
        for event in events:
            if previous not in allowed[event.type]:
                out.append(f"{cid}: {event.type} after {previous}")
            if event.date > LAST_EVENT:
                out.append(f"{cid}: {event.type} on {event.date} after {LAST_EVENT}")
            numbered = event.type in ISSUING_EVENTS
            if numbered != bool(event.certificate_number):
                out.append(f"{cid}: certificate number on {event.type}")
            if event.certificate_number:
                numbers[event.certificate_number] += 1
                match = NUMBER.fullmatch(event.certificate_number)
                if not match or match.groups() != (teryt, str(event.date.year)):
                    out.append(f"{cid}: bad number {event.certificate_number}")
            previous = event.type
        if [e.date for e in events] != sorted(e.date for e in events):
            out.append(f"{cid}: events not in date order")
    out += [f"certificate number {n} used {k} times" for n, k in numbers.items() if k > 1]
    out += [f"{cid}: events of an unknown club" for cid in data.events if cid not in data.clubs]
    standings = data.standings()
    for cid, codes in data.services.items():
        if cid not in data.clubs or set(codes) - catalogue or len(codes) != len(set(codes)):
            out.append(f"{cid}: bad services {codes}")
    for cid, st in standings.items():
        if st.is_certified and not required <= set(data.services.get(cid, [])):
            out.append(f"{cid}: certified without the minimum services")
    for name, text in data.stories.items():
        front = yaml.safe_load(text.split("---\n")[1])
        if list(front) != STORY_KEYS:
            out.append(f"{name}: front matter keys {list(front)}")
        elif front["klub"] not in data.clubs or not standings[front["klub"]].is_certified:
            out.append(f"{name}: club {front['klub']} unknown or not certified")
        elif set(front["uslugi"]) - catalogue or not isinstance(front["data"], date):
            out.append(f"{name}: bad services or date")
        if "<" in text or re.search(r"\]\((?!https://)", text):
            out.append(f"{name}: HTML or a non-https link")
    return out
