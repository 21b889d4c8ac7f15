"""Workbooks written once: an ``.xlsx`` is kept in the build cache under the hash of its recipe.

Writing a workbook with xlsxwriter costs about half of the open data's CPU time, and a warm build
writes the same bytes again. A workbook's recipe is everything it is written from: its cells and
properties (``recipe``, a value with a deterministic ``repr``), the code that writes it
(:data:`CODE`) and the xlsxwriter version. A cached workbook is used (and its modification time
records the use); what no build used for :data:`MAX_AGE_DAYS` is evicted, and the oldest while the
folder holds more than :data:`MAX_BYTES`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path

from generator.site import cache_files

FOLDER = Path("opendata") / "xlsx"  # inside the build cache
SUFFIX = ".xlsx"
MAX_AGE_DAYS = 60
MAX_BYTES = 64 * 1024 * 1024
HERE = Path(__file__).parent
CODE = (HERE / "xlsx_export.py", HERE / "form7.py", Path(__file__))


@cache
def code_digest() -> str:
    """Hash of the xlsxwriter version and of the modules that write the workbooks."""
    digest = hashlib.sha256(f"xlsxwriter {version('xlsxwriter')}".encode())
    for path in CODE:
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def workbook_key(recipe: object) -> str:
    return hashlib.sha256(f"{code_digest()}\n{recipe!r}".encode()).hexdigest()


def cached_workbook(cache_dir: Path | None, recipe: object, make: Callable[[], bytes]) -> bytes:
    """The workbook ``make()`` writes, from ``cache_dir`` when one with ``recipe`` is there
    (``cache_dir`` None or not a folder: always written, nothing kept)."""
    if cache_dir is None or not cache_dir.is_dir():
        return make()
    folder = cache_dir / FOLDER
    path = folder / f"{workbook_key(recipe)}{SUFFIX}"
    with contextlib.suppress(FileNotFoundError):
        data = path.read_bytes()
        with contextlib.suppress(OSError):
            os.utime(path)
        return data
    data = make()
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as tmp:
            tmp.write(data)  # builds may overlap: each writes its own file, then renames it
        Path(tmp.name).replace(path)
    return data


def evict(cache_dir: Path | None, now: float | None = None) -> list[Path]:
    """Remove workbooks unused for :data:`MAX_AGE_DAYS`, then the least recently used while the
    folder holds more than :data:`MAX_BYTES`. Returns what went."""
    if cache_dir is None:
        return []
    return cache_files.evict((cache_dir / FOLDER).glob(f"*{SUFFIX}"), MAX_AGE_DAYS, MAX_BYTES,
                             now=now)
