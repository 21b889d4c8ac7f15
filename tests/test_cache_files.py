"""The build cache's one writer (``cache_files.Memo``) and one eviction rule: a cache that
cannot be written only costs time, and no build evicts what it uses itself."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.site import cache_files
from generator.site.cache_files import Memo

NOBODY = 65534


def _counted(value: str):
    calls: list[int] = []

    def make() -> str:
        calls.append(1)
        return value

    return make, calls


def test_a_value_is_made_once_and_read_back(tmp_path: Path) -> None:
    make, calls = _counted("zażółć")
    memo: Memo[str] = Memo(tmp_path / "a" / "b", ".txt")  # the folder is made when written
    assert memo.get("k", make) == memo.get("k", make) == "zażółć"
    assert calls == [1]
    assert (tmp_path / "a" / "b" / "k.txt").read_text(encoding="utf-8") == "zażółć"
    data: Memo[bytes] = Memo(tmp_path, ".bin", binary=True)
    assert data.get("x", lambda: b"\x00\xff") == data.get("x", lambda: b"other") == b"\x00\xff"


def test_without_a_folder_every_value_is_made(tmp_path: Path) -> None:
    make, calls = _counted("v")
    memo: Memo[str] = Memo(None, ".txt")
    assert memo.get("k", make) == memo.get("k", make) == "v"
    assert calls == [1, 1]
    assert memo.evict(0, 0) == []


def _read_only_check(folder: Path) -> None:
    made: list[int] = []
    memo: Memo[str] = Memo(folder, ".txt")
    for _ in range(2):
        assert memo.get("new", lambda: made.append(1) or "made") == "made"
    assert made == [1, 1]  # made twice: it could not be kept
    assert memo.get("old", lambda: "not read") == "kept"  # a cached value is still read
    Memo(folder / "deeper", ".txt").get("k", lambda: "y")  # the folder cannot be made
    assert memo.evict(0, 0) == []  # nothing can be removed, and nothing fails


def _in_child(check: Callable[[], None]) -> None:
    """Run ``check`` in a forked child, as user nobody when this is root (root writes into a
    read-only folder); fails when the check does."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            if os.geteuid() == 0:
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            check()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_read_only_cache_only_costs_time() -> None:
    """A read-only cache folder (a shared cache of another user): values are made each time,
    cached ones still read, nothing raises."""
    base = Path(tempfile.mkdtemp(prefix="kis-read-only-"))
    try:
        folder = base / "cache"
        folder.mkdir()
        (folder / "old.txt").write_text("kept", encoding="utf-8")
        (folder / "old.txt").chmod(0o444)
        folder.chmod(0o555)
        base.chmod(0o555)
        _in_child(lambda: _read_only_check(folder))
        assert sorted(p.name for p in folder.iterdir()) == ["old.txt"]  # no temporary file left
    finally:
        base.chmod(0o755)
        folder.chmod(0o755)
        shutil.rmtree(base)


def test_a_full_cache_leaves_no_temporary_file(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: Path, target: Path) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "replace", full)
    memo: Memo[str] = Memo(tmp_path, ".txt")
    assert memo.get("k", lambda: "value") == "value"
    assert list(tmp_path.iterdir()) == []


def test_a_cache_folder_that_cannot_be_made_only_costs_time(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    memo: Memo[str] = Memo(tmp_path / "file" / "memo", ".txt")
    assert memo.get("k", lambda: "v") == "v"
    assert memo.evict(0, 0) == []


def _age(path: Path, days: float) -> None:
    past = time.time() - days * 86400
    os.utime(path, (past, past))


def test_a_build_never_evicts_what_it_used(tmp_path: Path) -> None:
    """This build's files exceed the byte limit and are old: all stay; another build's go."""
    earlier: Memo[str] = Memo(tmp_path, ".txt")
    earlier.get("gone", lambda: "x" * 100)
    build: Memo[str] = Memo(tmp_path, ".txt")
    for key in ("a", "b", "c"):
        build.get(key, lambda: "y" * 100)
    for path in tmp_path.iterdir():
        _age(path, 90)
    assert build.evict(max_age_days=60, max_bytes=150) == [tmp_path / "gone.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "c.txt"]


def test_keys_passed_as_keep_stay_too(tmp_path: Path) -> None:
    (tmp_path / "later.txt").write_text("z", encoding="utf-8")  # this build uses it later
    (tmp_path / "stale.txt").write_text("z", encoding="utf-8")
    memo: Memo[str] = Memo(tmp_path, ".txt")
    assert memo.evict(max_age_days=60, max_bytes=0, keep={"later"}) == [tmp_path / "stale.txt"]


def test_temporary_files_of_a_killed_build_are_evicted(tmp_path: Path) -> None:
    (tmp_path / "left.tmp").write_bytes(b"half")
    (tmp_path / "writing.tmp").write_bytes(b"half")  # another build writes it now
    _age(tmp_path / "left.tmp", 2)
    assert Memo(tmp_path, ".txt").evict(60) == [tmp_path / "left.tmp"]
    assert (tmp_path / "writing.tmp").exists()


def test_eviction_leaves_a_file_it_cannot_remove_and_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [tmp_path / f"{name}.pdf" for name in ("a", "b", "c")]
    for path in paths:
        path.write_bytes(b"x" * 10)
        _age(path, 90)
    unlink = Path.unlink

    def refuse(self: Path, missing_ok: bool = False) -> None:
        if self.name == "a.pdf":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)
    assert cache_files.evict(paths, max_age_days=60) == paths[1:]
    assert [p.exists() for p in paths] == [True, False, False]


def test_a_file_that_cannot_be_read_is_made_again(tmp_path: Path) -> None:
    (tmp_path / "k.txt").write_bytes(b"\xff\xfe not UTF-8")
    memo: Memo[str] = Memo(tmp_path, ".txt")
    assert memo.get("k", lambda: "fresh") == "fresh"
    assert (tmp_path / "k.txt").read_text(encoding="utf-8") == "fresh"
