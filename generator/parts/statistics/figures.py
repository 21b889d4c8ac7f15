"""The statistics of the certification system, computed from the clubs' events (pure).

Every figure is for a *scope* (the whole country or one voivodeship) and a day: the build's
as-of date for ``/statystyki/``, 31 December of a year for the yearly report. Who is certified
on a day comes from :func:`generator.register.status.standing`, the status function of every
other page. Events after the day are not seen.
"""

from __future__ import annotations

import bisect
import itertools
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from generator.register.model import Club, Event, Register, Voivodeship
from generator.register.status import (
    EXPIRY_WARNING_DAYS,
    ISSUING_EVENTS,
    Standing,
    days_until_end,
    standing,
    validity_end,
)

ISSUED = ("certyfikat_wydany", "certyfikat_sprzed_rejestru")
EXTENDED = ("certyfikat_przedluzony",)
REFUSED = ("wniosek_odrzucony", "odmowa_certyfikatu", "odmowa_przedluzenia")
WITHDRAWN = ("certyfikat_cofniety",)
APPEAL_FILED, APPEAL_UPHELD, APPEAL_DISMISSED = (
    "odwolanie_zlozone", "odwolanie_uwzglednione", "odwolanie_oddalone",
)  # fmt: skip
# A procedure starts with an application or an extension request; these end it.
STARTS = ("wniosek_zlozony", "zgloszenie_przedluzenia")
ENDS = (*REFUSED, *WITHDRAWN, "klub_wykreslony", APPEAL_FILED)
EXTENSION_CLOSED = ("certyfikat_przedluzony", "odmowa_przedluzenia", "certyfikat_cofniety",
                    "klub_wykreslony")
HORIZONS = (90, 180)  # days ahead for "what expires soon"
OPEN_BUCKETS = ((0, 90, "do 90 dni"), (91, 180, "91–180 dni"), (181, 365, "181–365 dni"),
                (366, None, "ponad rok"))
QUARTER_NAMES = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Stage:
    """A stretch of the procedure between two kinds of event, measured in days."""

    key: str
    label: str
    start: str  # event type
    end: str  # event type
    extension: bool = False


STAGES: tuple[Stage, ...] = (
    Stage("wniosek-dopuszczenie", "od złożenia wniosku do dopuszczenia do procedury",
          "wniosek_zlozony", "wniosek_dopuszczony"),
    Stage("dopuszczenie-ocena", "od dopuszczenia do pozytywnej oceny merytorycznej",
          "wniosek_dopuszczony", "ocena_pozytywna"),
    Stage("ocena-audyt", "od oceny merytorycznej do rozpoczęcia audytu",
          "ocena_pozytywna", "audyt_rozpoczety"),
    Stage("audyt-raport", "od rozpoczęcia audytu do sporządzenia raportu",
          "audyt_rozpoczety", "raport_audytu_sporzadzony"),
    Stage("raport-certyfikat", "od sporządzenia raportu do wydania certyfikatu",
          "raport_audytu_sporzadzony", "certyfikat_wydany"),
    Stage("wniosek-certyfikat", "cała certyfikacja: od złożenia wniosku do wydania certyfikatu",
          "wniosek_zlozony", "certyfikat_wydany"),
    Stage("zgloszenie-audyt", "od zgłoszenia przedłużenia do audytu przedłużającego",
          "zgloszenie_przedluzenia", "audyt_przedluzajacy", True),
    Stage("audyt-przedluzenie", "od audytu przedłużającego do przedłużenia certyfikatu",
          "audyt_przedluzajacy", "certyfikat_przedluzony", True),
    Stage("zgloszenie-przedluzenie", "całe przedłużenie: od zgłoszenia do przedłużenia",
          "zgloszenie_przedluzenia", "certyfikat_przedluzony", True),
)  # fmt: skip


@dataclass(frozen=True)
class Scope:
    key: str  # "polska" or the voivodeship's slug
    name: str  # "Polska", "województwo pomorskie"
    voivodeship: Voivodeship | None
    clubs: tuple[Club, ...]


def scopes(register: Register) -> tuple[Scope, ...]:
    """The whole country first, then every voivodeship in TERYT order."""
    national = Scope("polska", "Polska", None, register.clubs)
    return (national, *(
        Scope(v.slug, f"województwo {v.name}", v,
              tuple(c for c in register.clubs if c.voivodeship == v.teryt))
        for v in register.voivodeships
    ))  # fmt: skip


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1–4

    @property
    def name(self) -> str:
        """„I kwartał 2025”"""
        return f"{QUARTER_NAMES[self.number - 1]} kwartał {self.year}"

    @property
    def short(self) -> str:
        """„2025-Q1” (CSV)"""
        return f"{self.year}-Q{self.number}"

    @property
    def end(self) -> date:
        month = self.number * 3
        return date(self.year, month, 31 if month in (3, 12) else 30)


def quarter_of(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def quarters(first: date, as_of: date) -> tuple[Quarter, ...]:
    """Every quarter from the one of ``first`` to the last one that ended by ``as_of``."""
    found = []
    q = quarter_of(first)
    while q.end <= as_of:
        found.append(q)
        q = Quarter(q.year + 1, 1) if q.number == 4 else Quarter(q.year, q.number + 1)
    return tuple(found)


@dataclass(frozen=True)
class Spread:
    """Median and quartiles (inclusive method) of durations in days."""

    n: int
    q1: float
    median: float
    q3: float
    low: int
    high: int


def spread(days: list[int]) -> Spread | None:
    """The spread of ``days``; None for none. Quartiles as Excel's QUARTILE.INC computes them."""
    if not days:
        return None
    values = sorted(days)
    if len(values) == 1:
        v = float(values[0])
        return Spread(1, v, v, v, values[0], values[0])
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(len(values), q1, median, q3, values[0], values[-1])


@dataclass(frozen=True)
class Duration:
    stage: Stage
    club: Club
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def durations(club: Club, until: date) -> list[Duration]:
    """Every completed stage of ``club`` up to ``until``.

    A stage counts only inside one procedure: an application or extension request opens it;
    a refusal, an appeal, a withdrawal or striking off closes it (so the time an appeal took is
    not counted as part of the next stage).
    """
    found: list[Duration] = []
    opened: dict[str, date] = {}
    for event in _past(club.events, until):
        for stage in STAGES:
            if event.type == stage.end and stage.start in opened:
                found.append(Duration(stage, club, opened[stage.start], event.date))
        if event.type in STARTS:
            opened = {}
        if event.type in ENDS:
            opened = {}
        else:
            opened[event.type] = event.date
    return found


@dataclass(frozen=True)
class OpenCase:
    club: Club
    kind: str  # "certyfikacja" | "odwołanie" | "przedłużenie"
    since: date  # the application or extension request
    last: Event  # the latest event of the case
    days: int  # open for, on the day of the figures


def open_cases(club: Club, day: date, now: Standing | None = None) -> list[OpenCase]:
    """The club's procedures still open on ``day``: certification (status „w procedurze”),
    an appeal (status „odwołanie”), an extension requested and not yet decided. ``now`` is the
    club's standing on ``day`` when the caller has it."""
    past = _past(club.events, day)
    if not past:
        return []
    now = now or standing(past, day)
    cases = []
    if now.status in ("w_procedurze", "odwolanie"):
        start = next((e for e in reversed(past) if e.type in STARTS), past[0])
        kind = "odwołanie" if now.status == "odwolanie" else "certyfikacja"
        cases.append(OpenCase(club, kind, start.date, past[-1], (day - start.date).days))
    elif now.status not in ("cofniety", "wykreslony"):
        request = next((i for i in range(len(past) - 1, -1, -1)
                        if past[i].type == "zgloszenie_przedluzenia"), None)
        if request is not None and not any(
            e.type in EXTENSION_CLOSED for e in past[request + 1:]
        ):
            since = past[request].date
            cases.append(OpenCase(club, "przedłużenie", since, past[-1], (day - since).days))
    return cases


@dataclass(frozen=True)
class Expiry:
    """A certificate valid on the day whose term ends within the horizon."""

    club: Club
    number: str
    valid_until: date
    days: int  # days left
    extension_started: bool  # an extension was requested since the certificate was issued


def expiring(club: Club, day: date, horizon: int, now: Standing | None = None) -> Expiry | None:
    """The club's certificate valid on ``day`` if its term ends within ``horizon`` days."""
    now = now or standing(club.events, day)
    if not (now.is_certified and now.valid_until and now.issued and now.certificate_number):
        return None
    left = days_until_end(now.valid_until, day)
    if left > horizon:
        return None
    past = _past(club.events, day)
    issue = max(i for i, e in enumerate(past) if e.date == now.issued and e.certificate_number)
    started = any(e.type == "zgloszenie_przedluzenia" for e in past[issue + 1:])
    return Expiry(club, now.certificate_number, now.valid_until, left, started)


@dataclass(frozen=True)
class TermEnd:
    """A certificate whose three years ran out (not withdrawn or struck off before)."""

    club: Club
    number: str
    valid_until: date
    requested_in_time: bool  # extension requested on or before the last valid day
    extended: bool  # the next certificate was issued by the last valid day


def term_ends(club: Club, day: date) -> list[TermEnd]:
    """Certificates of ``club`` whose validity ended on or before ``day``."""
    past = _past(club.events, day)
    found = []
    issues = [i for i, e in enumerate(past) if e.type in ISSUED + EXTENDED and e.certificate_number]
    for n, index in enumerate(issues):
        event = past[index]
        until = validity_end(event.date)
        if until > day:
            continue
        after = [e for e in past[index + 1:] if e.date <= until]
        if any(e.type in ("certyfikat_cofniety", "klub_wykreslony") for e in after):
            continue
        nxt = past[issues[n + 1]] if n + 1 < len(issues) else None
        requested = any(e.type == "zgloszenie_przedluzenia" for e in after)
        extended = nxt is not None and nxt.date <= until
        found.append(TermEnd(club, event.certificate_number or "", until, requested, extended))
    return found


@dataclass(frozen=True)
class YearCounts:
    year: int
    issued: int = 0
    extended: int = 0
    refused: int = 0
    withdrawn: int = 0
    appeals_filed: int = 0
    appeals_upheld: int = 0
    appeals_dismissed: int = 0


KINDS: dict[str, tuple[str, ...]] = {
    "issued": ISSUED,
    "extended": EXTENDED,
    "refused": REFUSED,
    "withdrawn": WITHDRAWN,
    "appeals_filed": (APPEAL_FILED,),
    "appeals_upheld": (APPEAL_UPHELD,),
    "appeals_dismissed": (APPEAL_DISMISSED,),
}
KIND_OF = {code: kind for kind, codes in KINDS.items() for code in codes}


@dataclass(frozen=True)
class StageSpread:
    stage: Stage
    spread: Spread | None


@dataclass(frozen=True)
class Figures:
    """Everything ``/statystyki/`` shows for one scope on one day."""

    scope: Scope
    day: date
    certified: int  # clubs certified on the day
    clubs: int  # clubs in the voivode's registers (not struck off) on the day
    quarterly: tuple[tuple[Quarter, int], ...]
    years: tuple[YearCounts, ...]
    appeals_pending: int
    stages: tuple[StageSpread, ...]  # all completed stages up to the day
    stage_durations: tuple[Duration, ...]
    open_cases: tuple[OpenCase, ...]
    expiring: dict[int, tuple[Expiry, ...]]  # horizon → certificates
    term_ends: tuple[TermEnd, ...]
    services: tuple[tuple[str, int], ...]  # service code → certified clubs offering it

    def open_buckets(self) -> tuple[tuple[str, int], ...]:
        return tuple(
            (label, sum(1 for c in self.open_cases
                        if c.days >= low and (high is None or c.days <= high)))
            for low, high, label in OPEN_BUCKETS
        )  # fmt: skip

    def open_spread(self) -> Spread | None:
        return spread([c.days for c in self.open_cases])


def first_event(clubs: Iterable[Club]) -> date | None:
    return min((c.events[0].date for c in clubs if c.events), default=None)


NO_EVENTS = standing((), date.min)  # a club before its first event: „bez certyfikatu”


@dataclass(frozen=True)
class Timeline:
    """A club's standing on every day, from :func:`standing` evaluated on each day it can
    change: an event, the first day of a certificate's last 90 days, the day after its end."""

    days: tuple[date, ...]
    standings: tuple[Standing, ...]

    def at(self, day: date) -> Standing:
        i = bisect.bisect_right(self.days, day) - 1
        return self.standings[i] if i >= 0 else NO_EVENTS


def timeline(club: Club) -> Timeline:
    points = {e.date for e in club.events}
    for e in club.events:
        if e.type in ISSUING_EVENTS:
            end = validity_end(e.date)
            points |= {end - timedelta(days=EXPIRY_WARNING_DAYS), end + timedelta(days=1)}
    days = tuple(sorted(points))
    return Timeline(days, tuple(standing(club.events, d) for d in days))


@dataclass(frozen=True)
class ClubFacts:
    """What the figures need of one club, worked out once per build (up to ``until``)."""

    club: Club
    timeline: Timeline
    durations: tuple[Duration, ...]
    term_ends: tuple[TermEnd, ...]
    certified_quarter_ends: frozenset[date]  # the quarters' last days it was certified on
    kinds: tuple[tuple[int, str], ...]  # (year, kind of :data:`KINDS`) of each counted event


def club_facts(club: Club, until: date) -> ClubFacts:
    line = timeline(club)
    ends = frozenset(q.end for q in quarters(club.events[0].date, until)
                     if line.at(q.end).is_certified) if club.events else frozenset()
    kinds = tuple((e.date.year, KIND_OF[e.type]) for e in _past(club.events, until)
                  if e.type in KIND_OF)
    return ClubFacts(club, line, tuple(durations(club, until)), tuple(term_ends(club, until)),
                     ends, kinds)


class Facts:
    """The facts of every club of a build, and their sums per scope (made once, when asked)."""

    def __init__(self, clubs: Iterable[Club], until: date) -> None:
        self.until = until
        self.clubs = {c.id: club_facts(c, until) for c in clubs}
        self._certified: dict[str, Counter[date]] = {}
        self._kinds: dict[str, Counter[tuple[int, str]]] = {}

    def certified(self, scope: Scope) -> Counter[date]:
        """Clubs of ``scope`` certified on each quarter's last day."""
        if scope.key not in self._certified:
            self._certified[scope.key] = Counter(
                itertools.chain.from_iterable(
                    self.clubs[c.id].certified_quarter_ends for c in scope.clubs))
        return self._certified[scope.key]

    def year_counts(self, scope: Scope, years: Iterable[int]) -> tuple[YearCounts, ...]:
        """Events of each kind in each of ``years`` (up to :attr:`until`)."""
        if scope.key not in self._kinds:
            self._kinds[scope.key] = Counter(
                itertools.chain.from_iterable(self.clubs[c.id].kinds for c in scope.clubs))
        tally = self._kinds[scope.key]
        return tuple(YearCounts(y, **{k: tally[(y, k)] for k in KINDS}) for y in years)


def figures(register: Register, scope: Scope, day: date, since: date | None = None,
            facts: Facts | None = None, *, expiries: bool = True) -> Figures:
    """The figures of ``scope`` on ``day``; quarters start at ``since`` (default: the scope's
    first event). ``facts`` (up to ``day``, or to a later day when ``day`` ends a year) saves
    working them out again. Without ``expiries`` nothing is said about what expires soon."""
    clubs = scope.clubs
    facts = facts or Facts(clubs, day)
    known = facts.clubs
    start = since or first_event(clubs)
    qs = quarters(start, day) if start else ()
    on_quarter_ends = facts.certified(scope)
    certified = members = pending = 0
    services = dict.fromkeys(register.services, 0)
    stage_durations: list[Duration] = []
    cases: list[OpenCase] = []
    soon: dict[int, list[Expiry]] = {h: [] for h in HORIZONS}
    ends: list[TermEnd] = []
    for club in clubs:
        f = known[club.id]
        now = f.timeline.at(day)
        if now.status != "wykreslony" and club.entry_date <= day:
            members += 1
        if now.is_certified:
            certified += 1
            for s in {s.service for s in club.services}:
                services[s] = services.get(s, 0) + 1
            for h in HORIZONS if expiries else ():
                if found := expiring(club, day, h, now):
                    soon[h].append(found)
        if now.status == "odwolanie":
            pending += 1
        stage_durations += (d for d in f.durations if d.end <= day)
        if now.status != "bez_certyfikatu":
            cases += open_cases(club, day, now)
        ends += (t for t in f.term_ends if t.valid_until <= day)
    first_year = start.year if start else day.year
    return Figures(
        scope=scope,
        day=day,
        certified=certified,
        clubs=members,
        quarterly=tuple((q, on_quarter_ends[q.end]) for q in qs),
        years=facts.year_counts(scope, range(first_year, day.year + 1)) if start else (),
        appeals_pending=pending,
        stages=stage_spreads(stage_durations),
        stage_durations=tuple(stage_durations),
        open_cases=tuple(sorted(cases, key=lambda c: (-c.days, c.club.id))),
        expiring={h: tuple(sorted(e, key=lambda x: (x.valid_until, x.club.id)))
                  for h, e in soon.items()},
        term_ends=tuple(sorted(ends, key=lambda t: (t.valid_until, t.number))),
        services=tuple(services.items()),
    )  # fmt: skip


def stage_spreads(found: Iterable[Duration]) -> tuple[StageSpread, ...]:
    by_stage: dict[str, list[int]] = {s.key: [] for s in STAGES}
    for d in found:
        by_stage[d.stage.key].append(d.days)
    return tuple(StageSpread(s, spread(by_stage[s.key])) for s in STAGES)


def _past(events: tuple[Event, ...] | list[Event], day: date) -> list[Event]:
    return [e for e in events if e.date <= day]
