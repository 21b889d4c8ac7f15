"""Page weight: a club page with everything it loads stays under 250 KB as transferred.

Every sampled page is loaded in a fresh browser (empty cache) until the network is idle; the
files it requested are summed as stored and as a server compressing text sends them (gzip, the
default level). The figures of every page kind are printed in the gate's summary.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser

from tests.quality import report
from tests.quality.browser import WIDTHS, opened
from tests.quality.findings import Finding, fail_on
from tests.quality.sites import Site, pages

BUDGET = 250 * 1024  # bytes transferred for a club page with everything it loads
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".ics", ".atom",
              ".map", ".geojson"}


def local_file(site: Site, url: str) -> Path:
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site.root / path
    return target / "index.html" if not path or path.endswith("/") or target.is_dir() else target


def sizes(files: set[Path]) -> tuple[int, int]:
    """(stored, transferred) bytes of ``files``."""
    raw = sent = 0
    for f in files:
        data = f.read_bytes()
        raw += len(data)
        sent += len(gzip.compress(data, 6, mtime=0)) if f.suffix in COMPRESSED else len(data)
    return raw, sent


def test_club_pages_stay_under_budget(site: Site, browser: Browser,
                                      request: pytest.FixtureRequest) -> None:
    chosen, problems = pages(site)
    findings = [Finding("weight", site.name, p) for p in problems]
    width, height = WIDTHS["desktop"]
    for page in chosen:
        with opened(browser, site, page.path, width, height, wait="networkidle") as visit:
            files = {local_file(site, u) for u in visit.requested}
        missing = sorted(str(f.relative_to(site.root)) for f in files if not f.is_file())
        findings += [Finding("weight", page.label(), "requested file does not exist", m)
                     for m in missing]
        raw, sent = sizes({f for f in files if f.is_file()})
        report.add_weight(request.config, report.Weight(site.name, page.kind, page.path,
                                                        len(files), raw, sent))
        if page.kind.startswith("club") and sent > BUDGET:
            findings.append(Finding(
                "weight", page.label(), f"over the budget of {report.kb(BUDGET)}",
                f"{report.kb(sent)} transferred ({report.kb(raw)} stored) in {len(files)} files"))
    fail_on(f"{site.name}: page weight", findings)
