"""Shared fixtures."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest

from tests.registers import make_base

AS_OF = date(2026, 11, 22)

# The tests' own build cache (rendered PDFs), shared by this session's builds and their workers;
# never the user's cache, never the checkout.
os.environ["KIS_CACHE_DIR"] = tempfile.mkdtemp(prefix="kis-test-cache-")


@pytest.fixture
def base_register(tmp_path: Path) -> Path:
    return make_base(tmp_path / "register")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser quality gate (tests/quality, minutes) runs last: quick failures show first."""
    items.sort(key=lambda item: item.nodeid.startswith("tests/quality/"))
