"""Each table's frictionless problems, remembered in this process by everything that decides them.

Validating a register again after a small change (``kis serve``, ``kis validate`` re-runs, the
tests' bad registers: the base register with one change) checks only the tables that changed:
an unchanged table — same bytes, same schema, same line numbers — has the problems it had,
wherever its register lies (each problem is about the table's own file, named as it is shown
now). :func:`recall` gives a copy (a fresh list, each problem's ``params`` a new dict), so nothing
a caller does changes what is remembered. The memo keeps at most :data:`MAX_TABLES` tables and
:data:`MAX_PROBLEMS` problems, dropping the least recently used first.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from collections import OrderedDict

from generator.problems import Problem
from generator.register.load import Table

MAX_TABLES = 512  # about nine versions of the register's 57 tables
MAX_PROBLEMS = 50_000  # a problem is about 1 KB: at most about 50 MB

_memo: OrderedDict[bytes, tuple[Problem, ...]] = OrderedDict()
_held = 0  # problems in _memo
_lock = threading.Lock()  # kis serve validates in threads


def table_bytes(table: Table) -> bytes:
    """The table as frictionless reads it: its canonical text (whatever a spreadsheet wrote)."""
    return table.sheet.text.encode("utf-8") if table.sheet else table.path.read_bytes()


def table_key(table: Table) -> bytes:
    """What decides a table's problems but where it is: its bytes, its schema (with the titles,
    examples and hints the messages quote), its kind, header, the file line of each record and of
    each row."""
    digest = hashlib.blake2b(table_bytes(table), digest_size=24)
    facts = [table.schema, table.kind, table.header, table.record_lines, table.lines]
    digest.update(json.dumps(facts, sort_keys=True, default=str).encode("utf-8"))
    return digest.digest()


def recall(key: bytes, shown: str) -> list[Problem] | None:
    """A copy of the problems remembered under ``key``, about the file shown as ``shown``; or
    None."""
    with _lock:
        found = _memo.get(key)
        if found is None:
            return None
        _memo.move_to_end(key)
    return [dataclasses.replace(p, path=shown, params=dict(p.params)) for p in found]


def remember(key: bytes, shown: str, problems: list[Problem]) -> None:
    """Keep a copy of ``problems`` under ``key``, dropping the oldest tables over the limits.

    Only problems all about the file shown as ``shown`` are kept (:func:`recall` names it anew).
    """
    global _held
    if len(problems) > MAX_PROBLEMS or any(p.path != shown for p in problems):
        return
    kept = tuple(dataclasses.replace(p, params=dict(p.params)) for p in problems)
    with _lock:
        if key in _memo:
            _held -= len(_memo.pop(key))
        _memo[key] = kept
        _held += len(kept)
        while len(_memo) > MAX_TABLES or _held > MAX_PROBLEMS:
            _held -= len(_memo.popitem(last=False)[1])


def known(table: Table) -> bool:
    """Whether the problems of ``table`` are remembered (nothing is checked)."""
    with _lock:
        return table_key(table) in _memo


def learn(table: Table, problems: list[Problem]) -> None:
    """Remember ``problems`` as those of ``table``, found elsewhere (e.g. by a forked copy of
    this process, whose memo ends with it)."""
    remember(table_key(table), table.display, problems)


def forget() -> None:
    """Forget every table (tests that time or count frictionless runs)."""
    global _held
    with _lock:
        _memo.clear()
        _held = 0
