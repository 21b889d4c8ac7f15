"""The register's data package as a reproducible zip: same files in, same bytes out."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from generator.register.package_meta import load_yaml

PARTS = ("datapackage.yaml", "schematy", "slowniki", "wojewodztwa", "granice", "dobre-praktyki")
TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: content alone decides
FILE_MODE = 0o100644  # regular file, rw-r--r--
COMPRESS_LEVEL = 9


def package_files(root: Path) -> list[tuple[str, bytes]]:
    """(path in the zip, content) of every file of the package, sorted by path.

    Hidden files and symbolic links are left out. A ``datapackage.json`` twin of
    ``datapackage.yaml`` is added, because frictionless opens a zipped package by that name.
    """
    files: dict[str, bytes] = {}
    for part in PARTS:
        path = root / part
        candidates = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        for file in candidates:
            relative = file.relative_to(root)
            if file.is_symlink() or not file.is_file():
                continue
            if any(p.startswith(".") or p == "__pycache__" for p in relative.parts):
                continue
            files[relative.as_posix()] = file.read_bytes()
    if "datapackage.yaml" in files:
        descriptor = load_yaml(files["datapackage.yaml"].decode("utf-8"))
        text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
        files["datapackage.json"] = text.encode("utf-8")
    return sorted(files.items())


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
