"""Cell text a spreadsheet would run as a formula: the one definition.

The validator warns about it in names and addresses, the exports (CSV, the zip, form 7) put a
leading apostrophe before it (OWASP "CSV injection"). A number or a phone number such as
``+48 58 123 45 67`` or ``-5`` starts like a formula but can call no function: a spreadsheet
shows it as a value at worst, so it is published as typed and the unzipped package still
passes its own field checks.
"""

from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# only digits, spaces and arithmetic or phone punctuation after a sign: no name, no call
INERT = re.compile(r"[+-][\d ().,/+-]*")


def formula_like(text: str) -> bool:
    """Whether ``text`` would run as a formula when a spreadsheet opens the file."""
    return text.startswith(TRIGGERS) and not INERT.fullmatch(text)


def neutralise(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula."""
    return "'" + text if formula_like(text) else text
