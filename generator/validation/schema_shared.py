"""The frictionless checks of a register's tables on two cores.

A forked copy of this process (:mod:`generator.parallel`) starts on the tables at once, while
this process runs the business rules; then both take the tables left, the largest first, each
table once (:class:`~generator.parallel.Claims`). The problems come back in the tables' order,
exactly as :func:`~generator.validation.schema.check_schemas` gives them in one process.
"""

from __future__ import annotations

from functools import partial
from types import TracebackType
from typing import Any

from generator.parallel import Claims, Forked, ForkedFailed, available_processes, can_fork
from generator.problems import Problem
from generator.register.load import RawRegister, Table
from generator.validation import table_memo
from generator.validation.schema import check_rows, schema_tables

# What a table costs frictionless, in cells: each table about as much again as 1,500 cells
# (making its resource, header and cell readers), then each cell (measured at 1,000 clubs).
TABLE_CELLS = 1_500
# Below this many (about 0.1 s of frictionless) one process is as quick: a fork costs ~10 ms.
# The register's 57 tables alone, even empty, are over it.
MIN_CELLS_SHARED = 15_000

Done = dict[int, list[Problem]]  # table's number in schema_tables → its problems


def cost(table: Table) -> int:
    """About how long frictionless takes on ``table``, in cells: nothing if this process has
    checked it as it is (:mod:`~generator.validation.table_memo`)."""
    if table_memo.known(table):
        return 0
    return TABLE_CELLS + len(table.rows) * len(table.columns)


class SharedSchemaChecks:
    """``with SharedSchemaChecks(raw) as checks: …; checks.problems()`` — the copy checks
    tables while the block runs; :meth:`problems` checks the rest here and gathers them all.

    With one process (``processes=1``, no ``fork``, another thread working, or a small
    register) every table is checked in :meth:`problems`, in this process.
    """

    def __init__(self, raw: RawRegister, processes: int | None = None) -> None:
        tables = schema_tables(raw)
        self._tables = tables
        self._order = sorted(range(len(tables)), key=lambda n: -cost(tables[n]))
        self._claims: Claims | None = None
        self._forked: Forked[Done] | None = None
        shared = (processes or available_processes()) > 1 and len(tables) > 1
        if shared and sum(map(cost, tables)) >= MIN_CELLS_SHARED and can_fork():
            import frictionless  # noqa: F401  imported once, before the fork, for both

            self._claims = Claims(len(tables))
            try:
                self._forked = Forked(partial(_check_claimed, tables, self._order, self._claims))
            except BaseException:
                self._claims.close()
                self._claims = None
                raise

    def __enter__(self) -> SharedSchemaChecks:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def problems(self) -> list[Problem]:
        """Every table's problems, in the tables' order (each table's as frictionless gave)."""
        if self._claims is None or self._forked is None:
            schemas: dict[str, Any] = {}
            return [p for table in self._tables for p in check_rows(table, schemas)]
        done = _check_claimed(self._tables, self._order, self._claims)
        try:
            copied = self._forked.result()
            for n, found in copied.items():  # the copy's memo ends with it: remembered here
                table_memo.learn(self._tables[n], found)
            done.update(copied)
        except ForkedFailed:  # the copy was killed: what it took is checked here
            schemas = {}
            done.update({n: check_rows(table, schemas) for n, table in enumerate(self._tables)
                         if n not in done})
        finally:
            self.close()
        return [p for n in range(len(self._tables)) for p in done[n]]

    def close(self) -> None:
        """Stop the copy if it still runs; idempotent."""
        if self._forked is not None:
            self._forked.cancel()
            self._forked = None
        if self._claims is not None:
            self._claims.close()
            self._claims = None


def _check_claimed(tables: list[Table], order: list[int], claims: Claims,
                   wait: object = None) -> Done:
    """The problems of the tables this process claims, until none is left."""
    done: Done = {}
    schemas: dict[str, Any] = {}
    while (k := claims.next()) is not None:
        n = order[k]
        done[n] = check_rows(tables[n], schemas)
    return done
