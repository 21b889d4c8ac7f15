"""Sizes of folders: bytes of every file (apparent size, independent of the file system)."""

from __future__ import annotations

from pathlib import Path


def tree_bytes(root: Path, suffix: str = "") -> int:
    return sum(p.stat().st_size for p in root.rglob(f"*{suffix}") if p.is_file())


def tree_files(root: Path, suffix: str = "") -> int:
    return sum(1 for p in root.rglob(f"*{suffix}") if p.is_file())
