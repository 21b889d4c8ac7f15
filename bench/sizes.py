"""Sizes of folders: bytes of every file (apparent size, independent of the file system)."""

from __future__ import annotations

import tarfile
import zlib
from pathlib import Path


def tree_bytes(root: Path, suffix: str = "") -> int:
    return sum(p.stat().st_size for p in root.rglob(f"*{suffix}") if p.is_file())


def tree_files(root: Path, suffix: str = "") -> int:
    return sum(1 for p in root.rglob(f"*{suffix}") if p.is_file())


class _DeflateCounter:
    """A write-only file that deflates what it gets and counts only the compressed bytes."""

    def __init__(self, level: int) -> None:
        self._deflate = zlib.compressobj(level)
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(self._deflate.compress(data))
        return len(data)

    def close(self) -> None:
        self.size += len(self._deflate.flush())


def pages_artifact_bytes(root: Path) -> int:
    """Bytes of the GitHub Pages artifact that ``actions/deploy-pages`` compares with 1 GB.

    ``actions/upload-pages-artifact`` tars the site (``--dereference --hard-dereference``:
    every hard-linked PDF stored whole) and ``actions/upload-artifact@v4`` uploads that tar
    deflated at its default ``compression-level`` 6; ``deploy-pages`` warns when the
    artifact's size passes 1 GiB. A zip's own headers add a few hundred bytes, left out.
    """
    sink = _DeflateCounter(6)
    with tarfile.open(fileobj=sink, mode="w|", format=tarfile.GNU_FORMAT,  # type: ignore[call-overload]
                      dereference=True) as tar:
        for path in sorted(root.rglob("*")):
            tar.add(path, arcname=path.relative_to(root).as_posix(), recursive=False)
    sink.close()
    return sink.size
