"""Chromium from Debian driven by Playwright: opening a page of a served site, running axe.

Every page is opened in a fresh browser context whose every request goes through a guard: a
request to any host but 127.0.0.1 is recorded and aborted (it never leaves the machine).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Request, Route

from tests.browser_support import LOCAL_HOST
from tests.quality.sites import PROJECT, Site

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe-core tags 2.2's AA rules, e.g. target-size,
# "wcag22aa"; 2.2 added no level A rule axe can test).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# 320 CSS px is the width WCAG 2.1 success criterion 1.4.10 (reflow) asks content to fit.
WIDTHS = {"phone": (320, 640), "desktop": (1280, 800)}


@dataclass
class Visit:
    tab: Page
    outside: list[str] = field(default_factory=list)  # aborted requests to other hosts
    errors: list[str] = field(default_factory=list)  # uncaught JavaScript errors
    requested: list[str] = field(default_factory=list)  # every local URL requested

    def go(self, url: str, wait: str = "load") -> None:
        """Load ``url`` in this tab, forgetting what earlier pages recorded."""
        self.outside.clear()
        self.errors.clear()
        self.requested.clear()
        self.tab.goto(url, wait_until=wait)  # type: ignore[arg-type]


@contextmanager
def guarded(browser: Browser, width: int = 1280, height: int = 800) -> Iterator[Visit]:
    """A fresh context ``width`` pixels wide whose requests to other hosts are aborted.

    Routing every request also turns off the HTTP cache: each page load fetches all it needs.
    """
    context = browser.new_context(viewport={"width": width, "height": height},
                                  service_workers="block")
    tab = context.new_page()
    visit = Visit(tab)

    def guard(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            visit.outside.append(url)
            route.abort("blockedbyclient")

    def record(request: Request) -> None:
        if urlsplit(request.url).hostname == LOCAL_HOST:
            visit.requested.append(request.url)

    context.route("**/*", guard)
    tab.on("request", record)
    tab.on("pageerror", lambda error: visit.errors.append(str(error)))
    try:
        yield visit
    finally:
        context.close()


@contextmanager
def opened(browser: Browser, site: Site, path: str, width: int, height: int = 800, *,
           wait: str = "load") -> Iterator[Visit]:
    """``path`` of ``site`` loaded in a fresh guarded context ``width`` pixels wide."""
    with guarded(browser, width, height) as visit:
        visit.go(site.url(path), wait)
        yield visit


def axe_violations(tab: Page) -> list[dict]:
    """axe-core's violations of the WCAG 2.0, 2.1 and 2.2 A and AA rules on the open page."""
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})""", AXE_TAGS)
    return result["violations"]
