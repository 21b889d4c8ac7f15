"""One search over a whole column instead of one per cell: the cells worth a closer look.

A check that looks at every cell of a large register spends most of its time in Python's loop,
not in the regular expression. A :class:`Column` joins a column's values once; a pattern then
runs once, in C, over all of them, and only the cells where it matched are looked at one by one.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import cached_property

SEPARATOR = "|"  # printable ASCII: no pattern for text that needs a closer look matches it


class Column:
    """The values of one column of a table; each distinct one once in :attr:`text`, joined by
    :data:`SEPARATOR` (codes and club ids repeat on thousands of rows)."""

    def __init__(self, values: list[str]) -> None:
        self.values = values
        self.distinct = list(dict.fromkeys(values))
        self.text = SEPARATOR.join(self.distinct)

    @cached_property
    def _starts(self) -> list[int]:
        return list(itertools.accumulate((len(v) + 1 for v in self.distinct[:-1]), initial=0))

    def values_with(self, pattern: re.Pattern[str]) -> set[str]:
        """The values in which ``pattern`` finds a match.

        ``pattern`` must never match the separator and must not look outside its match (no
        ``\\A``, ``\\Z`` or look-around) except to find a value's ends (``(?:\\A|(?<=\\|))``,
        ``(?=\\||\\Z)``, or ``(?<!\\w)``, ``(?!\\w)``, which take the separator for an end):
        then each match lies inside one value, and a value has one exactly when a search of it
        alone would find one. A value that holds the separator itself may come out as a false
        candidate; none is missed.
        """
        first = pattern.search(self.text)
        if first is None:
            return set()
        starts, distinct = self._starts, self.distinct
        return {distinct[bisect.bisect_right(starts, m.start()) - 1]
                for m in pattern.finditer(self.text, first.start())}

    def rows_of(self, found: set[str]) -> list[int]:
        """Indices (ascending) of the rows whose value is one of ``found``."""
        return [i for i, value in enumerate(self.values) if value in found] if found else []


def column(rows: list[dict[str, str]], name: str) -> Column:
    """The column ``name`` of ``rows`` (a missing value counts as empty)."""
    return Column([row.get(name) or "" for row in rows])


def names(rows: list[dict[str, str]]) -> list[str]:
    """The column names of a table's rows (every row has the same ones)."""
    return list(rows[0]) if rows else []
