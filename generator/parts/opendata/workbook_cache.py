"""Workbooks written once: an ``.xlsx`` is kept in the build cache under the hash of its recipe.

Writing a workbook with xlsxwriter costs about half of the open data's CPU time, and a warm build
writes the same bytes again. A workbook's recipe is everything it is written from: its cells and
properties (``recipe``, a value with a deterministic ``repr``), the code that writes it
(:data:`CODE`) and the xlsxwriter version. The workbooks of one build share one
:class:`~generator.site.cache_files.Memo` (:func:`memo`); a cached workbook is used (and its
modification time records the use); :func:`evict` removes what no build used for
:data:`MAX_AGE_DAYS`, and the oldest while the folder holds more than :data:`MAX_BYTES`, but never
this build's workbooks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path

from generator.site.cache_files import Memo

FOLDER = Path("opendata") / "xlsx"  # inside the build cache
SUFFIX = ".xlsx"
MAX_AGE_DAYS = 60
MAX_BYTES = 64 * 1024 * 1024
HERE = Path(__file__).parent
# The recipe holds every cell, so only the writing code (xlsxwriter calls, formats, column widths,
# which rows are bold) needs hashing. That code lives beside the cell-building code in these
# modules, so the whole files are hashed: an edit to how the cells are built also writes the 32
# workbooks once more (a harmless miss). Do not drop a module here unless its writing code
# moves out of it: a stale workbook would then differ from what a cold build writes.
CODE = (HERE / "xlsx_export.py", HERE / "form7.py", Path(__file__))

Workbooks = Memo[bytes]


@cache
def code_digest() -> str:
    """Hash of the xlsxwriter version and of the modules that write the workbooks."""
    digest = hashlib.sha256(f"xlsxwriter {version('xlsxwriter')}".encode())
    for path in CODE:
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def workbook_key(recipe: object) -> str:
    return hashlib.sha256(f"{code_digest()}\n{recipe!r}".encode()).hexdigest()


def memo(cache_dir: Path | None) -> Workbooks:
    """This build's workbooks, kept in ``cache_dir`` (None or not a folder: always written,
    nothing kept; a cache folder is not made here)."""
    folder = cache_dir / FOLDER if cache_dir is not None and cache_dir.is_dir() else None
    return Memo(folder, SUFFIX, binary=True)


def cached_workbook(workbooks: Workbooks | None, recipe: object,
                    make: Callable[[], bytes]) -> bytes:
    """The workbook ``make()`` writes, from ``workbooks`` when one with ``recipe`` is there
    (None: always written)."""
    if workbooks is None:
        return make()
    return workbooks.get(workbook_key(recipe), make)


def evict(workbooks: Workbooks, now: float | None = None) -> list[Path]:
    """Remove workbooks unused for :data:`MAX_AGE_DAYS`, then the least recently used while the
    folder holds more than :data:`MAX_BYTES`, but none of this build's. Returns what went."""
    return workbooks.evict(MAX_AGE_DAYS, MAX_BYTES, now=now)
