"""One pass of the browser over the sampled pages of a site, shared by several checks.

Each page is loaded at each width in a guarded tab (no HTTP cache: every load fetches all the
page needs), the network is given time to go idle (a script may fill the page from data it
fetches: search results, a certificate check), its width is measured (reflow), then axe-core
runs on it and the page's targets and layout are measured. The accessibility, reflow,
target-size, layout, privacy and weight checks read what one visit recorded, so every page is
loaded once per width.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Browser

from tests.quality.browser import WIDTHS, axe_violations, guarded
from tests.quality.sites import Page, Site, pages
from tests.quality.targets import LAYOUT, MIN_SIZE, REFLOW, SMALL_TARGETS, TARGETS


@dataclass(frozen=True)
class Visited:
    page: Page
    width: int
    violations: list[dict]  # axe-core's
    outside: list[str]  # requests to other hosts (aborted)
    errors: list[str]  # uncaught JavaScript errors
    requested: list[str]  # local URLs the page loaded
    small: list[dict]  # targets under 24 × 24 px that no exception covers (targets.py)
    layout: dict  # widths of the content and the sidebars (targets.LAYOUT)
    reflow: dict  # the page's width and what sticks out past the window (targets.REFLOW)

    @property
    def label(self) -> str:
        return self.page.label(self.width)


@dataclass(frozen=True)
class Sweep:
    visits: list[Visited]
    problems: list[str]  # required page kinds not found


def sweep(browser: Browser, site: Site) -> Sweep:
    chosen, problems = pages(site)
    visits = []
    for width, height in WIDTHS.values():
        with guarded(browser, width, height) as visit:
            for page in chosen:
                visit.go(site.url(page.path))
                visit.tab.wait_for_load_state("networkidle")
                reflow = visit.tab.evaluate(REFLOW)
                violations = axe_violations(visit.tab)
                small = visit.tab.evaluate(SMALL_TARGETS, [TARGETS, MIN_SIZE])
                layout = visit.tab.evaluate(LAYOUT)
                visits.append(Visited(page, width, violations, list(visit.outside),
                                      list(visit.errors), list(visit.requested), small, layout,
                                      reflow))
    return Sweep(sorted(visits, key=lambda v: (chosen.index(v.page), v.width)), problems)
