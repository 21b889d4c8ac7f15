"""JSON Schemas (2020-12) of the JSON files under /dane/, built from the same definitions.

Field names, titles, descriptions, types and allowed codes come from ``register/schematy/*.yaml``
(through :class:`~generator.register.package_meta.PackageMeta`) and from the exports' own field
lists, so a schema cannot drift from the files it describes; ``tests/test_json_api.py``
validates every JSON file of a built site against its schema.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from generator.parts.opendata import json_export
from generator.parts.opendata.api_page import PLACES_SCHEMA, SEARCH_SCHEMA
from generator.parts.opendata.common import (
    CLUB_SCHEMA,
    REGISTER_SCHEMA,
    SCHEMA_VERSION,
    absolute_url,
)
from generator.parts.opendata.records import DERIVED, DERIVED_KEY
from generator.register.package_meta import FieldDoc, PackageMeta, TableSchema

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TEXT: dict[str, Any] = {"type": ["string", "null"]}
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"

# JSON types of the derived values (records.DERIVED): every derived field has one.
DERIVED_TYPES: dict[str, dict[str, Any]] = {
    "status": {"type": "string"},
    "status_nazwa": {"type": "string"},
    "certyfikowany": {"type": "boolean"},
    "numer_certyfikatu": TEXT,
    "data_wydania": {"type": ["string", "null"], "pattern": DATE_PATTERN},
    "wazny_do": {"type": ["string", "null"], "pattern": DATE_PATTERN},
    "wojewodztwo_nazwa": {"type": "string"},
    "podmiot_typ_nazwa": {"type": "string"},
    "dostepnosc_nazwa": TEXT,
    "strona_klubu": {"type": "string", "format": "uri"},
    "karta_procesu_pdf": {"type": ["string", "null"], "format": "uri"},
    "certyfikat_strona": {"type": ["string", "null"], "format": "uri"},
    "certyfikat_pdf": {"type": ["string", "null"], "format": "uri"},
}
HOURS_ITEM: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["dzien", "od", "do"],
    "properties": {
        "dzien": {"enum": ["pn", "wt", "śr", "cz", "pt", "sb", "nd"]},
        "od": {"type": "string", "pattern": r"^\d{2}:\d{2}$"},
        "do": {"type": "string", "pattern": r"^\d{2}:\d{2}$"},
    },
}


def _documented(doc: FieldDoc, schema: dict[str, Any]) -> dict[str, Any]:
    out = {"title": doc.title, **schema}
    if doc.description:
        out["description"] = doc.description
    return out


def _field(doc: FieldDoc) -> dict[str, Any]:
    """A register field as the exports write it: empty optional values are null."""
    if doc.type == "number":
        schema: dict[str, Any] = {"type": "number" if doc.required else ["number", "null"]}
    else:
        schema = {"type": "string" if doc.required else ["string", "null"]}
        if doc.type == "date":
            schema["pattern"] = DATE_PATTERN
    if doc.codes:
        schema["enum"] = [*doc.codes, *([] if doc.required else [None])]
    return _documented(doc, schema)


def _record(fields: tuple[FieldDoc, ...], schema_of=_field) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields],
        "properties": {f.name: schema_of(f) for f in fields},
    }


def _all_text(doc: FieldDoc) -> dict[str, Any]:
    """A dictionary's column: the exports write every value as text."""
    return _documented(doc, {"type": "string"})


def _dictionary(table: TableSchema) -> dict[str, Any]:
    return {"type": "array", "description": table.description,
            "items": _record(table.fields, _all_text)}


def club_definition(meta: PackageMeta) -> dict[str, Any]:
    """An element of ``kluby``: the club's fields, services, events and derived values."""
    clubs = meta.schema("kluby")
    services = meta.schema("uslugi").without("klub_id")
    events = meta.schema("zdarzenia").without("klub_id")
    derived = {d.name: _documented(d.doc(), DERIVED_TYPES[d.name]) for d in DERIVED}
    derived[json_export.HOURS_KEY] = _documented(
        json_export.HOURS_DOC, {"type": "array", "items": HOURS_ITEM})
    nested = {doc.name: doc for doc in json_export.NESTED}
    record = _record(clubs.fields)
    record["required"] += [*nested]
    record["properties"].update({
        "uslugi": _documented(nested["uslugi"], {"type": "array", "items": _record(services)}),
        "zdarzenia": _documented(nested["zdarzenia"],
                                 {"type": "array", "items": _record(events)}),
        DERIVED_KEY: _documented(nested[DERIVED_KEY], {
            "type": "object", "additionalProperties": False, "required": sorted(derived),
            "properties": derived}),
    })
    return record


def _common(meta: PackageMeta) -> dict[str, dict[str, Any]]:
    """The top-level fields every JSON file has, by name."""
    docs = {d.name: d for d in json_export.TOP_LEVEL}
    license_ = {"type": "object", "additionalProperties": False,
                "required": ["nazwa", "tytul", "url"],
                "properties": {k: {"type": "string"} for k in ("nazwa", "tytul", "url")}}
    return {
        "schema_version": _documented(docs["schema_version"], {"const": SCHEMA_VERSION}),
        "schemat": _documented(docs["schemat"], {"type": "string", "format": "uri"}),
        "stan_na": _documented(docs["stan_na"], {"type": "string", "pattern": DATE_PATTERN}),
        "dane_przykladowe": _documented(docs["dane_przykladowe"], {"type": "boolean"}),
        "licencja": _documented(docs["licencja"], license_),
        "dokumentacja": _documented(docs["dokumentacja"], {"type": "string", "format": "uri"}),
    }


def _document(base_url: str, path: str, title: str, description: str,
              properties: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": DRAFT,
        "$id": absolute_url(base_url, path),
        "title": title,
        "description": description,
        "type": "object",
        "additionalProperties": False,
        "required": sorted(properties),
        "properties": properties,
        "$defs": definitions,
    }


def register_schema(meta: PackageMeta, base_url: str) -> dict[str, Any]:
    """The schema of ``rejestr.json`` and of every ``<województwo>.json``."""
    docs = {d.name: d for d in json_export.TOP_LEVEL}
    dictionaries = {key: _dictionary(meta.schema(table))
                    for key, table in sorted(json_export.DICTIONARIES.items())}
    properties = {
        **_common(meta),
        "wojewodztwa": _documented(docs["wojewodztwa"], {
            "type": "array", "items": {"$ref": "#/$defs/wojewodztwo"}}),
        "jednostka_odwolawcza": _documented(docs["jednostka_odwolawcza"],
                                            _record(meta.schema("jednostka_odwolawcza").fields,
                                                    _all_text)),
        "slowniki": _documented(docs["slowniki"], {
            "type": "object", "additionalProperties": False, "required": sorted(dictionaries),
            "properties": dictionaries}),
        "kluby": _documented(docs["kluby"], {"type": "array", "items": {"$ref": "#/$defs/klub"}}),
    }
    return _document(
        base_url, REGISTER_SCHEMA, "Rejestr klubów integracji społecznej (plik JSON)",
        "Układ plików rejestr.json (cały kraj) i <województwo>.json (jedno województwo).",
        properties, _definitions(meta))


def club_schema(meta: PackageMeta, base_url: str) -> dict[str, Any]:
    """The schema of ``kluby/<klub_id>.json``."""
    docs = {d.name: d for d in json_export.CLUB_TOP_LEVEL}
    properties = {
        **_common(meta),
        "wojewodztwo": _documented(docs["wojewodztwo"], {"$ref": "#/$defs/wojewodztwo"}),
        "klub": _documented(docs["klub"], {"$ref": "#/$defs/klub"}),
    }
    return _document(
        base_url, CLUB_SCHEMA, "Klub integracji społecznej (plik JSON jednego klubu)",
        "Układ pliku kluby/<identyfikator klubu>.json: jeden klub z usługami, historią "
        "certyfikacji i polami wyliczonymi.", properties, _definitions(meta))


def _definitions(meta: PackageMeta) -> dict[str, Any]:
    return {
        "wojewodztwo": _record(meta.schema("wojewodztwa").fields, _all_text),
        "klub": club_definition(meta),
    }


def places_schema(meta: PackageMeta, base_url: str) -> dict[str, Any]:
    """``assets/places.json`` (the site's own file for „near me”; not part of the API)."""
    place = {"type": "array", "prefixItems": [{"type": "string"}, {"type": "number"},
                                              {"type": "number"}, {"type": "string"}],
             "minItems": 4}  # the search part may add more values after these
    return _document(base_url, PLACES_SCHEMA, "Miejscowości (plik pomocniczy strony)",
                     "Nazwa, szerokość i długość geograficzna oraz kod TERYT województwa "
                     "miejscowości.", {
                         "attribution": {"type": "string"},
                         "places": {"type": "array", "items": place},
                         "voivodeships": {"type": "object",
                                          "additionalProperties": {"type": "string"}},
                     }, {})


def search_schema(meta: PackageMeta, base_url: str) -> dict[str, Any]:
    """``assets/search-index.json`` (the site's search index; not part of the API)."""
    doc = {"type": "object", "required": ["t", "u"],
           "properties": {"t": {"type": "string"}, "u": {"type": "string"}}}
    schema = _document(base_url, SEARCH_SCHEMA, "Indeks wyszukiwarki (plik pomocniczy strony)",
                       "Strony i kluby z tekstem do wyszukiwania oraz reguły wyszukiwarki.", {
                           "docs": {"type": "array", "items": doc},
                           "version": {"type": "integer"},
                       }, {})
    # only what every version of the index has: the search part shapes the rest for its script
    schema["additionalProperties"] = True
    return schema


SCHEMAS = {REGISTER_SCHEMA: register_schema, CLUB_SCHEMA: club_schema,
           PLACES_SCHEMA: places_schema, SEARCH_SCHEMA: search_schema}
# Every JSON file the site serves → the schema it follows (``*`` stands for any name).
SERVED = {
    "dane/rejestr.json": REGISTER_SCHEMA,
    "dane/*.json": REGISTER_SCHEMA,
    "dane/kluby/*.json": CLUB_SCHEMA,
    "assets/places.json": PLACES_SCHEMA,
    "assets/search-index.json": SEARCH_SCHEMA,
    "dane/schematy/*.json": DRAFT,  # the schemas themselves follow the JSON Schema meta-schema
}


def schema_for(path: str) -> str | None:
    """The schema of the served JSON file at ``path`` (relative to the site root), if any."""
    parts = path.split("/")
    for pattern, schema in SERVED.items():
        wanted = pattern.split("/")
        if len(wanted) == len(parts) and all(fnmatchcase(p, w) for p, w in zip(parts, wanted,
                                                                                  strict=True)):
            return schema
    return None


def site_files(meta: PackageMeta, base_url: str) -> dict[str, str]:
    """Every schema file, as deterministic JSON text."""
    return {path: json_export.dumps(make(meta, base_url)) for path, make in SCHEMAS.items()}
