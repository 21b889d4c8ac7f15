"""One pass of the browser over the sampled pages of a site, shared by several checks.

Each page is loaded at each width in a guarded tab (no HTTP cache: every load fetches all the
page needs) and left to settle (:meth:`~tests.quality.browser.Visit.settle`: a script may fill
the page from data it fetches, search results, a certificate check), its width is measured
(reflow), then axe-core runs on it, the page's targets and layout are measured and, last,
some pages are walked with the Tab key (tests/quality/keyboard.py). The accessibility, reflow,
target-size, layout, privacy, weight and focus checks read what one visit recorded, so every
page is loaded once per width.

The sweep of a site is made in halves, one a width (:func:`shared_sweep`), each once per test
run: under pytest-xdist the two workers sharing the demo site's gate (tests/work_groups.py)
sweep one width each and read the other's half.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.once import once_each
from tests.quality.browser import WIDTHS, axe_violations, guarded
from tests.quality.keyboard import Walk, walk_page, walked
from tests.quality.sites import Page, Site, pages
from tests.quality.targets import LAYOUT, MIN_SIZE, REFLOW, SMALL_TARGETS, TARGETS


@dataclass(frozen=True)
class Visited:
    page: Page
    width: int
    violations: list[dict]  # axe-core's
    outside: list[str]  # requests to other hosts (aborted; while loaded and walked)
    errors: list[str]  # uncaught JavaScript errors (while loaded and walked)
    requested: list[str]  # local URLs the page loaded
    small: list[dict]  # targets under 24 × 24 px that no exception covers (targets.py)
    layout: dict  # widths of the content and the sidebars (targets.LAYOUT)
    reflow: dict  # the page's width and what sticks out past the window (targets.REFLOW)
    walk: Walk | None  # the Tab walk, last, on the pages keyboard.walked chooses

    @property
    def label(self) -> str:
        return self.page.label(self.width)


@dataclass(frozen=True)
class Sweep:
    visits: list[Visited]
    problems: list[str]  # required page kinds not found


def sweep(browser: Browser, site: Site, widths: Iterable[str] = WIDTHS) -> Sweep:
    """The sampled pages of ``site`` visited at each of ``widths`` (names in ``WIDTHS``)."""
    chosen, problems = pages(site)
    visits = []
    for width, height in (WIDTHS[name] for name in widths):
        with guarded(browser, width, height, axe=True) as visit:
            for page in chosen:
                visit.go(site.url(page.path))
                visit.settle()
                reflow = visit.tab.evaluate(REFLOW)
                violations = axe_violations(visit.tab)
                small = visit.tab.evaluate(SMALL_TARGETS, [TARGETS, MIN_SIZE])
                layout = visit.tab.evaluate(LAYOUT)
                loaded = list(visit.requested)  # what the page needs, not what a Tab may fetch
                tabbed = walk_page(visit.tab) if walked(page.kind, width, site.sampled) else None
                visits.append(Visited(page, width, violations, list(visit.outside),
                                      list(visit.errors), loaded, small, layout, reflow, tabbed))
    return _in_order(visits, chosen, problems)


def _in_order(visits: list[Visited], chosen: list[Page], problems: list[str]) -> Sweep:
    return Sweep(sorted(visits, key=lambda v: (chosen.index(v.page), v.width)), problems)


VISITS = "visits.pickle"


def shared_sweep(factory: pytest.TempPathFactory, browser: Browser, site: Site) -> Sweep:
    """The whole sweep of ``site``: each width's half made once per test run, by whichever
    process gets to it first (tests/once.py), and read from its file by the others."""

    widths = {f"sweep-{site.name}-{name}": name for name in WIDTHS}

    def make(key: str, target: Path) -> None:
        target.mkdir()
        (target / VISITS).write_bytes(pickle.dumps(sweep(browser, site, [widths[key]]).visits))

    made = once_each(factory, list(widths), make)
    chosen, problems = pages(site)
    visits = [v for folder in made.values() for v in pickle.loads((folder / VISITS).read_bytes())]
    return _in_order(visits, chosen, problems)
