"""Certification histories for synthetic registers: valid event sequences with a known status.

Every scenario builds one club's events so that ``generator.register.status.standing`` gives the
scenario's
status on ``AS_OF`` and every transition is allowed by ``register/slowniki/typy_zdarzen.csv``.
Key dates are drawn in windows relative to ``AS_OF``; the steps before a key date are laid out
backwards from it, the steps after it forwards. Certificate numbers are filled in later
(:func:`number_certificates`). Pure functions: all randomness comes from the ``Random`` passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from random import Random

from generator.register.status import ISSUING_EVENTS, validity_end

AS_OF = date(2026, 11, 22)
LAST_EVENT = date(2026, 11, 20)  # no event after this day
MAX_NUMBER = 9999  # KIS-TT-RRRR-NNN allows 3 or 4 digits

# Days between an event and the one before it, by the later event's type.
GAP = {
    "wniosek_zlozony": (60, 240),
    "wniosek_dopuszczony": (10, 30),
    "wniosek_odrzucony": (10, 30),
    "ocena_pozytywna": (14, 40),
    "audyt_rozpoczety": (14, 45),
    "raport_audytu_sporzadzony": (5, 14),
    "raport_audytu_przekazany": (2, 10),
    "certyfikat_wydany": (7, 30),
    "odmowa_certyfikatu": (7, 30),
    "odwolanie_zlozone": (5, 14),
    "odwolanie_uwzglednione": (30, 60),
    "odwolanie_oddalone": (30, 60),
    "zgloszenie_przedluzenia": (30, 90),
    "audyt_przedluzajacy": (20, 40),
    "certyfikat_przedluzony": (14, 30),
    "odmowa_przedluzenia": (14, 30),
    "klub_wykreslony": (30, 240),
}

APPLY = ("wniosek_zlozony", "wniosek_dopuszczony", "ocena_pozytywna")
AUDIT = ("audyt_rozpoczety", "raport_audytu_sporzadzony", "raport_audytu_przekazany")
FULL = (*APPLY, *AUDIT)
EXTEND = ("zgloszenie_przedluzenia", "audyt_przedluzajacy")

NOTES = {
    "wniosek_odrzucony": (
        "brak porozumienia z powiatowym urzędem pracy w załącznikach",
        "wniosek niekompletny, nieuzupełniony w terminie",
        "brak regulaminu uczestnictwa w zajęciach",
    ),
    "odmowa_certyfikatu": (
        "brak dostępu do poradnictwa prawnego",
        "lokal bez dostępu do pomieszczeń sanitarnych",
        "brak formularzy diagnozy sytuacji uczestnika",
        "niespełnione kryterium kadry: brak specjalistów reintegracji",
    ),
    "odwolanie_uwzglednione": (
        "jednostka odwoławcza uznała zarzuty odwołania za zasadne",
        "sprawa przekazana do ponownego rozpatrzenia",
    ),
    "odwolanie_oddalone": ("odmowa utrzymana w mocy",),
    "zgloszenie_przedluzenia": ("zbliża się koniec okresu ważności certyfikatu",),
    "odmowa_przedluzenia": (
        "brak porozumienia z ośrodkiem pomocy społecznej",
        "klub nie zapewnia 40 godzin zajęć miesięcznie",
    ),
    "certyfikat_cofniety": (
        "klub zawiesił prowadzenie zajęć",
        "utrata lokalu spełniającego standard",
    ),
    "klub_wykreslony": (
        "zakończenie działalności klubu",
        "klub przekształcony w centrum integracji społecznej",
        "likwidacja klubu uchwałą rady gminy",
    ),
}
# Notes of an extension notified because the club's formal data changed (not its term ending).
CHANGE_NOTES = (
    "zmiana adresu siedziby klubu",
    "zmiana instytucji prowadzącej klub",
    "zmiana lokalu, w którym klub prowadzi zajęcia",
)
NOTE_CHANCE = 0.6


@dataclass(frozen=True)
class Step:
    """One event of a synthetic history (the club and certificate number come later)."""

    date: date
    type: str
    note: str = ""
    number: str = ""


class _History:
    """Collects steps; knows the window of dates the scenario may still use."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.steps: list[Step] = []

    @property
    def last(self) -> date:
        return self.steps[-1].date

    def day(self, start: date, end: date) -> date:
        """A random day in [start, end]."""
        if end < start:
            raise ValueError(f"empty window {start}..{end}")
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def gap(self, kind: str) -> int:
        return self.rng.randint(*GAP[kind])

    def note(self, kind: str, options: tuple[str, ...] | None = None) -> str:
        options = options or NOTES.get(kind)
        if not options or self.rng.random() > NOTE_CHANCE:
            return ""
        return self.rng.choice(options)

    def ending(self, kinds: Iterable[str], end: date) -> date:
        """Add ``kinds`` so that the last one falls on ``end``; return ``end``."""
        kinds = list(kinds)
        days = [end]
        for kind in reversed(kinds[1:]):
            days.append(days[-1] - timedelta(days=self.gap(kind)))
        for kind, day in zip(kinds, reversed(days), strict=True):
            self.steps.append(Step(day, kind, self.note(kind)))
        return end

    def then(self, *kinds: str) -> date:
        """Add ``kinds`` forwards after the last step."""
        for kind in kinds:
            self.steps.append(Step(self.last + timedelta(days=self.gap(kind)), kind,
                                   self.note(kind)))
        return self.last

    def at(self, kind: str, day: date, notes: tuple[str, ...] | None = None) -> date:
        self.steps.append(Step(day, kind, self.note(kind, notes)))
        return day


# --- scenarios -----------------------------------------------------------------------------------
# Windows for the key dates (all relative to AS_OF = 2026-11-22):
#   certificate still valid > 90 days: issued on or after 2024-02-21
#   expiring (wygasa): issued 2023-11-23 … 2024-02-20
#   expired: issued on or before 2023-11-21

Scenario = Callable[[_History], None]


def _certified_plain(h: _History) -> None:
    h.ending((*FULL, "certyfikat_wydany"), h.day(date(2024, 3, 1), date(2026, 10, 31)))


def _certified_extended(h: _History) -> None:
    issued = h.ending((*FULL, "certyfikat_wydany"), h.day(date(2022, 1, 10), date(2023, 10, 31)))
    h.at("zgloszenie_przedluzenia", validity_end(issued) - timedelta(days=h.rng.randint(100, 160)))
    h.then("audyt_przedluzajacy", "certyfikat_przedluzony")


def _certified_changed(h: _History) -> None:
    """Extended early because the club's formal data changed."""
    issued = h.ending((*FULL, "certyfikat_wydany"), h.day(date(2024, 3, 1), date(2025, 6, 30)))
    h.at("zgloszenie_przedluzenia", issued + timedelta(days=h.rng.randint(200, 400)),
         CHANGE_NOTES)
    h.then("audyt_przedluzajacy", "certyfikat_przedluzony")


def _certified_after_appeal(h: _History) -> None:
    h.ending((*FULL, "odmowa_certyfikatu", "odwolanie_zlozone", "odwolanie_uwzglednione",
              "certyfikat_wydany"), h.day(date(2024, 4, 1), date(2026, 10, 31)))


def _certified_after_appeal_audit(h: _History) -> None:
    h.ending(("wniosek_zlozony", "wniosek_dopuszczony", "odmowa_certyfikatu", "odwolanie_zlozone",
              "odwolanie_uwzglednione", *AUDIT, "certyfikat_wydany"),
             h.day(date(2024, 4, 1), date(2026, 10, 31)))


def _certified_second_try(h: _History) -> None:
    h.ending(("wniosek_zlozony", "wniosek_odrzucony", *FULL, "certyfikat_wydany"),
             h.day(date(2024, 6, 1), date(2026, 10, 31)))


def _certified_extension_appeal(h: _History) -> None:
    issued = h.ending((*FULL, "certyfikat_wydany"), h.day(date(2022, 6, 1), date(2023, 6, 30)))
    h.at("zgloszenie_przedluzenia", validity_end(issued) - timedelta(days=h.rng.randint(100, 160)))
    h.then("audyt_przedluzajacy", "odmowa_przedluzenia", "odwolanie_zlozone",
           "odwolanie_uwzglednione", "certyfikat_przedluzony")


def _expiring(h: _History) -> None:
    h.ending((*FULL, "certyfikat_wydany"), h.day(date(2023, 11, 24), date(2024, 2, 18)))


def _expiring_renewal_filed(h: _History) -> None:
    h.ending((*FULL, "certyfikat_wydany"), h.day(date(2023, 11, 24), date(2024, 2, 18)))
    h.at("zgloszenie_przedluzenia", h.day(date(2026, 9, 1), date(2026, 10, 10)))
    if h.rng.random() < 0.5:
        h.then("audyt_przedluzajacy")


def _expired(h: _History) -> None:
    h.ending((*FULL, "certyfikat_wydany"), h.day(date(2022, 1, 10), date(2023, 10, 31)))


def _expired_extension_refused(h: _History) -> None:
    issued = h.ending((*FULL, "certyfikat_wydany"), h.day(date(2022, 1, 10), date(2023, 8, 31)))
    h.at("zgloszenie_przedluzenia", validity_end(issued) - timedelta(days=h.rng.randint(100, 160)))
    h.then("audyt_przedluzajacy", "odmowa_przedluzenia")


def _refused_formal(h: _History) -> None:
    h.ending(("wniosek_zlozony", "wniosek_odrzucony"), h.day(date(2022, 3, 1), date(2026, 10, 31)))


def _refused_after_audit(h: _History) -> None:
    h.ending((*FULL, "odmowa_certyfikatu"), h.day(date(2022, 6, 1), date(2026, 10, 31)))


def _refused_appeal_dismissed(h: _History) -> None:
    h.ending(("wniosek_zlozony", "wniosek_dopuszczony", "odmowa_certyfikatu", "odwolanie_zlozone",
              "odwolanie_oddalone"), h.day(date(2022, 6, 1), date(2026, 10, 31)))


def _appeal_pending(h: _History) -> None:
    h.ending((*FULL, "odmowa_certyfikatu", "odwolanie_zlozone"),
             h.day(date(2026, 6, 1), LAST_EVENT))


def _appeal_pending_formal(h: _History) -> None:
    h.ending(("wniosek_zlozony", "wniosek_odrzucony", "odwolanie_zlozone"),
             h.day(date(2026, 6, 1), LAST_EVENT))


def _appeal_pending_withdrawal(h: _History) -> None:
    issued = h.ending((*FULL, "certyfikat_wydany"), h.day(date(2024, 1, 1), date(2025, 6, 30)))
    h.at("certyfikat_cofniety", h.day(max(issued + timedelta(days=120), date(2026, 1, 1)),
                                       date(2026, 10, 31)))
    h.then("odwolanie_zlozone")


def _in_procedure(h: _History) -> None:
    h.ending(FULL[: h.rng.randint(1, len(FULL))], h.day(date(2026, 3, 1), LAST_EVENT))


def _in_procedure_after_withdrawal(h: _History) -> None:
    issued = h.ending((*FULL, "certyfikat_wydany"), h.day(date(2022, 1, 10), date(2024, 6, 30)))
    h.at("certyfikat_cofniety", h.day(issued + timedelta(days=120), issued + timedelta(days=600)))
    h.then("wniosek_zlozony")
    if h.rng.random() < 0.5:
        h.then("wniosek_dopuszczony")


def _in_procedure_after_dismissal(h: _History) -> None:
    h.ending(("wniosek_zlozony", "wniosek_dopuszczony", "odmowa_certyfikatu", "odwolanie_zlozone",
              "odwolanie_oddalone", *APPLY), h.day(date(2026, 1, 1), LAST_EVENT))


def _in_procedure_after_appeal(h: _History) -> None:
    h.ending((*FULL, "odmowa_certyfikatu", "odwolanie_zlozone", "odwolanie_uwzglednione",
              "audyt_rozpoczety"), h.day(date(2026, 4, 1), LAST_EVENT))


def _withdrawn(h: _History) -> None:
    issued = h.ending((*FULL, "certyfikat_wydany"), h.day(date(2022, 3, 1), date(2026, 3, 31)))
    end = min(validity_end(issued) - timedelta(days=30), LAST_EVENT)
    h.at("certyfikat_cofniety", h.day(issued + timedelta(days=120), end))


def _withdrawn_after_extension(h: _History) -> None:
    issued = h.ending((*FULL, "certyfikat_wydany"), h.day(date(2022, 1, 10), date(2023, 3, 31)))
    h.at("zgloszenie_przedluzenia", validity_end(issued) - timedelta(days=h.rng.randint(100, 160)))
    h.then("audyt_przedluzajacy", "certyfikat_przedluzony")
    h.at("certyfikat_cofniety", h.day(h.last + timedelta(days=90), LAST_EVENT))


def _withdrawn_during_extension(h: _History) -> None:
    issued = h.ending((*FULL, "certyfikat_wydany"), h.day(date(2023, 12, 1), date(2025, 3, 31)))
    notified = h.at("zgloszenie_przedluzenia",
                    h.day(issued + timedelta(days=240), date(2026, 9, 30)), CHANGE_NOTES)
    h.at("certyfikat_cofniety", h.day(notified + timedelta(days=30), LAST_EVENT))


def _struck_off(h: _History) -> None:
    h.at("klub_wykreslony", h.day(date(2022, 1, 10), date(2026, 10, 31)))


def _struck_off_after_expiry(h: _History) -> None:
    _expired(h)
    issued = h.last
    h.at("klub_wykreslony", h.day(validity_end(issued) + timedelta(days=1), LAST_EVENT))


def _struck_off_after_withdrawal(h: _History) -> None:
    issued = h.ending((*FULL, "certyfikat_wydany"), h.day(date(2022, 3, 1), date(2025, 3, 31)))
    withdrawn = h.at("certyfikat_cofniety", h.day(
        issued + timedelta(days=120), min(issued + timedelta(days=700), date(2026, 9, 20))))
    h.at("klub_wykreslony", h.day(withdrawn + timedelta(days=30), LAST_EVENT))


def _struck_off_after_refusal(h: _History) -> None:
    refused = h.ending(("wniosek_zlozony", "wniosek_odrzucony"),
                       h.day(date(2022, 3, 1), date(2026, 9, 30)))
    h.at("klub_wykreslony", h.day(refused + timedelta(days=30), LAST_EVENT))


def _struck_off_in_procedure(h: _History) -> None:
    h.ending((*APPLY, "audyt_rozpoczety", "klub_wykreslony"),
             h.day(date(2022, 6, 1), date(2026, 10, 31)))


def _certified_before_register(h: _History) -> None:
    """Entered with the certificate it held before the register was kept (history on paper)."""
    h.ending(("certyfikat_sprzed_rejestru",), h.day(date(2024, 3, 1), date(2026, 6, 30)))


def _never_applied(h: _History) -> None:
    """In the voivode's register, never applied for a certificate: no events at all."""


# name -> (status on AS_OF, builder)
SCENARIOS: dict[str, tuple[str, Scenario]] = {
    "certified_before_register": ("certyfikowany", _certified_before_register),
    "never_applied": ("bez_certyfikatu", _never_applied),
    "certified_plain": ("certyfikowany", _certified_plain),
    "certified_extended": ("certyfikowany", _certified_extended),
    "certified_changed": ("certyfikowany", _certified_changed),
    "certified_after_appeal": ("certyfikowany", _certified_after_appeal),
    "certified_after_appeal_audit": ("certyfikowany", _certified_after_appeal_audit),
    "certified_second_try": ("certyfikowany", _certified_second_try),
    "certified_extension_appeal": ("certyfikowany", _certified_extension_appeal),
    "expiring": ("wygasa", _expiring),
    "expiring_renewal_filed": ("wygasa", _expiring_renewal_filed),
    "expired": ("wygasly", _expired),
    "expired_extension_refused": ("wygasly", _expired_extension_refused),
    "refused_formal": ("odmowa", _refused_formal),
    "refused_after_audit": ("odmowa", _refused_after_audit),
    "refused_appeal_dismissed": ("odmowa", _refused_appeal_dismissed),
    "appeal_pending": ("odwolanie", _appeal_pending),
    "appeal_pending_formal": ("odwolanie", _appeal_pending_formal),
    "appeal_pending_withdrawal": ("odwolanie", _appeal_pending_withdrawal),
    "in_procedure": ("w_procedurze", _in_procedure),
    "in_procedure_after_withdrawal": ("w_procedurze", _in_procedure_after_withdrawal),
    "in_procedure_after_dismissal": ("w_procedurze", _in_procedure_after_dismissal),
    "in_procedure_after_appeal": ("w_procedurze", _in_procedure_after_appeal),
    "withdrawn": ("cofniety", _withdrawn),
    "withdrawn_after_extension": ("cofniety", _withdrawn_after_extension),
    "withdrawn_during_extension": ("cofniety", _withdrawn_during_extension),
    "struck_off": ("wykreslony", _struck_off),
    "struck_off_after_expiry": ("wykreslony", _struck_off_after_expiry),
    "struck_off_after_withdrawal": ("wykreslony", _struck_off_after_withdrawal),
    "struck_off_after_refusal": ("wykreslony", _struck_off_after_refusal),
    "struck_off_in_procedure": ("wykreslony", _struck_off_in_procedure),
}


def status_of(scenario: str) -> str:
    """The status a scenario's history has on AS_OF."""
    return SCENARIOS[scenario][0]


def history(scenario: str, rng: Random, with_notes: bool = True) -> list[Step]:
    """Events of one club following ``scenario`` (certificate numbers still empty)."""
    h = _History(rng)
    SCENARIOS[scenario][1](h)
    steps = h.steps
    if not with_notes:
        steps = [replace(s, note="") for s in steps]
    return steps


def number_certificates(teryt: str, histories: dict[str, list[Step]]) -> dict[str, list[Step]]:
    """Give every issuing event of one voivodeship a number KIS-TT-RRRR-NNN.

    Numbers run from 001 each year in the order of issue (date, then club id).
    """
    issues = sorted(
        (step.date, club_id, i)
        for club_id, steps in histories.items()
        for i, step in enumerate(steps)
        if step.type in ISSUING_EVENTS
    )
    numbered = {club_id: list(steps) for club_id, steps in histories.items()}
    counters: dict[int, int] = {}
    for day, club_id, i in issues:
        counters[day.year] = counters.get(day.year, 0) + 1
        if counters[day.year] > MAX_NUMBER:
            raise ValueError(f"more than {MAX_NUMBER} certificates in {teryt}/{day.year}")
        number = f"KIS-{teryt}-{day.year}-{counters[day.year]:03d}"
        numbered[club_id][i] = replace(numbered[club_id][i], number=number)
    return numbered
