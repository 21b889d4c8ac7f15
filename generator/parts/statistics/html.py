"""Sections as HTML: the macro of ``statistics/_section.html.j2`` lays out a :class:`Section`.

The pages have thousands of table cells, so the template writes them inline (no macro per
cell) and without escaping them again, from plain tuples made here: each cell's column label,
text and link (relative to the page), escaped, and whether it holds a number (aligned right).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import escape

from generator.parts.statistics.sections import Link, Section, Table

NUMERIC = re.compile(r"^[0-9][0-9,]*( \([0-9]+\))?$|^–$")
PLAIN = re.compile(r"""[^&<>"']*$""")  # nothing to escape

CellValues = tuple[str, str, str | None, bool]  # label, text, href, numeric (all escaped)
RowValues = tuple[str, str | None, list[CellValues]]  # head cell's text and href, cells
TableValues = tuple[Table, list[str], list[RowValues]]  # the table, its head, its rows


class _Escaped(dict[str, tuple[str, bool]]):
    """Each text seen, escaped, and whether it is a number: a table repeats its numbers and
    dates, and most texts have nothing to escape."""

    def __missing__(self, text: str) -> tuple[str, bool]:
        found = (text if PLAIN.match(text) else str(escape(text)), NUMERIC.match(text) is not None)
        if len(self) < 100_000:
            self[text] = found
        return found


_escaped = _Escaped()


def table(t: Table, url: Callable[[str], str]) -> TableValues:
    """The table with its head and rows as the template takes them."""
    known = _escaped
    head = [known[h][0] for h in t.head]
    labels = head[1:]
    found: list[RowValues] = []
    for row in t.rows:
        cells: list[CellValues] = []
        for label, c in zip(labels, row[1:], strict=True):
            if c.__class__ is str:
                text, numeric = known[c]  # type: ignore[index]
                cells.append((label, text, None, numeric))
            else:  # a Link: never aligned as a number
                cells.append((label, known[c.text][0], known[url(c.href)][0], False))  # type: ignore[union-attr]
        first = row[0]
        if isinstance(first, Link):
            found.append((known[first.text][0], known[url(first.href)][0], cells))
        else:
            found.append((known[first][0], None, cells))
    return t, head, found


def tables(s: Section, url: Callable[[str], str]) -> list[TableValues]:
    """The section's tables as the template takes them."""
    return [table(t, url) for t in s.tables]
