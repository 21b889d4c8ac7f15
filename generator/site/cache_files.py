"""Eviction from the build cache: one rule for every kind of file kept there.

A file's modification time records its last use (a build that uses a cached file touches it).
Files unused for longer than a maximum age go first, then the least recently used while the
files hold more than a byte limit; a file in ``keep`` (this build's) never goes.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable
from pathlib import Path


def evict(paths: Iterable[Path], max_age_days: float, max_bytes: float = float("inf"),
          keep: frozenset[str] | set[str] = frozenset(), now: float | None = None) -> list[Path]:
    """Remove the old and the least recently used of ``paths`` (``keep``: stems never removed);
    returns what went. Another build may evict at the same time: a vanished file is skipped."""
    now = time.time() if now is None else now
    entries = []
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            stat = path.stat()
            entries.append((stat.st_mtime, stat.st_size, path))
    entries.sort()
    total = sum(size for _, size, _ in entries)
    gone = []
    for mtime, size, path in entries:
        if path.stem in keep:
            continue
        if now - mtime > max_age_days * 86400 or total > max_bytes:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            total -= size
            gone.append(path)
    return gone
