"""The yearly report of one scope (country or voivodeship) for one complete year (pure).

The year's figures are those of :mod:`generator.parts.statistics.figures` on 31 December,
restricted to what happened in the year, and the lists of certificates issued, extended,
refused and withdrawn in it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from generator.parts.statistics import sections as sec
from generator.parts.statistics.figures import (
    EXTENDED,
    ISSUED,
    REFUSED,
    WITHDRAWN,
    Facts,
    Figures,
    Scope,
    figures,
    first_event,
    stage_spreads,
)
from generator.parts.statistics.sections import Section, Table, club_link
from generator.polish import date_pl, short_date
from generator.register.model import Club, Event, Register
from generator.register.status import standing

REPORT_DIR = "statystyki/raporty"
LISTS = (
    ("wydane", "Wydane certyfikaty", ISSUED),
    ("przedluzone", "Przedłużone certyfikaty", EXTENDED),
    ("odmowy", "Odmowy", REFUSED),
    ("cofniete", "Cofnięte certyfikaty", WITHDRAWN),
)


@dataclass(frozen=True)
class Report:
    scope: Scope
    year: int
    figures: Figures  # on 31 December, quarters of the year only
    certified_before: int  # clubs certified on 31 December of the year before
    events: tuple[tuple[Club, Event], ...]  # the year's certificate events, by date

    @property
    def key(self) -> str:
        return f"{self.year}-{self.scope.key}"

    @property
    def title(self) -> str:
        return f"Raport roczny {self.year} – {self.scope.name}"

    @property
    def page(self) -> str:
        return f"{REPORT_DIR}/{self.key}/"

    @property
    def pdf(self) -> str:
        return f"{REPORT_DIR}/raport-kis-{self.key}.pdf"


def complete_years(scope: Scope, as_of: date) -> range:
    """Years from the scope's first event to the last one that ended by ``as_of``."""
    first = first_event(scope.clubs)
    if first is None:
        return range(0)
    last = as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1
    return range(first.year, last + 1)


def report(register: Register, scope: Scope, year: int, facts: Facts | None = None) -> Report:
    """The report of ``scope`` for ``year``; ``facts`` as for :func:`figures`."""
    end = date(year, 12, 31)
    facts = facts or Facts(scope.clubs, end)
    whole = figures(register, scope, end, since=date(year, 1, 1), facts=facts, expiries=False)
    durations = tuple(d for d in whole.stage_durations if d.end.year == year)
    restricted = replace(
        whole,
        stages=stage_spreads(durations),
        stage_durations=durations,
        term_ends=tuple(t for t in whole.term_ends if t.valid_until.year == year),
    )
    before = date(year - 1, 12, 31)
    certified_before = facts.certified(scope)[before]
    wanted = ISSUED + EXTENDED + REFUSED + WITHDRAWN
    events = sorted(
        ((c, e) for c in scope.clubs for e in c.events
         if e.date.year == year and e.type in wanted),
        key=lambda ce: (ce[1].date, ce[0].id),
    )  # fmt: skip
    return Report(scope, year, restricted, certified_before, tuple(events))


def summary(r: Report) -> Section:
    f = r.figures
    (y,) = f.years
    rows = (
        (f"Certyfikowane kluby 31 grudnia {r.year - 1}", str(r.certified_before)),
        (f"Certyfikowane kluby 31 grudnia {r.year}", str(f.certified)),
        ("Wydane certyfikaty", str(y.issued)),
        ("Przedłużone certyfikaty", str(y.extended)),
        ("Odmowy", str(y.refused)),
        ("Cofnięte certyfikaty", str(y.withdrawn)),
        ("Złożone odwołania", str(y.appeals_filed)),
        ("Uwzględnione odwołania", str(y.appeals_upheld)),
        ("Oddalone odwołania", str(y.appeals_dismissed)),
        (f"Odwołania w toku 31 grudnia {r.year}", str(f.appeals_pending)),
        (f"Sprawy w toku 31 grudnia {r.year}", str(len(f.open_cases))),
    )
    table = Table("podsumowanie-tabela", f"Rok {r.year} w liczbach – {r.scope.name}",
                  ("Wskaźnik", "Liczba"), rows)
    return Section("podsumowanie", f"Rok {r.year} w liczbach", (), tables=(table,))


def event_list(r: Report, register: Register, key: str, title: str,
               types: tuple[str, ...]) -> Section:
    national = r.scope.voivodeship is None
    head = ("Data", "Klub", "Miejscowość", *(("Województwo",) if national else ()),
            "Numer certyfikatu", "Zdarzenie")
    rows = tuple(
        (short_date(e.date), club_link(c), c.town,
         *((register.voivodeship(c.voivodeship).name,) if national else ()),
         _number(c, e), register.event_types[e.type].name)
        for c, e in r.events if e.type in types
    )  # fmt: skip
    table = Table(f"lista-{key}-tabela", f"{title} w {r.year} roku – {r.scope.name}", head, rows,
                  empty=f"W {r.year} roku nie było takich zdarzeń.")
    return Section(f"lista-{key}", title, (), tables=(table,))


def _number(club: Club, event: Event) -> str:
    """The certificate the event is about: its own number, or the one it withdrew."""
    if event.certificate_number:
        return event.certificate_number
    if event.type in WITHDRAWN:
        return standing(club.events, event.date).certificate_number or "–"
    return "–"


def sections(r: Report, register: Register) -> tuple[Section, ...]:
    f = r.figures
    return (
        summary(r),
        sec.quarterly(f),
        sec.durations(f, extension=False),
        sec.durations(f, extension=True),
        Section("konce-waznosci", "Certyfikaty, których ważność minęła w roku",
                sec.expiring(f).text, tables=(sec.term_table(f, "konce-waznosci-tabela",
                                                             r.year),)),
        *(event_list(r, register, key, title, types) for key, title, types in LISTS),
        Section("metoda", "Jak liczymy", (
            f"Raport obejmuje zdarzenia z dat od 1 stycznia do 31 grudnia {r.year}; stan "
            f"klubów i spraw w toku – na dzień {date_pl(date(r.year, 12, 31))}. Czas etapów "
            f"liczymy dla etapów zakończonych w {r.year} roku.", *sec.METHOD[:2])),
    )
