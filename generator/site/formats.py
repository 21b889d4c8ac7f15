"""URLs of the site: relative links between pages, codes as URL segments (pure functions)."""

from __future__ import annotations

import posixpath


def relative_url(here: str, target: str) -> str:
    """Link from the page at URL ``here`` to ``target``; both relative to the site root.

    URLs of pages end with ``/`` (``"kluby/kolbudy/"``, ``""`` for the home page); file targets do
    not (``"dane/rejestr.csv"``). A fragment (``#...``) is kept.
    """
    target, hashmark, fragment = target.partition("#")
    start = here if here.endswith("/") or not here else posixpath.dirname(here)
    rel = _relpath(target or ".", start or ".")
    if target.endswith("/") or not target:
        rel = "./" if rel == "." else rel + "/"
    return rel + hashmark + fragment


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for two paths under one root, without its two ``os.getcwd()``.

    About 30,000 links a 1,000-club site; paths with ``..`` or from ``/`` go to ``relpath``.
    """
    if ".." in path or ".." in start or path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(path, start)
    to = [p for p in path.split("/") if p and p != "."]
    base = [p for p in start.split("/") if p and p != "."]
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def url_segment(code: str) -> str:
    """A code from a reference table as a URL segment: ``w_procedurze`` → ``w-procedurze``."""
    return code.replace("_", "-")
