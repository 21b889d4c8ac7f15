"""Polish formatting of dates, sizes and sentences (pure)."""

from __future__ import annotations

from datetime import date

from generator.site.formats import date_pl, sentence

__all__ = ["long_date", "sentence", "short_date"]


def long_date(day: date) -> str:
    """``22 listopada 2026 r.`` (the site's date with the customary ``r.`` of documents)."""
    return f"{date_pl(day)} r."


def short_date(day: date) -> str:
    """``22.11.2026``"""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"
