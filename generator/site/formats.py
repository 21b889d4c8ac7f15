"""Polish formatting for the site: dates, counts with plurals, relative links (pure functions)."""

from __future__ import annotations

import posixpath
from datetime import date

from generator.plural import plural

MONTHS_GENITIVE = (
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
)

# (one, few, many) forms of the nouns the pages count.
NOUNS: dict[str, tuple[str, str, str]] = {
    "klub": ("klub", "kluby", "klubów"),
    "certyfikowany klub": ("certyfikowany klub", "certyfikowane kluby", "certyfikowanych klubów"),
    "certyfikat": ("certyfikat", "certyfikaty", "certyfikatów"),
    "dzień": ("dzień", "dni", "dni"),
    "opis": ("opis", "opisy", "opisów"),
    "usługa": ("usługa", "usługi", "usług"),
    "zdarzenie": ("zdarzenie", "zdarzenia", "zdarzeń"),
}


def date_pl(day: date | None) -> str:
    """„15 marca 2024”; an empty string for no date."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}"


def count(n: int, noun: str) -> str:
    """„1 klub”, „3 kluby”, „12 klubów”: the number and the noun in the right form."""
    one, few, many = NOUNS[noun]
    return f"{n} {plural(n, one, few, many)}"


def days_left(n: int) -> str:
    """„został 1 dzień”, „zostały 2 dni”, „zostało 5 dni”: the verb agrees with the number."""
    return f"{plural(n, 'został', 'zostały', 'zostało')} {count(n, 'dzień')}"


def file_size(size: int) -> str:
    """``850 B``, ``12,3 kB``, ``1,2 MB`` (decimal units, Polish decimal comma)."""
    if size < 1000:
        return f"{size} B"
    for unit, scale in (("kB", 1e3), ("MB", 1e6)):
        if size < scale * 1000 or unit == "MB":
            return f"{size / scale:.1f} {unit}".replace(".", ",")
    raise AssertionError  # unreachable


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


def sentence(text: str) -> str:
    """Upper-case the first letter: ``złożenie wniosku`` → ``Złożenie wniosku``."""
    return text[:1].upper() + text[1:]


def url_segment(code: str) -> str:
    """A code from a reference table as a URL segment: ``w_procedurze`` → ``w-procedurze``."""
    return code.replace("_", "-")
