"""Serving a built folder on 127.0.0.1 and driving Debian's Chromium, for the browser tests.

One copy for every browser test (the quality gate, search, founding tools, site behaviour): a
quiet threaded server, the Chromium launch arguments, and a guard that aborts any request to
another host and records it, together with uncaught JavaScript errors.
"""

from __future__ import annotations

import functools
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


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet when the browser drops a connection (a tab closed mid-download)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` at a free port of 127.0.0.1; yields the base URL (ending in ``/``)."""
    httpd = _Server((LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(root)))
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

    page.route("**/*", route)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return outside, errors
