"""schema.org JSON-LD for a club page, safe inside a ``<script type="application/ld+json">``."""

from __future__ import annotations

import json
from typing import Any

from generator.parts.opendata.common import absolute_url, club_page
from generator.register import opening_hours
from generator.register.model import Club, Register
from generator.site.context import SiteContext


def club_json_ld(club: Club, register: Register, ctx: SiteContext) -> dict[str, Any]:
    """The club as a schema.org Organization run by its creating institution."""
    url = absolute_url(ctx.base_url, club_page(club.id))
    address = {
        "@type": "PostalAddress",
        "streetAddress": club.address,
        "postalCode": club.postal_code,
        "addressLocality": club.town,
        "addressRegion": f"województwo {register.voivodeship(club.voivodeship).name}",
        "addressCountry": "PL",
    }
    parent: dict[str, Any] = {"@type": "Organization", "name": club.operator_name}
    identifiers = [
        {"@type": "PropertyValue", "propertyID": kind, "value": value}
        for kind, value in (("KRS", club.krs), ("REGON", club.regon))
        if value
    ]
    if identifiers:
        parent["identifier"] = identifiers
    if club.nip:
        parent["taxID"] = club.nip
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": url + "#klub",
        "name": club.name,
        "url": url,
        "address": address,
        "parentOrganization": parent,
    }
    place = _place(club, register, address)
    if place:
        data["location"] = place
    if club.phone:
        data["telephone"] = club.phone
    if club.email:
        data["email"] = club.email
    return data


ACCESS_VALUES: dict[str, bool | str] = {"tak": True, "nie": False}  # else the code as text


def _place(club: Club, register: Register, address: dict[str, Any]) -> dict[str, Any] | None:
    """The club's premises: coordinates, opening hours and access (schema.org puts them on a
    Place, the Organization's location); None when none of them is known."""
    place: dict[str, Any] = {"@type": "Place", "address": address}
    if club.lat is not None and club.lon is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": club.lat, "longitude": club.lon}
    if club.opening_hours:
        place["openingHoursSpecification"] = opening_hours.schema_org(
            opening_hours.parse(club.opening_hours))
    if club.access:
        feature: dict[str, Any] = {
            "@type": "LocationFeatureSpecification",
            "name": "dostępność lokalu dla osób z niepełnosprawnościami",
            "value": ACCESS_VALUES.get(club.access, club.access),
            "description": register.access_labels.get(club.access, club.access),
        }
        if club.access_note:
            feature["description"] += f" ({club.access_note})"
        place["amenityFeature"] = [feature]
    return place if len(place) > 2 else None


def script_safe_json(data: Any) -> str:
    """JSON that cannot end or confuse an HTML ``<script>`` element: ``</`` becomes ``<\\/``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)
    return text.replace("</", "<\\/").replace("<!--", "\\u003c!--")


def json_ld_for_club(club: Club, register: Register, ctx: SiteContext) -> str:
    """The JSON-LD text to embed on the club's page (the caller adds the script element)."""
    return script_safe_json(club_json_ld(club, register, ctx))
