"""Rows of the exports: input fields under their register names, derived fields marked as such.

Input records use exactly the field names of ``register/schematy/*.yaml``; everything the generator
computes lives in :data:`DERIVED` (under ``wyliczone`` in JSON, prefixed ``wyliczone_`` in CSV).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.parts.opendata.common import ClubFacts
from generator.register.model import (
    AppealUnit,
    Club,
    ClubService,
    Event,
    EventType,
    OperatorType,
    Service,
    StatusDef,
    Voivodeship,
)
from generator.register.package_meta import DERIVED_SOURCE, FieldDoc

DERIVED_KEY = "wyliczone"
DERIVED_PREFIX = "wyliczone_"

Value = str | float | bool | None


@dataclass(frozen=True)
class DerivedField:
    """A value the generator computes for a club on the as-of date."""

    name: str
    title: str
    description: str
    value: Callable[[ClubFacts], Value]

    def doc(self, prefix: str = "") -> FieldDoc:
        return FieldDoc(prefix + self.name, self.title, self.description, DERIVED_SOURCE)


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


DERIVED: tuple[DerivedField, ...] = (
    DerivedField(
        "status", "Status certyfikatu (kod)",
        "Kod statusu wyliczony ze zdarzeń na dzień „stan na”, np. certyfikowany, wygasa, wygasly. "
        "Wszystkie kody opisuje tabela statusów poniżej.",
        lambda f: f.standing.status,
    ),
    DerivedField(
        "status_nazwa", "Status certyfikatu",
        "Nazwa statusu po polsku, np. „certyfikat wkrótce wygasa”.",
        lambda f: f.status_name,
    ),
    DerivedField(
        "certyfikowany", "Ma ważny certyfikat",
        "true, gdy klub ma ważny certyfikat (status certyfikowany albo wygasa); w przeciwnym razie "
        "false.",
        lambda f: f.standing.is_certified,
    ),
    DerivedField(
        "numer_certyfikatu", "Numer certyfikatu",
        "Numer ostatniego certyfikatu wydanego lub przedłużonego do dnia „stan na”, także gdy już "
        "nie jest ważny; pusty, gdy klub nigdy nie dostał certyfikatu.",
        lambda f: f.standing.certificate_number,
    ),
    DerivedField(
        "data_wydania", "Data wydania certyfikatu",
        "Data wydania lub przedłużenia tego certyfikatu w postaci RRRR-MM-DD.",
        lambda f: _iso(f.standing.issued),
    ),
    DerivedField(
        "wazny_do", "Certyfikat ważny do",
        "Ostatni dzień ważności tego certyfikatu (RRRR-MM-DD): trzy lata od daty wydania minus "
        "jeden dzień.",
        lambda f: _iso(f.standing.valid_until),
    ),
    DerivedField(
        "wojewodztwo_nazwa", "Województwo",
        "Nazwa województwa odpowiadająca kodowi TERYT z pola wojewodztwo.",
        lambda f: f.voivodeship.name,
    ),
    DerivedField(
        "podmiot_typ_nazwa", "Rodzaj instytucji tworzącej (nazwa)",
        "Nazwa rodzaju instytucji odpowiadająca kodowi z pola podmiot_typ.",
        lambda f: f.operator_type_name,
    ),
    DerivedField(
        "dostepnosc_nazwa", "Dostępność lokalu (opis kodu)",
        "Opis kodu z pola dostepnosc, np. „lokal częściowo przystosowany dla osób z "
        "niepełnosprawnościami”; pusty, gdy urząd nie podał dostępności.",
        lambda f: f.access_name,
    ),
    DerivedField(
        "strona_klubu", "Strona klubu w rejestrze",
        "Pełny adres strony klubu w serwisie rejestru.",
        lambda f: f.url,
    ),
    DerivedField(
        "karta_procesu_pdf", "Karta procesu certyfikacji (PDF)",
        "Pełny adres pliku PDF z kartą procesu certyfikacji klubu (KPC KIS) wypełnioną datami "
        "zdarzeń z rejestru; pusty, gdy klub nie ma jeszcze żadnego zdarzenia.",
        lambda f: f.card_pdf,
    ),
    DerivedField(
        "certyfikat_strona", "Strona sprawdzenia certyfikatu",
        "Pełny adres strony, na której można sprawdzić ważność certyfikatu o numerze z pola "
        "numer_certyfikatu i obejrzeć go wypełnionego; pusty, gdy klub nie dostał certyfikatu.",
        lambda f: f.certificate_page,
    ),
    DerivedField(
        "certyfikat_pdf", "Certyfikat (PDF)",
        "Pełny adres pliku PDF z certyfikatem o numerze z pola numer_certyfikatu (formularz 6 "
        "wypełniony danymi z rejestru, z kodem QR strony sprawdzenia); pusty, gdy klub nie "
        "dostał certyfikatu.",
        lambda f: f.certificate_pdf,
    ),
)  # fmt: skip

DERIVED_BY_NAME = {d.name: d for d in DERIVED}


def derived_values(facts: ClubFacts) -> dict[str, Value]:
    return {d.name: d.value(facts) for d in DERIVED}


def club_record(club: Club) -> dict[str, Value]:
    """The club's input fields, named as in ``schematy/kluby.yaml``."""
    return {
        "klub_id": club.id,
        "nazwa": club.name,
        "wojewodztwo": club.voivodeship,
        "podmiot_nazwa": club.operator_name,
        "podmiot_typ": club.operator_type,
        "krs": club.krs,
        "regon": club.regon,
        "nip": club.nip,
        "adres": club.address,
        "kod_pocztowy": club.postal_code,
        "miejscowosc": club.town,
        "telefon": club.phone,
        "email": club.email,
        "www": club.www,
        "szerokosc": club.lat,
        "dlugosc": club.lon,
        "data_wpisu": club.entry_date.isoformat(),
        "numer_wpisu": club.entry_number,
        "godziny_otwarcia": club.opening_hours,
        "dostepnosc": club.access,
        "dostepnosc_opis": club.access_note,
    }


def event_record(event: Event) -> dict[str, Value]:
    """One row of ``zdarzenia.csv`` without the club id (it is nested under its club)."""
    return {
        "data": event.date.isoformat(),
        "typ": event.type,
        "numer_certyfikatu": event.certificate_number,
        "uwagi": event.note,
    }


def service_record(service: ClubService) -> dict[str, Value]:
    """One row of ``uslugi.csv`` without the club id."""
    return {"usluga": service.service, "opis": service.description}


def voivodeship_record(v: Voivodeship) -> dict[str, Value]:
    return {
        "teryt": v.teryt,
        "nazwa": v.name,
        "nazwa_dopelniacz": v.genitive,
        "nazwa_miejscownik": v.locative,
        "slug": v.slug,
        "jednostka_certyfikujaca": v.certifying_unit,
        "jednostka_certyfikujaca_adres": v.certifying_unit_address,
        "jednostka_audytu": v.audit_unit,
        "jednostka_audytu_adres": v.audit_unit_address,
        "kody_pocztowe": " ".join(v.postal_prefixes),
    }


def appeal_unit_record(unit: AppealUnit) -> dict[str, Value]:
    return {"nazwa": unit.name, "adres": unit.address, "www": unit.www}


def status_record(s: StatusDef) -> dict[str, Value]:
    return {"kod": s.code, "nazwa": s.name, "opis": s.description}


def event_type_record(t: EventType) -> dict[str, Value]:
    return {
        "kod": t.code,
        "nazwa": t.name,
        "etap": t.stage,
        "opis": t.description,
        "dozwolone_po": " ".join(t.allowed_after),
        "wymaga_numeru": "tak" if t.needs_number else "nie",
    }


def service_type_record(s: Service) -> dict[str, Value]:
    return {"kod": s.code, "grupa": s.group, "nazwa": s.name, "opis": s.description}


def operator_type_record(t: OperatorType) -> dict[str, Value]:
    return {"kod": t.code, "nazwa": t.name, "opis": t.description}
