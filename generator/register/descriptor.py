"""Checks of the package descriptor and table schemas: known keys only, safe paths."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from generator.problems import Problem, problem
from generator.register import yaml_text
from generator.register.spreadsheet import digit_widths

PACKAGE_KEYS = {"$schema", "name", "title", "description", "version", "licenses",
                "dane_przykladowe", "resources", "keywords", "homepage", "created",
                "contributors", "sources"}
RESOURCE_KEYS = {"name", "title", "description", "path", "schema", "format", "mediatype",
                 "encoding", "dialect"}
DIALECT_KEYS = {"delimiter", "quoteChar", "header"}
SCHEMA_KEYS = {"$schema", "description", "fields", "fieldsMatch", "primaryKey", "foreignKeys"}
# zera_wiodace: an all-digit code whose leading zeros count (widths from its pattern), restored
# when a spreadsheet dropped them; wielkie_litery: written in capitals (see register.spreadsheet);
# kolumna_opcjonalna: a column added later, which a file may lack (read as empty); categories
# (Data Package v2): the allowed codes with their Polish labels.
FIELD_KEYS = {"name", "title", "description", "type", "format", "example", "wskazowka",
              "constraints", "zera_wiodace", "wielkie_litery", "kolumna_opcjonalna", "categories"}
CONSTRAINT_KEYS = {"required", "unique", "pattern", "enum", "minLength", "maxLength", "minimum",
                   "maximum"}
PINNED = {"format": "csv", "encoding": "utf-8", "mediatype": "text/csv"}


def read_yaml(path: Path, shown: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse a YAML mapping; a syntax error becomes a located problem."""
    try:
        data = yaml_text.load(path.read_text(encoding="utf-8"))
    except yaml_text.YamlAliasError as err:  # an alias bomb would expand to gigabytes
        mark = err.problem_mark
        return None, [problem("yaml-alias", shown, mark.line + 1 if mark else 0,
                              mark.column + 1 if mark else 0, **err.params)]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        line = mark.line + 1 if mark else 0
        column = mark.column + 1 if mark else 0
        return None, [problem("descriptor-yaml", shown, line, column, detail=err.problem or err)]
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        return None, [problem("descriptor-yaml", shown, detail=err)]
    if not isinstance(data, dict):
        return None, [problem("descriptor-not-mapping", shown)]
    return data, []


def safe_relative(value: object) -> bool:
    """A POSIX path inside the package: relative, no ``..``, no URL or drive."""
    if not isinstance(value, str) or not value or "\\" in value or ":" in value:
        return False
    path = PurePosixPath(value)
    return not path.is_absolute() and ".." not in path.parts


def _unknown(data: dict[str, Any], allowed: set[str], shown: str, where: str) -> list[Problem]:
    names = ", ".join(sorted(allowed))
    return [problem("descriptor-unknown-key", shown, key=key, where=where, allowed=names)
            for key in data if key not in allowed]


def check_package(desc: dict[str, Any], shown: str) -> list[Problem]:
    """Package and resource keys, pinned encoding and dialect, safe paths."""
    found = _unknown(desc, PACKAGE_KEYS, shown, "pakietu")
    for key in ("name", "resources"):
        if key not in desc:
            found.append(problem("descriptor-missing-key", shown, key=key, where="pakietu"))
    if "dane_przykladowe" in desc and not isinstance(desc["dane_przykladowe"], bool):
        found.append(problem("descriptor-bad-value", shown, key="dane_przykladowe",
                             where="pakietu", value=desc["dane_przykladowe"],
                             expected="true albo false"))
    resources = desc.get("resources")
    if resources is not None and not isinstance(resources, list):
        found.append(problem("descriptor-bad-value", shown, key="resources", where="pakietu",
                             value=type(resources).__name__, expected="listę zasobów"))
        return found
    for res in resources or []:
        if not isinstance(res, dict):
            found.append(problem("descriptor-bad-value", shown, key="resources", where="pakietu",
                                 value=res, expected="opis zasobu z kluczami name, path, schema"))
            continue
        found += _check_resource(res, shown)
    return found


def _check_resource(res: dict[str, Any], shown: str) -> list[Problem]:
    name = str(res.get("name", "?"))
    where = f"zasobu „{name}”"
    found = _unknown(res, RESOURCE_KEYS, shown, where)
    for key in ("name", "path", "schema"):
        if key not in res:
            found.append(problem("descriptor-missing-key", shown, key=key, where=where))
    for key in ("path", "schema"):
        if key in res and not safe_relative(res[key]):
            found.append(problem("descriptor-path-outside", shown, value=res[key], resource=name))
    for key, value in PINNED.items():
        if res.get(key) != value:
            found.append(problem("descriptor-bad-value", shown, key=key, where=where,
                                 value=res.get(key, ""), expected=value))
    dialect = res.get("dialect")
    if not isinstance(dialect, dict):
        found.append(problem("descriptor-bad-value", shown, key="dialect", where=where,
                             value=dialect or "", expected="delimiter: ','"))
    else:
        found += _unknown(dialect, DIALECT_KEYS, shown, f"dialektu zasobu „{name}”")
        if dialect.get("delimiter") != ",":
            found.append(problem("descriptor-bad-value", shown, key="delimiter", where=where,
                                 value=dialect.get("delimiter", ""), expected="','"))
    return found


def _check_flags(fld: dict[str, Any], shown: str, where: str) -> list[Problem]:
    """``zera_wiodace`` and ``wielkie_litery`` are booleans; leading zeros need a digits pattern."""
    found = [problem("descriptor-bad-value", shown, key=key, where=where, value=fld[key],
                     expected="true albo false")
             for key in ("zera_wiodace", "wielkie_litery", "kolumna_opcjonalna")
             if key in fld and not isinstance(fld[key], bool)]
    if fld.get("kolumna_opcjonalna") is True and (fld.get("constraints") or {}).get("required"):
        found.append(problem("descriptor-bad-value", shown, key="kolumna_opcjonalna", where=where,
                             value="true", expected="false (kolumna wymagana nie może być "
                             "opcjonalna) albo usuń „required: true”"))
    if fld.get("zera_wiodace") is True and not digit_widths(fld):
        found.append(problem("descriptor-bad-value", shown, key="zera_wiodace", where=where,
                             value="true", expected="false albo wzorzec samych cyfr w "
                             "„constraints”, np. pattern: '\\d{10}' lub '(\\d{9}|\\d{14})'"))
    return found


def check_schema(schema: dict[str, Any], shown: str) -> list[Problem]:
    """Schema, field and constraint keys."""
    found = _unknown(schema, SCHEMA_KEYS, shown, "schematu")
    fields = schema.get("fields")
    if not isinstance(fields, list):
        found.append(problem("descriptor-missing-key", shown, key="fields", where="schematu"))
        return found
    for fld in fields:
        if not isinstance(fld, dict) or "name" not in fld:
            found.append(problem("descriptor-missing-key", shown, key="name", where="pola"))
            continue
        where = f"pola „{fld['name']}”"
        found += _unknown(fld, FIELD_KEYS, shown, where)
        found += _check_flags(fld, shown, where)
        constraints = fld.get("constraints", {})
        if isinstance(constraints, dict):
            found += _unknown(constraints, CONSTRAINT_KEYS, shown, f"ograniczeń {where}")
    return found


def optional_columns(schema: dict[str, Any]) -> set[str]:
    """Names of the fields a file may lack (``kolumna_opcjonalna: true``): read as empty."""
    return {str(f["name"]) for f in schema.get("fields", [])
            if isinstance(f, dict) and f.get("kolumna_opcjonalna") is True}


def category_values(fld: dict[str, Any]) -> list[str]:
    """The codes of a field's Data Package v2 ``categories`` (plain values or value/label)."""
    values = []
    for item in fld.get("categories") or []:
        values.append(str(item["value"]) if isinstance(item, dict) else str(item))
    return values


def category_labels(fld: dict[str, Any]) -> dict[str, str]:
    """Code → Polish label of a field's ``categories`` (the code itself when it has no label)."""
    return {str(i["value"]) if isinstance(i, dict) else str(i):
            str(i.get("label", i["value"])) if isinstance(i, dict) else str(i)
            for i in fld.get("categories") or []}
