"""WCAG 2.2 success criterion 1.4.10 (reflow): at 320 CSS px no page scrolls sideways.

A wide data table may scroll inside its own box (the criterion's exception); the page may not.
"""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.quality.browser import WIDTHS, guarded
from tests.quality.findings import Finding, fail_on
from tests.quality.sites import Site, pages

WIDEST = """() => { const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.right > innerWidth + 1 && r.width > 0 && !e.closest('[hidden], thead'))
      out.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
  }
  return out.slice(0, 3); }"""


def test_no_page_scrolls_sideways_on_a_phone(site: Site, browser: Browser) -> None:
    found, problems = pages(site)
    assert not problems, problems
    width, height = WIDTHS["phone"]
    findings = []
    with guarded(browser, width, height) as visit:
        for page in found:
            visit.go(site.url(page.path))
            visit.tab.wait_for_load_state("networkidle")  # results a script fills in
            wide = visit.tab.evaluate("document.documentElement.scrollWidth")
            if wide > width:
                culprits = ", ".join(visit.tab.evaluate(WIDEST))
                findings.append(Finding("reflow", page.label(width),
                                        f"the page is {wide}px wide", culprits))
    fail_on(f"{site.name}: reflow at {width}px", findings)
