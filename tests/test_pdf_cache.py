"""The PDF cache keeps what builds use and evicts by age and size, never by 'last build only'."""

from __future__ import annotations

import os
from pathlib import Path

from generator.parts.documents.pdf import evict
from generator.site.context import default_cache_dir

DAY = 86400.0
NOW = 1_800_000_000.0


def _pdf(folder: Path, name: str, size: int, days_ago: float) -> Path:
    path = folder / f"{name}.pdf"
    path.write_bytes(b"x" * size)
    os.utime(path, (NOW - days_ago * DAY, NOW - days_ago * DAY))
    return path


def test_another_registers_recent_pdfs_survive_a_build(tmp_path: Path) -> None:
    mine = _pdf(tmp_path, "mine", 10, 0)
    theirs = _pdf(tmp_path, "theirs", 10, 3)
    assert evict(tmp_path, keep={"mine"}, now=NOW) == []
    assert mine.is_file() and theirs.is_file()


def test_pdfs_unused_for_long_are_evicted(tmp_path: Path) -> None:
    old = _pdf(tmp_path, "old", 10, 61)
    kept_old = _pdf(tmp_path, "kept", 10, 400)  # this build uses it: never evicted
    assert evict(tmp_path, keep={"kept"}, now=NOW, max_age_days=60) == [old]
    assert kept_old.is_file()


def test_over_the_size_limit_the_least_recently_used_go_first(tmp_path: Path) -> None:
    a = _pdf(tmp_path, "a", 100, 5)
    b = _pdf(tmp_path, "b", 100, 4)
    c = _pdf(tmp_path, "c", 100, 1)
    assert evict(tmp_path, keep={"c"}, now=NOW, max_bytes=150) == [a, b]
    assert c.is_file()


def test_the_default_cache_is_outside_the_checkout(monkeypatch) -> None:
    monkeypatch.delenv("KIS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/tmp/xdg")
    assert default_cache_dir() == Path("/var/tmp/xdg/rejestr-kis")
    monkeypatch.setenv("KIS_CACHE_DIR", "/srv/kis-cache")
    assert default_cache_dir() == Path("/srv/kis-cache")


def test_the_tests_cache_is_their_own_and_outside_the_checkout(monkeypatch) -> None:
    from tests.conftest import tests_cache_dir

    chosen = Path(os.environ["KIS_CACHE_DIR"])  # what tests/conftest.py gave this run
    project = Path(__file__).resolve().parents[1]
    assert project not in chosen.resolve().parents and chosen.resolve() != project
    assert chosen.name == "rejestr-kis-tests" or chosen.name.startswith("kis-test-cache-")
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/tmp/xdg")
    assert tests_cache_dir() == Path("/var/tmp/xdg/rejestr-kis-tests")
    monkeypatch.delenv("KIS_CACHE_DIR", raising=False)
    assert tests_cache_dir() != default_cache_dir()  # never the user's own cache


def test_a_change_to_the_rendering_code_is_a_new_key(monkeypatch) -> None:
    from generator.parts.documents import pdf

    before = pdf.cache_key("<p>x</p>", "fonts")
    monkeypatch.setattr(pdf, "RENDERER", "another version of pdf_worker.py")
    assert pdf.cache_key("<p>x</p>", "fonts") != before
