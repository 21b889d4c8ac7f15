"""Serving a built folder on 127.0.0.1 and driving Debian's Chromium, for the browser tests.

One copy for every browser test (the quality gate, search, founding tools, site behaviour) and
the bench's Lighthouse server: a quiet threaded server, the Chromium launch arguments, a guard that
aborts any request to another host and records it, together with uncaught JavaScript errors, and
a guarded page that fails when either happened.

A test module that drives Chromium names ``tests.fixtures`` in ``pytest_plugins``: its
``browser``, ``server`` and ``page`` fixtures are made of these.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Route, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
LOCAL_HOST = "127.0.0.1"
# Any URL but one on 127.0.0.1, as a JavaScript regular expression too: Playwright's driver picks
# these requests out for the guard; the site's own go on without a round trip to Python (about
# 0.4 CPU-s a page load of a test). Any route at all turns the HTTP cache off.
OUTSIDE = re.compile(r"^(?![a-z][a-z0-9+.-]*://(?:[^/@]*@)?127\.0\.0\.1(?::\d*)?(?:[/?#]|$))")


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files of a folder, without a log line a request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet when the browser drops a connection (a tab closed mid-download)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(root: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serve ``root`` at a free port of 127.0.0.1 with ``handler`` (a quiet static-file handler
    unless given); yields the base URL (ending in ``/``)."""
    httpd = _Server((LOCAL_HOST, 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def guard(page: Page) -> tuple[list[str], list[str]]:
    """Abort ``page``'s requests to other hosts; (their URLs, uncaught JS errors), filled live."""
    outside: list[str] = []
    errors: list[str] = []

    def route(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == LOCAL_HOST or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route(OUTSIDE, route)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return outside, errors


@contextmanager
def guarded_page(browser: Browser, **context: object) -> Iterator[Page]:
    """A page in a new browser context (``context``: Playwright's options, e.g. ``viewport``)
    guarded as :func:`guard` does; after the ``with`` block, fails if the page asked another
    host for anything or raised a JavaScript error."""
    browser_context = browser.new_context(**context)  # type: ignore[arg-type]
    page = browser_context.new_page()
    outside, errors = guard(page)
    try:
        yield page
    finally:
        browser_context.close()
    assert outside == [], f"requests to other hosts: {outside}"
    assert errors == [], f"JavaScript errors: {errors}"
