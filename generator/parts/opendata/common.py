"""Shared pieces of the open-data exports: file names, URLs, derived club facts and scopes."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.parts.documents.filled_docs import (
    card_pdf,
    certificate_page,
    certificate_pdf,
    has_card,
)
from generator.register.model import Club, Event, Register, Voivodeship
from generator.register.status import Standing, standing
from generator.site.context import SiteContext

SCHEMA_VERSION = "1.1"  # the JSON files' layout: see SCHEMA_CHANGES in api_docs.py
DATA_DIR = "dane"
PAGE_PATH = f"{DATA_DIR}/index.md"
ZIP_PATH = f"{DATA_DIR}/rejestr-kis-datapackage.zip"
CLUB_DIR = f"{DATA_DIR}/kluby"  # one JSON file a club: dane/kluby/<klub_id>.json
SCHEMA_DIR = f"{DATA_DIR}/schematy"  # the JSON Schemas of the JSON files
REGISTER_SCHEMA = f"{SCHEMA_DIR}/rejestr.schema.json"
CLUB_SCHEMA = f"{SCHEMA_DIR}/klub.schema.json"
API_PAGE = f"{DATA_DIR}/api/index.md"
TAG_DATE = "2025"  # the date part of every tag: URI (RFC 4151); never change it



@dataclass(frozen=True)
class FileSet:
    """The four per-scope files, as paths relative to the docs tree."""

    json: str
    csv: str
    atom: str
    ics: str


NATIONAL_FILES = FileSet(
    json=f"{DATA_DIR}/rejestr.json",
    csv=f"{DATA_DIR}/rejestr.csv",
    atom=f"{DATA_DIR}/certyfikaty.atom",
    ics=f"{DATA_DIR}/wygasanie-certyfikatow.ics",
)


def voivodeship_files(slug: str) -> FileSet:
    return FileSet(*(f"{DATA_DIR}/{slug}.{ext}" for ext in ("json", "csv", "atom", "ics")))


def club_json(club_id: str) -> str:
    """The club's own JSON file, relative to the docs tree."""
    return f"{CLUB_DIR}/{club_id}.json"


def voivodeship_xlsx(slug: str) -> str:
    """The voivodeship's register as a spreadsheet workbook (there is no national one)."""
    return f"{DATA_DIR}/{slug}.xlsx"


@dataclass(frozen=True)
class ClubFacts:
    """A club with everything derived for the as-of date."""

    club: Club
    voivodeship: Voivodeship
    standing: Standing
    status_name: str
    operator_type_name: str
    url: str  # absolute address of the club's page
    events: tuple[Event, ...]  # events up to the as-of date, in date order
    access_name: str | None = None  # label of the premises accessibility code
    card_pdf: str | None = None  # absolute address of its filled process card (PDF)
    certificate_page: str | None = None  # … of its latest certificate's verification page
    certificate_pdf: str | None = None  # … of that certificate's filled form 6 (PDF)


@dataclass(frozen=True)
class Scope:
    """The whole country or one voivodeship: what one set of files covers."""

    key: str  # "kraj" or the voivodeship slug
    label: str  # "cały kraj", "województwo pomorskie"
    voivodeships: tuple[Voivodeship, ...]
    clubs: tuple[ClubFacts, ...]
    files: FileSet

    @property
    def national(self) -> bool:
        return self.key == "kraj"


def absolute_url(base_url: str, path: str) -> str:
    """``path`` (relative to the site root) under ``base_url``."""
    return base_url.rstrip("/") + "/" + path.lstrip("/")


def club_page(club_id: str) -> str:
    """Site-relative address of a club's page (``kluby/<klub_id>/``)."""
    return f"kluby/{club_id}/"


def tag_authority(base_url: str) -> str:
    """The host name used in tag: URIs and iCalendar UIDs."""
    return urlsplit(base_url).hostname or "rejestr-kis"


def club_facts(club: Club, register: Register, ctx: SiteContext) -> ClubFacts:
    now = standing(club.events, ctx.as_of)
    status = register.statuses.get(now.status)
    operator_type = register.operator_types.get(club.operator_type)
    return ClubFacts(
        club=club,
        voivodeship=register.voivodeship(club.voivodeship),
        standing=now,
        status_name=status.name if status else now.status,
        operator_type_name=operator_type.name if operator_type else club.operator_type,
        url=absolute_url(ctx.base_url, club_page(club.id)),
        events=tuple(e for e in club.events if e.date <= ctx.as_of),
        access_name=register.access_labels.get(club.access, club.access) if club.access else None,
        card_pdf=absolute_url(ctx.base_url, card_pdf(club.id))
        if has_card(club, ctx.as_of) else None,
        certificate_page=absolute_url(ctx.base_url, certificate_page(number))
        if (number := now.certificate_number) else None,
        certificate_pdf=absolute_url(ctx.base_url, certificate_pdf(number)) if number else None,
    )


def scopes(register: Register, ctx: SiteContext) -> tuple[Scope, ...]:
    """The national scope first, then one per voivodeship in TERYT order."""
    facts = tuple(club_facts(c, register, ctx) for c in register.clubs)
    national = Scope("kraj", "cały kraj", register.voivodeships, facts, NATIONAL_FILES)
    regional = tuple(
        Scope(
            v.slug,
            f"województwo {v.name}",
            (v,),
            tuple(f for f in facts if f.club.voivodeship == v.teryt),
            voivodeship_files(v.slug),
        )
        for v in register.voivodeships
    )
    return (national, *regional)
