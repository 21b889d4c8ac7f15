"""What the exports document about themselves, read from the register's own descriptors.

Field titles and descriptions come from ``register/schematy/*.yaml`` and the licence from
``register/datapackage.yaml``, so the /dane/ page never drifts from the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.register.descriptor import category_values

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available

REGISTER_SOURCE = "rejestr"
DERIVED_SOURCE = "wyliczone"
FILE_SOURCE = "opis pliku"


@dataclass(frozen=True)
class FieldDoc:
    """One documented field of an export."""

    name: str
    title: str
    description: str
    source: str = REGISTER_SOURCE  # "rejestr" (typed in), "wyliczone" (derived) or "opis pliku"
    type: str = "string"  # Table Schema type of a register field: string, number, date
    required: bool = False
    codes: tuple[str, ...] = ()  # the allowed values (Data Package v2 categories)

    @property
    def derived(self) -> bool:
        return self.source == DERIVED_SOURCE


@dataclass(frozen=True)
class TableSchema:
    """The documentation part of one table schema."""

    name: str  # file name without .yaml, e.g. "kluby"
    description: str
    fields: tuple[FieldDoc, ...]

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def without(self, *names: str) -> tuple[FieldDoc, ...]:
        return tuple(f for f in self.fields if f.name not in names)


@dataclass(frozen=True)
class License:
    name: str
    title: str
    path: str


@dataclass(frozen=True)
class PackageMeta:
    title: str
    license: License
    schemas: dict[str, TableSchema]

    def schema(self, name: str) -> TableSchema:
        return self.schemas[name]


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=LOADER)


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def schema_from_yaml(name: str, data: dict[str, Any]) -> TableSchema:
    fields = tuple(
        FieldDoc(str(f["name"]), _text(f.get("title") or f["name"]), _text(f.get("description")),
                 type=str(f.get("type", "string")),
                 required=bool((f.get("constraints") or {}).get("required")),
                 codes=tuple(category_values(f)))
        for f in data.get("fields", [])
    )
    return TableSchema(name, _text(data.get("description")), fields)


def read_license(root: Path) -> License:
    """The (first) licence of the register package at ``root``."""
    return _license(_descriptor(root))


def _descriptor(root: Path) -> dict[str, Any]:
    return load_yaml((root / "datapackage.yaml").read_text(encoding="utf-8")) or {}


def _license(descriptor: dict[str, Any]) -> License:
    first = (descriptor.get("licenses") or [{}])[0]
    return License(
        name=_text(first.get("name")),
        title=_text(first.get("title") or first.get("name")),
        path=_text(first.get("path")),
    )


def read_package_meta(root: Path) -> PackageMeta:
    """Read the licence and every table schema of the register at ``root``."""
    descriptor = _descriptor(root)
    license_ = _license(descriptor)
    schemas = {
        path.stem: schema_from_yaml(path.stem, load_yaml(path.read_text(encoding="utf-8")))
        for path in sorted((root / "schematy").glob("*.yaml"))
    }
    return PackageMeta(_text(descriptor.get("title")), license_, schemas)
