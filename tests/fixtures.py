"""Fixtures shared by several test modules, as a pytest plugin: a module that uses them says
``pytest_plugins = ["tests.fixtures"]``.

- ``browser``: Debian's Chromium, headless, one per module; ``server``: the module's ``site``
  fixture served on 127.0.0.1 (its base URL, ending in ``/``); ``page``: a guarded page
  (tests/browser_support.py) in a new context made with ``page_options``, 1280 × 900 px unless
  the module defines its own ``page_options`` fixture.
- ``small_register``: the small hand-made register of tests/registers.py, written once per
  session; ``demo_site``: the demo register's whole site (tests/site_support.py builds it once
  per test run). Tests read them and never change them (make their own for that).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests import site_support
from tests.browser_support import chromium, guarded_page, serve
from tests.registers import make_register


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, for the tests of one module."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The module's ``site`` served on 127.0.0.1; its base URL."""
    with serve(site) as base:
        yield base


@pytest.fixture
def page_options() -> dict[str, object]:
    """Playwright's options for the context of ``page``."""
    return {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def page(browser: Browser, page_options: dict[str, object]) -> Iterator[Page]:
    """A page that may only talk to 127.0.0.1 and must raise no JavaScript error."""
    with guarded_page(browser, **page_options) as page:
        yield page


@pytest.fixture(scope="session")
def small_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small register (``SMALL_CLUBS`` and their story), once per session: read only."""
    return make_register(tmp_path_factory.mktemp("small") / "register")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo register's site as of ``DEMO_AS_OF``, with every part: read only."""
    return site_support.demo_site(tmp_path_factory)
