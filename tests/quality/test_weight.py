"""Page weight: a club page with everything it loads stays under 250 KB as transferred.

Every sampled page is loaded at desktop width in a fresh browser (empty cache); the files it
requested are summed as stored and as a server compressing text sends them (gzip at the usual
level 6). The figures of every page kind are printed in the gate's summary.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.quality import report
from tests.quality.browser import WIDTHS
from tests.quality.findings import Finding, fail_on
from tests.quality.sites import Site
from tests.quality.sweep import Sweep

BUDGET = 250 * 1024  # bytes transferred for a club page with everything it loads
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".ics", ".atom",
              ".map", ".geojson"}


def local_file(root: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path).lstrip("/")
    target = root / path
    return target / "index.html" if not path or path.endswith("/") or target.is_dir() else target


def sizes(files: set[Path]) -> tuple[int, int]:
    """(stored, transferred) bytes of ``files``."""
    raw = sent = 0
    for f in files:
        data = f.read_bytes()
        raw += len(data)
        sent += len(gzip.compress(data, 6, mtime=0)) if f.suffix in COMPRESSED else len(data)
    return raw, sent


def test_club_pages_stay_under_budget(site: Site, swept: Sweep,
                                      request: pytest.FixtureRequest) -> None:
    findings = [Finding("weight", "(site)", p) for p in swept.problems]
    desktop = [v for v in swept.visits if v.width == WIDTHS["desktop"][0]]
    assert desktop, "no page was loaded"
    for visit in desktop:
        files = {local_file(site.root, u) for u in visit.requested}
        findings += [Finding("weight", visit.label, "requested file does not exist",
                             str(f.relative_to(site.root))) for f in files if not f.is_file()]
        raw, sent = sizes({f for f in files if f.is_file()})
        report.add_weight(request.node, report.Weight(site.name, visit.page.kind,
                                                        visit.page.path, len(files), raw, sent))
        if visit.page.kind.startswith("club") and sent > BUDGET:
            findings.append(Finding(
                "weight", visit.label, f"over the budget of {report.kb(BUDGET)}",
                f"{report.kb(sent)} transferred ({report.kb(raw)} stored) in {len(files)} files"))
    fail_on(f"{site.name}: page weight", findings)


def test_the_budget_counts_compressed_bytes(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("<p>klub</p>" * 1000, encoding="utf-8")
    image = tmp_path / "a.png"
    image.write_bytes(bytes(range(256)) * 4)
    raw, sent = sizes({page, image})
    assert raw == 11_000 + 1024 and 1024 < sent < 1024 + 200
    assert local_file(tmp_path, "http://127.0.0.1:1/") == page
