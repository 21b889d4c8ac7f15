"""A club id is used once in the whole register; a repeated one is reported where it was added.

With the register's earlier version known (the pull request's base: ``kis validate --baza``,
``kis diff``), the occurrence in the file that held the id then keeps it and every other one is
reported. Without history, the first occurrence in the package's resource order keeps it.
Repeats within one file are the schema's (``unique``), reported once there.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.problems import Problem, problem
from generator.register.load import RawRegister, Table
from generator.validation.rules import Context


def club_files(raw: RawRegister) -> dict[str, str]:
    """Club id -> the kluby.csv (relative to the register folder) that holds it, first one wins."""
    out: dict[str, str] = {}
    for table in raw.of_kind("kluby"):
        relative = _relative(raw, table)
        for row in table.rows:
            out.setdefault(row["klub_id"], relative)
    return out


def _relative(raw: RawRegister, table: Table) -> str:
    try:
        return table.path.relative_to(raw.root).as_posix()
    except ValueError:
        return table.display


def check_club_ids(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    places: dict[str, list[tuple[Table, int]]] = {}
    for table in raw.of_kind("kluby"):
        for row, line in zip(table.rows, table.lines, strict=True):
            places.setdefault(row["klub_id"], []).append((table, line))
    earlier = ctx.base_clubs or {}
    for club, found in places.items():
        if len({id(t) for t, _ in found}) < 2:
            continue
        keeper = next(((t, n) for t, n in found if _relative(raw, t) == earlier.get(club)),
                      found[0])
        kept_in = keeper[0]
        for table, line in found:
            if table is not kept_in:
                yield problem("club-id-duplicate", table.display, line, table.column("klub_id"),
                              "klub_id", value=club, other=f"{kept_in.display}:{keeper[1]}")
