"""Certificates ever issued and their state on the as-of date (pure).

A certificate number names one issuing event (``certyfikat_wydany`` or ``certyfikat_przedluzony``).
Its state follows the club's later events: withdrawn, struck off, superseded by the next
certificate issued before it ran out, expired, or still valid (and maybe expiring soon).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.register.model import Club, Event, Register, Voivodeship
from generator.register.status import ISSUING_EVENTS, expiring, standing, validity_end

STATES = ("wazny", "wygasa", "wygasly", "cofniety", "wykreslony", "zastapiony")
VALID_STATES = ("wazny", "wygasa")


@dataclass(frozen=True)
class Certificate:
    number: str
    club: Club
    issued: date
    valid_until: date
    extension: bool  # issued as an extension (certyfikat_przedluzony)
    state: str  # one of STATES
    ended: date | None  # when it stopped being valid (withdrawal, striking off, expiry, successor)
    successor: str | None  # number of the next certificate of the same club

    @property
    def is_valid(self) -> bool:
        return self.state in VALID_STATES


@dataclass(frozen=True)
class RegistryEntry:
    """A row of the filled-in form 7: a club certified on the as-of date."""

    number: str
    issued: date
    valid_until: date
    club: Club


def certificates(register: Register, as_of: date) -> tuple[Certificate, ...]:
    """Every certificate issued up to ``as_of``, sorted by number."""
    found = [cert for club in register.clubs for cert in _club_certificates(club, as_of)]
    return tuple(sorted(found, key=lambda c: c.number))


def latest_certificate(club: Club, as_of: date) -> Certificate | None:
    """The club's last certificate issued up to ``as_of``, with its state then."""
    found = _club_certificates(club, as_of)
    return found[-1] if found else None


def _club_certificates(club: Club, as_of: date) -> list[Certificate]:
    past = [e for e in club.events if e.date <= as_of]
    issues = [i for i, e in enumerate(past) if e.type in ISSUING_EVENTS and e.certificate_number]
    result = []
    for n, index in enumerate(issues):
        event = past[index]
        following = past[index + 1 : issues[n + 1]] if n + 1 < len(issues) else past[index + 1 :]
        successor = past[issues[n + 1]] if n + 1 < len(issues) else None
        result.append(_certificate(club, event, following, successor, as_of))
    return result


def _certificate(
    club: Club, event: Event, following: list[Event], successor: Event | None, as_of: date
) -> Certificate:
    assert event.certificate_number is not None
    end = validity_end(event.date)

    def make(state: str, ended: date | None) -> Certificate:
        return Certificate(
            event.certificate_number or "",
            club,
            event.date,
            end,
            event.type == "certyfikat_przedluzony",
            state,
            ended,
            successor.certificate_number if successor else None,
        )

    for later in following:
        if later.date > end:
            break
        if later.type == "certyfikat_cofniety":
            return make("cofniety", later.date)
        if later.type == "klub_wykreslony":
            return make("wykreslony", later.date)
    if successor is not None and successor.date <= end:
        return make("zastapiony", successor.date)
    if as_of > end:
        return make("wygasly", end)
    if expiring(end, as_of):
        return make("wygasa", None)
    return make("wazny", None)


def registry_entries(
    register: Register, voivodeship: Voivodeship, as_of: date
) -> tuple[RegistryEntry, ...]:
    """Clubs of ``voivodeship`` holding a valid certificate on ``as_of``, by certificate number."""
    entries = []
    for club in register.clubs:
        if club.voivodeship != voivodeship.teryt:
            continue
        now = standing(club.events, as_of)
        if now.is_certified and now.certificate_number and now.issued and now.valid_until:
            entries.append(RegistryEntry(now.certificate_number, now.issued, now.valid_until, club))
    return tuple(sorted(entries, key=lambda e: e.number))
