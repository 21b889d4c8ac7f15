"""What the pages show, computed from the model for one as-of date (pure, no HTML).

Every status is derived here with :func:`generator.register.status.standing`; templates only format.
Lists are sorted so that the pages (and their no-JavaScript order) are deterministic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from generator.register.model import Club, Event, Register, Service, Story, Voivodeship
from generator.register.status import (
    ISSUING_EVENTS,
    PRE_REGISTER_EVENT,
    Standing,
    days_until_end,
    standing,
)
from generator.site.formats import url_segment

CERTIFIED = ("certyfikowany", "wygasa")
COMPULSORY = "obowiązkowe"  # a criterion's required level (slowniki/kryteria.csv) for a must


def club_url(club_id: str) -> str:
    return f"kluby/{club_id}/"


def voivodeship_url(slug: str) -> str:
    return f"wojewodztwa/{slug}/"


def status_url(code: str) -> str:
    return f"rejestr/status/{url_segment(code)}/"


def service_url(code: str) -> str:
    return f"rejestr/usluga/{url_segment(code)}/"


def story_url(slug: str) -> str:
    return f"dobre-praktyki/{slug}/"


def story_service_url(code: str) -> str:
    return f"dobre-praktyki/usluga/{url_segment(code)}/"


def story_voivodeship_url(slug: str) -> str:
    return f"dobre-praktyki/wojewodztwo/{slug}/"


@dataclass(frozen=True)
class ClubView:
    """A club with everything derived for the as-of date."""

    club: Club
    voivodeship: Voivodeship
    standing: Standing
    status_name: str
    operator_type_name: str
    services: tuple[Service, ...]  # catalogue order

    @property
    def url(self) -> str:
        return club_url(self.club.id)

    @property
    def certified(self) -> bool:
        return self.standing.is_certified

    @property
    def history_on_paper(self) -> bool:
        """Certified before the register was kept: the earlier history is in the office's files."""
        return bool(self.club.events) and self.club.events[0].type == PRE_REGISTER_EVENT

    def days_left_on(self, as_of: date) -> int | None:
        end = self.standing.valid_until
        return days_until_end(end, as_of) if end and self.certified else None


@dataclass(frozen=True)
class EventView:
    event: Event
    name: str
    stage: str


@dataclass(frozen=True)
class Stats:
    """National (or one voivodeship's) figures for the as-of date."""

    certified: int
    expiring: int  # certificates ending within EXPIRY_WARNING_DAYS
    issued_this_year: int  # certificates issued (first or extended) in the as-of year so far
    first_issued_this_year: int  # not extensions (a pre-register certificate counts here)
    extended_this_year: int
    in_procedure: int  # status w_procedurze
    all_clubs: int


class SiteData:
    """The register seen on one day: club views, groupings and figures, computed once.

    ``only``: the views of these clubs alone, for their own pages (lists and figures are then of
    them alone too: not for pages that show more than one club).
    """

    def __init__(self, register: Register, as_of: date,
                 only: Collection[str] | None = None) -> None:
        self.register = register
        self.as_of = as_of
        catalogue = list(register.services)
        clubs = register.clubs if only is None else [c for c in register.clubs if c.id in only]
        self.clubs: tuple[ClubView, ...] = tuple(
            ClubView(
                club=c,
                voivodeship=register.voivodeship(c.voivodeship),
                standing=(st := standing(c.events, as_of)),
                status_name=register.statuses[st.status].name,
                operator_type_name=register.operator_types[c.operator_type].name,
                services=tuple(
                    register.services[code]
                    for code in sorted({s.service for s in c.services}, key=catalogue.index)
                ),
            )
            for c in clubs
        )
        self.by_id = {v.club.id: v for v in self.clubs}
        # the lists below keep this order: sorted once, then filtered (the sort is stable)
        self.by_name: tuple[ClubView, ...] = tuple(sort_by_name(self.clubs))

    # --- lists ------------------------------------------------------------------------------

    def certified(self, teryt: str | None = None) -> list[ClubView]:
        """Certified clubs (valid certificate, including the last 90 days), by name."""
        return [
            v for v in self.by_name
            if v.certified and (teryt is None or v.club.voivodeship == teryt)
        ]

    def with_status(self, code: str) -> list[ClubView]:
        return [v for v in self.by_name if v.standing.status == code]

    def offering(self, service: str) -> list[ClubView]:
        """Certified clubs that offer ``service``."""
        return [v for v in self.certified() if any(s.code == service for s in v.services)]

    def expiring(self, teryt: str | None = None) -> list[ClubView]:
        """Certificates ending within 90 days, soonest first."""
        rows = [v for v in self.certified(teryt) if v.standing.status == "wygasa"]
        return sorted(rows, key=lambda v: (v.standing.valid_until, v.club.name, v.club.id))

    def in_voivodeship(self, teryt: str) -> list[ClubView]:
        return [v for v in self.by_name if v.club.voivodeship == teryt]

    def events(self, club: Club) -> list[EventView]:
        types = self.register.event_types
        return [
            EventView(e, types[e.type].name, types[e.type].stage)
            for e in club.events
            if e.date <= self.as_of
        ]

    def stories_of(self, club_id: str) -> list[Story]:
        return [s for s in self.register.stories if s.club_id == club_id]

    # --- figures ----------------------------------------------------------------------------

    def stats(self, teryt: str | None = None) -> Stats:
        views = [v for v in self.clubs if teryt is None or v.club.voivodeship == teryt]
        issued = [
            e
            for v in views
            for e in v.club.events
            if e.type in ISSUING_EVENTS and e.date.year == self.as_of.year and e.date <= self.as_of
        ]
        statuses = Counter(v.standing.status for v in views)
        return Stats(
            certified=statuses["certyfikowany"] + statuses["wygasa"],
            expiring=statuses["wygasa"],
            issued_this_year=len(issued),
            first_issued_this_year=sum(e.type != "certyfikat_przedluzony" for e in issued),
            extended_this_year=sum(e.type == "certyfikat_przedluzony" for e in issued),
            in_procedure=statuses["w_procedurze"],
            all_clubs=len(views),
        )

    def status_counts(self) -> dict[str, int]:
        counts = Counter(v.standing.status for v in self.clubs)
        return {code: counts[code] for code in self.register.statuses}

    def compulsory_services(self) -> list[Service]:
        """Services the minimal standard requires of every certified club (a criterion naming
        the service whose level is „obowiązkowe”): filtering by them would change nothing."""
        criteria = self.register.criteria
        required = {c.service for c in criteria if c.service and c.required_level == COMPULSORY}
        return [s for code, s in self.register.services.items() if code in required]

    def optional_services(self) -> list[Service]:
        """The catalogue's other services, by which the club tables can be filtered."""
        compulsory = {s.code for s in self.compulsory_services()}
        return [s for code, s in self.register.services.items() if code not in compulsory]

    def service_counts(self) -> dict[str, int]:
        """Certified clubs per service, catalogue order."""
        return {code: len(self.offering(code)) for code in self.register.services}


def sort_by_name(views: Iterable[ClubView]) -> list[ClubView]:
    """By town, then name (Polish letters after their base letter), then id."""
    return sorted(views, key=lambda v: (name_key(v.club.town), name_key(v.club.name), v.club.id))


_POLISH = str.maketrans(
    {
        "ą": "a~",
        "ć": "c~",
        "ę": "e~",
        "ł": "l~",
        "ń": "n~",
        "ó": "o~",
        "ś": "s~",
        "ź": "z~",
        "ż": "z~~",
    }
)


def name_key(text: str) -> str:
    """A sort key that puts Polish letters right after their base letter (ą after a, ł after l)."""
    return text.casefold().translate(_POLISH)
