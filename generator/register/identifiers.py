"""Polish identifiers and contact data: pure predicates (REGON, NIP, phone, e-mail, URL)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)
NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$")


def _check_digit(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def regon_valid(value: str) -> bool:
    """9- or 14-digit REGON with a correct check digit."""
    if not value.isdigit() or len(value) not in (9, 14):
        return False
    if len(value) == 14 and not regon_valid(value[:9]):
        return False
    weights = REGON9_WEIGHTS if len(value) == 9 else REGON14_WEIGHTS
    return _check_digit(value[:-1], weights) == int(value[-1])


def nip_valid(value: str) -> bool:
    """10-digit NIP with a correct check digit (a sum giving 10 is never valid)."""
    if not value.isdigit() or len(value) != 10:
        return False
    total = sum(int(d) * w for d, w in zip(value, NIP_WEIGHTS, strict=False)) % 11
    return total != 10 and total == int(value[-1])


def phone_valid(value: str) -> bool:
    """A Polish number: optional +48, then 9 digits in groups separated by spaces or hyphens."""
    if not re.fullmatch(r"(\+48[ ]?)?\d[\d -]*\d", value):
        return False
    digits = re.sub(r"\D", "", value.removeprefix("+48"))
    return len(digits) == 9


def email_valid(value: str) -> bool:
    return bool(EMAIL.match(value)) and ".." not in value


def url_valid(value: str) -> bool:
    """An absolute http(s) address with a plausible host; no credentials, no spaces."""
    if any(ch.isspace() for ch in value) or not value.isprintable():
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or parts.username or parts.password:
        return False
    host = (parts.hostname or "").lower()
    return bool(HOST.match(host))
