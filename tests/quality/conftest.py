"""Fixtures of the quality gate: the tools, the two built and served sites, the browser.

The demo register and a synthetic register of 1,000 clubs are each built once per test run
(``site`` is parametrized over both; the demo build is the one the other site tests use); the Nu
HTML Checker starts on a site's pages (:func:`~tests.quality.sites.validated_pages`) as soon as
it is served and runs beside the browser checks. Everything here is package-scoped: it ends with
``tests/quality``. Under pytest-xdist the tests of one site run on one worker
(tests/work_groups.py).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser_support import CHROMIUM, chromium
from tests.quality import browser as b
from tests.quality import report
from tests.quality.sites import (
    PROJECT,
    Site,
    build_demo,
    build_synthetic,
    served,
    validated_pages,
)
from tests.quality.sweep import Sweep, sweep
from tests.work_groups import SITES

VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MISSING_TOOL = ("{what} is missing ({path}); `make test` installs it (Debian packages via "
                "scripts/system-deps.sh, npm packages via `npm ci`).")


def _require(path: Path | str | None, what: str) -> str:
    if path is None or not Path(path).exists():
        pytest.fail(MISSING_TOOL.format(what=what, path=path), pytrace=False)
    return str(path)


@pytest.fixture(scope="package")
def java() -> str:
    return _require(shutil.which("java"), "Java (Debian: default-jre-headless)")


@pytest.fixture(scope="package", params=SITES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         java: str) -> Iterator[Site]:
    """A built site, served on 127.0.0.1, with the HTML checker already running over it."""
    _require(b.AXE, "axe-core (npm)")
    _require(VNU, "vnu-jar (npm)")
    builder = build_demo if request.param == "demo" else build_synthetic
    built = builder(tmp_path_factory)
    out = tmp_path_factory.mktemp(request.param) / "vnu.json"
    with out.open("wb") as sink:
        checker = subprocess.Popen(
            [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout",
             "--skip-non-html", *map(str, validated_pages(built.root, built.sampled))],
            stdout=sink, stderr=subprocess.STDOUT)
    built.checker = (checker, out)
    with served(built):
        yield built
    if checker.poll() is None:
        checker.kill()
        checker.wait()


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole gate (tests/fixtures.py's ``browser`` lives for a module)."""
    _require(CHROMIUM, "Chromium (Debian: chromium)")
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="package")
def swept(site: Site, browser: Browser) -> Sweep:
    """Every sampled page of ``site`` at both widths, loaded once: axe, requests, errors."""
    return sweep(browser, site)


@pytest.fixture(autouse=True)
def _missing_page_kinds(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a test of a site, the optional page kinds it lacks go into the test's report."""
    site: Site | None = request.getfixturevalue("site") if "site" in request.fixturenames else None
    yield
    if site is not None and site.missing:
        report.add_missing(request.node, site.name, site.missing)
