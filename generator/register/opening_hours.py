"""Opening hours as officers type them in ``godziny_otwarcia``: the one grammar, parsed here.

    godziny  = wpis *( ";" wpis )
    wpis     = dni " " przedział *( "," przedział )     e.g. „pn–pt 8:00–16:00”
             | dni " do " godzina                        e.g. „śr do 18:00” (closes later/earlier)
    dni      = dzień [ "–" dzień ] *( "," dzień [ "–" dzień ] )
    dzień    = pn | wt | śr | cz | pt | sb | nd          (also pon, sr, czw, sob, ndz, niedz)
    przedział = godzina "–" godzina                      (a hyphen works as the dash)
    godzina  = G:MM                                      (0:00–24:00)

Entries apply in order: a later one replaces the day's hours; „do” changes the closing time of
the day's last period. Days not named are closed. Pure functions; errors carry a Polish detail.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

DAY_CODES = ("pn", "wt", "śr", "cz", "pt", "sb", "nd")
DAY_NAMES = ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela")
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ALIASES = {"pn": 0, "pon": 0, "wt": 1, "śr": 2, "sr": 2, "cz": 3, "czw": 3, "pt": 4, "sb": 5,
           "sob": 5, "nd": 6, "ndz": 6, "niedz": 6}
SYNTAX = "np. „pn–pt 8:00–16:00; śr do 18:00” (dni: pn, wt, śr, cz, pt, sb, nd)"
DASH = re.compile(r"\s*[-–—]\s*")
TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
ENTRY = re.compile(r"^(?P<days>\D+?)\s+(?:do\s+(?P<until>\S+)|(?P<periods>\d.*))$")

Period = tuple[int, int]  # minutes from midnight: opens, closes
Week = tuple[tuple[Period, ...], ...]  # seven days, Monday first


class OpeningHoursError(ValueError):
    """The text does not follow the grammar; ``detail`` says where, in Polish."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class Line:
    """Days with the same hours, for display: „poniedziałek–piątek”, „8:00–16:00”."""

    days: str
    hours: str


def parse(text: str) -> Week:
    """The week of ``text``; raises :class:`OpeningHoursError`."""
    week: list[list[Period]] = [[] for _ in DAY_CODES]
    entries = [e.strip() for e in text.strip().rstrip(";").split(";")]
    for entry in entries:
        if not entry:
            raise OpeningHoursError("jeden z wpisów między średnikami jest pusty")
        match = ENTRY.match(" ".join(entry.split()))
        if not match:
            raise OpeningHoursError(f"we wpisie „{entry}” brakuje dni albo godzin")
        days = _days(match["days"])
        if match["until"] is not None:
            closes = _minutes(match["until"])
            for day in days:
                if not week[day]:
                    raise OpeningHoursError(
                        f"wpis „{entry}”: {DAY_NAMES[day]} nie ma jeszcze godzin otwarcia – "
                        "podaj je we wcześniejszym wpisie")
                opens = week[day][-1][0]
                if closes <= opens:
                    raise OpeningHoursError(
                        f"wpis „{entry}”: zamknięcie o {_clock(closes)} nie jest po otwarciu "
                        f"o {_clock(opens)}")
                week[day][-1] = (opens, closes)
            continue
        periods = [_period(p, entry) for p in match["periods"].split(",")]
        periods.sort()
        for first, second in itertools.pairwise(periods):
            if second[0] < first[1]:
                raise OpeningHoursError(f"wpis „{entry}”: przedziały godzin nakładają się")
        for day in days:
            week[day] = list(periods)
    return tuple(tuple(day) for day in week)


def valid(text: str) -> str | None:
    """None when ``text`` parses, else the Polish detail of its first error."""
    try:
        parse(text)
    except OpeningHoursError as err:
        return err.detail
    return None


def _days(text: str) -> list[int]:
    days: list[int] = []
    for part in text.split(","):
        ends = [_day(d) for d in DASH.split(part.strip())]
        if len(ends) == 1:
            days.append(ends[0])
        elif len(ends) == 2 and ends[0] < ends[1]:
            days.extend(range(ends[0], ends[1] + 1))
        else:
            raise OpeningHoursError(
                f"zakres dni „{part.strip()}” musi prowadzić od wcześniejszego do późniejszego "
                "dnia tygodnia, np. pn–pt")
    return days


def _day(text: str) -> int:
    key = text.strip().rstrip(".").lower()
    if key not in ALIASES:
        raise OpeningHoursError(f"„{text.strip()}” nie jest skrótem dnia tygodnia")
    return ALIASES[key]


def _period(text: str, entry: str) -> Period:
    ends = DASH.split(text.strip())
    if len(ends) != 2:
        raise OpeningHoursError(f"wpis „{entry}”: „{text.strip()}” nie jest przedziałem "
                                "godzin od–do, np. 8:00–16:00")
    opens, closes = _minutes(ends[0]), _minutes(ends[1])
    if closes <= opens:
        raise OpeningHoursError(f"wpis „{entry}”: zamknięcie o {_clock(closes)} nie jest po "
                                f"otwarciu o {_clock(opens)}")
    return opens, closes


def _minutes(text: str) -> int:
    match = TIME.match(text.strip())
    if not match:
        raise OpeningHoursError(f"„{text.strip()}” nie jest godziną w postaci G:MM, np. 8:00")
    hours, minutes = int(match[1]), int(match[2])
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise OpeningHoursError(f"godzina „{text.strip()}” nie istnieje")
    return hours * 60 + minutes


def _clock(minutes: int) -> str:
    """``8:00`` (Polish usage)."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def iso_time(minutes: int) -> str:
    """``08:00`` (schema.org, JSON)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def lines(week: Week) -> tuple[Line, ...]:
    """Open days in order, consecutive days with the same hours joined: for a club page."""
    out: list[Line] = []
    day = 0
    while day < len(week):
        if not week[day]:
            day += 1
            continue
        last = day
        while last + 1 < len(week) and week[last + 1] == week[day]:
            last += 1
        days = DAY_NAMES[day] if last == day else f"{DAY_NAMES[day]}–{DAY_NAMES[last]}"
        hours = ", ".join(f"{_clock(a)}–{_clock(b)}" for a, b in week[day])
        out.append(Line(days, hours))
        day = last + 1
    return tuple(out)


def closed_days(week: Week) -> bool:
    """Some day of the week has no hours."""
    return any(not day for day in week)


def records(week: Week) -> list[dict[str, str]]:
    """One record a day and period, for the JSON: ``{"dzien": "pn", "od": "08:00", "do": …}``."""
    return [{"dzien": DAY_CODES[d], "od": iso_time(a), "do": iso_time(b)}
            for d, periods in enumerate(week) for a, b in periods]


def schema_org(week: Week) -> list[dict[str, object]]:
    """schema.org ``OpeningHoursSpecification`` objects, days with the same period together."""
    by_period: dict[Period, list[int]] = {}
    for d, periods in enumerate(week):
        for period in periods:
            by_period.setdefault(period, []).append(d)
    return [{"@type": "OpeningHoursSpecification",
             "dayOfWeek": [f"https://schema.org/{SCHEMA_DAYS[d]}" for d in days],
             "opens": iso_time(a), "closes": iso_time(b)}
            for (a, b), days in sorted(by_period.items(), key=lambda kv: (kv[1][0], kv[0]))]
