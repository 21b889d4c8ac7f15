"""Text hygiene of every cell: NFC, spaces, control and zero-width characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from generator.problems import Problem, problem
from generator.register.load import RawRegister
from generator.validation.rules import Context

INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f"}


def cell_problems(value: str) -> list[tuple[str, dict[str, str]]]:
    """Problems of one cell value as (code, params); empty for a clean value."""
    if value.isascii() and value.isprintable() and "  " not in value and value == value.strip():
        return []
    if value and not value.strip():
        return [("text-blank", {})]
    found: list[tuple[str, dict[str, str]]] = []
    bad = next((ch for ch in value if ch in INVISIBLE or
                unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")), None)
    if bad is not None:
        found.append(("text-control", {"char": f"U+{ord(bad):04X}"}))
    if not unicodedata.is_normalized("NFC", value):
        found.append(("text-not-nfc", {}))
    what = []
    if value != value.lstrip():
        what.append("spację na początku")
    if value != value.rstrip():
        what.append("spację na końcu")
    if "  " in value:
        what.append("podwójną spację")
    if what:
        found.append(("text-spaces", {"what": " i ".join(what)}))
    return found


def check_text(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    for table in raw.tables.values():
        columns = {name: i + 1 for i, name in enumerate(table.field_names)}
        for row, line in zip(table.rows, table.lines, strict=True):
            for name, value in row.items():
                if not value:
                    continue
                for code, params in cell_problems(value):
                    yield problem(code, table.display, line, columns[name], name, **params)
