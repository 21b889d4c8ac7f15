"""Polish plural forms."""

from __future__ import annotations


def plural(n: int, one: str, few: str, many: str) -> str:
    """Pick the form for ``n``: 1 klub, 2–4 kluby (but 12–14 klubów), 5+ klubów, 22 kluby."""
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many
