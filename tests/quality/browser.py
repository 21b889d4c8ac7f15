"""Chromium from Debian driven by Playwright: opening a page of a served site, running axe.

Every page is opened in a guarded browser context: a request to any host but 127.0.0.1 is
recorded and aborted (it never leaves the machine). Playwright's driver picks those requests out
(:data:`OUTSIDE`); the local ones go on without a round trip to Python.

:meth:`Visit.settle` waits until a loaded page is done: no request of its tab in flight and
none started or ended, and no change to its document, for :data:`QUIET` seconds. Playwright's
``networkidle`` would instead wait a fixed half second of silence after every load, and would
not see a page that keeps changing its document after its last response.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from time import monotonic
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Request, Route

from tests.browser_support import LOCAL_HOST, OUTSIDE
from tests.quality.sites import PROJECT, Site

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe-core tags 2.2's AA rules, e.g. target-size,
# "wcag22aa"; 2.2 added no level A rule axe can test).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# 320 CSS px is the width WCAG 2.1 success criterion 1.4.10 (reflow) asks content to fit.
WIDTHS = {"phone": (320, 640), "desktop": (1280, 800)}


QUIET = 0.1  # seconds without a request starting or ending and without a change to the page
SETTLE_LIMIT = 20.0  # seconds a page may take to settle before the check fails
POLL = 25  # ms between looks at the tab's requests while settling

# From its load event on, a page records when its document last changed (nodes, text,
# attributes); :meth:`Visit.settle` reads it, then stops the recording.
WATCH_CHANGES = """addEventListener('load', () => {
  window.__kisChanged = performance.now();
  window.__kisWatch = new MutationObserver(() => { window.__kisChanged = performance.now(); });
  window.__kisWatch.observe(document, {subtree: true, childList: true, attributes: true,
                                       characterData: true});
}, {once: true});"""
# milliseconds since the document last changed (a page loaded before the watch: not changing)
SINCE_CHANGED = """() => window.__kisChanged === undefined ? Infinity :
  performance.now() - window.__kisChanged"""
STOP_WATCHING = "() => { if (window.__kisWatch) { window.__kisWatch.disconnect(); } }"


class NotSettled(AssertionError):
    """A page still loading or changing after :data:`SETTLE_LIMIT` seconds."""


@dataclass
class Visit:
    tab: Page
    outside: list[str] = field(default_factory=list)  # aborted requests to other hosts
    errors: list[str] = field(default_factory=list)  # uncaught JavaScript errors
    requested: list[str] = field(default_factory=list)  # every local URL requested
    in_flight: dict[Request, None] = field(default_factory=dict)  # started, not yet ended
    last_request: float = 0.0  # monotonic time a request last started or ended (or a load)

    def go(self, url: str, wait: str = "load") -> None:
        """Load ``url`` in this tab, forgetting what earlier pages recorded."""
        self.outside.clear()
        self.errors.clear()
        self.requested.clear()
        self.in_flight.clear()  # the last page's requests end (fail) as it is left
        self.tab.goto(url, wait_until=wait)  # type: ignore[arg-type]
        self.last_request = monotonic()

    def started(self, request: Request) -> None:
        self.in_flight[request] = None
        self.last_request = monotonic()

    def ended(self, request: Request) -> None:
        self.in_flight.pop(request, None)
        self.last_request = monotonic()

    def settle(self, quiet: float = QUIET, limit: float = SETTLE_LIMIT) -> None:
        """Wait until the loaded page is done: for ``quiet`` seconds no request of this tab in
        flight, none started or ended, and no change to the document. A page that does not
        settle within ``limit`` seconds fails the check, naming what it still waits for."""
        self.tab.wait_for_load_state("load")
        deadline = monotonic() + limit
        changed = 0.0  # ms since the document last changed, when last looked at
        while True:
            now = monotonic()
            if not self.in_flight and now - self.last_request >= quiet:
                changed = self.tab.evaluate(SINCE_CHANGED)
                if changed >= quiet * 1000:
                    self.tab.evaluate(STOP_WATCHING)
                    return
            if now > deadline:
                waiting = [r.url for r in self.in_flight] or [
                    f"the page changed {changed:.0f} ms ago"]
                raise NotSettled(f"{self.tab.url} has not settled in {limit:.0f} s; still "
                                 f"waiting for: {', '.join(waiting[:5])}")
            self.tab.wait_for_timeout(POLL)


@contextmanager
def guarded(browser: Browser, width: int = 1280, height: int = 800, *,
            axe: bool = False) -> Iterator[Visit]:
    """A fresh context ``width`` pixels wide whose requests to other hosts are aborted; with
    ``axe``, axe-core is in every page it opens from the start (handed to the browser once,
    not again for each page).

    Routing requests (any) also turns off the HTTP cache: each page load fetches all it needs.
    """
    context = browser.new_context(viewport={"width": width, "height": height},
                                  service_workers="block")
    context.add_init_script(WATCH_CHANGES)
    if axe:
        context.add_init_script(path=AXE)
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
        visit.started(request)
        if urlsplit(request.url).hostname == LOCAL_HOST:
            visit.requested.append(request.url)

    context.route(OUTSIDE, guard)
    tab.on("request", record)
    tab.on("requestfinished", visit.ended)
    tab.on("requestfailed", visit.ended)
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
    """axe-core's violations of the WCAG 2.0, 2.1 and 2.2 A and AA rules on the open page
    (axe-core is added to it unless its context put it there, :func:`guarded`)."""
    if not tab.evaluate("() => typeof axe !== 'undefined'"):
        tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})""", AXE_TAGS)
    return result["violations"]
