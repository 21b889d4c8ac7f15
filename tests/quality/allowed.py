"""Findings the gate tolerates, each with the reason written beside it.

An entry drops the findings of ``tool`` whose rule/message matches the regular expression
``rule`` on pages matching ``page`` at elements matching ``element``. Add an entry only with a
reason a reviewer can check; fix the page whenever possible instead.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Allowance:
    tool: str
    rule: str  # regular expression over Finding.rule
    reason: str
    page: str = ""  # regular expression over Finding.page; empty matches every page
    element: str = ""  # regular expression over Finding.element; empty matches every element


ALLOWED: tuple[Allowance, ...] = (
    Allowance("axe", r"^color-contrast/", page=r"^/certyfikaty/KIS-[^/]+/ ",
              element=r"^\.kis-stamp > span ",
              reason="the faint stamp across a superseded, withdrawn or expired certificate "
                     "(„ZASTĄPIONY PRZEZ …”) is a watermark hidden from assistive technology "
                     "(aria-hidden) whose words the page states in text („Stan certyfikatu”): "
                     "incidental text, outside SC 1.4.3; darker, it would hide the certificate"),
)
