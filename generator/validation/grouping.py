"""Group repeated identical problems of one column, so that officers read each problem once.

A spreadsheet that drops the leading zero of every voivodeship code gives the same problem in
every row; the officer reads it once: „ten sam problem w 35 wierszach: 3–37 — …”. The JSON
output keeps every problem and carries the groups beside them.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.polish import plural
from generator.problems import Problem

MAX_RANGES = 10  # line ranges shown in a message; the JSON output lists every line


@dataclass(frozen=True)
class Group:
    """Identical problems (same file, column, code, message and hint) in one or more rows."""

    problems: tuple[Problem, ...]

    @property
    def first(self) -> Problem:
        return self.problems[0]

    @property
    def lines(self) -> list[int]:
        return [p.line for p in self.problems]

    @property
    def repeated(self) -> bool:
        return len(self.problems) > 1

    def lead(self) -> str:
        """„ten sam problem w 35 wierszach (3–37)” for a repeated problem, else an empty string."""
        if not self.repeated:
            return ""
        n = len(self.problems)
        return (f"ten sam problem w {n} {plural(n, 'wierszu', 'wierszach', 'wierszach')} "
                f"({line_ranges(self.lines)})")

    def text(self) -> str:
        """Message and hint, led by the repeated rows when there are several."""
        body = f"{self.first.message} — {self.first.hint}"
        return f"{self.lead()}: {body}" if self.repeated else body

    def as_dict(self) -> dict[str, object]:
        data = self.first.as_dict()
        data.pop("propozycja", None)  # proposals belong to single cells: see "problemy"
        data["wiersze"] = self.lines
        data["zakres"] = line_ranges(self.lines)
        data["liczba"] = len(self.problems)
        return data


def _key(p: Problem) -> tuple[object, ...]:
    return (p.path, p.column, p.field, p.code, p.message, p.hint, p.severity)


def group(problems: list[Problem]) -> list[Group]:
    """``problems`` in their order, each group where its first problem was.

    Only problems located in a row are grouped; problems about a whole file stay single.
    """
    members: dict[tuple[object, ...], list[Problem]] = {}
    order: list[list[Problem]] = []
    for p in problems:
        if not p.line:
            order.append([p])
            continue
        key = _key(p)
        if key not in members:
            members[key] = []
            order.append(members[key])
        members[key].append(p)
    return [Group(tuple(ps)) for ps in order]


def line_ranges(lines: list[int]) -> str:
    """Compressed line numbers: „3–37, 40, 42–43”; then „… i jeszcze 5 wierszy”."""
    numbers = sorted(set(lines))
    ranges: list[tuple[int, int]] = []
    for n in numbers:
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], n)
        else:
            ranges.append((n, n))
    shown = [f"{a}–{b}" if b > a + 1 else (f"{a}, {b}" if b > a else f"{a}")
             for a, b in ranges[:MAX_RANGES]]
    rest = sum(b - a + 1 for a, b in ranges[MAX_RANGES:])
    more = f" i jeszcze {rest} {plural(rest, 'wiersz', 'wiersze', 'wierszy')}" if rest else ""
    return ", ".join(shown) + more
