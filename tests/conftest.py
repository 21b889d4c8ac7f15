"""Shared fixtures."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest

from tests.quality import report
from tests.registers import make_base
from tests.work_groups import QUALITY, SITES, GroupScheduling, site_of, work_group


def tests_cache_dir() -> Path:
    """``rejestr-kis-tests`` in the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "rejestr-kis-tests"


# Fixtures shared by many modules (browser, server, page, small_register, demo_site).
pytest_plugins = ["tests.fixtures"]

AS_OF = date(2026, 11, 22)

# The tests' own build cache (everything a build caches: PDFs, maps, workbooks, compiled
# templates), shared by this run's builds and their workers, and kept between runs like a
# user's: ``rejestr-kis-tests`` beside the user's ``rejestr-kis`` in the user's cache folder
# (never the user's cache, never the checkout).
# Everything in it is keyed by content (the PDF recipe, the drawing code…), so a later run reuses
# only what it would have made the same, and the cache evicts by age and size as a user's does.
# Tests that need an empty or a known cache make their own. ``KIS_TEST_CACHE=fresh`` gives a run
# an empty temporary cache, removed at exit (a first run on a new machine, measured). pytest-xdist's
# workers inherit the controller's environment (the controller imports this file first), so they
# share one cache (safe: builds may overlap on a cache, generator/parts/documents/pdf.py).
if os.environ.get("KIS_TEST_CACHE", "fresh") != "fresh":
    raise pytest.UsageError("KIS_TEST_CACHE may only be 'fresh' (an empty cache for this run)")
if not os.environ.get("PYTEST_XDIST_WORKER"):
    if os.environ.get("KIS_TEST_CACHE") == "fresh":
        os.environ["KIS_CACHE_DIR"] = tempfile.mkdtemp(prefix="kis-test-cache-")
        atexit.register(shutil.rmtree, os.environ["KIS_CACHE_DIR"], True)
    else:
        os.environ["KIS_CACHE_DIR"] = str(tests_cache_dir())


@pytest.fixture
def base_register(tmp_path: Path) -> Path:
    return make_base(tmp_path / "register")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Alone, the browser quality gate (tests/quality, minutes) runs last: quick failures show
    first. Under pytest-xdist (``make test``) it comes first: its groups, the longest, are
    handed out first (tests/work_groups.py). The gate's tests go site by site, those reading
    the browser's sweep first: both workers sharing the demo site start their half of it at
    once (tests/quality/sweep.py)."""
    parallel = bool(os.environ.get("PYTEST_XDIST_WORKER"))

    def order(item: pytest.Item) -> tuple[bool, int, bool]:
        site = getattr(item, "callspec", None) and item.callspec.params.get("site")
        return (item.nodeid.startswith(QUALITY) != parallel,
                SITES.index(site) if site in SITES else 0,
                "swept" not in getattr(item, "fixturenames", ()))

    items.sort(key=order)
    for item in items:  # a gate test whose site the scheduler misreads would build it twice
        if not item.nodeid.startswith(QUALITY):
            continue  # elsewhere a fixture named ``site`` is another thing (test_one_truth)
        site = getattr(item, "callspec", None) and item.callspec.params.get("site")
        if site and site_of(work_group(item.nodeid)) != site:
            raise pytest.UsageError(f"tests/work_groups.py puts {item.nodeid} in the wrong group")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """pytest-xdist hands out a module's tests, or the gate's tests of one site, together
    (unless ``--dist`` asks for another distribution than xdist's default)."""
    if config.option.dist not in ("load", "loadscope"):
        return None
    return GroupScheduling(config, log)  # type: ignore[arg-type]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The quality gate's figures (page weights, missing optional pages), also under xdist."""
    report.summary(terminalreporter)
