"""Nothing on the site loads anything from another host.

In the browser: every sampled page at both widths, until it has settled; a request to any
host but 127.0.0.1 is aborted and reported. Over the whole site, statically: no element or
stylesheet that the browser fetches by itself points to another host.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser_support import QuietHandler, serve
from tests.quality.browser import OUTSIDE, guarded
from tests.quality.findings import Finding, fail_on
from tests.quality.links import SiteLinks, external_host, parse_html
from tests.quality.sites import Site
from tests.quality.sweep import Sweep


def test_pages_request_nothing_from_other_hosts(swept: Sweep) -> None:
    findings = [Finding("privacy", "(site)", p) for p in swept.problems]
    for visit in swept.visits:
        assert visit.requested, f"{visit.label}: no request seen, the guard is not wired"
        findings += [Finding("privacy", visit.label, "request to another host", url)
                     for url in visit.outside]
    fail_on("requests to other hosts", findings)


def static_findings(links: SiteLinks) -> list[Finding]:
    return [Finding("privacy", "/" + ref.page, f"<{ref.tag} {ref.attr}> loads from {host}",
                    f"{ref.url} (line {ref.line})")
            for ref in links.refs if ref.loads and (host := external_host(ref.url))]


def test_no_page_or_stylesheet_loads_from_another_host(site: Site) -> None:
    fail_on(f"{site.name}: resources from other hosts", static_findings(site.links()))


def test_the_guard_stops_a_request_to_another_host(browser: Browser) -> None:
    with guarded(browser) as visit:
        visit.tab.set_content('<img src="https://example.org/piksel.gif" alt="">'
                              '<img src="http://127.0.0.1.example.org/piksel.gif" alt="">')
        visit.settle()
    assert sorted(visit.outside) == ["http://127.0.0.1.example.org/piksel.gif",
                                     "https://example.org/piksel.gif"]


@pytest.mark.parametrize(("url", "outside"), [
    ("http://127.0.0.1:8000/", False), ("http://127.0.0.1/a.css?x#y", False),
    ("https://127.0.0.1:9/b", False), ("https://example.org/", True),
    ("http://127.0.0.1.example.org/", True), ("http://127.0.0.10/", True),
    ("http://localhost:8000/", True), ("ws://example.org/", True),
    ("http://127.0.0.1:80@example.org/", True), ("http://127.0.0.1:8000", False)])
def test_the_guard_picks_out_every_other_host(url: str, outside: bool) -> None:
    assert bool(OUTSIDE.match(url)) == outside


SERVED: list[str] = []


class Counting(QuietHandler):
    """Static files; the paths asked for, in :data:`SERVED`."""

    def do_GET(self) -> None:
        SERVED.append(self.path)
        super().do_GET()


def test_every_load_fetches_all_the_page_needs_again(browser: Browser, tmp_path: Path) -> None:
    """No HTTP cache in a guarded context: the weight of a page counts all it loads, whatever
    the sweep loaded before it."""
    (tmp_path / "index.html").write_text('<!doctype html><link rel="stylesheet" href="a.css">'
                                         "<title>t</title><p>strona</p>", "utf-8")
    (tmp_path / "a.css").write_text("p { color: #000 }", "utf-8")
    SERVED.clear()
    with serve(tmp_path, Counting) as base, guarded(browser) as visit:
        for _ in range(2):
            visit.go(base)
            visit.settle()
            assert any(url.endswith("/a.css") for url in visit.requested), visit.requested
    assert SERVED.count("/a.css") == 2, SERVED


def test_the_static_scan_finds_a_foreign_stylesheet() -> None:
    refs = parse_html("index.html", '<link rel="stylesheet" href="https://cdn.example/x.css">'
                      '<link rel="canonical" href="https://inny.example/">'
                      '<a href="https://example.org/">zewnętrzny odnośnik</a>').refs
    found = static_findings(SiteLinks(Path("."), {}, refs))
    assert [f.rule for f in found] == ["<link href> loads from cdn.example"]
