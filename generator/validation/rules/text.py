"""Text hygiene of every cell: NFC, spaces, control and zero-width characters."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator

from generator.problems import Problem, problem
from generator.register.load import RawRegister
from generator.validation.rules import Context, cells

INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f"}


def is_control(ch: str) -> bool:
    """A character that must not be in register text: C0/C1 controls (NUL, ESC …), format
    characters such as bidi overrides (U+202A–U+202E, U+2066–U+2069), zero-width characters,
    line and paragraph separators."""
    return ch in INVISIBLE or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")


def first_control(value: str, allowed: str = "") -> int:
    """Index of the first :func:`is_control` character of ``value`` not in ``allowed``; -1."""
    found = _controls(allowed).search(value)
    return found.start() if found else -1


@functools.cache
def _controls(allowed: str) -> re.Pattern[str]:
    """:func:`is_control` as one character class (one pass in C over a long text).

    Planes 0, 1 and 14 hold every such character Unicode assigns. The class is written as
    ranges of consecutive characters: a list of 230 single ones is tested one by one.
    """
    planes = itertools.chain(range(0x20000), range(0xE0000, 0xE1000))
    codes = [c for c in planes if is_control(chr(c)) and chr(c) not in allowed]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    items = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                    for a, b in ranges)
    return re.compile(f"[{items}]")


def char_name(ch: str) -> str:
    """How a character is named in a message, e.g. ``U+001B``."""
    return f"U+{ord(ch):04X}"


def cell_problems(value: str) -> list[tuple[str, dict[str, str]]]:
    """Problems of one cell value as (code, params); empty for a clean value."""
    if value.isascii() and value.isprintable() and "  " not in value and value == value.strip():
        return []
    if value and not value.strip():
        return [("text-blank", {})]
    found: list[tuple[str, dict[str, str]]] = []
    bad = first_control(value)
    if bad >= 0:
        found.append(("text-control", {"char": char_name(value[bad])}))
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


# What fails the first test of cell_problems, found in a whole column (see rules.cells):
NOT_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7e]")
DOUBLE_SPACE = re.compile("  ")
EDGE_SPACE = re.compile(r"(?:\A|(?<=\|)) | (?=\||\Z)")  # a space at either end of a value


def suspects(col: cells.Column) -> set[str]:
    """The values that fail :func:`cell_problems`' first test (printable ASCII, no double space,
    no space at either end): the only ones it may find a problem in."""
    text = col.text
    if text.isascii() and text.isprintable():  # then a space is " ": test for one quickly
        found: set[str] = set()
    else:
        found = col.values_with(NOT_PRINTABLE_ASCII)
    if "  " in text:
        found |= col.values_with(DOUBLE_SPACE)
    if text.startswith(" ") or text.endswith(" ") or "| " in text or " |" in text:
        found |= col.values_with(EDGE_SPACE)
    return found


def check_text(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    for table in raw.tables.values():
        columns = {name: i + 1 for i, name in enumerate(table.columns)}
        for name in cells.names(table.rows):
            col = cells.column(table.rows, name)
            found = {value: cell_problems(value) for value in suspects(col) if value}
            for i in col.rows_of({value for value, said in found.items() if said}):
                for code, params in found[col.values[i]]:
                    yield problem(code, table.display, table.lines[i], columns[name], name,
                                  **params)
