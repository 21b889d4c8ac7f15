"""Findings the gate tolerates, each with the reason written beside it.

An entry drops the findings of ``tool`` whose rule/message matches the regular expression
``rule`` on pages matching ``page``. Add an entry only with a reason a reviewer can check; fix the
page whenever possible instead.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Allowance:
    tool: str
    rule: str  # regular expression over Finding.rule
    reason: str
    page: str = ""  # regular expression over Finding.page; empty matches every page


ALLOWED: tuple[Allowance, ...] = ()
