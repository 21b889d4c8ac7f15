"""axe-core in Chromium on every kind of page, phone and desktop: no WCAG 2.0, 2.1 or 2.2 A or
AA violation (2.2's target size among them), no JavaScript error."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Browser

from tests.quality.browser import WIDTHS, axe_violations, guarded
from tests.quality.findings import Finding, fail_on, snippet
from tests.quality.sweep import Sweep


def test_no_wcag_violations(swept: Sweep) -> None:
    findings = [Finding("axe", "(site)", p) for p in swept.problems]
    for visit in swept.visits:
        findings += [Finding("browser", visit.label, "JavaScript error", snippet(e))
                     for e in visit.errors]
        for v in visit.violations:
            for node in v["nodes"]:
                target = " ".join(str(t) for t in node["target"])
                findings.append(Finding("axe", visit.label, f"{v['id']}/{v['help']}",
                                        f"{target} ({snippet(node['html'])})"))
    assert swept.visits, "no page was checked"
    fail_on(f"accessibility (axe-core, {' and '.join(WIDTHS)} widths)", findings)


@pytest.mark.parametrize("from_the_start", [False, True], ids=["added", "in-context"])
def test_the_checker_finds_a_violation(browser: Browser, from_the_start: bool) -> None:
    """axe-core finds violations both added to an open page and put in every page by its
    context (as the sweep does)."""
    html = ('<!doctype html><html lang="pl"><title>t</title><main>'
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            '<p style="color:#999;background:#fff">słaby kontrast</p></main>')
    with guarded(browser, axe=from_the_start) as visit:
        visit.tab.goto("data:text/html;charset=utf-8," + quote(html))
        present = visit.tab.evaluate("() => typeof axe !== 'undefined'")
        found = {v["id"] for v in axe_violations(visit.tab)}
    assert present == from_the_start
    assert {"image-alt", "color-contrast"} <= found, found
