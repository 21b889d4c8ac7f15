"""What the gate prints after the test run: page weights, missing optional pages, its runtime.

The tests record their figures in their reports' ``user_properties``, which pytest-xdist's
workers send to the controller; the summary (hooked in tests/conftest.py, which the controller
reads) gathers them from every report.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass

import pytest

WEIGHT = "kis-quality-weight"
MISSING = "kis-quality-missing"


@dataclass(frozen=True)
class Weight:
    site: str
    kind: str
    path: str
    files: int
    raw: int  # bytes as stored
    gzip: int  # bytes as sent by a server compressing text (gzip level 6)


def add_weight(node: pytest.Item, weight: Weight) -> None:
    node.user_properties.append((WEIGHT, astuple(weight)))


def add_missing(node: pytest.Item, site: str, kinds: list[str]) -> None:
    """Optional page kinds not in ``site`` (see tests/quality/sites.py)."""
    node.user_properties.append((MISSING, (site, tuple(kinds))))


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def _recorded(reporter: pytest.TerminalReporter, name: str) -> list[tuple]:
    """Every value recorded as ``name`` in any report, once each, in the order first seen."""
    seen: dict[tuple, None] = {}
    for reports in reporter.stats.values():
        for r in reports:
            for key, value in getattr(r, "user_properties", ()):
                if key == name:
                    seen.setdefault(tuple(tuple(v) if isinstance(v, list) else v
                                          for v in value))
    return list(seen)


def summary(reporter: pytest.TerminalReporter) -> None:
    weights = [Weight(*w) for w in _recorded(reporter, WEIGHT)]
    missing = sorted({(site, kind) for site, kinds in _recorded(reporter, MISSING)
                      for kind in kinds})
    seconds = sum(r.duration for key in ("passed", "failed", "error", "")
                  for r in reporter.stats.get(key, [])
                  if getattr(r, "nodeid", "").startswith("tests/quality/"))
    if not (weights or missing or seconds):
        return
    reporter.write_sep("=", "quality gate")
    if weights:
        reporter.write_line("Page weight with everything it loads (budget for a club page: "
                            "250 KB as transferred):")
        for w in weights:
            reporter.write_line(f"  {w.site:15} {w.kind:26} {w.files:3} files  {kb(w.raw):>9} "
                                f"stored  {kb(w.gzip):>9} transferred  /{w.path}")
    for site, kind in missing:
        reporter.write_line(f"WARNING: {site}: page kind not in the site yet, not checked: "
                            f"{kind}")
    reporter.write_line(f"Gate runtime (setup, calls, teardown; summed over workers): "
                        f"{seconds:.0f} s")
