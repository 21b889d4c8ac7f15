"""The guard of every browser test's page (tests/browser_support.py): a request to another host is
aborted and fails the test, while the site's own files and data: URLs load."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser_support import guarded_page, serve

pytest_plugins = ["tests.fixtures"]

PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACw="


def test_the_guard_lets_the_site_load_and_fails_on_another_host(browser: Browser,
                                                                 tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text("p { color: #000 }", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        f'<!doctype html><title>t</title><link rel="stylesheet" href="a.css">'
        f'<img src="{PIXEL}" alt=""><p>strona</p>', encoding="utf-8")
    with serve(tmp_path) as base:
        with guarded_page(browser) as page:  # its own files and a data: URL only: passes
            page.goto(base)
            assert page.evaluate("() => getComputedStyle(document.querySelector('p')).color") == (
                "rgb(0, 0, 0)")
            assert page.evaluate("() => document.images[0].complete")
        with (pytest.raises(AssertionError, match=r"requests to other hosts: \['https://example"),
              guarded_page(browser) as page):  # the guard's check, as the page closes, fails
            page.goto(base)
            page.set_content('<img src="https://example.org/piksel.gif" alt="">')
