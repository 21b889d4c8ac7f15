"""Atom 1.0 feeds of certificate decisions: ``dane/certyfikaty.atom`` and one per voivodeship.

Built with ElementTree, so every piece of register text is escaped by the XML serialiser.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from generator.parts.opendata.common import (
    DATA_DIR,
    TAG_DATE,
    ClubFacts,
    Scope,
    absolute_url,
    tag_authority,
)
from generator.polish import date_pl
from generator.register.model import Event, Register
from generator.register.package_meta import License
from generator.register.status import ISSUING_EVENTS, validity_end
from generator.site.context import SiteContext

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_ENTRIES = 100
# Characters XML 1.0 does not allow, even escaped.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class FeedEntry:
    facts: ClubFacts
    event: Event
    previous_number: str | None  # the certificate in force before the event


def _number(n: str | None) -> str:
    return f" {n}" if n else ""


def _new(n: str | None) -> str:
    return f" (nowy numer {n})" if n else ""


TITLES: dict[str, Callable[[FeedEntry], str]] = {
    "certyfikat_wydany": lambda e: f"Wydano certyfikat{_number(e.event.certificate_number)}",
    "certyfikat_przedluzony": lambda e: f"Przedłużono certyfikat{_new(e.event.certificate_number)}",
    "certyfikat_sprzed_rejestru": lambda e: (
        f"Wpisano certyfikat{_number(e.event.certificate_number)} wydany przed prowadzeniem "
        "rejestru"
    ),
    "odmowa_certyfikatu": lambda e: "Odmowa wydania certyfikatu",
    "odmowa_przedluzenia": lambda e: f"Odmowa przedłużenia certyfikatu{_number(e.previous_number)}",
    "wniosek_odrzucony": lambda e: "Odrzucono wniosek o certyfikat",
    "odwolanie_oddalone": lambda e: "Oddalono odwołanie od odmowy",
    "certyfikat_cofniety": lambda e: f"Cofnięto certyfikat{_number(e.previous_number)}",
}
FEED_EVENTS = tuple(TITLES)


def clean(text: str) -> str:
    """Drop characters that cannot appear in an XML 1.0 document."""
    return XML_INVALID.sub("", text)


def timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entries(scope: Scope) -> list[FeedEntry]:
    """Feed events of the scope up to the as-of date, newest first, at most MAX_ENTRIES."""
    found: list[FeedEntry] = []
    for facts in scope.clubs:
        number: str | None = None
        for event in facts.events:
            if event.type in TITLES:
                found.append(FeedEntry(facts, event, number))
            if event.type in ISSUING_EVENTS:
                number = event.certificate_number
    found.sort(key=lambda e: (e.event.date, e.facts.club.id, e.event.type), reverse=True)
    return found[:MAX_ENTRIES]


def entry_title(entry: FeedEntry) -> str:
    return f"{TITLES[entry.event.type](entry)} – {entry.facts.club.name}"


def entry_summary(entry: FeedEntry, register: Register) -> str:
    club, event = entry.facts.club, entry.event
    kind = register.event_types.get(event.type)
    parts = [
        f"{date_pl(event.date)}: {kind.name if kind else event.type}.",
        f"Klub: {club.name}, {club.address}, {club.postal_code} {club.town} "
        f"(województwo {entry.facts.voivodeship.name}).",
        f"Instytucja tworząca: {club.operator_name}.",
    ]
    if event.type in ISSUING_EVENTS:
        parts.append(f"Certyfikat ważny do {date_pl(validity_end(event.date))} włącznie.")
    if event.note:
        parts.append(f"Uwagi: {event.note}")
    return " ".join(parts)


def entry_author(entry: FeedEntry, register: Register) -> str:
    if entry.event.type == "odwolanie_oddalone":
        return register.appeal_unit.name
    return entry.facts.voivodeship.certifying_unit


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = clean(text)
    return element


def feed_title(scope: Scope) -> str:
    return f"Certyfikaty klubów integracji społecznej – {scope.label}"


def feed_xml(scope: Scope, register: Register, license_: License, ctx: SiteContext) -> str:
    host = tag_authority(ctx.base_url)
    items = entries(scope)
    feed_id = "certyfikaty" if scope.national else f"certyfikaty/{scope.key}"
    subtitle = "Wydane, przedłużone i cofnięte certyfikaty KIS oraz odmowy, od najnowszych."
    if register.example_data:
        subtitle += " Dane przykładowe – kluby i zdarzenia są fikcyjne."
    root = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: "pl"})
    _sub(root, "id", f"tag:{host},{TAG_DATE}:{feed_id}")
    _sub(root, "title", feed_title(scope))
    _sub(root, "subtitle", subtitle)
    _sub(root, "updated", timestamp(items[0].event.date if items else ctx.as_of))
    author = _sub(root, "author")
    _sub(
        author,
        "name",
        "Krajowy rejestr klubów integracji społecznej"
        if scope.national
        else scope.voivodeships[0].certifying_unit,
    )
    _sub(
        root,
        "link",
        rel="self",
        type="application/atom+xml",
        href=absolute_url(ctx.base_url, scope.files.atom),
    )
    _sub(
        root,
        "link",
        rel="alternate",
        type="text/html",
        href=absolute_url(ctx.base_url, f"{DATA_DIR}/"),
    )
    _sub(root, "rights", f"{license_.title} ({license_.path})")
    _sub(root, "generator", "rejestr-kis")
    for item in items:
        entry = _sub(root, "entry")
        event = item.event
        _sub(
            entry,
            "id",
            f"tag:{host},{TAG_DATE}:{item.facts.club.id}/{event.type}/{event.date.isoformat()}",
        )
        _sub(entry, "title", entry_title(item))
        _sub(entry, "updated", timestamp(event.date))
        _sub(entry, "published", timestamp(event.date))
        author = _sub(entry, "author")
        _sub(author, "name", entry_author(item, register))
        _sub(entry, "link", rel="alternate", type="text/html", href=item.facts.url)
        kind = register.event_types.get(event.type)
        _sub(entry, "category", term=event.type, label=clean(kind.name if kind else event.type))
        _sub(entry, "summary", entry_summary(item, register), type="text")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"
