"""Polish for everything users read: plurals, dates, counts, sizes (pure functions)."""

from __future__ import annotations

from datetime import date

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


def plural(n: int, one: str, few: str, many: str) -> str:
    """Pick the form for ``n``: 1 klub, 2–4 kluby (but 12–14 klubów), 5+ klubów, 22 kluby."""
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def date_pl(day: date | None) -> str:
    """„15 marca 2024”; an empty string for no date."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """``22 listopada 2026 r.`` (the site's date with the customary ``r.`` of documents)."""
    return f"{date_pl(day)} r."


def short_date(day: date) -> str:
    """``22.11.2026``"""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


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


def sentence(text: str) -> str:
    """Upper-case the first letter: ``złożenie wniosku`` → ``Złożenie wniosku``."""
    return text[:1].upper() + text[1:]
