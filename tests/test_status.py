"""Derived status and validity end at several as-of dates."""

from __future__ import annotations

from datetime import date

import pytest

from generator.register.model import Event
from generator.register.status import STATUS_CODES, add_years, standing, validity_end


def ev(day: str, kind: str, number: str | None = None) -> Event:
    return Event("k", date.fromisoformat(day), kind, number)


CERTIFIED = [
    ev("2022-01-10", "wniosek_zlozony"),
    ev("2022-01-24", "wniosek_dopuszczony"),
    ev("2022-02-15", "ocena_pozytywna"),
    ev("2022-03-01", "audyt_rozpoczety"),
    ev("2022-03-10", "raport_audytu_sporzadzony"),
    ev("2022-03-14", "raport_audytu_przekazany"),
    ev("2022-04-04", "certyfikat_wydany", "KIS-22-2022-001"),
]


def test_validity_is_three_years_minus_a_day() -> None:
    assert validity_end(date(2022, 4, 4)) == date(2025, 4, 3)
    assert add_years(date(2024, 2, 29), 3) == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2022-01-09", "bez_certyfikatu"),  # nothing happened yet: never applied
        ("2022-02-01", "w_procedurze"),
        ("2022-04-04", "certyfikowany"),  # the day of issue
        ("2025-01-03", "wygasa"),  # 90 days left
        ("2025-01-02", "certyfikowany"),  # 91 days left
        ("2025-04-03", "wygasa"),  # last valid day
        ("2025-04-04", "wygasly"),
    ],
)
def test_certificate_lifecycle(as_of: str, status: str) -> None:
    result = standing(CERTIFIED, date.fromisoformat(as_of))
    assert result.status == status
    if status in ("certyfikowany", "wygasa", "wygasly"):
        assert result.certificate_number == "KIS-22-2022-001"
        assert result.valid_until == date(2025, 4, 3)


def test_extension_restarts_the_term() -> None:
    events = [
        *CERTIFIED,
        ev("2025-01-15", "zgloszenie_przedluzenia"),
        ev("2025-02-20", "audyt_przedluzajacy"),
        ev("2025-03-28", "certyfikat_przedluzony", "KIS-22-2025-004"),
    ]
    during = standing(events, date(2025, 2, 1))
    assert during.status == "wygasa" and during.certificate_number == "KIS-22-2022-001"
    after = standing(events, date(2026, 11, 22))
    assert after.status == "certyfikowany"
    assert after.certificate_number == "KIS-22-2025-004"
    assert after.valid_until == date(2028, 3, 27)


def test_refused_extension_keeps_the_certificate_until_it_ends() -> None:
    events = [
        *CERTIFIED,
        ev("2025-01-15", "zgloszenie_przedluzenia"),
        ev("2025-02-20", "audyt_przedluzajacy"),
        ev("2025-03-01", "odmowa_przedluzenia"),
    ]
    assert standing(events, date(2025, 3, 2)).status == "wygasa"
    assert standing(events, date(2025, 4, 4)).status == "wygasly"


def test_refusal_appeal_and_outcomes() -> None:
    refused = [*CERTIFIED[:3], ev("2022-03-01", "odmowa_certyfikatu")]
    assert standing(refused, date(2022, 3, 2)).status == "odmowa"
    appealed = [*refused, ev("2022-03-10", "odwolanie_zlozone")]
    assert standing(appealed, date(2022, 3, 11)).status == "odwolanie"
    dismissed = [*appealed, ev("2022-05-10", "odwolanie_oddalone")]
    assert standing(dismissed, date(2022, 6, 1)).status == "odmowa"
    upheld = [*appealed, ev("2022-05-10", "odwolanie_uwzglednione")]
    assert standing(upheld, date(2022, 6, 1)).status == "w_procedurze"
    rejected = [CERTIFIED[0], ev("2022-01-20", "wniosek_odrzucony")]
    assert standing(rejected, date(2022, 2, 1)).status == "odmowa"


def test_withdrawn_and_struck_off() -> None:
    withdrawn = [*CERTIFIED, ev("2023-05-05", "certyfikat_cofniety")]
    assert standing(withdrawn, date(2023, 5, 4)).status == "certyfikowany"
    assert standing(withdrawn, date(2023, 5, 5)).status == "cofniety"
    struck = [*CERTIFIED, ev("2023-06-01", "klub_wykreslony")]
    assert standing(struck, date(2023, 6, 2)).status == "wykreslony"
    assert not standing(struck, date(2023, 6, 2)).is_certified


def test_new_application_after_expiry_is_in_procedure() -> None:
    events = [*CERTIFIED, ev("2025-06-01", "wniosek_zlozony")]
    assert standing(events, date(2025, 6, 2)).status == "w_procedurze"


def test_club_that_never_applied_has_a_status_of_its_own() -> None:
    never = standing([], date(2026, 11, 22))
    assert never.status == "bez_certyfikatu"
    assert not never.is_certified
    assert (never.certificate_number, never.issued, never.valid_until) == (None, None, None)
    applied = standing([ev("2026-10-01", "wniosek_zlozony")], date(2026, 11, 22))
    assert applied.status == "w_procedurze"


PRE_REGISTER = [ev("2024-06-03", "certyfikat_sprzed_rejestru", "KIS-22-2024-007")]


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2024-06-02", "bez_certyfikatu"),
        ("2024-06-03", "certyfikowany"),
        ("2027-03-03", "certyfikowany"),  # 91 days left
        ("2027-03-04", "wygasa"),  # 90 days left
        ("2027-06-02", "wygasa"),  # last valid day: three years minus a day
        ("2027-06-03", "wygasly"),
    ],
)
def test_certificate_from_before_the_register_lasts_three_years(as_of: str, status: str) -> None:
    result = standing(PRE_REGISTER, date.fromisoformat(as_of))
    assert result.status == status
    if status != "bez_certyfikatu":
        assert result.certificate_number == "KIS-22-2024-007"
        assert result.issued == date(2024, 6, 3)
        assert result.valid_until == date(2027, 6, 2)


def test_certificate_from_before_the_register_can_be_extended_or_withdrawn() -> None:
    extended = [
        *PRE_REGISTER,
        ev("2027-02-01", "zgloszenie_przedluzenia"),
        ev("2027-03-01", "audyt_przedluzajacy"),
        ev("2027-05-20", "certyfikat_przedluzony", "KIS-22-2027-003"),
    ]
    after = standing(extended, date(2027, 7, 1))
    assert (after.status, after.certificate_number) == ("certyfikowany", "KIS-22-2027-003")
    withdrawn = [*PRE_REGISTER, ev("2025-01-10", "certyfikat_cofniety")]
    assert standing(withdrawn, date(2025, 2, 1)).status == "cofniety"


def test_status_codes_match_reference_table() -> None:
    import csv
    from pathlib import Path

    table = Path(__file__).resolve().parent.parent / "register" / "slowniki" / "statusy.csv"
    with table.open(encoding="utf-8") as f:
        assert {r["kod"] for r in csv.DictReader(f)} == set(STATUS_CODES)
