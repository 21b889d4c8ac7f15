"""Something slow to make (a built site, a written register) made once per test run.

pytest's session scope ends at the process: under pytest-xdist every worker would build the demo
site again. :func:`once` keeps what it made in the temporary folder the whole run shares (under
xdist, the workers' common parent folder) behind a file lock: the first process to ask makes it,
the others wait for it and reuse it. Without xdist it is simply once per session. A failed attempt
leaves its partial folder, which the next process to ask removes before it tries again (and fails
the same way: under xdist every worker that needs it repeats a failing build).
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

from generator.site.file_lock import locked


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of the whole test run: under xdist, the parent of every worker's."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(factory: pytest.TempPathFactory, key: str, make: Callable[[Path], object]) -> Path:
    """``folder/key``, made by ``make(folder/key)`` only the first time any process of this
    test run asks for ``key``; callers must only read it."""
    folder = _folder(factory)
    with locked(folder / f"{key}.lock"):
        return _made(folder, key, make)


def once_each(factory: pytest.TempPathFactory, keys: Sequence[str],
              make: Callable[[str, Path], object]) -> dict[str, Path]:
    """:func:`once` for each of ``keys`` (``make(key, folder/key)``), shared out: this process
    first makes each thing no other process is making at the moment, then waits for the rest
    (or makes what a failed attempt left undone). Two workers asking for the same two keys at
    the same time make one each."""
    folder = _folder(factory)
    for key in keys:
        with _unless_busy(folder / f"{key}.lock") as mine:
            if mine:  # else another process is making it: waited for below
                _made(folder, key, partial(make, key))
    return {key: once(factory, key, partial(make, key)) for key in keys}


def _folder(factory: pytest.TempPathFactory) -> Path:
    folder = run_folder(factory) / "once"
    folder.mkdir(exist_ok=True)
    return folder


def _made(folder: Path, key: str, make: Callable[[Path], object]) -> Path:
    """``folder/key``, made unless a process already made it (call with its lock held)."""
    target, done = folder / key, folder / f"{key}.done"
    if not done.exists():
        shutil.rmtree(target, ignore_errors=True)  # what a failed attempt left
        make(target)
        done.touch()
    return target


@contextmanager
def _unless_busy(path: Path) -> Iterator[bool]:
    """The lock on ``path`` if nobody holds it (True), else False at once."""
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
