"""Derive a club's certificate status on a given date from its process events.

Status and validity end are derived, never typed in (see ``register/slowniki/statusy.csv`` for
their Polish names). Pure functions only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from generator.register.model import Event

VALIDITY_YEARS = 3
EXPIRY_WARNING_DAYS = 90

# A certificate issued before the register was kept, entered with its number and issue date only;
# the club's earlier history stays in the office's paper files.
PRE_REGISTER_EVENT = "certyfikat_sprzed_rejestru"
ISSUING_EVENTS = ("certyfikat_wydany", "certyfikat_przedluzony", PRE_REGISTER_EVENT)
REFUSAL_EVENTS = ("wniosek_odrzucony", "odmowa_certyfikatu", "odwolanie_oddalone")

STATUS_CODES = (
    "w_procedurze",
    "certyfikowany",
    "wygasa",
    "wygasly",
    "odmowa",
    "odwolanie",
    "cofniety",
    "wykreslony",
    "bez_certyfikatu",
)


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def expiring(valid_until: date, as_of: date) -> bool:
    """A valid certificate in its last :data:`EXPIRY_WARNING_DAYS` days (status „wygasa”)."""
    return days_until_end(valid_until, as_of) <= EXPIRY_WARNING_DAYS


def days_until_end(valid_until: date, as_of: date) -> int:
    """Whole days from ``as_of`` to the certificate's last valid day (0 on that day).

    The one day count of the site: club pages, certificate pages and lists all use it.
    """
    return (valid_until - as_of).days


def validity_end(issued: date) -> date:
    """Last day on which a certificate issued (or extended) on ``issued`` is valid."""
    return add_years(issued, VALIDITY_YEARS) - timedelta(days=1)


@dataclass(frozen=True)
class Standing:
    """A club's derived standing on ``as_of``."""

    status: str  # one of STATUS_CODES
    certificate_number: str | None  # the latest certificate issued up to as_of
    issued: date | None
    valid_until: date | None  # validity end of that certificate

    @property
    def is_certified(self) -> bool:
        """True while a certificate is valid (including its last 90 days)."""
        return self.status in ("certyfikowany", "wygasa")


def standing(events: tuple[Event, ...] | list[Event], as_of: date) -> Standing:
    """Status of a club on ``as_of`` given its events in date order."""
    past = [e for e in events if e.date <= as_of]
    issue = next((e for e in reversed(past) if e.type in ISSUING_EVENTS), None)
    issued = issue.date if issue else None
    valid_until = validity_end(issued) if issued else None
    number = issue.certificate_number if issue else None

    def result(status: str) -> Standing:
        return Standing(status, number, issued, valid_until)

    if not past:
        return result("bez_certyfikatu")  # in the voivode's register, never applied (yet)
    last = past[-1].type
    if last == "klub_wykreslony":
        return result("wykreslony")
    if last == "certyfikat_cofniety":
        return result("cofniety")
    valid = valid_until is not None and as_of <= valid_until
    if valid and _not_ended_after_issue(past, issue):
        assert valid_until is not None
        if expiring(valid_until, as_of):
            return result("wygasa")
        return result("certyfikowany")
    if last == "odwolanie_zlozone":
        return result("odwolanie")
    if last in REFUSAL_EVENTS:
        return result("odmowa")
    if issue is not None and not _new_application_after(past, issue):
        return result("wygasly")
    return result("w_procedurze")


def _not_ended_after_issue(past: list[Event], issue: Event | None) -> bool:
    """No withdrawal or striking off since the certificate was issued."""
    if issue is None:
        return False
    after = past[past.index(issue) + 1 :]
    return not any(e.type in ("certyfikat_cofniety", "klub_wykreslony") for e in after)


def _new_application_after(past: list[Event], issue: Event) -> bool:
    after = past[past.index(issue) + 1 :]
    return any(e.type == "wniosek_zlozony" for e in after)
