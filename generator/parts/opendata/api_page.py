"""The /dane/api/ page: the JSON files, their schemas and the changelog of their layout.

:data:`CHANGES` is the one history of ``schema_version``; its first entry must be the current
version (``tests/test_json_api.py`` checks it).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.parts.opendata import json_export
from generator.parts.opendata.common import (
    API_PAGE,
    CLUB_SCHEMA,
    NATIONAL_FILES,
    REGISTER_SCHEMA,
    SCHEMA_DIR,
    SCHEMA_VERSION,
    Scope,
    club_json,
)
from generator.site.context import SiteContext
from generator.site.markdown_page import page
from generator.site.templating import render_at

TITLE = "Dane JSON – pliki i schematy"
DESCRIPTION = ("Pliki JSON rejestru klubów integracji społecznej: adresy, schematy JSON Schema "
               "i historia zmian ich układu.")
PLACES_SCHEMA = f"{SCHEMA_DIR}/miejscowosci.schema.json"
SEARCH_SCHEMA = f"{SCHEMA_DIR}/indeks-wyszukiwania.schema.json"


@dataclass(frozen=True)
class Change:
    version: str
    items: tuple[str, ...]


CHANGES: tuple[Change, ...] = (
    Change("1.1", (
        "Nowe pliki kluby/<identyfikator klubu>.json – jeden klub w pliku, z województwem.",
        "Nowe pole schemat w każdym pliku: adres schematu JSON Schema.",
        "Nowe pola klubu: godziny_otwarcia, dostepnosc i dostepnosc_opis (puste, gdy urząd ich "
        "nie podał).",
        "Nowe pola wyliczone: dostepnosc_nazwa i godziny_otwarcia (godziny rozpisane na dni).",
    )),
    Change("1.0", (
        "Pierwsza wersja: rejestr.json i pliki województw z klubami, usługami, zdarzeniami, "
        "polami wyliczonymi i słownikami.",
    )),
)  # fmt: skip


@dataclass(frozen=True)
class Endpoint:
    pattern: str
    description: str
    schema: str  # path of its JSON Schema in the docs tree
    example: str = ""  # path of one such file in the docs tree


def endpoints(scopes: tuple[Scope, ...]) -> tuple[Endpoint, ...]:
    national, regional = scopes[0], scopes[1:]
    first_club = national.clubs[0].club.id if national.clubs else ""
    return (
        Endpoint(f"/{NATIONAL_FILES.json}", "cały kraj: wszystkie kluby, województwa, jednostka "
                 "odwoławcza i słowniki", REGISTER_SCHEMA, NATIONAL_FILES.json),
        Endpoint("/dane/<województwo>.json", "jedno województwo, układ jak w pliku "
                 "rejestr.json", REGISTER_SCHEMA, regional[0].files.json if regional else ""),
        Endpoint("/dane/kluby/<identyfikator klubu>.json", "jeden klub z województwem, "
                 "usługami, historią certyfikacji i polami wyliczonymi", CLUB_SCHEMA,
                 club_json(first_club) if first_club else ""),
    )


INTERNAL = (
    Endpoint("/assets/search-index.json", "indeks wyszukiwarki strony", SEARCH_SCHEMA),
    Endpoint("/assets/places.json", "położenie miejscowości dla wyszukiwania klubów w pobliżu",
             PLACES_SCHEMA),
)


def json_api_page(scopes: tuple[Scope, ...], ctx: SiteContext) -> str:
    """The Markdown source of ``dane/api/index.md``."""
    versioning = next(d.description for d in json_export.TOP_LEVEL if d.name == "schema_version")
    body = render_at(
        "opendata/api.html.j2", API_PAGE.removesuffix("index.md"), schema_version=SCHEMA_VERSION,
        endpoints=endpoints(scopes), internal=INTERNAL, versioning=versioning, changes=CHANGES)
    return page(TITLE, body, description=DESCRIPTION)


__all__ = ["API_PAGE", "CHANGES", "INTERNAL", "json_api_page"]
