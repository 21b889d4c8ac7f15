"""Where did an unquoted comma split a cell? A guess from the schema, to name the column.

A row with more cells than the header usually has text with a comma (an address: „ul. Długa 5,
lok. 2”) that was not put in quotes. Joining the extra cells back at each position in turn, the
position after which every cell fits its column (pattern, type, allowed values) is the likely one.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any


def _fits(value: str, field: dict[str, Any]) -> bool:
    cons = field.get("constraints") or {}
    if not value:
        return not cons.get("required")
    kind = field.get("type", "string")
    try:
        if kind == "number":
            float(value)
        elif kind == "integer":
            int(value)
        elif kind == "date":
            date.fromisoformat(value)
    except ValueError:
        return False
    if "enum" in cons and value not in [str(v) for v in cons["enum"]]:
        return False
    pattern = cons.get("pattern")
    return not (pattern and not re.fullmatch(str(pattern), value))


def split_column(record: list[str], fields: list[dict[str, Any]]) -> str | None:
    """The name of the column whose text was most likely split by a comma; None if unsure."""
    extra = len(record) - len(fields)
    if extra <= 0 or not fields:
        return None
    scores: list[tuple[int, int]] = []
    for i in range(len(fields)):
        joined = [*record[:i], ",".join(record[i:i + extra + 1]), *record[i + extra + 1:]]
        scores.append((sum(_fits(v, f) for v, f in zip(joined, fields, strict=True)), i))
    best = max(score for score, _ in scores)
    at = [i for score, i in scores if score == best]
    return str(fields[at[0]]["name"]) if len(at) == 1 else None
