"""Every cell is plain text: no HTML markup, and no text a spreadsheet would run as a formula.

The site escapes what it prints, but a tag in a cell is never meant (a voivodeship name with
``<script>`` would show as code in every page's menu), so it is an error wherever it is. A name or
an address that a spreadsheet would run as a formula (``register/formula_cells.py``) is a warning
on the pull request (the exports neutralise it in any case).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from generator.problems import Problem, problem
from generator.register.formula_cells import formula_like
from generator.register.load import RawRegister
from generator.validation.rules import Context, cells

# a tag, a closing tag, a comment or declaration, a processing instruction; an entity
MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,40}>?|<[!?][^<>]{0,40}>?|&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}"
                    r"|[A-Za-z][A-Za-z0-9]{1,31});")
MARKUP_START = re.compile(r"[<&]")  # a cell without either holds no markup
# table kind -> columns a spreadsheet user reads as names or addresses
FORMULA_COLUMNS = {"kluby": ("nazwa", "podmiot_nazwa", "adres", "miejscowosc")}


def check_markup(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    for table in raw.tables.values():
        text = "".join(itertools.chain.from_iterable(row.values() for row in table.rows))
        if "<" not in text and "&" not in text:
            continue  # most tables: no cell to look at
        for name in cells.names(table.rows):
            col = cells.column(table.rows, name)
            if "<" not in col.text and "&" not in col.text:
                continue
            tags = {value: found.group(0) for value in col.values_with(MARKUP_START)
                    if (found := MARKUP.search(value))}
            for i in col.rows_of(set(tags)):
                yield problem("text-markup", table.display, table.lines[i], table.column(name),
                              name, tag=tags[col.values[i]])


def check_formulas(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    for table in raw.tables.values():
        for name in FORMULA_COLUMNS.get(table.kind, ()):
            column = table.column(name)
            for row, line in zip(table.rows, table.lines, strict=True):
                value = row.get(name, "")
                if formula_like(value):
                    yield problem("value-formula-like", table.display, line, column, name,
                                  char=value[0])
