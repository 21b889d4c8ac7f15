"""WCAG 2.1 success criterion 1.4.10 (reflow): at 320 CSS px no page scrolls sideways.

A wide data table may scroll inside its own box (the criterion's exception); the page may not.
Every sampled page is measured at phone width in the sweep (tests/quality/sweep.py), once the
page has settled (results a script fills in count), before axe-core runs.
"""

from __future__ import annotations

from tests.quality.browser import WIDTHS
from tests.quality.findings import Finding, fail_on
from tests.quality.sites import Site
from tests.quality.sweep import Sweep


def test_no_page_scrolls_sideways_on_a_phone(site: Site, swept: Sweep) -> None:
    assert not swept.problems, swept.problems
    width = WIDTHS["phone"][0]
    phone = [v for v in swept.visits if v.width == width]
    assert phone, "no page was loaded at phone width"
    findings = [Finding("reflow", v.label, f"the page is {v.reflow['width']}px wide",
                        ", ".join(v.reflow["culprits"]))
                for v in phone if v.reflow["width"] > width]
    fail_on(f"{site.name}: reflow at {width}px", findings)
