"""Typed, read-only model of a valid register: what every renderer reads.

Built by :func:`generator.register.build_model.build_register` from raw tables that passed
validation.
Derived data (status, validity end) is never stored here: see :mod:`generator.register.status`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Voivodeship:
    teryt: str
    name: str  # "pomorskie"
    slug: str  # "pomorskie", ASCII, used in URLs and folder names
    certifying_unit: str
    certifying_unit_address: str
    audit_unit: str
    audit_unit_address: str
    genitive: str  # "pomorskiego": „z województwa pomorskiego”
    locative: str  # "pomorskim": „w województwie pomorskim”, also „poza województwem …”
    postal_prefixes: tuple[str, ...] = ()  # first two digits of its postal codes ("80", "81", …)


@dataclass(frozen=True)
class AppealUnit:
    name: str
    address: str
    www: str


@dataclass(frozen=True)
class OperatorType:
    code: str
    name: str
    description: str


@dataclass(frozen=True)
class Service:
    code: str
    group: str  # "indywidualne" | "grupowe"
    name: str
    description: str


@dataclass(frozen=True)
class CriterionGroup:
    code: str
    scope: str  # "instytucjonalny" | "uslugowy"
    name: str
    description: str


@dataclass(frozen=True)
class Criterion:
    code: str
    group: str  # CriterionGroup.code
    name: str
    required_level: str
    explanation: str
    service: str | None  # Service.code


@dataclass(frozen=True)
class EventType:
    code: str
    name: str
    stage: str
    description: str
    allowed_after: tuple[str, ...]  # event codes; "start" = may be the first event
    needs_number: bool


@dataclass(frozen=True)
class StatusDef:
    code: str
    name: str
    description: str


@dataclass(frozen=True)
class Event:
    club_id: str
    date: date
    type: str  # EventType.code
    certificate_number: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ClubService:
    service: str  # Service.code
    description: str | None = None


@dataclass(frozen=True)
class Club:
    id: str
    name: str
    voivodeship: str  # teryt
    operator_name: str
    operator_type: str  # OperatorType.code
    krs: str | None
    regon: str | None
    nip: str | None
    address: str
    postal_code: str
    town: str
    phone: str | None
    email: str | None
    www: str | None
    lat: float | None
    lon: float | None
    entry_date: date
    entry_number: str | None
    events: tuple[Event, ...] = ()  # in date order (file order breaks ties)
    services: tuple[ClubService, ...] = ()
    opening_hours: str | None = None  # as typed; see generator.register.opening_hours
    access: str | None = None  # premises accessibility code: tak | częściowo | nie
    access_note: str | None = None


@dataclass(frozen=True)
class Story:
    slug: str  # file name without .md
    title: str
    club_id: str
    services: tuple[str, ...]
    date: date
    summary: str
    body_markdown: str  # HTML-free Markdown (validated)


@dataclass(frozen=True)
class Register:
    """The whole register: national reference tables and all clubs."""

    example_data: bool
    voivodeships: tuple[Voivodeship, ...]
    appeal_unit: AppealUnit
    operator_types: dict[str, OperatorType]
    services: dict[str, Service]
    criterion_groups: tuple[CriterionGroup, ...]
    criteria: tuple[Criterion, ...]
    event_types: dict[str, EventType]
    statuses: dict[str, StatusDef]
    clubs: tuple[Club, ...]  # sorted by voivodeship TERYT, then id
    stories: tuple[Story, ...] = field(default=())
    access_labels: dict[str, str] = field(default_factory=dict)  # code → label (kluby.yaml)

    def voivodeship(self, teryt: str) -> Voivodeship:
        return next(v for v in self.voivodeships if v.teryt == teryt)

    def club(self, club_id: str) -> Club:
        return next(c for c in self.clubs if c.id == club_id)
