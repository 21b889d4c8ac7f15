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
    rel = posixpath.relpath(target or ".", start or ".")
    if target.endswith("/") or not target:
        rel = "./" if rel == "." else rel + "/"
    return rel + hashmark + fragment


def url_segment(code: str) -> str:
    """A code from a reference table as a URL segment: ``w_procedurze`` → ``w-procedurze``."""
    return code.replace("_", "-")
