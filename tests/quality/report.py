"""What the gate prints after the test run: page weights, missing optional pages, its runtime."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.quality.sites import Site


@dataclass(frozen=True)
class Weight:
    site: str
    kind: str
    path: str
    files: int
    raw: int  # bytes as stored
    gzip: int  # bytes as sent by a server compressing text (gzip level 6)


WEIGHTS = pytest.StashKey[list[Weight]]()
MISSING = pytest.StashKey[dict[str, list[str]]]()


def add_weight(config: pytest.Config, weight: Weight) -> None:
    config.stash.setdefault(WEIGHTS, []).append(weight)


def missing_pages(config: pytest.Config, site: Site) -> None:
    if site.missing:
        config.stash.setdefault(MISSING, {})[site.name] = list(site.missing)


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def summary(reporter: pytest.TerminalReporter) -> None:
    config = reporter.config
    weights = config.stash.get(WEIGHTS, [])
    missing = config.stash.get(MISSING, {})
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
    for site, kinds in sorted(missing.items()):
        for kind in kinds:
            reporter.write_line(f"WARNING: {site}: page kind not in the site yet, not checked: "
                                f"{kind}")
    reporter.write_line(f"Gate runtime (setup, calls, teardown): {seconds:.0f} s")
