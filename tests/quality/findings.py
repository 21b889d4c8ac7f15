"""Findings of the quality gate: what was found, on which page, at which element.

Every check collects all its findings and fails once at the end (:func:`fail_on`), printing one
line per finding: ``page: rule/message — element``. Findings that match an entry of
:mod:`tests.quality.allowed` are dropped; that file gives the reason for each entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pytest

from tests.quality.allowed import ALLOWED, Allowance

MAX_SNIPPET = 160


@dataclass(frozen=True, order=True)
class Finding:
    tool: str  # "axe", "vnu", "links", "privacy", "weight", "print", "keyboard"
    page: str  # the page (site path, with the viewport width where it matters)
    rule: str  # the rule id and its message
    element: str = ""  # CSS selector, HTML snippet or the offending URL

    def __str__(self) -> str:
        where = f" — {self.element}" if self.element else ""
        return f"{self.page}: {self.rule}{where}"


def snippet(text: str, limit: int = MAX_SNIPPET) -> str:
    """``text`` on one line, shortened to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def is_allowed(finding: Finding, allowed: Iterable[Allowance] = ALLOWED) -> bool:
    return any(a.tool == finding.tool and re.search(a.rule, finding.rule)
               and re.search(a.page, finding.page) and re.search(a.element, finding.element)
               for a in allowed)


def kept(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that no allowance covers, sorted and without duplicates."""
    return sorted({f for f in findings if not is_allowed(f)})


def fail_on(title: str, findings: Iterable[Finding]) -> None:
    """Fail the test with every finding not covered by an allowance, one per line."""
    left = kept(findings)
    if left:
        lines = "\n".join(f"  {f}" for f in left)
        pytest.fail(f"{title}: {len(left)} finding(s)\n{lines}", pytrace=False)
