"""Which voivodeship a club's own data point to: postal code, coordinates, certificate numbers.

A club entered with a wrong voivodeship code, or imported into another voivodeship's files,
makes all of them disagree with its ``wojewodztwo``. That is one mistake: it is reported once,
on the ``wojewodztwo`` cell, and the other checks drop its consequences (coordinates outside the
voivodeship, a postal code of another one, certificate numbers "to renumber").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from generator.problems import Problem, problem
from generator.register.load import RawRegister
from generator.validation.rules import Context, complete

POSTAL_CODE = re.compile(r"\d{2}-\d{3}")
NUMBER_CODE = re.compile(r"^KIS-(\d{2})-\d{4}-\d{3,4}$")
POSTAL, POINT, NUMBERS = "kod pocztowy", "współrzędne", "numery certyfikatów"
MEMO_POINTS = 65_536  # clubs' points whose voivodeship is remembered (~20 MB when full)


@dataclass(frozen=True)
class Names:
    """A voivodeship's name in the cases messages need, and its folder."""

    nominative: str  # „małopolskie”
    genitive: str  # „małopolskiego”
    locative: str  # „małopolskim”
    slug: str  # „malopolskie”


def names(raw: RawRegister) -> dict[str, Names]:
    """TERYT code -> the voivodeship's names, from slowniki/wojewodztwa.csv."""
    table = complete(raw, "wojewodztwa")
    return {r["teryt"]: Names(r["nazwa"], r.get("nazwa_dopelniacz") or r["nazwa"],
                              r.get("nazwa_miejscownik") or r["nazwa"], r["slug"])
            for r in table.rows} if table else {}


def code_text(known: dict[str, Names], teryt: str) -> str:
    """„12 (małopolskie)”: a code with its voivodeship's name, when one has it."""
    found = known.get(teryt)
    return f"{teryt} ({found.nominative})" if found else teryt


def of_text(known: dict[str, Names], teryt: str) -> str:
    """„małopolskiego (kod 12)”: after „z województwa”."""
    found = known.get(teryt)
    return f"{found.genitive} (kod {teryt})" if found else f"o kodzie {teryt}"


def folder_teryt(raw: RawRegister) -> dict[str, str]:
    """Folder slug -> TERYT code: the folder decides a club's voivodeship."""
    return {n.slug: teryt for teryt, n in names(raw).items()}


@dataclass(frozen=True)
class Elsewhere:
    """A club whose data agree on another voivodeship than its own."""

    teryt: str  # the club's wojewodztwo
    found: str  # the voivodeship its data point to
    evidence: tuple[str, ...]  # which data: POSTAL, POINT, NUMBERS


_memo: list[tuple[RawRegister, Context, dict[tuple[str, str], Elsewhere]]] = []


def misplaced(raw: RawRegister, ctx: Context) -> dict[tuple[str, str], Elsewhere]:
    """(voivodeship folder, club id) -> where its data point, for clubs entered elsewhere.

    A club counts when at least two of its postal code, coordinates and certificate numbers
    agree on one other voivodeship and none of them fits its own: a single disagreeing value is
    more likely a typo in that value, and is reported as such by its own check.
    """
    if _memo and _memo[0][0] is raw and _memo[0][1] is ctx:
        return _memo[0][2]
    found = _misplaced(raw, ctx)
    _memo[:] = [(raw, ctx, found)]
    return found


def _misplaced(raw: RawRegister, ctx: Context) -> dict[tuple[str, str], Elsewhere]:
    voivodeships = complete(raw, "wojewodztwa")
    if voivodeships is None:
        return {}
    from generator.validation.rules.plausibility import Placeholders

    owners: dict[str, set[str]] = defaultdict(set)  # postal prefix -> TERYT codes using it
    for r in voivodeships.rows:
        for prefix in r.get("kody_pocztowe", "").split():
            owners[prefix].add(r["teryt"])
    by_folder = folder_teryt(raw)
    placeholders = Placeholders.of(raw)
    found: dict[tuple[str, str], Elsewhere] = {}
    for table in raw.of_kind("kluby"):
        folder = table.voivodeship or ""
        events = raw.table(f"zdarzenia-{folder}")
        numbers: dict[str, set[str]] = defaultdict(set)
        for row in events.rows if events else []:
            match = NUMBER_CODE.match(row.get("numer_certyfikatu", ""))
            if match:
                numbers[row["klub_id"]].add(match.group(1))
        for row in table.rows:
            teryt = row["wojewodztwo"]
            if teryt not in by_folder.values() or by_folder.get(folder, teryt) != teryt:
                continue  # unknown code, or one that differs from the folder: said elsewhere
            votes = []
            postal = row["kod_pocztowy"]
            if POSTAL_CODE.fullmatch(postal) and not placeholders.match(postal):
                votes.append((POSTAL, owners.get(postal[:2], set())))
            votes.append((POINT, _point(row, teryt, ctx)))
            votes.append((NUMBERS, numbers.get(row["klub_id"], set())))
            elsewhere = _agreed(teryt, votes)
            if elsewhere:
                found[(folder, row["klub_id"])] = elsewhere
    return found


def _point(row: dict[str, str], teryt: str, ctx: Context) -> set[str]:
    """The voivodeship the club's point lies in ({own} near its border), or none."""
    try:
        lat, lon = float(row["szerokosc"]), float(row["dlugosc"])
    except ValueError:
        return set()
    if ctx.boundaries is None:
        return set()
    return set(_located(ctx.boundaries, teryt, lat, lon))


@lru_cache(maxsize=MEMO_POINTS)
def _located(boundaries: object, teryt: str, lat: float, lon: float) -> tuple[str, ...]:
    """:func:`_point` for immutable ``boundaries``: remembered, as validating again after an edit
    (``kis serve``) asks again about every unchanged club."""
    from generator.geo import boundaries as geo

    if geo.contains(boundaries, teryt, lat, lon, tolerance_km=geo.BOUNDARY_TOLERANCE_KM):
        return (teryt,)
    at = geo.voivodeship_at(boundaries, lat, lon)
    return (at,) if at else ()


def _agreed(teryt: str, votes: list[tuple[str, set[str]]]) -> Elsewhere | None:
    """Another voivodeship that two or more pieces of data name alone, none naming ``teryt``."""
    if any(teryt in codes for _, codes in votes):
        return None
    single = [(what, next(iter(codes))) for what, codes in votes if len(codes) == 1]
    others = {code for _, code in single}
    if len(single) < 2 or len(others) != 1:
        return None
    return Elsewhere(teryt, others.pop(), tuple(what for what, _ in single))


def _listed(items: tuple[str, ...]) -> str:
    """„kod pocztowy, współrzędne i numery certyfikatów”."""
    return ", ".join(items[:-1]) + " i " + items[-1] if len(items) > 1 else "".join(items)


def check_club_voivodeship(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    wrong = misplaced(raw, ctx)
    if not wrong:
        return
    known = names(raw)
    for table in raw.of_kind("kluby"):
        col = table.column("wojewodztwo")
        for row, line in zip(table.rows, table.lines, strict=True):
            e = wrong.get((table.voivodeship or "", row["klub_id"]))
            if e is None:
                continue
            own, other = known[e.teryt], known[e.found]
            yield problem("club-voivodeship-elsewhere", table.display, line, col, "wojewodztwo",
                          value=e.teryt, voivodeship=own.nominative, found=other.nominative,
                          found_locative=other.locative, own_locative=own.locative,
                          folder=other.slug, teryt=e.found, evidence=_listed(e.evidence))
