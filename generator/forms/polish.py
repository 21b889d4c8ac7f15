"""Polish formatting of dates, sizes and sentences (pure)."""

from __future__ import annotations

from datetime import date

from generator.site.formats import MONTHS_GENITIVE  # one list of month names


def long_date(day: date) -> str:
    """``22 listopada 2026 r.``"""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} r."


def short_date(day: date) -> str:
    """``22.11.2026``"""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def size_kb(size: int) -> str:
    """File size for people: ``84 KB`` (at least 1 KB)."""
    return f"{max(1, round(size / 1024))} KB"


def sentence(text: str) -> str:
    """Upper-case the first letter: ``złożenie wniosku`` → ``Złożenie wniosku``."""
    return text[:1].upper() + text[1:]
