"""Certification events: date order, allowed transitions, dates, certificate numbers."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from generator.polish import count, plural
from generator.problems import Problem, problem
from generator.register.load import RawRegister, Table
from generator.register.status import ISSUING_EVENTS, validity_end
from generator.validation.rules import Context, complete
from generator.validation.rules.voivodeship import (
    code_text,
    folder_teryt,
    misplaced,
    names,
    of_text,
)

NUMBER = re.compile(r"^KIS-(\d{2})-(\d{4})-(\d{3,4})$")


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _rules(raw: RawRegister) -> tuple[dict[str, set[str]], dict[str, bool], dict[str, str]]:
    table = complete(raw, "typy-zdarzen")
    rows = table.rows if table else []
    allowed = {r["kod"]: set(r["dozwolone_po"].split()) for r in rows}
    numbered = {r["kod"]: r["wymaga_numeru"] == "tak" for r in rows}
    names = {r["kod"]: r["nazwa"] for r in rows}
    return allowed, numbered, names


def _allowed_text(codes: list[str]) -> str:
    return ", ".join(codes) or "żadne zdarzenie"


def _next_steps(allowed: dict[str, set[str]], previous: str) -> list[str]:
    """The events allowed after ``previous``, the likeliest first.

    ``allowed`` keeps the order of typy_zdarzen.csv, which is the order of the process: the
    steps listed after ``previous`` come first, in that order, then those that start over.
    """
    order = list(allowed)
    following = [k for k in order if previous in allowed[k]]
    here = order.index(previous) if previous in allowed else -1
    return ([k for k in following if order.index(k) > here]
            + [k for k in following if order.index(k) <= here])


def _teryt_of_clubs(raw: RawRegister, clubs: Table | None) -> dict[str, str]:
    """club id -> its voivodeship code, only where that code is a known one.

    The folder decides, as for coordinates: a wrong code in the row is reported once, as
    club-folder-mismatch, and its certificate numbers are not judged against that wrong code.
    """
    by_folder = folder_teryt(raw)
    rows = clubs.rows if clubs else []
    folder = by_folder.get(clubs.voivodeship or "") if clubs else None
    known = set(by_folder.values())
    return {r["klub_id"]: folder or r["wojewodztwo"] for r in rows
            if (folder or r["wojewodztwo"]) in known}


def check_events(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    allowed, numbered, _ = _rules(raw)
    # a transition table that names unknown codes is reported once, by the reference check
    sound = all(code in allowed or code == "start" for after in allowed.values() for code in after)
    for table in raw.of_kind("zdarzenia"):
        clubs = raw.table(f"kluby-{table.voivodeship}")
        entry = {r["klub_id"]: _date(r["data_wpisu"]) for r in clubs.rows} if clubs else {}
        own = {r["klub_id"] for r in clubs.rows} if clubs and clubs.complete else None
        teryt = _teryt_of_clubs(raw, clubs)
        by_club: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
        for row, line in zip(table.rows, table.lines, strict=True):
            by_club[row["klub_id"]].append((line, row))
        for club, rows in by_club.items():
            # events of a club of another folder are reported once, by the reference check
            sequence = sound and table.complete and (own is None or club in own)
            yield from _club_events(table, club, rows, allowed, numbered, entry.get(club),
                                    teryt.get(club, "TT"), ctx.as_of, sequence)


def check_events_file_empty(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    """A voivodeship with clubs whose events file has only its header: probably rows deleted.

    Valid (every club then has the status „bez certyfikatu”), so a warning, not an error.
    """
    for table in raw.of_kind("zdarzenia"):
        clubs = complete(raw, f"kluby-{table.voivodeship}")
        if not table.complete or table.rows or clubs is None or not clubs.rows:
            continue
        n = len(clubs.rows)
        yield problem("events-file-empty", table.display, 1, 1, "klub_id",
                      clubs=f"{plural(n, 'jest', 'są', 'jest')} {count(n, 'klub')}")


def _club_events(table: Table, club: str, rows: list[tuple[int, dict[str, str]]],
                 allowed: dict[str, set[str]], numbered: dict[str, bool], entry: date | None,
                 teryt: str, as_of: date, sequence: bool) -> Iterator[Problem]:
    shown = table.display
    col_date, col_type = table.column("data"), table.column("typ")
    col_number = table.column("numer_certyfikatu")
    previous: tuple[int, date, str] | None = None
    issued: tuple[date, str] | None = None  # the last certificate issued or extended
    # The sequence is judged only while every event before is known and right: a row lost by the
    # loader, an unreadable date or type, or a wrong step is reported once, not again as a wrong
    # transition of the events after it.
    for line, row in rows:
        day, kind = _date(row["data"]), row["typ"]
        if day is None or kind not in allowed:
            sequence = False
            continue  # reported by the schema and reference checks
        if kind in ISSUING_EVENTS:
            issued = (day, row["numer_certyfikatu"])
        elif (sequence and kind == "certyfikat_cofniety" and issued
              and day > validity_end(issued[0])):
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
                          "numer_certyfikatu", event=kind, teryt=teryt, year=day.year)
        if not numbered.get(kind) and row["numer_certyfikatu"]:
            yield problem("certificate-number-unexpected", shown, line, col_number,
                          "numer_certyfikatu", event=kind)
        step = _step(shown, club, line, row, day, kind, previous, allowed, col_date, col_type)
        if sequence and step is not None:
            yield step
            sequence = False
        previous = (line, day, kind)


def _step(shown: str, club: str, line: int, row: dict[str, str], day: date, kind: str,
          previous: tuple[int, date, str] | None, allowed: dict[str, set[str]], col_date: int,
          col_type: int) -> Problem | None:
    """The problem of one step of a club's sequence of events, if any."""
    if previous is None:
        if "start" in allowed[kind]:
            return None
        starters = [k for k, after in allowed.items() if "start" in after]
        return problem("event-first", shown, line, col_type, "typ", value=club, event=kind,
                       allowed=_allowed_text(starters))
    prev_line, prev_day, prev_kind = previous
    if day < prev_day:
        return problem("event-order", shown, line, col_date, "data", value=row["data"],
                       previous=prev_day.isoformat(), other_line=prev_line)
    if prev_kind not in allowed[kind]:
        return problem("event-transition", shown, line, col_type, "typ", event=kind,
                       previous=prev_kind, allowed=_allowed_text(_next_steps(allowed, prev_kind)))
    return None


@dataclass(frozen=True)
class _Numbered:
    """A well-formed certificate number in an event row, and what its parts should be."""

    shown: str
    line: int
    column: int
    number: str
    code: str  # the voivodeship code in the number
    year: str  # the year in the number
    club_code: str | None  # the club's voivodeship code, when it is a known one
    event_year: int | None

    @property
    def right(self) -> str:
        """The number with the club's code and the event's year: one fix for both parts."""
        serial = self.number.rsplit("-", 1)[1]
        year = self.event_year or self.year
        return f"KIS-{self.club_code or self.code}-{year}-{serial}"

    @property
    def consistent(self) -> bool:
        return self.right == self.number

    @property
    def where(self) -> str:
        return f"{self.shown}:{self.line}"


def _numbered(raw: RawRegister, ctx: Context) -> list[_Numbered]:
    found: list[_Numbered] = []
    elsewhere = misplaced(raw, ctx)
    for table in raw.of_kind("zdarzenia"):
        teryt = _teryt_of_clubs(raw, raw.table(f"kluby-{table.voivodeship}"))
        # a club entered in another voivodeship (club-voivodeship-elsewhere): its numbers are
        # judged against where its postal code, coordinates and numbers agree it is, so a number
        # that fits the club's other data is never to be renumbered
        teryt.update({club: e.found for (folder, club), e in elsewhere.items()
                      if folder == table.voivodeship})
        col = table.column("numer_certyfikatu")
        for row, line in zip(table.rows, table.lines, strict=True):
            match = NUMBER.match(row["numer_certyfikatu"])
            if match:
                day = _date(row["data"])
                found.append(_Numbered(table.display, line, col, match.group(0), match.group(1),
                                       match.group(2), teryt.get(row["klub_id"]),
                                       day.year if day else None))
    return found


def check_certificate_numbers(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    """Numbers fit their club and year and are unique; a copied number is reported once.

    A number whose parts do not fit its row gets one problem proposing the fitting number; the
    fitting occurrence of a duplicated number keeps it, so the copy is the one reported.
    """
    entries = _numbered(raw, ctx)
    known = names(raw)
    owner: dict[str, str] = {}
    for e in sorted(entries, key=lambda e: not e.consistent):  # stable: fitting ones first
        owner.setdefault(e.number, e.where)
    used = {e.number for e in entries}
    for e in entries:
        field = "numer_certyfikatu"
        wrong_code = e.club_code is not None and e.code != e.club_code
        wrong_year = e.event_year is not None and e.year != str(e.event_year)
        found, expected = code_text(known, e.code), of_text(known, e.club_code or "")
        if wrong_code and wrong_year:
            yield problem("certificate-number-parts", e.shown, e.line, e.column, field,
                          value=e.number, found=found, found_year=e.year,
                          expected=expected, year=e.event_year, proposal=e.right)
        elif wrong_code:
            yield problem("certificate-number-voivodeship", e.shown, e.line, e.column, field,
                          value=e.number, found=found, expected=expected, proposal=e.right)
        elif wrong_year:
            yield problem("certificate-number-year", e.shown, e.line, e.column, field,
                          value=e.number, found=e.year, expected=e.event_year, proposal=e.right)
        fixed_by_proposal = (wrong_code or wrong_year) and e.right not in used
        if owner[e.number] != e.where and not fixed_by_proposal:
            yield problem("certificate-number-duplicate", e.shown, e.line, e.column, field,
                          value=e.number, other=owner[e.number])
