"""Polish for everything users read: plurals, dates, counts, sizes (pure functions)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

# Polish letters and their plain forms; „ł” is the one that Unicode does not decompose.
# The site's search (parts/search_static/search-rules.json, read by kis-search.js) lists the same.
POLISH_LETTERS = {"ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z",
                  "ż": "z"}
_POLISH = str.maketrans(POLISH_LETTERS)
_WORD = re.compile(r"[a-z0-9]+")
NBSP = "\u00a0"  # between groups of digits, and between a number and its unit

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
    "wiersz": ("wiersz", "wiersze", "wierszy"),
    "komunikat": ("komunikat", "komunikaty", "komunikatów"),
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


def number(x: float, min_fraction: int = 0, max_fraction: int = 2) -> str:
    """``12,5``, ``1234``, ``12\u00a0345,67``: ``x`` with a decimal comma, as
    ``Intl.NumberFormat('pl-PL', {minimumFractionDigits, maximumFractionDigits})`` writes it
    (groups of thousands from five digits on, rounded half up)."""
    with localcontext() as ctx:
        ctx.prec = 80
        exact = Decimal(repr(float(x) + 0.0))  # shortest decimal form; -0.0 becomes 0.0
        rounded = exact.quantize(Decimal(1).scaleb(-max_fraction), rounding=ROUND_HALF_UP)
        text = format(abs(rounded), "f")
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    fraction += "0" * (min_fraction - len(fraction))
    if len(whole) >= 5:
        groups = []
        while whole:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = NBSP.join(groups)
    sign = "-" if rounded.is_signed() else ""
    return sign + whole + ("," + fraction if fraction else "")


def count(n: int, noun: str) -> str:
    """„1 klub”, „3 kluby”, „12 klubów”: the number and the noun in the right form."""
    one, few, many = NOUNS[noun]
    return f"{n} {plural(n, one, few, many)}"


def days_left(n: int) -> str:
    """„został 1 dzień”, „zostały 2 dni”, „zostało 5 dni”: the verb agrees with the number.

    0 (the last valid day) is „to ostatni dzień ważności”. Every page that says how long a
    certificate still holds says it with this function (club, certificate, lists, feeds).
    """
    if n <= 0:
        return "to ostatni dzień ważności"
    return f"{plural(n, 'został', 'zostały', 'zostało')} {count(n, 'dzień')}"


def certified_clubs(n: int) -> str:
    """„1 certyfikowany klub”, „3 certyfikowane kluby”, „12 certyfikowanych klubów”.

    The one phrase for the number of clubs with a valid certificate, on every page (voivodeship,
    register, map, search, home), so that the pages cannot disagree about what they count.
    """
    return count(n, "certyfikowany klub")


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


def lower_first(text: str) -> str:
    """Lower-case the first letter, for a phrase inside a sentence: ``Wniosek`` → ``wniosek``."""
    return text[:1].lower() + text[1:]


@lru_cache(maxsize=65536)
def fold(text: str, separator: str | None = " ") -> str:
    """Compared form of a text: lower case, no diacritics (ł → l), „Łódź” → ``lodz``.

    With a ``separator`` only the words of letters and digits are kept, joined by it:
    „Klub  »Przystań«” → ``klub przystan``, with ``"_"`` „wniosek przyjęty” → ``wniosek_przyjety``.
    With None every other character stays as it is (the site's search splits words itself).
    """
    mapped = unicodedata.normalize("NFD", text.lower().translate(_POLISH))
    plain = "".join(ch for ch in mapped if unicodedata.category(ch) != "Mn")
    return plain if separator is None else separator.join(_WORD.findall(plain))
