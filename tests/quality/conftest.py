"""Fixtures of the quality gate: the tools, the two built and served sites, the browser.

The demo register and a synthetic register of 1,000 clubs are each built once per test run
(``site`` is parametrized over both; the demo build is the one the other site tests use); the Nu
HTML Checker runs over a site's pages (:func:`~tests.quality.sites.validated_pages`) only in the
process that runs test_html_valid. Everything here is package-scoped: it ends with
``tests/quality``. Under pytest-xdist the tests of one site run on one worker, but for the demo
site's, shared by two (tests/work_groups.py), which sweep a width each (``swept``).
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
from tests.quality.sweep import Sweep, shared_sweep
from tests.work_groups import SITES

VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# One short run of the checker: the quick (C1) compiler only and the serial collector halve its
# CPU time (17 → 7 CPU-s over the demo site's 356 pages); C1's larger frames need a deeper
# stack than the checker's 512k minimum (it stops with a StackOverflowError at 1 MB).
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m")
CHECKER_TIMEOUT = 900  # seconds; the 1,000-club site takes about two minutes
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
def site(request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A built site, served on 127.0.0.1."""
    _require(b.AXE, "axe-core (npm)")
    builder = build_demo if request.param == "demo" else build_synthetic
    with served(builder(tmp_path_factory)) as built:
        yield built


@pytest.fixture(scope="package")
def html_checked(site: Site, java: str) -> tuple[int, str]:
    """The Nu HTML Checker's exit code and JSON output over the site's validated pages."""
    checker = subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", _require(VNU, "vnu-jar (npm)"), "--errors-only", "--format",
         "json", "--stdout", "--skip-non-html",
         *map(str, validated_pages(site.root, site.sampled))],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=CHECKER_TIMEOUT, check=False)
    return checker.returncode, checker.stdout.decode("utf-8", "replace")


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole gate (tests/fixtures.py's ``browser`` lives for a module)."""
    _require(CHROMIUM, "Chromium (Debian: chromium)")
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="package")
def swept(site: Site, browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Sweep:
    """Every sampled page of ``site`` at both widths, loaded once a test run: axe, requests,
    errors (a width swept here, the other perhaps by another worker)."""
    return shared_sweep(tmp_path_factory, browser, site)


@pytest.fixture(autouse=True)
def _missing_page_kinds(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a test of a site, the optional page kinds it lacks go into the test's report."""
    site: Site | None = request.getfixturevalue("site") if "site" in request.fixturenames else None
    yield
    if site is not None and site.missing:
        report.add_missing(request.node, site.name, site.missing)
