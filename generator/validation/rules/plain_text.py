"""Every cell is plain text: no HTML markup, and no text a spreadsheet would run as a formula.

The site escapes what it prints, but a tag in a cell is never meant (a voivodeship name with
``<script>`` would show as code in every page's menu), so it is an error wherever it is. A name or
an address that a spreadsheet would run as a formula (``register/formula_cells.py``) is a warning
on the pull request (the exports neutralise it in any case).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.problems import Problem, problem
from generator.register.formula_cells import formula_like
from generator.register.load import RawRegister
from generator.validation.rules import Context

# a tag, a closing tag, a comment or declaration, a processing instruction; an entity
MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,40}>?|<[!?][^<>]{0,40}>?|&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}"
                    r"|[A-Za-z][A-Za-z0-9]{1,31});")
# table kind -> columns a spreadsheet user reads as names or addresses
FORMULA_COLUMNS = {"kluby": ("nazwa", "podmiot_nazwa", "adres", "miejscowosc")}


def check_markup(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    for table in raw.tables.values():
        for row, line in zip(table.rows, table.lines, strict=True):
            for name, value in row.items():
                if "<" not in value and "&" not in value:
                    continue
                found = MARKUP.search(value)
                if found:
                    yield problem("text-markup", table.display, line, table.column(name), name,
                                  tag=found.group(0))


def check_formulas(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    for table in raw.tables.values():
        for name in FORMULA_COLUMNS.get(table.kind, ()):
            column = table.column(name)
            for row, line in zip(table.rows, table.lines, strict=True):
                value = row.get(name, "")
                if formula_like(value):
                    yield problem("value-formula-like", table.display, line, column, name,
                                  char=value[0])
