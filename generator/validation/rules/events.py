"""Certification events: date order, allowed transitions, dates, certificate numbers."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from generator.problems import Problem, problem
from generator.register.load import RawRegister, Table
from generator.register.status import ISSUING_EVENTS, validity_end
from generator.validation.rules import Context

NUMBER = re.compile(r"^KIS-(\d{2})-(\d{4})-\d{3,4}$")


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _rules(raw: RawRegister) -> tuple[dict[str, set[str]], dict[str, bool], dict[str, str]]:
    table = raw.table("typy-zdarzen")
    rows = table.rows if table else []
    allowed = {r["kod"]: set(r["dozwolone_po"].split()) for r in rows}
    numbered = {r["kod"]: r["wymaga_numeru"] == "tak" for r in rows}
    names = {r["kod"]: r["nazwa"] for r in rows}
    return allowed, numbered, names


def _allowed_text(codes: list[str]) -> str:
    return ", ".join(sorted(codes)) or "żadne zdarzenie"


def check_events(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    allowed, numbered, _ = _rules(raw)
    for table in raw.of_kind("zdarzenia"):
        clubs = raw.table(f"kluby-{table.voivodeship}")
        entry = {r["klub_id"]: _date(r["data_wpisu"]) for r in clubs.rows} if clubs else {}
        teryt = {r["klub_id"]: r["wojewodztwo"] for r in clubs.rows} if clubs else {}
        by_club: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
        for row, line in zip(table.rows, table.lines, strict=True):
            by_club[row["klub_id"]].append((line, row))
        for club, rows in by_club.items():
            yield from _club_events(table, club, rows, allowed, numbered, entry.get(club),
                                    teryt.get(club, "TT"), ctx.as_of)


def _club_events(table: Table, club: str, rows: list[tuple[int, dict[str, str]]],
                 allowed: dict[str, set[str]], numbered: dict[str, bool], entry: date | None,
                 teryt: str, as_of: date) -> Iterator[Problem]:
    shown = table.display
    col_date, col_type = table.column("data"), table.column("typ")
    col_number = table.column("numer_certyfikatu")
    previous: tuple[int, date, str] | None = None
    issued: tuple[date, str] | None = None  # the last certificate issued or extended
    for line, row in rows:
        day, kind = _date(row["data"]), row["typ"]
        if day is None or kind not in allowed:
            continue  # reported by the schema and reference checks
        if kind in ISSUING_EVENTS:
            issued = (day, row["numer_certyfikatu"])
        elif kind == "certyfikat_cofniety" and issued and day > validity_end(issued[0]):
            yield problem("withdrawal-after-expiry", shown, line, col_date, "data",
                          value=row["data"], number=issued[1] or "bez numeru",
                          until=validity_end(issued[0]).isoformat())
        if day > as_of:
            yield problem("event-future", shown, line, col_date, "data", value=row["data"],
                          as_of=as_of.isoformat())
        if entry and day < entry:
            yield problem("event-before-entry", shown, line, col_date, "data", value=row["data"],
                          entry=entry.isoformat())
        if numbered.get(kind) and not row["numer_certyfikatu"]:
            yield problem("certificate-number-missing", shown, line, col_number,
                          "numer_certyfikatu", event=kind, teryt=teryt)
        if not numbered.get(kind) and row["numer_certyfikatu"]:
            yield problem("certificate-number-unexpected", shown, line, col_number,
                          "numer_certyfikatu", event=kind)
        if previous is None:
            if "start" not in allowed[kind]:
                starters = [k for k, after in allowed.items() if "start" in after]
                yield problem("event-first", shown, line, col_type, "typ", value=club,
                              event=kind, allowed=_allowed_text(starters))
        else:
            prev_line, prev_day, prev_kind = previous
            if day < prev_day:
                yield problem("event-order", shown, line, col_date, "data", value=row["data"],
                              previous=prev_day.isoformat(), other_line=prev_line)
            elif prev_kind not in allowed[kind]:
                following = [k for k, after in allowed.items() if prev_kind in after]
                yield problem("event-transition", shown, line, col_type, "typ", event=kind,
                              previous=prev_kind, allowed=_allowed_text(following))
        previous = (line, day, kind)


def check_certificate_numbers(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for table in raw.of_kind("zdarzenia"):
        clubs = raw.table(f"kluby-{table.voivodeship}")
        teryt = {r["klub_id"]: r["wojewodztwo"] for r in clubs.rows} if clubs else {}
        col = table.column("numer_certyfikatu")
        for row, line in zip(table.rows, table.lines, strict=True):
            number = row["numer_certyfikatu"]
            match = NUMBER.match(number)
            if not match:
                continue
            if number in seen:
                yield problem("certificate-number-duplicate", table.display, line, col,
                              "numer_certyfikatu", value=number, other=seen[number])
            else:
                seen[number] = f"{table.display}:{line}"
            club_teryt = teryt.get(row["klub_id"])
            if club_teryt and match.group(1) != club_teryt:
                yield problem("certificate-number-voivodeship", table.display, line, col,
                              "numer_certyfikatu", value=number, found=match.group(1),
                              expected=club_teryt)
            day = _date(row["data"])
            if day and match.group(2) != str(day.year):
                yield problem("certificate-number-year", table.display, line, col,
                              "numer_certyfikatu", value=number, found=match.group(2),
                              expected=day.year)
