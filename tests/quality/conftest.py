"""Fixtures of the quality gate: the tools, the two built and served sites, the browser.

The demo register and a synthetic register of 1,000 clubs are each built once (``site`` is
parametrized over both); the Nu HTML Checker starts on a site as soon as it is built and runs
beside the browser checks. Everything here is package-scoped: it ends with ``tests/quality``.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.quality import browser as b
from tests.quality import report
from tests.quality.sites import PROJECT, Site, build_demo, build_synthetic, served
from tests.quality.sweep import Sweep, sweep

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


@pytest.fixture(scope="package", params=["demo", "synthetic-1000"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         java: str) -> Iterator[Site]:
    """A built site, served on 127.0.0.1, with the HTML checker already running over it."""
    _require(b.AXE, "axe-core (npm)")
    _require(VNU, "vnu-jar (npm)")
    work = tmp_path_factory.mktemp(request.param)
    built = build_demo(work / "site") if request.param == "demo" else build_synthetic(work)
    out = work / "vnu.json"
    with out.open("wb") as sink:
        checker = subprocess.Popen(
            [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout",
             "--skip-non-html", str(built.root)], stdout=sink, stderr=subprocess.STDOUT)
    built.checker = (checker, out)
    with served(built):
        yield built
    if checker.poll() is None:
        checker.kill()
        checker.wait()
    report.missing_pages(request.config, built)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    _require(b.CHROMIUM, "Chromium (Debian: chromium)")
    with sync_playwright() as playwright:
        launched = b.launch(playwright)
        yield launched
        launched.close()


@pytest.fixture(scope="package")
def swept(site: Site, browser: Browser) -> Sweep:
    """Every sampled page of ``site`` at both widths, loaded once: axe, requests, errors."""
    return sweep(browser, site)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    report.summary(terminalreporter)
