"""The build cache's files: one writer (:class:`Memo`) and one eviction rule (:func:`evict`).

A value made once is kept one file per key (a hash of everything it is made from), so a warm
build reads it instead of making it. A file's modification time records its last use (a build
that uses a cached file touches it). Files unused for longer than a maximum age go first, then
the least recently used while the files hold more than a byte limit; a file in ``keep`` (this
build's) never goes. The cache only saves time: a cache folder that cannot be read or written
(read-only, full, shared with another user) makes a build slower, never fail.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T", str, bytes)
TEMP_SUFFIX = ".tmp"
TEMP_MAX_AGE_DAYS = 1  # a temporary file this old was left by a build that was killed


class Memo(Generic[T]):
    """Values kept one file per key in ``folder`` (``None``: nothing kept, every value made):
    text (UTF-8) or, with ``binary``, bytes. The keys this memo was asked for are this build's:
    :meth:`evict` never removes them."""

    def __init__(self, folder: Path | None, suffix: str, binary: bool = False) -> None:
        self.folder = folder
        self.suffix = suffix
        self.binary = binary
        self.used: set[str] = set()  # this build's keys

    def path(self, key: str) -> Path | None:
        """The file that keeps ``key``'s value (None without a folder)."""
        return None if self.folder is None else self.folder / f"{key}{self.suffix}"

    def get(self, key: str, make: Callable[[], T]) -> T:
        """``key``'s value: read from its file (and the use recorded), or made and written."""
        path = self.path(key)
        if path is None:
            return make()
        self.used.add(key)
        with contextlib.suppress(OSError, ValueError):  # missing, unreadable or not UTF-8
            value = path.read_bytes() if self.binary else path.read_text(encoding="utf-8")
            with contextlib.suppress(OSError):
                os.utime(path)
            return value  # type: ignore[return-value]
        value = make()
        self._write(path, value.encode("utf-8") if isinstance(value, str) else value)
        return value

    def _write(self, path: Path, data: bytes) -> None:
        """Write ``data`` to ``path`` through a temporary file (builds may overlap: each writes
        its own file, then renames it); a cache that cannot be written only costs time."""
        temp: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, suffix=TEMP_SUFFIX,
                                             delete=False) as file:
                temp = Path(file.name)
                file.write(data)
            temp.replace(path)
        except OSError:
            if temp is not None:
                with contextlib.suppress(OSError):
                    temp.unlink(missing_ok=True)

    def evict(self, max_age_days: float, max_bytes: float = float("inf"),
              keep: Iterable[str] = (), now: float | None = None) -> list[Path]:
        """Evict (:func:`evict`) this memo's files but this build's keys and ``keep``, and
        temporary files a killed build left; returns what went."""
        if self.folder is None:
            return []
        kept = self.used.union(keep)
        gone = evict(self.folder.glob(f"*{self.suffix}"), max_age_days, max_bytes, kept, now)
        return gone + evict(self.folder.glob(f"*{TEMP_SUFFIX}"), TEMP_MAX_AGE_DAYS, now=now)


def evict(paths: Iterable[Path], max_age_days: float, max_bytes: float = float("inf"),
          keep: frozenset[str] | set[str] = frozenset(), now: float | None = None) -> list[Path]:
    """Remove the old and the least recently used of ``paths`` (``keep``: stems never removed);
    returns what went. Eviction is best effort: a file that vanished (another build evicted it)
    or cannot be removed (a cache shared between users) is left, and the others go on."""
    now = time.time() if now is None else now
    entries = []
    for path in paths:
        with contextlib.suppress(OSError):
            stat = path.stat()
            entries.append((stat.st_mtime, stat.st_size, path))
    entries.sort()
    total = sum(size for _, size, _ in entries)
    gone = []
    for mtime, size, path in entries:
        if path.stem in keep:
            continue
        if now - mtime > max_age_days * 86400 or total > max_bytes:
            try:
                path.unlink(missing_ok=True)  # missing: another build evicted it
            except OSError:  # left where it is (it still takes its bytes)
                continue
            total -= size
            gone.append(path)
    return gone
