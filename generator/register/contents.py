"""What belongs in the register folder, and what is there (never following a symbolic link).

The descriptor decides: its resources and their schemas, plus the descriptor itself, the
voivodeship boundaries with their source note, the good-practice stories and README files.
Anything else (a working copy ``kluby.xlsx``, a spreadsheet's lock file ``.~lock.kluby.csv#``, a
stray ``kluby-robocze.txt``) would be published with the register, so it is a problem.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator.register.descriptor import safe_relative

DESCRIPTOR = "datapackage.yaml"
BOUNDARIES = ("granice/wojewodztwa.geojson", "granice/SOURCE.md")
STORIES = "dobre-praktyki"
README = "README.md"


@dataclass(frozen=True)
class Listing:
    """Every entry below the register folder, as POSIX paths relative to it, sorted."""

    files: tuple[str, ...]  # regular files
    links: tuple[str, ...]  # symbolic links (to files, folders or anything else): never read
    other: tuple[str, ...]  # sockets, pipes, devices: never read


def list_register(root: Path) -> Listing:
    """Walk ``root`` without following links; a link to a folder is listed, not entered."""
    files: list[str] = []
    links: list[str] = []
    other: list[str] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        base = Path(folder)
        for name in list(dirs):
            if (base / name).is_symlink():
                links.append((base / name).relative_to(root).as_posix())
                dirs.remove(name)
        dirs.sort()
        for name in names:
            path = base / name
            shown = path.relative_to(root).as_posix()
            if path.is_symlink():
                links.append(shown)
            elif path.is_file():
                files.append(shown)
            else:
                other.append(shown)
    return Listing(tuple(sorted(files)), tuple(sorted(links)), tuple(sorted(other)))


def sound(desc: dict[str, Any]) -> bool:
    """Every resource of the descriptor names its file and schema inside the package: only then
    is what belongs known (a broken resource list is one problem, not every file unexpected)."""
    resources = desc.get("resources")
    return isinstance(resources, list) and all(
        isinstance(r, dict) and safe_relative(r.get("path")) and safe_relative(r.get("schema"))
        for r in resources)


def declared(desc: dict[str, Any]) -> set[str]:
    """The files the descriptor names: every resource's data file and schema."""
    out = {DESCRIPTOR, *BOUNDARIES}
    for res in desc.get("resources") or []:
        if not isinstance(res, dict):
            continue
        for key in ("path", "schema"):
            value = res.get(key)
            if isinstance(value, str) and value:
                out.add(PurePosixPath(value).as_posix())
    return out


def belongs(relative: str, known: set[str]) -> bool:
    """``relative`` (a POSIX path below the register folder) is part of the register."""
    path = PurePosixPath(relative)
    if relative in known or path.name == README:
        return True
    return len(path.parts) == 2 and path.parts[0] == STORIES and path.suffix == ".md"


def unexpected(listing: Listing, desc: dict[str, Any]) -> list[str]:
    """Files that are not part of the register (see the module docstring), sorted."""
    known = declared(desc)
    return [f for f in (*listing.files, *listing.other) if not belongs(f, known)]


def inside_link(relative: str, listing: Listing) -> bool:
    """``relative`` is a link or lies in a linked folder: it must not be read."""
    path = PurePosixPath(relative)
    chain = {path.as_posix(), *(p.as_posix() for p in path.parents)}
    return any(link in chain for link in listing.links)
