"""Minimal edits of CSV text: insert or replace single records, keep every other byte (pure).

Rewriting a whole file with a CSV writer could change the quoting of rows nobody touched and
make a pull request's diff unreadable, so only the edited records are serialised.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass

# The register's one CSV writer, and the one way to cut CSV text into lines.
from generator.register.spreadsheet import serialise, split_lines


@dataclass(frozen=True)
class Edit:
    """Put ``values`` (in header order) ``where`` relative to the record starting on ``line``.

    ``where``: "append" (end of file, ``line`` unused), "before", "after" or "replace".
    """

    where: str
    values: tuple[str, ...]
    line: int = 0


def record_spans(text: str) -> dict[int, int]:
    """First line -> last line (1-based) of every record, the header included.

    Lines are counted as :func:`split_lines` cuts them, as the csv module does.
    """
    reader = csv.reader(iter(split_lines(text)))
    spans: dict[int, int] = {}
    start = 1
    for _ in reader:
        spans[start] = reader.line_num
        start = reader.line_num + 1
    return spans


def apply(text: str, edits: list[Edit]) -> str:
    """``text`` with the edits made; edits at the same place keep their order."""
    lines = split_lines(text)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    spans = record_spans("".join(lines))
    before: dict[int, list[str]] = defaultdict(list)
    after: dict[int, list[str]] = defaultdict(list)
    replace: dict[int, str] = {}
    appended: list[str] = []
    for edit in edits:
        record = serialise(edit.values)
        if edit.where == "append":
            appended.append(record)
        elif edit.line not in spans:
            raise ValueError(f"no record starts on line {edit.line}")
        elif edit.where == "before":
            before[edit.line].append(record)
        elif edit.where == "after":
            after[edit.line].append(record)
        elif edit.where == "replace":
            replace[edit.line] = record
        else:
            raise ValueError(f"unknown edit position {edit.where!r}")
    out: list[str] = []
    number = 1
    while number <= len(lines):
        end = spans.get(number, number)
        out += before.get(number, [])
        out += [replace[number]] if number in replace else lines[number - 1 : end]
        out += after.get(number, [])
        number = end + 1
    return "".join(out + appended)


def widen(text: str, columns: list[str], names: list[str]) -> str:
    """``text`` (a file with ``columns``) with every column of ``names``, in that order.

    Used once, when a value is written into an optional column the file does not have yet: the
    missing columns are added empty to every record (the records are written anew).
    """
    reader = csv.reader(iter(split_lines(text)))
    out = [serialise(names)]
    next(reader, None)
    for record in reader:
        cells = dict(zip(columns, record, strict=False))
        out.append(serialise([cells.get(n, "") for n in names]))
    return "".join(out)


def narrow(edit: Edit, names: list[str], columns: list[str]) -> Edit:
    """``edit`` (values in the order of ``names``) for a file that has only ``columns``."""
    values = dict(zip(names, edit.values, strict=True))
    return Edit(edit.where, tuple(values[c] for c in columns), edit.line)
