"""Resolve a definition against the register: the exact content a template renders (pure).

Data blocks become rows taken from the reference tables; every fillable field gets its final
name, label and tooltip. The same resolution feeds the HTML, the PDF, the cache key and the tests
(``fields`` is what the PDF must contain).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from generator.parts.documents.certificates import RegistryEntry
from generator.parts.documents.definitions import Block, Document, Field
from generator.parts.documents.filled import Band, CardFill, CertificateFill
from generator.polish import long_date, sentence, short_date
from generator.register.model import Register, Voivodeship
from generator.register.status import PRE_REGISTER_EVENT, expiring

EXAMPLE_NUMBER = "KIS-22-2024-002"  # a real certificate of the demo register
BLANK_ROW_TYPES = {"numer": "text", "wydany": "date", "wazny_do": "date"}


@dataclass(frozen=True)
class Filled:
    """Data printed into form 7 for one voivodeship instead of empty fields."""

    voivodeship: Voivodeship
    as_of: date
    entries: tuple[RegistryEntry, ...]

    def values(self) -> dict[str, str]:
        return {
            "wojewodztwo": self.voivodeship.name,
            "jednostka_certyfikujaca": f"{self.voivodeship.certifying_unit}, "
            f"{self.voivodeship.certifying_unit_address}",
            "stan_na": long_date(self.as_of),
            "liczba": str(len(self.entries)),
        }

    def title(self, doc_title: str) -> str:
        where = f"województwo {self.voivodeship.name}"
        return f"{doc_title} – {where}, stan na {short_date(self.as_of)}"


AnyFill = Filled | CardFill | CertificateFill


@dataclass(frozen=True)
class Resolved:
    """One block ready for the template: ``kind`` as in the definition, ``data`` for display."""

    kind: str
    data: Any


@dataclass(frozen=True)
class Content:
    doc: Document
    title: str  # HTML and PDF title
    intro: tuple[Resolved, ...]
    sections: tuple[tuple[str, tuple[Resolved, ...]], ...]
    fields: tuple[Field, ...]  # every fillable field, in order
    filled: bool
    band: Band | None = None  # a filled certificate that is no longer valid says so across it
    level: int = 1  # heading level of the document's title (2 where a page embeds it)

    def embedded(self, level: int) -> Content:
        """The same content with its headings starting at ``level``."""
        return replace(self, level=level)


def short_url(base_url: str) -> str:
    """``https://rejestr-kis.example.gov.pl/`` → ``rejestr-kis.example.gov.pl/``"""
    parts = urlsplit(base_url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.netloc}{path}"


def resolve(
    doc: Document,
    register: Register,
    pack: tuple[Document, ...],
    base_url: str,
    filled: AnyFill | None = None,
) -> Content:
    """The content of ``doc``; with ``filled`` (form 7 of a voivodeship, a club's process card,
    an issued certificate) the register's data replaces the fields."""
    fields: list[Field] = []
    env = _Env(register, pack, base_url, filled, fields)
    intro = tuple(env.block(b) for b in doc.intro)
    sections = tuple((s.heading, tuple(env.block(b) for b in s.blocks)) for s in doc.sections)
    title = filled.title(doc.full_title) if filled else doc.full_title
    band = filled.band if isinstance(filled, CertificateFill) else None
    return Content(doc, title, intro, sections, tuple(fields), filled is not None, band)


@dataclass
class _Env:
    register: Register
    pack: tuple[Document, ...]
    base_url: str
    filled: AnyFill | None
    fields: list[Field]

    def add(self, fld: Field) -> Field:
        self.fields.append(fld)
        return fld

    def block(self, block: Block) -> Resolved:
        handler = getattr(self, f"_{block.kind}", None)
        data = handler(block.value) if handler else block.value
        return Resolved(block.kind, data)

    def _fields(self, value: tuple[Field, ...]) -> list[dict[str, Any]]:
        values = self.filled.values() if self.filled else {}
        items = []
        for fld in value:
            key = fld.fill or fld.name
            if self.filled and key in values:
                items.append({"field": fld, "value": values[key]})
            elif self.filled:
                items.append({"field": fld, "value": ""})
            else:
                items.append({"field": self.add(fld), "value": None})
        return items

    def _criteria(self, value: dict[str, Any]) -> dict[str, Any]:
        groups = []
        for group in self.register.criterion_groups:
            if group.scope != value["scope"]:
                continue
            rows = []
            for crit in (c for c in self.register.criteria if c.group == group.code):
                cells = []
                for col in value["columns"]:
                    if col.value:
                        cells.append({"text": _criterion_value(crit, col.value), "field": None})
                    else:
                        cells.append(
                            {
                                "text": "",
                                "field": self.add(
                                    Field(
                                        name=f"{col.field}__{crit.code}",
                                        label=col.label,
                                        help=col.help,
                                        type=col.type,
                                        lines=2,
                                        context=crit.name,
                                    )
                                ),
                            }
                        )
                rows.append({"name": crit.name, "cells": cells})
            groups.append({"name": group.name, "description": group.description, "rows": rows})
        return {"columns": value["columns"], "groups": groups}

    def _criteria_groups(self, value: dict[str, Any]) -> list[dict[str, Any]]:
        items = []
        for group in self.register.criterion_groups:
            if group.scope == value["scope"]:
                help_text = " ".join(t for t in (group.description, value["help"]) if t)
                fld = Field(
                    name=group.code,
                    label=group.name,
                    help=help_text,
                    type="textarea",
                    lines=value["lines"],
                )
                items.append({"field": self.add(fld), "value": None})
        return items

    def _process_steps(self, value: dict[str, Any]) -> dict[str, Any]:
        card = self.filled if isinstance(self.filled, CardFill) else None
        stages: list[dict[str, Any]] = []
        for etype in self.register.event_types.values():
            if etype.code == PRE_REGISTER_EVENT:
                continue  # a register entry for old certificates, not a step of the procedure
            if not stages or stages[-1]["name"] != sentence(etype.stage):
                stages.append({"name": sentence(etype.stage), "rows": []})
            name = sentence(etype.name)
            row: dict[str, Any] = {"name": name, "help": etype.description, "code": etype.code}
            if card is not None:
                step = card.boxes.get(etype.code)
                row["date"] = row["number"] = None
                row["date_value"] = step.date if step else ""
                row["number_value"] = step.number if step else ""
                row["needs_number"] = etype.needs_number
            else:
                row["date"] = self.add(
                    Field(
                        name=f"data__{etype.code}",
                        label="Data",
                        help="dd.mm.rrrr",
                        type="date",
                        context=name,
                    )
                )
                row["number"] = None
                if etype.needs_number:
                    row["number"] = self.add(
                        Field(
                            name=f"numer__{etype.code}",
                            label="Numer certyfikatu",
                            help=f"np. {EXAMPLE_NUMBER}",
                            context=name,
                        )
                    )
            stages[-1]["rows"].append(row)
        return {
            "stages": stages,
            "filled": card is not None,
            "continuation_heading": value.get("continuation", ""),
            "continuation": card.continuation if card else (),
        }

    def _event_codes(self, _: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {
                "name": sentence(e.name),
                "code": e.code,
                "stage": e.stage,
                "needs_number": e.needs_number,
            }
            for e in self.register.event_types.values()
        ]

    def _units(self, _: dict[str, Any]) -> tuple[Voivodeship, ...]:
        return self.register.voivodeships

    def _appeal_unit(self, _: dict[str, Any]) -> Any:
        return self.register.appeal_unit

    def _documents(self, _: dict[str, Any]) -> list[dict[str, str]]:
        return [{"label": d.label, "title": d.title, "filled_by": d.filled_by} for d in self.pack]

    def _verification(self, _: dict[str, Any]) -> dict[str, Any]:
        address = f"{short_url(self.base_url)}certyfikaty/"
        example = EXAMPLE_NUMBER
        if isinstance(self.filled, Filled):  # a filled table names only its own certificates
            example = self.filled.entries[0].number if self.filled.entries else ""
        data: dict[str, Any] = {"address": address, "example": example and f"{address}{example}/"}
        if isinstance(self.filled, CertificateFill):
            data["url"] = self.filled.url
            data["qr"] = Markup(self.filled.qr_svg)  # made by segno from the URL only
        return data

    def _instruction(self, value: str) -> str:
        return "" if self.filled else value

    def _signatures(self, value: tuple[str, ...]) -> dict[str, Any]:
        return {"labels": value, "filled": self.filled is not None}

    def _registration_table(self, value: dict[str, Any]) -> dict[str, Any]:
        columns = value["columns"]
        if self.filled:
            rows = [
                [_entry_value(entry, col["key"], i + 1, self.filled.as_of) for col in columns]
                for i, entry in enumerate(self.filled.entries)
            ]
            return {
                "columns": columns,
                "rows": [[{"text": t, "field": None} for t in r] for r in rows],
                "filled": True,
            }
        rows = []
        for n in range(1, value["blank_rows"] + 1):
            row = []
            for col in columns:
                if col["key"] == "lp":
                    row.append({"text": f"{n}.", "field": None})
                else:
                    row.append(
                        {
                            "text": "",
                            "field": self.add(
                                Field(
                                    name=f"{col['key']}__{n:02d}",
                                    label=col["label"],
                                    help=col["help"],
                                    type=BLANK_ROW_TYPES.get(col["key"], "textarea"),
                                    lines=2,
                                    context=f"Wiersz {n}",
                                )
                            ),
                        }
                    )
            rows.append(row)
        return {"columns": columns, "rows": rows, "filled": False}


def _criterion_value(crit: Any, key: str) -> str:
    return {
        "nazwa": crit.name,
        "poziom_wymagany": crit.required_level,
        "objasnienie": crit.explanation,
    }[key]


def _entry_value(entry: RegistryEntry, key: str, position: int, as_of: date) -> str:
    club = entry.club
    if key == "lp":
        return f"{position}."
    if key == "numer":
        return entry.number
    if key == "wydany":
        return short_date(entry.issued)
    if key == "wazny_do":  # a certificate in its last 90 days is marked, as in form 7's data
        soon = " (wygasa)" if expiring(entry.valid_until, as_of) else ""
        return short_date(entry.valid_until) + soon
    if key == "klub":
        return f"{club.name}, {club.address}, {club.postal_code} {club.town}"
    if key == "podmiot":
        return club.operator_name
    entry_text = short_date(club.entry_date)
    return f"{entry_text}, nr {club.entry_number}" if club.entry_number else entry_text
