"""The JSON export: ``dane/rejestr.json`` and ``dane/<województwo>.json``."""

from __future__ import annotations

import json
from typing import Any

from generator.parts.opendata.common import (
    CLUB_SCHEMA,
    DATA_DIR,
    REGISTER_SCHEMA,
    SCHEMA_VERSION,
    ClubFacts,
    Scope,
    absolute_url,
)
from generator.parts.opendata.records import (
    DERIVED_KEY,
    appeal_unit_record,
    club_record,
    derived_values,
    event_record,
    event_type_record,
    operator_type_record,
    service_record,
    service_type_record,
    status_record,
    voivodeship_record,
)
from generator.register import opening_hours
from generator.register.model import Register
from generator.register.package_meta import DERIVED_SOURCE, FILE_SOURCE, FieldDoc, PackageMeta
from generator.site.context import SiteContext

# Dictionary key in "slowniki" -> the table schema that describes its records.
DICTIONARIES = {
    "katalog_uslug": "katalog_uslug",
    "statusy": "statusy",
    "typy_podmiotow": "typy_podmiotow",
    "typy_zdarzen": "typy_zdarzen",
}

TOP_LEVEL: tuple[FieldDoc, ...] = (
    FieldDoc("schema_version", "Wersja układu pliku",
             "Tekst w postaci „główna.pomocnicza”, obecnie " + SCHEMA_VERSION + ". Druga liczba "
             "rośnie, gdy dochodzą nowe pola; pierwsza – gdy zmiana może zepsuć istniejące "
             "programy (usunięcie lub zmiana znaczenia pola).", FILE_SOURCE),
    FieldDoc("stan_na", "Stan na dzień",
             "Dzień (RRRR-MM-DD), na który wyliczono statusy. Zdarzenia z późniejszą datą nie są "
             "uwzględniane.", FILE_SOURCE),
    FieldDoc("dane_przykladowe", "Dane przykładowe",
             "true, gdy rejestr zawiera dane fikcyjne (wersja pokazowa); false dla danych "
             "prawdziwych."),
    FieldDoc("licencja", "Licencja",
             "Obiekt z polami nazwa (identyfikator licencji), tytul i url."),
    FieldDoc("dokumentacja", "Opis danych", "Adres strony z opisem plików i pól.", FILE_SOURCE),
    FieldDoc("schemat", "Schemat pliku",
             "Adres schematu JSON Schema (wersja 2020-12), który opisuje i pozwala sprawdzić "
             "ten plik.", FILE_SOURCE),
    FieldDoc("wojewodztwa", "Województwa",
             "Lista województw objętych plikiem (w pliku województwa – jedno) z jednostką "
             "certyfikującą i jednostką audytu certyfikacyjnego; pola opisuje tabela "
             "„Województwa”."),
    FieldDoc("jednostka_odwolawcza", "Jednostka odwoławcza",
             "Obiekt z polami nazwa, adres i www jednostki rozpatrującej odwołania."),
    FieldDoc("slowniki", "Słowniki",
             "Tabele kodów używanych w danych: katalog_uslug, statusy, typy_podmiotow, "
             "typy_zdarzen – każda jako lista obiektów o polach takich jak w pakiecie danych."),
    FieldDoc("kluby", "Kluby",
             "Lista klubów posortowana według kodu TERYT województwa i identyfikatora klubu."),
)  # fmt: skip

NESTED: tuple[FieldDoc, ...] = (
    FieldDoc("uslugi", "Usługi klubu",
             "Lista usług, które świadczy klub (posortowana według kodu usługi)."),
    FieldDoc("zdarzenia", "Zdarzenia procesu certyfikacji",
             "Historia certyfikacji klubu do dnia „stan na”, od najstarszego zdarzenia."),
    FieldDoc(DERIVED_KEY, "Pola wyliczone",
             "Obiekt z wartościami wyliczonymi przez generator na dzień „stan na” (nie są "
             "wpisywane do rejestru).", DERIVED_SOURCE),
)  # fmt: skip


# Per-club file: its own top-level fields beside the common ones.
CLUB_TOP_LEVEL: tuple[FieldDoc, ...] = (
    FieldDoc("wojewodztwo", "Województwo klubu",
             "Obiekt województwa klubu z jednostką certyfikującą i jednostką audytu "
             "certyfikacyjnego; pola jak "
             "w tabeli „Województwa”."),
    FieldDoc("klub", "Klub", "Obiekt klubu o takich samych polach jak element listy kluby "
             "w pliku rejestr.json."),
)  # fmt: skip

HOURS_KEY = "godziny_otwarcia"  # under DERIVED_KEY: the hours as data, one record a period
HOURS_DOC = FieldDoc(
    HOURS_KEY, "Godziny otwarcia (rozpisane)",
    "Lista okresów otwarcia z pola godziny_otwarcia, po jednym obiekcie na dzień i przedział: "
    "dzien (pn, wt, śr, cz, pt, sb, nd), od i do (GG:MM). Pusta, gdy godzin nie podano.",
    DERIVED_SOURCE,
)


def hours_records(text: str | None) -> list[dict[str, str]]:
    return opening_hours.records(opening_hours.parse(text)) if text else []


def club_object(facts: ClubFacts) -> dict[str, Any]:
    club = facts.club
    return {
        **club_record(club),
        "uslugi": [service_record(s) for s in sorted(club.services, key=lambda s: s.service)],
        "zdarzenia": [event_record(e) for e in facts.events],
        DERIVED_KEY: {**derived_values(facts), HOURS_KEY: hours_records(club.opening_hours)},
    }


def _header(register: Register, meta: PackageMeta, ctx: SiteContext, schema: str) -> dict:
    """The fields every JSON file of the register starts with."""
    return {
        "schema_version": SCHEMA_VERSION,
        "schemat": absolute_url(ctx.base_url, schema),
        "stan_na": ctx.as_of.isoformat(),
        "dane_przykladowe": register.example_data,
        "licencja": {
            "nazwa": meta.license.name,
            "tytul": meta.license.title,
            "url": meta.license.path,
        },
        "dokumentacja": absolute_url(ctx.base_url, f"{DATA_DIR}/"),
    }


def club_document(facts: ClubFacts, register: Register, meta: PackageMeta,
                  ctx: SiteContext, objects: ClubObjects | None = None) -> dict:
    """The JSON document of one club (``dane/kluby/<klub_id>.json``)."""
    return {
        **_header(register, meta, ctx, CLUB_SCHEMA),
        "wojewodztwo": voivodeship_record(facts.voivodeship),
        "klub": _object(facts, objects),
    }


ClubObjects = dict[str, dict[str, Any]]  # club id → its object, made once for all the files


def _object(facts: ClubFacts, objects: ClubObjects | None) -> dict[str, Any]:
    if objects is None:
        return club_object(facts)
    if facts.club.id not in objects:
        objects[facts.club.id] = club_object(facts)
    return objects[facts.club.id]


def document(scope: Scope, register: Register, meta: PackageMeta, ctx: SiteContext,
             objects: ClubObjects | None = None) -> dict:
    """The JSON document of ``scope`` as Python data (``objects``: clubs' objects made before)."""
    return {
        **_header(register, meta, ctx, REGISTER_SCHEMA),
        "wojewodztwa": [voivodeship_record(v) for v in scope.voivodeships],
        "jednostka_odwolawcza": appeal_unit_record(register.appeal_unit),
        "slowniki": {
            "katalog_uslug": [service_type_record(s) for s in register.services.values()],
            "statusy": [status_record(s) for s in register.statuses.values()],
            "typy_podmiotow": [operator_type_record(t) for t in register.operator_types.values()],
            "typy_zdarzen": [event_type_record(t) for t in register.event_types.values()],
        },
        "kluby": [_object(f, objects) for f in scope.clubs],
    }


def dumps(data: Any) -> str:
    """Deterministic JSON text: sorted keys, real UTF-8 letters, final newline; compact (no
    indentation: a third of the bytes, and the register is in JSON three times over, #19)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def scope_json(scope: Scope, register: Register, meta: PackageMeta, ctx: SiteContext,
           objects: ClubObjects | None = None) -> str:
    return dumps(document(scope, register, meta, ctx, objects))
