"""axe-core in Chromium on every kind of page, phone and desktop: no WCAG 2.0/2.1 A or AA
violation, no JavaScript error."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.quality.browser import WIDTHS, axe_violations, guarded, opened
from tests.quality.findings import Finding, fail_on, snippet
from tests.quality.sites import Site, pages


def test_no_wcag_violations(site: Site, browser: Browser) -> None:
    chosen, problems = pages(site)
    findings = [Finding("axe", site.name, p) for p in problems]
    for page in chosen:
        for width, height in WIDTHS.values():
            with opened(browser, site, page.path, width, height) as visit:
                violations = axe_violations(visit.tab)
            where = page.label(width)
            findings += [Finding("browser", where, "JavaScript error", snippet(e))
                         for e in visit.errors]
            for v in violations:
                for node in v["nodes"]:
                    target = " ".join(str(t) for t in node["target"])
                    findings.append(Finding("axe", where, f"{v['id']}/{v['help']}",
                                            f"{target} ({snippet(node['html'])})"))
    fail_on(f"{site.name}: accessibility (axe-core {', '.join(WIDTHS)})", findings)


def test_the_checker_finds_a_violation(browser: Browser) -> None:
    with guarded(browser) as visit:
        visit.tab.set_content('<!doctype html><html lang="pl"><title>t</title><main>'
                              '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                              '<p style="color:#999;background:#fff">słaby kontrast</p></main>')
        found = {v["id"] for v in axe_violations(visit.tab)}
    assert {"image-alt", "color-contrast"} <= found, found
