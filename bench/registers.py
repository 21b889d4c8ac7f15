"""Synthetic registers for the benchmark, made by the project's own generator.

A register is written once into ``<out>/registers/kluby-<N>/`` and reused while its stamp file
``kluby-<N>.stamp`` beside it (size, seed and a hash of the generator's code and of the copied
reference files) is unchanged.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from tests import synthetic
from tests.registers import REFERENCE

GENERATOR_FILES = ("__init__.py", "data.py", "events.py", "geo.py")


def stamp(clubs: int, seed: int, source: Path = synthetic.PROJECT / "register") -> str:
    """What the register's content depends on."""
    digest = hashlib.sha256(f"{clubs} {seed}".encode())
    code = Path(synthetic.__file__).parent
    paths = [code / name for name in GENERATOR_FILES]
    for name in REFERENCE:
        src = source / name
        paths += sorted(p for p in src.rglob("*") if p.is_file()) if src.is_dir() else [src]
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def ensure_register(out: Path, clubs: int, seed: int = 0) -> Path:
    """The folder of a synthetic register with ``clubs`` clubs, written when missing or stale."""
    dest = out / "registers" / f"kluby-{clubs}"
    expected = stamp(clubs, seed)
    marker = dest.with_name(f"{dest.name}.stamp")
    if marker.is_file() and marker.read_text(encoding="utf-8") == expected:
        return dest
    if dest.exists():
        shutil.rmtree(dest)
    marker.unlink(missing_ok=True)
    synthetic.write_register(dest, clubs, seed)
    marker.write_text(expected, encoding="utf-8")
    return dest
