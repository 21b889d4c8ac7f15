"""Deterministic synthetic registers for benchmarks and tests.

``write_register(dest, clubs, seed)`` copies the package descriptor, schemas, reference tables and
boundaries from a source register and writes ``clubs`` fictional clubs spread over all 16
voivodeships, with valid certification histories (every status present on 2026-11-22 once
``clubs >= 16``), services and about one good-practice story per 25 clubs. All randomness comes
from ``random.Random(seed)``: the same arguments give byte-identical files.

Command line: ``python -m tests.synthetic DEST --clubs N [--seed S]``.
"""

from __future__ import annotations

import argparse
import csv
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from random import Random

from tests.registers import copy_reference
from tests.synthetic import data as words
from tests.synthetic.events import (
    AS_OF,
    LAST_EVENT,
    SCENARIOS,
    Step,
    history,
    number_certificates,
    status_of,
)
from tests.synthetic.geo import boundary_distance, contains, load_boundaries

PROJECT = Path(__file__).resolve().parents[2]
GENERATED = ("wojewodztwa", "dobre-praktyki")
CLUBS_PER_STORY = 25
MAX_JITTER = 0.02  # degrees around a town centre
EARLIEST_ENTRY = date(2004, 7, 1)

CLUB_FIELDS = ("klub_id", "nazwa", "wojewodztwo", "podmiot_nazwa", "podmiot_typ", "krs", "regon",
               "nip", "adres", "kod_pocztowy", "miejscowosc", "telefon", "email", "www",
               "szerokosc", "dlugosc", "data_wpisu", "numer_wpisu")
EVENT_FIELDS = ("klub_id", "data", "typ", "numer_certyfikatu", "uwagi")
SERVICE_FIELDS = ("klub_id", "usluga", "opis")

# Relative frequency of each scenario after the first clubs (one per status).
WEIGHTS = {
    "certified_plain": 35, "certified_extended": 10, "certified_changed": 4,
    "certified_after_appeal": 3, "certified_after_appeal_audit": 2, "certified_second_try": 3,
    "certified_extension_appeal": 1, "expiring": 3, "expiring_renewal_filed": 2, "expired": 3,
    "expired_extension_refused": 1, "refused_formal": 2, "refused_after_audit": 2,
    "refused_appeal_dismissed": 1, "appeal_pending": 2, "appeal_pending_formal": 1,
    "appeal_pending_withdrawal": 1, "in_procedure": 6, "in_procedure_after_withdrawal": 2,
    "in_procedure_after_dismissal": 1, "in_procedure_after_appeal": 1, "withdrawn": 2,
    "withdrawn_after_extension": 1, "withdrawn_during_extension": 1, "struck_off": 1,
    "struck_off_after_expiry": 2, "struck_off_after_withdrawal": 1,
    "struck_off_after_refusal": 1, "struck_off_in_procedure": 1,
    "certified_before_register": 2, "never_applied": 2,
}
OPERATOR_WEIGHTS = {"ops": 45, "organizacja_pozarzadowa": 30, "gmina": 15, "inny": 10}


@dataclass(frozen=True)
class Anchor:
    """A town centre and how far a club may be moved from it and stay in the voivodeship."""

    town: words.Town
    jitter: float


@dataclass
class Club:
    row: dict[str, str]
    teryt: str
    scenario: str
    steps: list[Step]
    services: list[tuple[str, str]]


# --- check digits --------------------------------------------------------------------------------

REGON_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


def regon_check(digits: str) -> int:
    """Check digit of a 9-digit REGON from its first 8 digits."""
    return sum(int(d) * w for d, w in zip(digits, REGON_WEIGHTS, strict=True)) % 11 % 10


def nip_check(digits: str) -> int | None:
    """Check digit of a NIP from its first 9 digits; None when the sum gives 10 (no valid NIP)."""
    total = sum(int(d) * w for d, w in zip(digits, NIP_WEIGHTS, strict=True)) % 11
    return None if total == 10 else total


def random_regon(rng: Random) -> str:
    body = f"{rng.randint(10, 99)}{rng.randint(0, 999999):06d}"
    return body + str(regon_check(body))


def random_nip(rng: Random) -> str:
    while True:
        body = f"{rng.randint(100, 999)}{rng.randint(0, 999999):06d}"
        check = nip_check(body)
        if check is not None:
            return body + str(check)


# --- reading the source --------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def service_codes(source: Path) -> tuple[list[str], list[str]]:
    """(all service codes in catalogue order, codes the minimum standard requires)."""
    catalogue = [r["kod"] for r in read_csv(source / "slowniki" / "katalog_uslug.csv")]
    required = {r["usluga"] for r in read_csv(source / "slowniki" / "kryteria.csv") if r["usluga"]}
    return catalogue, [c for c in catalogue if c in required]


def anchors(source: Path) -> dict[str, list[Anchor]]:
    """Town centres per voivodeship with the jitter that keeps points inside it."""
    boundaries = load_boundaries(source / "granice" / "wojewodztwa.geojson")
    out: dict[str, list[Anchor]] = {}
    for teryt, towns in words.TOWNS.items():
        rings = boundaries[teryt]
        out[teryt] = []
        for town in towns:
            if not contains(rings, town.lon, town.lat):
                raise ValueError(f"{town.name} lies outside voivodeship {teryt}")
            # a square of half-side h has corners h*sqrt(2) away; 4-decimal rounding adds 7e-5
            margin = boundary_distance(rings, town.lon, town.lat) / 1.5 - 1e-4
            out[teryt].append(Anchor(town, max(0.0, min(MAX_JITTER, margin))))
    return out


# --- one club ------------------------------------------------------------------------------------


def _plan(rng: Random, clubs: int) -> list[str]:
    """Scenario of every club: the first ones cover every status, one each."""
    by_status: dict[str, list[str]] = {}
    for name in SCENARIOS:
        by_status.setdefault(status_of(name), []).append(name)
    first = [rng.choice(names) for names in by_status.values()]
    names, weights = list(WEIGHTS), list(WEIGHTS.values())
    rest = rng.choices(names, weights, k=max(0, clubs - len(first)))
    return (first + rest)[:clubs]


def _operator(rng: Random, town: words.Town) -> tuple[str, str]:
    kind = rng.choices(list(OPERATOR_WEIGHTS), list(OPERATOR_WEIGHTS.values()))[0]
    if kind == "ops":
        return kind, f"{rng.choice(words.OPS_NAMES)} {town.locative}"
    if kind == "gmina":
        return kind, rng.choice((f"Gmina {town.name}", f"Gmina Miejska {town.name}"))
    if kind == "inny":
        return kind, f"Parafia Rzymskokatolicka pw. {rng.choice(words.PATRONS)} {town.locative}"
    return kind, f"{rng.choice(words.NGO_FORMS)} „{rng.choice(words.CLUB_WORDS)}” {town.locative}"


def _domain(kind: str, town: words.Town, operator: str) -> str:
    base = town.slug.replace("-", "")
    if kind == "ops":
        short = "".join(w[0] for w in operator.removesuffix(f" {town.locative}").split())
        return f"{short.lower()}.{base}.pl"
    if kind == "gmina":
        return f"um.{base}.pl"
    if kind == "inny":
        return f"parafia.{base}.pl"
    return f"kis-{base}.org.pl"


def _club(rng: Random, index: int, teryt: str, places: list[Anchor], scenario: str,
          services: tuple[list[str], list[str]]) -> Club:
    place = rng.choice(places)
    town = place.town
    kind, operator = _operator(rng, town)
    word = rng.choice(words.CLUB_WORDS)
    name = "Klub Integracji Społecznej"
    if rng.random() < 0.6:
        name += f" „{word}”"
    prefix, lo, hi = town.postal
    domain = _domain(kind, town, operator)
    lat = lon = ""
    if rng.random() >= 0.02:
        lat = f"{town.lat + rng.uniform(-place.jitter, place.jitter):.4f}"
        lon = f"{town.lon + rng.uniform(-place.jitter, place.jitter):.4f}"
    street = rng.choice(words.STREETS)
    number = str(rng.randint(1, 120)) + (f"/{rng.randint(1, 12)}" if rng.random() < 0.2 else "")
    steps = history(scenario, rng, with_notes=rng.random() < 0.3)
    first = steps[0].date if steps else LAST_EVENT  # no events: never applied
    entry = max(EARLIEST_ENTRY, first - timedelta(days=rng.randint(60, 3000)))
    row = {
        "klub_id": f"{town.slug}-{index + 1:05d}",
        "nazwa": name,
        "wojewodztwo": teryt,
        "podmiot_nazwa": operator,
        "podmiot_typ": kind,
        "krs": f"{rng.randint(1, 1100000):010d}" if kind == "organizacja_pozarzadowa" else "",
        "regon": random_regon(rng) if rng.random() < 0.85 else "",
        "nip": random_nip(rng) if rng.random() < 0.8 else "",
        "adres": f"{street} {number}",
        "kod_pocztowy": f"{prefix}-{rng.randint(lo, hi):03d}",
        "miejscowosc": town.name,
        "telefon": f"+48 {town.area} {rng.randint(200, 899)} {rng.randint(10, 99)} "
                   f"{rng.randint(10, 99)}",
        "email": f"kis@{domain}",
        "www": f"https://{domain}/kis" if rng.random() < 0.7 else "",
        "szerokosc": lat,
        "dlugosc": lon,
        "data_wpisu": entry.isoformat(),
        "numer_wpisu": "",
    }
    return Club(row, teryt, scenario, steps, _services(rng, scenario, services))


def _services(rng: Random, scenario: str,
              codes: tuple[list[str], list[str]]) -> list[tuple[str, str]]:
    """(service, description) pairs: the full minimum standard for certified clubs."""
    catalogue, required = codes
    if status_of(scenario) in ("certyfikowany", "wygasa"):
        chosen = set(required)
        chosen |= {c for c in catalogue if c not in required and rng.random() < 0.7}
    else:
        chosen = set(rng.sample(catalogue, rng.randint(3, min(8, len(catalogue)))))
    return [(c, rng.choice(words.SERVICE_NOTES) if rng.random() < 0.25 else "")
            for c in catalogue if c in chosen]


def _distinguish_names(clubs: list[Club]) -> None:
    """Number the clubs of one operator in one town („… nr 2”): else they look like copies."""
    seen: Counter[tuple[str, str, str]] = Counter()
    for club in sorted(clubs, key=lambda c: c.row["klub_id"]):
        row = club.row
        key = (row["nazwa"], row["miejscowosc"], row["podmiot_nazwa"])
        seen[key] += 1
        if seen[key] > 1:
            row["nazwa"] += f" nr {seen[key]}"


def _number_entries(rng: Random, clubs: list[Club]) -> None:
    """Entry numbers KIS/TT/NNN in order of entry date; about one in ten left empty."""
    for n, club in enumerate(sorted(clubs, key=lambda c: (c.row["data_wpisu"],
                                                          c.row["klub_id"])), start=1):
        if rng.random() >= 0.1:
            club.row["numer_wpisu"] = f"KIS/{club.teryt}/{n:03d}"


# --- stories -------------------------------------------------------------------------------------


def _story(rng: Random, number: int, club: Club, names: dict[str, str]) -> tuple[str, str]:
    codes = [c for c, _ in club.services]
    chosen = sorted(rng.sample(codes, min(len(codes), rng.randint(1, 3))), key=codes.index)
    issued = max(s.date for s in club.steps if s.number)
    published = min(LAST_EVENT, issued + timedelta(days=rng.randint(30, 400)))
    town = club.row["miejscowosc"]
    what = ", ".join(names[c] for c in chosen)
    title = f"Dobra praktyka nr {number}: {names[chosen[0]]} ({town})"
    summary = f"Klub z miejscowości {town} opisuje, jak prowadzi usługi: {what}."
    body = "\n\n".join((
        f"## Od czego zaczęliśmy\n\nKlub działa w miejscowości {town} i od początku stawiał na "
        "współpracę z ośrodkiem pomocy społecznej oraz powiatowym urzędem pracy. Uczestnicy "
        "przychodzą do klubu po długiej przerwie w pracy i potrzebują stałego rytmu zajęć.",
        f"## Co robimy\n\nNajwięcej uwagi poświęcamy takim usługom jak: {what}. Zajęcia "
        "odbywają się według stałego planu, a każdy uczestnik ma indywidualny plan działania "
        "uzgodniony z pracownikiem socjalnym.",
        "## Co się sprawdziło\n\n- stały harmonogram spotkań ogłaszany z miesięcznym "
        "wyprzedzeniem,\n- krótkie podsumowanie postępów po każdym miesiącu,\n- spotkania "
        "z pracodawcami z okolicy.",
        "## Rada dla innych klubów\n\nWarto od początku spisać zasady współpracy z partnerami "
        "i regularnie je przeglądać. Dzięki temu klub łatwiej przechodzi audyt certyfikacyjny "
        "i audyt przedłużający.",
    ))
    text = (
        "---\n"
        f'tytul: "{title}"\n'
        f"klub: {club.row['klub_id']}\n"
        f"uslugi: [{', '.join(chosen)}]\n"
        f"data: {published.isoformat()}\n"
        f'streszczenie: "{summary}"\n'
        "---\n\n"
        f"{body}\n"
    )
    return f"dobra-praktyka-{number:04d}.md", text


# --- writing -------------------------------------------------------------------------------------


def _write_csv(path: Path, fields: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(fields)
        writer.writerows(rows)


def _prepare(dest: Path, source: Path) -> None:
    if dest.exists() and any(dest.iterdir()) and not (dest / "datapackage.yaml").is_file():
        raise FileExistsError(f"{dest} is not empty and does not hold a register")
    dest.mkdir(parents=True, exist_ok=True)
    for name in GENERATED:
        if (dest / name).exists():
            shutil.rmtree(dest / name)
    copy_reference(dest, source)


def write_register(dest: Path, clubs: int, seed: int = 0,
                   source: Path = PROJECT / "register") -> None:
    """Write a synthetic register with ``clubs`` clubs into ``dest`` (see the module docstring)."""
    if clubs < 0:
        raise ValueError("clubs must not be negative")
    _prepare(dest, source)
    voivodeships = sorted((r["teryt"], r["slug"])
                          for r in read_csv(source / "slowniki" / "wojewodztwa.csv"))
    codes = service_codes(source)
    names = {r["kod"]: r["nazwa"] for r in read_csv(source / "slowniki" / "katalog_uslug.csv")}
    places = anchors(source)
    rng = Random(seed)
    per_voivodeship: dict[str, list[Club]] = {teryt: [] for teryt, _ in voivodeships}
    for index, scenario in enumerate(_plan(rng, clubs)):
        teryt = voivodeships[index % len(voivodeships)][0]
        per_voivodeship[teryt].append(_club(rng, index, teryt, places[teryt], scenario, codes))
    _distinguish_names([c for teryt, _ in voivodeships for c in per_voivodeship[teryt]])
    certified: list[Club] = []
    for teryt, slug in voivodeships:
        group = sorted(per_voivodeship[teryt], key=lambda c: c.row["klub_id"])
        _number_entries(rng, group)
        numbered = number_certificates(teryt, {c.row["klub_id"]: c.steps for c in group})
        for club in group:
            club.steps = numbered[club.row["klub_id"]]
        folder = dest / "wojewodztwa" / slug
        folder.mkdir(parents=True)
        _write_csv(folder / "kluby.csv", CLUB_FIELDS,
                   ([c.row[f] for f in CLUB_FIELDS] for c in group))
        _write_csv(folder / "zdarzenia.csv", EVENT_FIELDS,
                   ((c.row["klub_id"], s.date.isoformat(), s.type, s.number, s.note)
                    for c in group for s in c.steps))
        _write_csv(folder / "uslugi.csv", SERVICE_FIELDS,
                   ((c.row["klub_id"], code, note) for c in group for code, note in c.services))
        certified += [c for c in group if status_of(c.scenario) in ("certyfikowany", "wygasa")]
    stories = dest / "dobre-praktyki"
    stories.mkdir()
    chosen = rng.sample(certified, min(len(certified), clubs // CLUBS_PER_STORY))
    for number, club in enumerate(chosen, start=1):
        name, text = _story(rng, number, club, names)
        (stories / name).write_text(text, encoding="utf-8", newline="\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.synthetic",
        description=f"Write a synthetic KIS register (statuses as of {AS_OF.isoformat()}).",
    )
    parser.add_argument("dest", type=Path, help="target folder (created if missing)")
    parser.add_argument("--clubs", type=int, required=True, help="number of clubs")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    try:
        write_register(args.dest, args.clubs, args.seed)
    except (ValueError, FileExistsError) as err:
        parser.error(str(err))
    print(f"{args.clubs} clubs written to {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
