"""The register's data package as a reproducible zip: same files in, same bytes out.

The zip holds what the package documents and nothing else: the descriptor, every resource and
its schema (named in ``datapackage.yaml``), the boundaries with their source note, and the
good-practice stories the register reads. A stray file in ``register/`` (a working copy, a
note) never ships. Text cells of the CSV resources that a spreadsheet would run as a formula
are neutralised exactly as in the separate CSV exports
(:mod:`generator.register.formula_cells`); a note in the zip lists where.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any

from generator.polish import plural
from generator.register import contents
from generator.register.formula_cells import neutralise
from generator.register.load import read_stories
from generator.register.package_meta import load_yaml

PARTS = ("datapackage.yaml", "schematy", "slowniki", "wojewodztwa", "granice", "dobre-praktyki")
DESCRIPTOR = contents.DESCRIPTOR
NOTE = "NEUTRALIZACJA-FORMUL.txt"
TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: content alone decides
FILE_MODE = 0o100644  # regular file, rw-r--r--
COMPRESS_LEVEL = 9
TEXT_TYPES = {None, "string", "any"}  # field types whose cells are text in a spreadsheet


def package_files(root: Path) -> list[tuple[str, bytes]]:
    """(path in the zip, content) of every file of the package, sorted by path.

    Only files the descriptor names, the boundaries and the stories; hidden files, symbolic
    links and paths outside the package are left out. A ``datapackage.json`` twin of
    ``datapackage.yaml`` is added, because frictionless opens a zipped package by that name.
    """
    descriptor_file = root / DESCRIPTOR
    if descriptor_file.is_symlink() or not descriptor_file.is_file():
        return []
    raw = descriptor_file.read_bytes()
    descriptor = load_yaml(raw.decode("utf-8"))
    if not isinstance(descriptor, dict):
        descriptor = {}
    files: dict[str, bytes] = {DESCRIPTOR: raw}
    for name in sorted(members(root, descriptor)):
        files[name] = (root / name).read_bytes()
    changed: dict[str, Counter[str]] = {}
    for resource in _resources(descriptor):
        path, schema = resource.get("path"), resource.get("schema")
        if isinstance(path, str) and path in files and path.endswith(".csv"):
            fields = _schema_fields(files.get(schema) if isinstance(schema, str) else None)
            files[path], cells = neutralised_csv(files[path], fields)
            if cells:
                changed[path] = cells
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    files["datapackage.json"] = text.encode("utf-8")
    if changed:
        files[NOTE] = _note(changed).encode("utf-8")
    return sorted(files.items())


def members(root: Path, descriptor: dict[str, Any]) -> set[str]:
    """Paths (relative to ``root``) of the package's files other than the descriptor.

    What the descriptor declares (:func:`generator.register.contents.declared`: resources,
    schemas, boundaries) and the stories the register reads; found without following links.
    """
    stories, _ = read_stories(root / contents.STORIES)
    wanted = {f"{contents.STORIES}/{story.path.name}" for story in stories}
    wanted |= {name for name in contents.declared(descriptor) if _inside(name)}
    wanted.discard(DESCRIPTOR)
    return wanted & set(contents.list_register(root).files)


def neutralised_csv(data: bytes, fields: dict[str, dict[str, Any]]) -> tuple[bytes, Counter[str]]:
    """``data`` (a CSV resource) with formula-like text cells neutralised; how many, by column.

    Only cells of text fields change (a number such as ``-1.5`` stays a number), and only where
    the neutralised value still meets the field's constraints, so the zipped package stays valid
    (a field limited by a pattern or a list of values cannot hold a formula anyway). A file with
    nothing to neutralise, or one that is not UTF-8, is returned as it was, byte for byte.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data, Counter()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return data, Counter()
    header = rows[0]
    changed: Counter[str] = Counter()
    for row in rows[1:]:
        for i, value in enumerate(row):
            name = header[i] if i < len(header) else ""
            safe = neutralise(value)
            if safe != value and _fits(safe, fields.get(name, {})):
                row[i] = safe
                changed[name] += 1
    if not changed:
        return data, changed
    out = io.StringIO()
    ending = "\r\n" if "\r\n" in text else "\n"
    csv.writer(out, lineterminator=ending).writerows(rows)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    result = out.getvalue()
    return (result if result.startswith(bom) else bom + result).encode("utf-8"), changed


def _note(changed: dict[str, Counter[str]]) -> str:
    lines = [
        "Neutralizacja formuł arkusza kalkulacyjnego",
        "",
        "Komórki tekstowe zaczynające się od znaku =, +, -, @, tabulatora lub powrotu karetki",
        "arkusz kalkulacyjny mógłby wykonać jako formułę. W plikach CSV tego pakietu – tak jak",
        "w osobnych plikach CSV na stronie Otwarte dane – takie komórki poprzedza apostrof (').",
        "Wartość w rejestrze to tekst komórki bez tego apostrofu. Zmienione komórki:",
        "",
    ]
    for path, cells in sorted(changed.items()):
        for column, n in sorted(cells.items()):
            cells_pl = plural(n, "komórka", "komórki", "komórek")
            lines.append(f"- {path}, kolumna {column}: {n} {cells_pl}")
    return "\n".join(lines) + "\n"


def _resources(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return []
    return [r for r in resources if isinstance(r, dict)]


def _fits(value: str, field: dict[str, Any]) -> bool:
    """Whether a text ``value`` meets the type and constraints of ``field`` (a schema entry)."""
    if field.get("type") not in TEXT_TYPES:
        return False
    rules = field.get("constraints")
    rules = rules if isinstance(rules, dict) else {}
    if "enum" in rules:
        return False
    limit = rules.get("maxLength")
    if isinstance(limit, int) and len(value) > limit:
        return False
    pattern = rules.get("pattern")
    try:
        return not isinstance(pattern, str) or re.fullmatch(pattern, value) is not None
    except re.error:
        return False


def _schema_fields(schema: bytes | None) -> dict[str, dict[str, Any]]:
    """Field name → its schema entry, from a table schema file (empty when unreadable)."""
    if schema is None:
        return {}
    try:
        data = load_yaml(schema.decode("utf-8"))
    except Exception:  # a broken schema fails validation; the zip then only copies the file
        return {}
    fields = data.get("fields") if isinstance(data, dict) else None
    return {
        str(f["name"]): f
        for f in fields or []
        if isinstance(f, dict) and "name" in f
    }


def _inside(value: str) -> bool:
    path = PurePosixPath(value)
    return (
        bool(value)
        and "://" not in value
        and "\\" not in value
        and not path.is_absolute()
        and all(p not in ("", "..") and not p.startswith(".") for p in path.parts)
    )


def build_zip(files: list[tuple[str, bytes]]) -> bytes:
    """Zip ``files`` with fixed timestamps, permissions and compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, data, compresslevel=COMPRESS_LEVEL)
    return out.getvalue()


def package_zip(root: Path) -> bytes:
    return build_zip(package_files(root))
